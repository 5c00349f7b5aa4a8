"""The help screen: help.md (beside this file) followed by a table of the real bindings, read from the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

HELP_FILE = Path(__file__).with_name("help.md")


def bindings_table(rows: list[tuple[str, str, str]], display: Callable[[str], str] = str) -> str:
    """A Markdown table of (keys, description, id) rows; `display` shows a key as the footer does (`?`, not
    `question_mark`)."""
    lines = ["| Keys | Action | Id (for keymap.toml) |", "|---|---|---|"]
    for keys, description, binding_id in rows:
        shown = ", ".join(f"`{display(key)}`" for key in keys.split(","))
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
        table = bindings_table(self._rows, self._key_display)
        text = HELP_FILE.read_text(encoding="utf-8") + "\n" + table + "\n\n" + files_text() + "\n"
        from textual.widgets import Markdown  # imported here: Markdown costs ~60 ms at startup

        with VerticalScroll(id="help-box"):
            yield Markdown(text, id="help-text")

    def _key_display(self, key: str) -> str:
        return self.app.get_key_display(Binding(key.strip(), ""))

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()


def files_text() -> str:
    """Where the settings and the keymap are read from (Markdown)."""
    from search.settings import settings_path
    from tui.keymap import keymap_path

    return (
        "## Files\n\n"
        f"- Settings (citation style, model): `{settings_path()}`\n"
        f'- Keymap (`binding-id = "key"` lines; the ids are in the table above): `{keymap_path()}`'
    )
