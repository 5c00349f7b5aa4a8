"""The help screen: help.md (beside this file) followed by a table of the real bindings, read from the app."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

HELP_FILE = Path(__file__).with_name("help.md")


def bindings_table(rows: list[tuple[str, str, str]]) -> str:
    """A Markdown table of (keys, description, id) rows."""
    lines = ["| Keys | Action | Id (for keymap.toml) |", "|---|---|---|"]
    for keys, description, binding_id in rows:
        shown = ", ".join(f"`{key}`" for key in keys.split(","))
        lines.append(f"| {shown} | {description} | `{binding_id}` |")
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    """Help text and every binding; escape, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close", tooltip="Close the help"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self._rows = rows

    def compose(self) -> ComposeResult:
        text = HELP_FILE.read_text(encoding="utf-8") + "\n" + bindings_table(self._rows) + "\n"
        from textual.widgets import Markdown  # imported here: Markdown costs ~60 ms at startup

        with VerticalScroll(id="help-box"):
            yield Markdown(text, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()
