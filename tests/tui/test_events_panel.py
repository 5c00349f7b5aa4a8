"""The events list's rows and its category filter, on the seed index's real events: category, agent → target and
place shown, no field cut across lines at 120 and 80 columns, "other" hidden unless asked for, `K` and the palette
narrowing to a category."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rich.cells import cell_len

from search.corpus import Corpus
from search.model import Event
from tests.tui.app_helpers import seed_app, settle
from tui.commands import palette_commands
from tui.event_fields import OTHER, agent_of, category_of, place_of, shown_in, target_of
from tui.screens.category_picker import CategoryPicker
from tui.screens.main_screen import MainScreen
from tui.widgets.events_panel import TIMELINE, EventsPanel, event_fields, event_text


@pytest.fixture(scope="module")
def seed_events(seed_index: tuple[Path, Path]) -> list[Event]:
    with Corpus(seed_index[0]) as corpus:
        return corpus.events()


def test_an_event_shows_its_category_agent_target_and_place(seed_events: list[Event]) -> None:
    visit = next(e for e in seed_events if e.date == "2019-09-02")
    assert (category_of(visit), agent_of(visit), target_of(visit), place_of(visit)) == (
        "consult/meet",  # the engine's CAMEO category; its type stays "visit"
        "Rajnath Singh",
        "Japan",  # "visited Japan and the Republic of Korea (ROK) over September 2-6": the first conjunct
        "Japan",
    )
    text = event_text(visit, with_sources=True, width=60).plain
    assert visit.type == "visit"
    assert text.splitlines()[0] == "2019-09-02  consult/meet  1 source  Rajnath Singh → Japan"
    assert text.splitlines()[1] == "in Japan"


@pytest.mark.parametrize("width", [28, 40, 76])
def test_no_field_is_cut_across_lines(seed_events: list[Event], width: int) -> None:
    for event in seed_events:
        lines = event_text(event, with_sources=True, width=width).plain.splitlines()
        assert all(cell_len(line) <= width for line in lines)
        for field, _ in event_fields(event, with_sources=True):
            whole = [line for line in lines if field in line]
            cut = [line for line in lines if line.endswith("…") and line.startswith(field[: width // 2])]
            assert whole or cut, f"{field!r} split in {lines}"


def test_other_is_hidden_unless_asked_for(seed_events: list[Event]) -> None:
    others = [dataclasses.replace(event, category=OTHER) for event in seed_events[:3]]
    events = [*others, *seed_events[3:]]
    assert shown_in(events, None) == [event for event in seed_events[3:] if event.category != OTHER]
    assert shown_in(events, OTHER) == [*others, *(event for event in seed_events[3:] if event.category == OTHER)]


async def _timeline(pilot, size: tuple[int, int]) -> EventsPanel:
    await settle(pilot)
    await pilot.press("enter")  # every article
    await settle(pilot)
    await pilot.press("t")
    await settle(pilot)
    return pilot.app.screen.query_one(EventsPanel)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_rows_fit_the_list_at_120_and_80_columns(seed_index: tuple[Path, Path], size: tuple[int, int]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=size) as pilot:
        panel = await _timeline(pilot, size)
        assert panel.scope == TIMELINE and panel.events
        width = panel._text_width()
        assert width is not None and width >= 20
        for index in range(len(panel.events)):
            prompt = panel.get_option_at_index(index).prompt
            lines = str(prompt).splitlines()
            assert all(cell_len(line) <= width for line in lines), lines
        rows = panel.region.height - 2
        strips = [panel.render_line(y).text.rstrip() for y in range(rows)]
        first = str(panel.get_option_at_index(0).prompt).splitlines()
        assert strips[: len(first)] == [line.rstrip() for line in first], "each row of the prompt is one line"


async def test_K_picks_a_category_and_the_palette_offers_each(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await _timeline(pilot, (120, 40))
        every = len(panel.events)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        titles = [command.title for command in palette_commands(screen.palette_context())]
        assert any(title.startswith("events: only consult/meet (") for title in titles)
        assert "events: all categories (other aside)" not in titles
        await pilot.press("K")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, CategoryPicker)
        await pilot.press("down", "enter")  # the first category: the most frequent
        await settle(pilot)
        top = panel.categories()[0][0]
        assert panel.category == top and panel.events
        assert {category_of(event) for event in panel.events} == {top}
        assert top in str(panel.border_title)
        titles = [command.title for command in palette_commands(screen.palette_context())]
        assert "events: all categories (other aside)" in titles
        await screen.run_action("only_category('diplomatic cooperation')")
        assert {category_of(event) for event in panel.events} == {"diplomatic cooperation"}
        await screen.run_action("only_category(None)")
        assert panel.category is None and len(panel.events) == every


async def test_a_list_of_other_events_only_says_how_to_show_them(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await _timeline(pilot, (120, 40))
        others = [dataclasses.replace(event, category=OTHER) for event in panel.scoped]
        panel.show_events(others, TIMELINE)
        await pilot.pause()
        assert panel.events == []
        assert "Only other events here" in str(panel.get_option_at_index(0).prompt)
        assert "other hidden" in str(panel.border_subtitle)
        panel.show_category(OTHER)
        assert len(panel.events) == len(others)


async def test_new_events_put_the_cursor_on_the_first_and_a_resize_keeps_it(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await _timeline(pilot, (120, 40))
        panel.highlighted = 3
        await pilot.resize_terminal(130, 40)
        await settle(pilot)
        assert panel.highlighted == 3, "a new width keeps the cursor"
        await app.screen.run_action("only_category('diplomatic cooperation')")
        assert panel.highlighted == 0, "another list starts at its first event"


async def test_with_no_article_open_the_list_says_so_not_that_the_article_has_no_events(
    seed_index: tuple[Path, Path],
) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = pilot.app.screen.query_one(EventsPanel)
        assert str(panel.get_option_at_index(0).prompt).startswith("No article open")
        await pilot.press("enter")  # every article, still none open
        await settle(pilot)
        await pilot.press("t", "t")  # the timeline, then back to the (unopened) article's events
        await settle(pilot)
        assert str(panel.get_option_at_index(0).prompt).startswith("No article open")
        panel.show_events([], "article")  # an open article without events
        await pilot.pause()
        assert str(panel.get_option_at_index(0).prompt) == "No events in this article."
