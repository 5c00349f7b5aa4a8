"""Shown when no clipboard is reachable: the text in a read-only area, selectable for copying by hand."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea


class CopyTextScreen(ModalScreen[None]):
    """The text to copy by hand; escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="copy_text.close", tooltip="Close")
    ]

    def __init__(self, what: str, text: str) -> None:
        super().__init__()
        self._what = what
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-box"):
            yield Static(f"No clipboard available: select the {self._what} below and copy it. Escape closes.")
            yield TextArea(self._text, read_only=True, id="copy-text", soft_wrap=True)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()
