"""The search bar: the query input and, beside it, the hit count and the time the search took.

The query input types every printable key, with two exceptions in an empty box (no query starts with them): `?`
opens the help, so help is at hand on the first screen, and `/`, the key that comes to this box, is not typed when
the box has focus already (as it has at start). `ctrl+q` quits from the box (the footer shows it there,
where `q` is text), and `down` moves to the results.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from tui.widgets.in_order_input import InOrderInput

#: Keys the empty box leaves to the bindings (the app's help; `/`, which focuses this box), instead of typing them.
EMPTY_BOX_KEYS = frozenset({"question_mark", "slash"})


class QueryInput(InOrderInput):
    """The query box: its editing keys act in the order typed (see InOrderInput); while empty, it lets `?` through
    to the help binding and `/` to the search binding."""

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
        # Textual calls the `_on_key` of every class of the MRO in turn, until one prevents the default
        if not self.value and event.key in EMPTY_BOX_KEYS:
            event.prevent_default()  # not typed (Input's handler is skipped); the key bubbles on to the bindings

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
