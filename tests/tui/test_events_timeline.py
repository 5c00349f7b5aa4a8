"""The timeline's bar chart with Pilot on the seed index: `t` shows it above the list, focused; left/right and
enter (or a click) narrow the list to a period, `x` lists every date again; an entity chosen in the entities panel
then `t` is that entity's timeline across the corpus."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

from textual.widgets import Input

from search.corpus import Corpus
from tests.tui.app_helpers import seed_app, settle
from tui.commands import palette_commands
from tui.event_fields import category_of
from tui.screens.main_screen import MainScreen
from tui.widgets.entities_panel import EntitiesPanel
from tui.widgets.events_panel import ARTICLE, TIMELINE, EventsPanel
from tui.widgets.timeline_chart import TimelineChart

SIZE = (120, 40)


async def _timeline(pilot) -> tuple[TimelineChart, EventsPanel]:
    await settle(pilot)
    await pilot.press("enter")  # every article
    await settle(pilot)
    await pilot.press("t")
    await settle(pilot)
    screen = pilot.app.screen
    return screen.query_one(TimelineChart), screen.query_one(EventsPanel)


async def test_t_shows_the_chart_of_the_results_focused(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        chart, panel = await _timeline(pilot)
        assert chart.display and chart.has_focus
        assert chart.buckets.granularity == "month" and chart.border_title == "Events per month"
        assert sum(bar.count for bar in chart.buckets.bars) == sum(1 for e in panel.events if e.date)
        assert chart.buckets.bars[chart.cursor].start == datetime.date(2021, 3, 1), "the cursor on the busiest"
        lines = str(chart.render()).splitlines()
        assert len(lines) == 6 and "█" in lines[0]
        assert lines[-1].startswith("Mar 2021: ")
        await pilot.press("j")
        assert panel.has_focus, "down from the chart: the list"
        await pilot.press("down", "up", "up")
        assert chart.has_focus, "up from the list's first event: the chart"
        await pilot.press("t")
        await settle(pilot)
        assert panel.scope == ARTICLE and not chart.display


async def test_left_right_enter_narrow_the_list_and_x_clears(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        chart, panel = await _timeline(pilot)
        every = list(panel.events)
        await pilot.press("home", "enter")
        await settle(pilot)
        assert panel.period is not None and panel.period.label == "Sep 2019"
        assert [e.date for e in panel.events] == [e.date for e in every if (e.date or "").startswith("2019-09")]
        assert panel.events
        assert "Sep 2019" in str(panel.border_title)
        await pilot.press("right", "enter")  # October 2019: no events
        await settle(pilot)
        assert panel.events == [] and "No events in Oct 2019." in str(panel.get_option_at_index(0).prompt)
        await pilot.press("end", "enter")
        await settle(pilot)
        assert [e.date for e in panel.events] == [e.date for e in every if (e.date or "").startswith("2021-12")]
        assert panel.events
        screen = app.screen
        assert isinstance(screen, MainScreen)
        titles = [command.title for command in palette_commands(screen.palette_context())]
        assert "events: every date, not only Dec 2021" in titles
        await pilot.press("x")
        await settle(pilot)
        assert panel.period is None and panel.events == every and chart.chosen is None


async def test_a_click_on_a_bar_narrows_and_x_in_the_list_clears(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        chart, panel = await _timeline(pilot)
        every = list(panel.events)
        from tui.widgets.timeline_chart import bar_cells

        cells = bar_cells(len(chart.buckets.bars), chart.content_size.width)
        march = next(i for i, bar in enumerate(chart.buckets.bars) if bar.start == datetime.date(2021, 3, 1))
        left = chart.styles.border.spacing.left + chart.styles.padding.left
        await pilot.click(chart, offset=(left + march * cells, 2))
        await settle(pilot)
        assert panel.period is not None and panel.period.label == "Mar 2021"
        in_march = [e for e in every if (e.date or "").startswith("2021-03")]
        assert len(panel.events) == len(in_march) >= 4 and all(e in in_march for e in panel.events)
        panel.focus()
        await pilot.press("x")
        await settle(pilot)
        assert panel.period is None and chart.chosen is None


async def test_an_entity_then_t_is_its_timeline_across_the_corpus(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "f")
        await settle(pilot)
        entities = app.screen.query_one(EntitiesPanel)
        names = [e.name for e in entities.entities]
        entities.highlighted = names.index("Jeong Kyeong-Doo")
        await pilot.press("enter")
        await settle(pilot)
        query = app.screen.query_one("#query", Input).value
        assert query == 'person:"Jeong Kyeong-Doo"'
        await pilot.press("t")
        await settle(pilot)
        chart, panel = app.screen.query_one(TimelineChart), app.screen.query_one(EventsPanel)
        with Corpus(seed_index[0]) as corpus:
            docs = set(corpus.matching_ids(query))
            every_doc = {event.doc_id for event in corpus.events()}
        assert panel.scope == TIMELINE and panel.events
        assert {event.doc_id for event in panel.events} <= docs < every_doc, "only the entity's articles"
        dated = [event for event in panel.events if event.date]
        assert sum(bar.count for bar in chart.buckets.bars) == len(dated)
        assert chart.buckets.granularity == "day", "two days in March 2021: per day"


async def test_a_corpus_sized_timeline_lists_a_page_and_the_chart_counts_all(seed_index: tuple[Path, Path]) -> None:
    """Thousands of events (the seed's, repeated): the list holds LIST_LIMIT and says how many more; the chart
    counts every one, and a bar narrows the list to what fits."""
    from dataclasses import replace

    from tui.widgets.events_panel import LIST_LIMIT, timeline

    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        chart, panel = await _timeline(pilot)
        seed = list(app.screen.result_events)
        many = [replace(e, id=f"{e.id}-{n}", cluster=f"{e.cluster}-{n}") for n in range(100) for e in seed]
        started = time.perf_counter()
        panel.show_events(many, TIMELINE)
        await pilot.pause()
        took = time.perf_counter() - started
        one_per_cluster = [e for e in timeline(many) if category_of(e) != "other"]  # "other" stays hidden
        assert len(panel.events) == LIST_LIMIT and panel.more == len(one_per_cluster) - LIST_LIMIT
        assert "more: choose a period" in str(panel.get_option_at_index(LIST_LIMIT).prompt)
        assert f"{LIST_LIMIT} of " in str(panel.border_subtitle)
        assert sum(bar.count for bar in chart.buckets.bars) == sum(1 for e in one_per_cluster if e.date)
        assert took < 5, f"{len(many)} events took {took:.1f} s to list"
        chart.focus()
        await pilot.press("end", "enter")  # December 2021: its events, a hundred times each
        await settle(pilot)
        december = sum(1 for e in one_per_cluster if (e.date or "").startswith("2021-12"))
        assert december and len(panel.events) == december and panel.more == 0


async def test_another_category_keeps_the_period_while_it_is_a_bar(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        chart, panel = await _timeline(pilot)
        await pilot.press("enter")  # the busiest month: March 2021
        await settle(pilot)
        assert panel.period is not None and panel.period.label == "Mar 2021"
        await app.screen.run_action("only_category('consult/meet')")
        await settle(pilot)
        assert chart.chosen == panel.period and panel.period is not None, "March 2021 is still a bar"
        assert panel.events
        assert all(category_of(e) == "consult/meet" and (e.date or "").startswith("2021-03") for e in panel.events)
        await app.screen.run_action("only_category('investigate')")  # one event, in March 2021: a chart per day
        await settle(pilot)
        assert chart.buckets.granularity == "day"
        assert panel.period is None and chart.chosen is None, "a month is no bar of a chart per day"
        assert len(panel.events) == 1
