"""The command palette provider: commands that depend on what is open, prefixed by area
("article: copy citation (APA)", "event: copy quotation (MLA)", "view: hide PERSON entities", …).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.screens.main_screen import MainScreen
from tui.style_names import STYLE_NAMES, STYLES
from tui.styling import label_name
from tui.widgets.events_panel import ARTICLE
from tui.widgets.reader import Reader

if TYPE_CHECKING:
    from tui.app import ExploreApp

Command = tuple[str, Callable[[], object], str]


def context_commands(app: ExploreApp) -> list[Command]:
    """(title, callback, help) for what can be done now."""
    screen = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
    if screen is None:
        return []
    commands: list[Command] = []
    reader = screen.query_one(Reader)
    document = reader.document
    current = app.citation_style
    if document is not None:
        commands.append(
            (f"article: copy citation ({STYLE_NAMES[current]})", partial(app.copy_citation, document), "key c")
        )
        for style in STYLES:
            if style != current:
                commands.append(
                    (f"article: copy citation ({STYLE_NAMES[style]})", partial(app.copy_citation, document, style), "")
                )
        labels = sorted({mention.label for mention in document.annotation.mentions})
        for label in labels:
            verb = "show" if label in reader.hidden_labels else "hide"
            commands.append(
                (f"view: {verb} {label} ({label_name(label)}) entities", partial(screen.toggle_label, label), "")
            )
        commands.append(("article: next query term", partial(screen.action_hit, 1), "key n"))
        commands.append(("article: next entity", partial(screen.action_entity, 1), "key e"))
    event = screen.query_one("#events").selected_event  # type: ignore[attr-defined]
    if event is not None:
        commands.append((f"event: copy quotation ({STYLE_NAMES[current]})", screen.action_quote, "key y"))
    other = "timeline of the results" if screen.scope == ARTICLE else "events of the article"
    commands.append((f"events: show the {other}", screen.action_toggle_scope, "key t"))
    commands.append(("search: focus the search bar", screen.action_focus_search, "key /"))
    commands.append(("search: clear the query (every article, newest first)", partial(_clear, screen), ""))
    commands.append(("entities: show the entities panel", partial(screen.show_pane, "entities"), "key f"))
    commands.append(("citation: pick the citation style", app.pick_style, "key C"))
    commands.append(("help: keys and query language", app.action_help, "key ? or F1"))
    return commands


def _clear(screen: MainScreen) -> None:
    from textual.widgets import Input

    screen.query_one("#query", Input).value = ""
    screen.start_search("")


class ExploreCommands(Provider):
    """Context-aware commands of `explore`."""

    def _commands(self) -> list[Command]:
        return context_commands(cast("ExploreApp", self.app))

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
