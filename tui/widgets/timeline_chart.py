"""The timeline's bar chart: the listed events counted per day, week, month or year (tui.timeline_buckets chooses
which from the span of their dates and the chart's width), drawn in block characters above the events list.

`left`/`right` (or `h`/`l`) move the cursor between the bars, `enter` or a click on a bar narrows the events list to
that period (`PeriodChosen`), `x` shows every date again. A few dozen cells, drawn by hand: no plotting library is
loaded for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Click, Resize
from textual.message import Message
from textual.widget import Widget

from tui.timeline_buckets import Buckets, Period, axis_label, bucket_events, period_label

if TYPE_CHECKING:
    from search.model import Event

#: Rows of bars (each in eighths of a cell), under them a row of dates and a row about the bar at the cursor.
BAR_ROWS = 4
#: The widest a bar gets (cells, with a one-cell gap after it) when there are few.
WIDEST = 4
BLOCKS = " ▁▂▃▄▅▆▇█"


def bar_heights(counts: Sequence[int], rows: int) -> list[int]:
    """Each count's bar height in eighths of a cell, the tallest `rows` cells high; a non-zero count shows."""
    peak = max(counts, default=0)
    if peak == 0:
        return [0 for _ in counts]
    return [max(1, round(count * rows * 8 / peak)) if count else 0 for count in counts]


def bar_cells(count: int, width: int) -> int:
    """Cells per bar (its gap included) when `count` bars share `width` cells."""
    return max(1, min(WIDEST, width // max(1, count)))


class TimelineChart(Widget, can_focus=True):
    """Events per period as bars; choosing one posts PeriodChosen."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-chart--bar",
        "timeline-chart--cursor",
        "timeline-chart--chosen",
        "timeline-chart--axis",
    }
    DEFAULT_CSS = """
    TimelineChart {
        height: 8;
        & > .timeline-chart--bar { color: $primary; }
        & > .timeline-chart--cursor { color: $foreground-darken-1; }
        &:focus > .timeline-chart--cursor { color: $accent; }
        & > .timeline-chart--chosen { color: $success; }
        & > .timeline-chart--axis { color: $text-muted; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "Earlier", show=False, id="timeline.earlier", tooltip="Previous bar"),
        Binding("right,l", "move(1)", "Later", show=False, id="timeline.later", tooltip="Next bar"),
        Binding("home", "jump(0)", "First", show=False, id="timeline.first", tooltip="First bar"),
        Binding("end", "jump(-1)", "Last", show=False, id="timeline.last", tooltip="Last bar"),
        Binding("enter", "choose", "Narrow", id="timeline.choose", tooltip="List only the events of this period"),
        Binding("x", "clear", "All dates", id="timeline.clear", tooltip="List the events of every period"),
        Binding("down,j", "app.focus_next", "Events", show=False, id="timeline.to_list", tooltip="To the list"),
    ]

    @dataclass
    class PeriodChosen(Message):
        """A bar was chosen (`period`), or every date asked for again (None)."""

        chart: TimelineChart
        period: Period | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.events: list[Event] = []
        self.buckets = Buckets("day", ())
        self.cursor = 0
        #: The start of the chosen bar's period (None: every date).
        self.chosen: Period | None = None
        self.border_title = "Events over time"

    def show_events(self, events: Sequence[Event], period: Period | None = None) -> None:
        """Count these events, the cursor on the `period` chosen when it is still a bar (another category of the
        same results), else on the busiest bar; a period that is no bar any more is given up (PeriodChosen None)."""
        self.events = list(events)
        self._count()
        starts = [bar.start for bar in self.buckets.bars]
        if period is not None and period.granularity == self.buckets.granularity and period.start in starts:
            self.chosen, self.cursor = period, starts.index(period.start)
        else:
            self.chosen = None
            self._to_busiest()
            if period is not None:
                self.post_message(self.PeriodChosen(self, None))
        self.refresh()
        self.refresh_bindings()

    def _to_busiest(self) -> None:
        counts = [bar.count for bar in self.buckets.bars]
        self.cursor = counts.index(max(counts)) if counts else 0

    @property
    def bar_width(self) -> int:
        return max(1, self.content_size.width)

    def _count(self) -> None:
        self.buckets = bucket_events(self.events, self.bar_width)
        self.cursor = min(self.cursor, max(0, len(self.buckets.bars) - 1))
        granularity = self.buckets.granularity
        self.border_title = f"Events per {granularity}" if self.buckets.bars else "Events over time"
        left_out = [
            f"{count} {what}"
            for count, what in ((self.buckets.undated, "undated"), (self.buckets.coarser, f"not by {granularity}"))
            if count
        ]
        self.border_subtitle = " · ".join(left_out)

    def on_resize(self, event: Resize) -> None:
        granularity, bars = self.buckets.granularity, len(self.buckets.bars)
        self._count()
        if (self.buckets.granularity, len(self.buckets.bars)) != (granularity, bars):
            self._to_busiest()
            if self.chosen is not None:  # the bars are not the same periods any more
                self.chosen = None
                self.post_message(self.PeriodChosen(self, None))

    # ---- choosing --------------------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.buckets.bars:
            self.cursor = max(0, min(len(self.buckets.bars) - 1, self.cursor + step))
            self.refresh()

    def action_jump(self, index: int) -> None:
        if self.buckets.bars:
            self.cursor = index % len(self.buckets.bars)
            self.refresh()

    def action_choose(self) -> None:
        if not self.buckets.bars:
            return
        bar = self.buckets.bars[self.cursor]
        self.chosen = Period(bar.start, bar.end, self.buckets.granularity)
        self.refresh()
        self.refresh_bindings()
        self.post_message(self.PeriodChosen(self, self.chosen))

    def action_clear(self) -> None:
        if self.chosen is not None:
            self.clear_period()
            self.post_message(self.PeriodChosen(self, None))

    def clear_period(self) -> None:
        """Show no bar as chosen (the list was shown every date again)."""
        self.chosen = None
        self.refresh()
        self.refresh_bindings()

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.buckets.bars:
            return
        cells = bar_cells(len(self.buckets.bars), self.bar_width)
        index = self._first_shown(cells) + offset.x // cells
        if index < len(self.buckets.bars):
            self.cursor = index
            self.action_choose()

    # ---- drawing ---------------------------------------------------------------------------------------------

    def _first_shown(self, cells: int) -> int:
        """The first bar drawn: 0, unless there are more bars than room, then so that the cursor shows."""
        room = max(1, self.bar_width // cells)
        bars = len(self.buckets.bars)
        return max(0, min(self.cursor - room // 2, bars - room)) if bars > room else 0

    def render(self) -> Text:
        bars = self.buckets.bars
        if not bars:
            note = "No dated events to chart." if self.events else "No events to chart."
            return Text("\n" * (BAR_ROWS // 2) + note, style=self.get_component_rich_style("timeline-chart--axis"))
        width = self.bar_width
        cells = bar_cells(len(bars), width)
        first = self._first_shown(cells)
        shown = range(first, min(len(bars), first + max(1, width // cells)))
        heights = bar_heights([bar.count for bar in bars], BAR_ROWS)
        lines = [self._bar_row(row, shown, heights, cells) for row in range(BAR_ROWS)]
        lines.append(self._axis(shown, cells, width))
        lines.append(self._about_cursor())
        return Text("\n").join(lines)

    def _style_of(self, index: int) -> Style:
        bar = self.buckets.bars[index]
        if self.chosen is not None and self.chosen.start == bar.start:
            return self.get_component_rich_style("timeline-chart--chosen")
        if index == self.cursor:
            return self.get_component_rich_style("timeline-chart--cursor")
        return self.get_component_rich_style("timeline-chart--bar")

    def _bar_row(self, row: int, shown: range, heights: list[int], cells: int) -> Text:
        level = (BAR_ROWS - 1 - row) * 8  # eighths below this row
        text = Text()
        for index in shown:
            fill = max(0, min(8, heights[index] - level))
            glyph = BLOCKS[fill]
            if index == self.cursor and fill == 0 and row == BAR_ROWS - 1:
                glyph = "▔" if heights[index] == 0 else glyph  # an empty bar at the cursor still shows where it is
            text.append(glyph * max(1, cells - 1), style=self._style_of(index))
            if cells > 1:
                text.append(" ")
        return text

    def _axis(self, shown: range, cells: int, width: int) -> Text:
        granularity = self.buckets.granularity
        start = axis_label(self.buckets.bars[shown.start].start, granularity)
        end = axis_label(self.buckets.bars[shown[-1]].start, granularity)
        style = self.get_component_rich_style("timeline-chart--axis")
        room = max(len(shown) * cells - (1 if cells > 1 else 0), len(start) + len(end) + 1)
        if len(shown) == 1 or room > width:
            return Text(start, style=style)
        return Text(start + " " * (room - len(start) - len(end)) + end, style=style)

    def _about_cursor(self) -> Text:
        bar = self.buckets.bars[self.cursor]
        text = Text(f"{period_label(bar.start, self.buckets.granularity)}: ", style="bold")
        text.append(f"{bar.count} event{'s' if bar.count != 1 else ''}")
        if self.chosen is not None and self.chosen.start == bar.start:
            text.append(" (listed)", style=self.get_component_rich_style("timeline-chart--chosen"))
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear":
            return self.chosen is not None  # in the footer only when a period is chosen
        return super().check_action(action, parameters)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
