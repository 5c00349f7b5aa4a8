"""A modal that asks where to export the result list: a path, prefilled with a new file in the current folder;
the extension picks the format (.csv: CSV, else JSON). Enter confirms (twice to replace an existing file), escape
cancels."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the confirmed path, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="export.cancel", tooltip="Do not export")
    ]

    def __init__(self, count: int, path: Path) -> None:
        super().__init__()
        self._count = count
        self._path = path
        self._replace: Path | None = None  # a path the user was told exists: enter again replaces it

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            rows = f"{self._count} result{'s' if self._count != 1 else ''}"
            yield Static(f"Export {rows} to this file (.csv: CSV, else JSON). Enter: export · escape: cancel")
            yield Input(str(self._path), id="export-path")
            yield Static("", id="export-problem")

    def on_mount(self) -> None:
        box = self.query_one("#export-box")
        box.border_title = "Export the results"
        field = self.query_one("#export-path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = Path(event.value.strip()).expanduser()
        problem = export_problem(path)
        if problem is None and path.exists() and self._replace != path:
            self._replace = path
            problem = f"{path.name} exists: enter again to replace it."
        if problem is not None:
            self.query_one("#export-problem", Static).update(problem)
            return
        self.dismiss(path)

    def on_input_changed(self) -> None:
        self.query_one("#export-problem", Static).update("")


def export_problem(path: Path) -> str | None:
    """Why `path` cannot be written to (no name, a folder, no such folder), or None."""
    if not path.name:
        return "Type a file name."
    if path.is_dir():
        return f"{path} is a folder: add a file name."
    if not path.parent.is_dir():
        return f"No folder {path.parent}."
    return None
