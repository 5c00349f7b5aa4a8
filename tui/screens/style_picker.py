"""A modal to pick the citation style (remembered in the settings by the app)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.style_names import STYLE_NAMES, STYLES


class StylePicker(ModalScreen[str | None]):
    """Choose one of STYLES; dismisses with the style name, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="style.cancel", tooltip="Keep the current style")
    ]

    def __init__(self, current: str) -> None:
        super().__init__()
        self._current = current

    def compose(self) -> ComposeResult:
        options = [
            Option(Text(f"{'●' if style == self._current else ' '} {STYLE_NAMES.get(style, style)}"), id=style)
            for style in STYLES
        ]
        picker = OptionList(*options, id="style-list")
        picker.border_title = "Citation style"
        yield picker

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        picker.highlighted = STYLES.index(self._current) if self._current in STYLES else 0
        picker.focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(message.option.id)
