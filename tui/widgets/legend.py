"""The entity legend: which colour is which type; clicking a type (or the palette) switches it off and on."""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.widgets import Static

from tui.messages import LabelToggled
from tui.styling import label_name, label_style


class Legend(Static):
    """One line of entity types in their colours; a switched-off type is struck through."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._labels: list[str] = []
        self._hidden: frozenset[str] = frozenset()
        self._ranges: list[tuple[int, int, str]] = []

    def show_labels(self, labels: Iterable[str], hidden: frozenset[str]) -> None:
        self._labels = sorted(set(labels))
        self._hidden = hidden
        text = Text("Entities: ", style="dim")
        self._ranges = []
        for label in self._labels:
            start = len(text.plain)
            name = f"{label_name(label)} ({label})"
            style = label_style(label) + (Style(strike=True, dim=True) if label in hidden else Style())
            text.append("■ " + name, style=style)
            self._ranges.append((start, len(text.plain), label))
            text.append("  ")
        if not self._labels:
            text = Text("No entities in this article.", style="dim")
        self.tooltip = "Click a type to switch it off or on (or use the command palette: view: …)"
        self.update(text)

    def on_click(self, event: Click) -> None:
        # The legend may wrap; count the characters before the click on the rendered lines.
        width = max(1, self.content_region.width)
        offset = event.y * width + event.x
        for start, end, label in self._ranges:
            if start <= offset < end:
                self.post_message(LabelToggled(label))
                return
