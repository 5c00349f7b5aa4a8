"""A modal to pick the category of events the events list shows (or every category, "other" aside)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.event_fields import OTHER

#: The option id of "every category".
ALL = "all-categories"


@dataclass(frozen=True)
class CategoryChoice:
    """What was picked: a category, or None for every category but "other"."""

    category: str | None


class CategoryPicker(ModalScreen[CategoryChoice | None]):
    """Choose a category of the listed events; dismisses with a CategoryChoice, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="category.cancel", tooltip="Keep the categories shown")
    ]

    def __init__(self, counts: list[tuple[str, int]], current: str | None) -> None:
        super().__init__()
        self._counts = counts
        self._current = current

    def compose(self) -> ComposeResult:
        shown = sum(count for category, count in self._counts if category != OTHER)
        options = [Option(self._line(f"all categories ({OTHER} aside)", shown, self._current is None), id=ALL)]
        options += [
            Option(self._line(category, count, category == self._current), id=f"category:{category}")
            for category, count in self._counts
        ]
        picker = OptionList(*options, id="category-list")
        picker.border_title = "Events of the category"
        yield picker

    @staticmethod
    def _line(name: str, count: int, current: bool) -> Text:
        text = Text(f"{'●' if current else ' '} {name}")
        text.append(f"  {count}", style="dim")
        return text

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        names = [category for category, _ in self._counts]
        picker.highlighted = names.index(self._current) + 1 if self._current in names else 0
        picker.focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        option_id = message.option.id or ALL
        self.dismiss(CategoryChoice(None if option_id == ALL else option_id.removeprefix("category:")))
