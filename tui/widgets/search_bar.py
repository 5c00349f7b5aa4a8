"""The search bar: the query input and, beside it, the hit count and the time the search took."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static


class SearchBar(Horizontal):
    """Input + status; the screen listens to Input.Changed / Input.Submitted."""

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder='Search: words, "phrases", person:"…", date:2019, -word   (empty: every article)',
            id="query",
        )
        yield Static("opening the index…", id="status")  # set here, not after mount: one layout fewer at startup

    def set_status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(text)
        status.set_class(error, "-error")
