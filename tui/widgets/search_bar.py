"""The search bar: the query input and, beside it, the hit count and the time the search took.

The query input types every printable key, with one exception: `?` in an empty box opens the help (no query
starts with it), so help is at hand on the first screen. `ctrl+q` quits from the box (the footer shows it there,
where `q` is text), and `down` moves to the results.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Static

#: Keys the empty box leaves to the bindings (the app's help), instead of typing them.
EMPTY_BOX_KEYS = frozenset({"question_mark"})


class QueryInput(Input):
    """The query box: an Input that, while empty, lets `?` through to the help binding."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: the app's own (hidden) ctrl+q would otherwise take the footer's place and hide it
        Binding("ctrl+q", "app.quit", "Quit", priority=True, id="search.quit", tooltip="Quit explore"),
        Binding("down", "screen.to_results", "Results", show=False, id="search.down", tooltip="Go to the results"),
    ]

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if not self.value and key in EMPTY_BOX_KEYS:
            return False
        return super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if not self.value and event.key in EMPTY_BOX_KEYS:
            event.prevent_default()  # not typed (Input's own handler is skipped); it bubbles on to the bindings
            return
        if await self._edit(event):
            return
        await super()._on_key(event)

    async def _edit(self, event: events.Key) -> bool:
        """Run Input's own editing binding for this key (ctrl+u, backspace, left, enter…) here, in the order typed.

        Textual runs a widget's bindings only once the key has bubbled up to the app, through the queues of the
        search bar and the screen, while printable keys are typed into the box at once: a screen busy with a large
        result ran ctrl+u after the letters typed behind it, and it erased them. Bindings with an id (the keymap
        may move them) keep the usual way.
        """
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            if binding.id is None and not binding.priority:
                event.stop()
                event.prevent_default()
                await self.run_action(binding.action)
                return True
        return False

    def watch_value(self, old: str, new: str) -> None:
        if bool(old) != bool(new):
            self.refresh_bindings()  # the footer shows "? Help" only while the box is empty


class SearchBar(Horizontal):
    """Input + status; the screen listens to Input.Changed / Input.Submitted."""

    def compose(self) -> ComposeResult:
        yield QueryInput(
            placeholder='Search: words, "phrases", person:"…", date:2019, -word   (empty: every article)',
            id="query",
        )
        yield Static("opening the index…", id="status")  # set here, not after mount: one layout fewer at startup

    def set_status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(text)
        status.set_class(error, "-error")
