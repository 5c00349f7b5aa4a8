"""Events counted per day, week, month or year, for the timeline's bar chart; no Textual here.

The granularity comes from the span of the dates: the finest whose number of bars fits the chart's width, and never
finer than the most precise date there is (events dated only to a month are not counted per day). An event dated
less precisely than the chart's granularity (a month in a chart per day) is left out of the chart and counted as
such; so are undated events. The bars run without gaps from the first period to the last, empty periods included,
so that the chart is a time axis.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.model import Event

#: From the finest to the coarsest.
GRANULARITIES = ("day", "week", "month", "year")
_RANK = {name: rank for rank, name in enumerate(GRANULARITIES)}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Bucket:
    """One bar: the period from `start` to `end` (both included) and how many events fall in it."""

    start: datetime.date
    end: datetime.date
    count: int


@dataclass(frozen=True)
class Buckets:
    """The bars of a chart, at one granularity, and how many events the chart leaves out."""

    granularity: str
    bars: tuple[Bucket, ...]
    #: Events without a date.
    undated: int = 0
    #: Events dated less precisely than the granularity (a month in a chart per day).
    coarser: int = 0

    @property
    def peak(self) -> int:
        return max((bar.count for bar in self.bars), default=0)


@dataclass(frozen=True)
class Period:
    """A chosen bar: the events dated within it (at least as precisely as its granularity) are shown."""

    start: datetime.date
    end: datetime.date
    granularity: str

    @property
    def label(self) -> str:
        return period_label(self.start, self.granularity)

    def holds(self, event: Event) -> bool:
        dated = event_date(event)
        if dated is None or _RANK[dated[1]] > _RANK[self.granularity]:
            return False
        return self.start <= period_start(dated[0], self.granularity) <= self.end


def event_date(event: Event) -> tuple[datetime.date, str] | None:
    """The start of an event's date and how precise it is ("day", "week", "month", "year"), or None (undated, or
    a date that does not parse)."""
    return parse_date(event.date, event.granularity)


def parse_date(text: str | None, granularity: str | None) -> tuple[datetime.date, str] | None:
    """An ISO date at its granularity ("2021-03-26", "2021-03", "2021"; a week is its Monday's date)."""
    if not text:
        return None
    parts = text.split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 3:
            precision = "week" if granularity == "week" else "day"
            return datetime.date(numbers[0], numbers[1], numbers[2]), precision
        if len(numbers) == 2:
            return datetime.date(numbers[0], numbers[1], 1), "month"
        if len(numbers) == 1:
            return datetime.date(numbers[0], 1, 1), "year"
    except ValueError:
        return None
    return None


def period_start(day: datetime.date, granularity: str) -> datetime.date:
    """The first day of the period of `granularity` that holds `day` (weeks start on Monday)."""
    if granularity == "week":
        return day - datetime.timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    if granularity == "year":
        return day.replace(month=1, day=1)
    return day


def next_period(start: datetime.date, granularity: str) -> datetime.date:
    """The first day of the period after the one starting on `start`."""
    if granularity == "day":
        return start + datetime.timedelta(days=1)
    if granularity == "week":
        return start + datetime.timedelta(days=7)
    if granularity == "month":
        return datetime.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return datetime.date(start.year + 1, 1, 1)


def periods_between(first: datetime.date, last: datetime.date, granularity: str) -> int:
    """How many periods of `granularity` run from the one holding `first` to the one holding `last`."""
    first, last = period_start(first, granularity), period_start(last, granularity)
    if granularity == "day":
        return (last - first).days + 1
    if granularity == "week":
        return (last - first).days // 7 + 1
    if granularity == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.year - first.year + 1


def choose_granularity(dates: Iterable[tuple[datetime.date, str]], max_bars: int) -> str | None:
    """The finest granularity whose bars from the first date to the last fit in `max_bars`, and no finer than the
    most precise date; None without dates."""
    dated = list(dates)
    if not dated:
        return None
    first, last = min(day for day, _ in dated), max(day for day, _ in dated)
    finest = min(_RANK[precision] for _, precision in dated)
    for granularity in GRANULARITIES[finest:]:
        if periods_between(first, last, granularity) <= max(1, max_bars):
            return granularity
    return GRANULARITIES[-1]


def bucket_events(events: Sequence[Event], max_bars: int) -> Buckets:
    """The events counted per period, at the granularity chosen for at most `max_bars` bars (more only when even
    years do not fit)."""
    dated = [found for found in (event_date(event) for event in events) if found is not None]
    undated = len(events) - len(dated)
    granularity = choose_granularity(dated, max_bars)
    if granularity is None:
        return Buckets("day", (), undated=undated)
    rank = _RANK[granularity]
    counted = [day for day, precision in dated if _RANK[precision] <= rank]
    counts = Counter(period_start(day, granularity) for day in counted)
    bars = []
    start, last = min(counts), max(counts)
    while start <= last:
        after = next_period(start, granularity)
        bars.append(Bucket(start, after - datetime.timedelta(days=1), counts.get(start, 0)))
        start = after
    return Buckets(granularity, tuple(bars), undated=undated, coarser=len(dated) - len(counted))


def period_label(start: datetime.date, granularity: str) -> str:
    """A period as said: "26 Mar 2021", "week of 22 Mar 2021", "Mar 2021", "2021"."""
    month = _MONTHS[start.month - 1]
    if granularity == "day":
        return f"{start.day} {month} {start.year}"
    if granularity == "week":
        return f"week of {start.day} {month} {start.year}"
    if granularity == "month":
        return f"{month} {start.year}"
    return str(start.year)


def axis_label(start: datetime.date, granularity: str) -> str:
    """A short label for the chart's axis: "26 Mar", "Mar 2021", "2021"."""
    if granularity in ("day", "week"):
        return f"{start.day} {_MONTHS[start.month - 1]}"
    return period_label(start, granularity)
