"""The timeline's bucketing (tui.timeline_buckets) on real dated events: per day, week, month or year as the span
of the dates and the chart's width ask, every period between the first and the last a bar.

The events are the seed articles' as the extractor dated them when these tests were written
(tests/data/timeline_events.json), so that what is tested is the bucketing, not the extractor of the day."""

from __future__ import annotations

import dataclasses
import datetime
import json

import pytest

from search.model import Event
from tests.paths import DATA
from tui.timeline_buckets import Period, bucket_events, choose_granularity, parse_date, period_label

D = datetime.date


@pytest.fixture(scope="module")
def seed_events() -> list[Event]:
    rows = json.loads((DATA / "timeline_events.json").read_text(encoding="utf-8"))
    return [
        Event(row["id"], row["doc_id"], row["type"], row["type"], (), None, row["date"], row["date_end"],
              row["date_text"], row["granularity"], "", 0, 0)
        for row in rows
    ]  # fmt: skip


def test_the_seed_events_are_dated_at_several_precisions(seed_events: list[Event]) -> None:
    dated = sorted(event.date for event in seed_events if event.date)
    assert dated[0] == "2019-09-02" and "2021-12" in dated  # a day in 2019, a month in 2021
    assert any(event.date is None for event in seed_events)


def test_two_years_of_events_are_counted_per_month_in_a_narrow_chart(seed_events: list[Event]) -> None:
    buckets = bucket_events(seed_events, max_bars=30)
    assert buckets.granularity == "month"
    assert buckets.bars[0].start == D(2019, 9, 1) and buckets.bars[-1].start == D(2021, 12, 1)
    assert len(buckets.bars) == 28, "every month from Sep 2019 to Dec 2021, empty ones too"
    counts = {bar.start: bar.count for bar in buckets.bars if bar.count}
    assert counts == {D(2019, 9, 1): 1, D(2021, 3, 1): 5, D(2021, 12, 1): 1}
    assert buckets.bars[0].end == D(2019, 9, 30)
    assert buckets.undated == sum(1 for event in seed_events if event.date is None)
    assert buckets.coarser == 0


def test_the_same_events_per_week_when_the_chart_is_wide_enough(seed_events: list[Event]) -> None:
    buckets = bucket_events(seed_events, max_bars=200)
    assert buckets.granularity == "week"
    assert buckets.bars[0].start == D(2019, 9, 2), "weeks start on Monday"
    assert all((bar.end - bar.start).days == 6 for bar in buckets.bars)
    assert sum(bar.count for bar in buckets.bars) == 6, "the event dated only to a month is left out"
    assert buckets.coarser == 1
    march = [bar for bar in buckets.bars if bar.count]
    assert [(bar.start, bar.count) for bar in march][1:] == [(D(2021, 3, 22), 5)]


def test_one_week_of_events_is_counted_per_day(seed_events: list[Event]) -> None:
    march = [event for event in seed_events if (event.date or "").startswith("2021-03")]
    buckets = bucket_events(march, max_bars=30)
    assert buckets.granularity == "day"
    assert [(bar.start, bar.count) for bar in buckets.bars] == [(D(2021, 3, 25), 3), (D(2021, 3, 26), 2)]


def test_events_dated_to_a_month_only_are_never_counted_per_day(seed_events: list[Event]) -> None:
    december = [event for event in seed_events if event.date == "2021-12"]
    assert december
    buckets = bucket_events(december, max_bars=30)
    assert buckets.granularity == "month" and [bar.count for bar in buckets.bars] == [1]


def test_decades_are_counted_per_year() -> None:
    assert choose_granularity([(D(2001, 5, 1), "day"), (D(2024, 2, 1), "day")], max_bars=30) == "year"
    assert bucket_events([], max_bars=30).bars == ()


def test_a_period_holds_the_events_dated_within_it(seed_events: list[Event]) -> None:
    march = Period(D(2021, 3, 1), D(2021, 3, 31), "month")
    held = [event for event in seed_events if march.holds(event)]
    assert len(held) == 5 and all(event.date and event.date.startswith("2021-03") for event in held)
    day = Period(D(2021, 12, 1), D(2021, 12, 1), "day")
    assert not any(day.holds(event) for event in seed_events), "a month is not within a day"
    assert march.label == "Mar 2021"


def test_dates_parse_at_their_precision_and_bad_ones_are_undated(seed_events: list[Event]) -> None:
    assert parse_date("2021-03-22", "week") == (D(2021, 3, 22), "week")
    assert parse_date("2021", "year") == (D(2021, 1, 1), "year")
    assert parse_date("2021-13", "month") is None
    broken = dataclasses.replace(seed_events[0], date="not a date")
    assert bucket_events([broken], max_bars=30).undated == 1
    assert period_label(D(2021, 3, 22), "week") == "week of 22 Mar 2021"
