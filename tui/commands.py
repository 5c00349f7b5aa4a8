"""The command palette's commands for the main screen: what can be done now, prefixed by area
("article: copy citation (APA)", "event: copy quotation (MLA)", "view: hide PERSON entities", …).

`palette_commands` is a pure function from what the screen shows (a PaletteContext) to commands as action strings;
the provider (the main screen's own, in its COMMANDS) runs the chosen action on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.style_names import STYLE_NAMES, STYLES
from tui.styling import label_name


@dataclass(frozen=True)
class PaletteContext:
    """What the palette's commands depend on."""

    #: The open article's entity labels, and those hidden; None: no article open.
    article_labels: tuple[str, ...] | None
    hidden_labels: frozenset[str]
    event_selected: bool
    #: The events list shows the article's events (else the results' timeline).
    article_scope: bool
    citation_style: str
    #: The order searches ask for: "relevance" or "date".
    sort: str = "relevance"
    #: The result list has hits (to export).
    has_results: bool = False


@dataclass(frozen=True)
class PaletteCommand:
    """A command: its title, the screen action it runs (`app.` for the app's), and the key that does the same."""

    title: str
    action: str
    help: str = ""


def palette_commands(context: PaletteContext) -> list[PaletteCommand]:
    """The commands that make sense in `context`, the current citation style's first."""
    commands: list[PaletteCommand] = []
    current = context.citation_style
    if context.article_labels is not None:
        commands.append(PaletteCommand(f"article: copy citation ({STYLE_NAMES[current]})", "cite", "key c"))
        commands += [
            PaletteCommand(f"article: copy citation ({STYLE_NAMES[style]})", f"cite({style!r})")
            for style in STYLES
            if style != current
        ]
        for label in context.article_labels:
            verb = "show" if label in context.hidden_labels else "hide"
            title = f"view: {verb} {label} ({label_name(label)}) entities"
            commands.append(PaletteCommand(title, f"toggle_label({label!r})"))
        commands.append(PaletteCommand("article: next query term", "hit(1)", "key n"))
        commands.append(PaletteCommand("article: next entity", "entity(1)", "key e"))
        commands.append(PaletteCommand("article: find in the article", "find", "key ctrl+f"))
        commands.append(PaletteCommand("article: next sentence", "sentence(1)", "key )"))
        commands.append(PaletteCommand("article: previous sentence", "sentence(-1)", "key ("))
        quote = f"article: copy the sentence as a quotation ({STYLE_NAMES[current]})"
        commands.append(PaletteCommand(quote, "quote", "key y"))
    if context.event_selected:
        commands.append(PaletteCommand(f"event: copy quotation ({STYLE_NAMES[current]})", "quote", "key y"))
    other = "timeline of the results" if context.article_scope else "events of the article"
    commands.append(PaletteCommand(f"events: show the {other}", "toggle_scope", "key t"))
    if context.sort == "date":
        commands.append(PaletteCommand("results: sort by relevance", "sort('relevance')", "key s"))
    else:
        commands.append(PaletteCommand("results: sort by date (newest first)", "sort('date')", "key s"))
    if context.has_results:
        commands.append(PaletteCommand("results: export as CSV…", "export('csv')", "key x"))
        commands.append(PaletteCommand("results: export as JSON…", "export('json')", "key x"))
    commands.append(PaletteCommand("search: focus the search bar", "focus_search", "key /"))
    commands.append(PaletteCommand("search: clear the query (every article, newest first)", "clear_query"))
    commands.append(PaletteCommand("entities: show the entities panel", "show_pane('entities')", "key f"))
    commands.append(PaletteCommand("citation: pick the citation style", "pick_style", "key C"))
    commands.append(PaletteCommand("help: keys and query language", "app.help", "key ? or F1"))
    return commands


class PaletteSource(Protocol):
    """A screen that tells the palette its context and runs its actions."""

    def palette_context(self) -> PaletteContext: ...

    async def run_action(self, action: str) -> bool: ...


class ScreenCommands(Provider):
    """The commands of the screen the palette was opened from (see palette_commands)."""

    def _commands(self) -> list[tuple[PaletteCommand, object]]:
        screen = self.screen
        context = getattr(screen, "palette_context", None)
        if context is None:
            return []
        source: PaletteSource = screen  # type: ignore[assignment]
        return [(command, partial(source.run_action, command.action)) for command in palette_commands(context())]

    async def discover(self) -> Hits:
        for command, run in self._commands():
            yield DiscoveryHit(command.title, run, help=command.help)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, run in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), run, text=command.title, help=command.help)  # type: ignore[arg-type]
