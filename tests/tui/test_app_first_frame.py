"""The first frame already lists the newest articles: the index opens in a thread while Textual builds the screen,
and the main screen waits a short while for it before its first layout. A slower index arrives after the first
frame instead, through a worker. Also the results list never scrolls sideways (a horizontal scrollbar once took a
row of the list and a second layout).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.strip import Strip

import tui.app
import tui.corpus_opening
from search.corpus import Corpus
from tests.tui.app_helpers import seed_app, settle
from tui.corpus_opening import Opened, close_unused, open_and_list, start_opening
from tui.widgets.results_list import ResultsList


def _record_painted_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Rows the results list held each time it painted."""
    painted: list[int] = []
    paint = ResultsList.render_lines

    def recorded(self: ResultsList, crop: Region) -> list[Strip]:
        painted.append(self.rows)
        return paint(self, crop)

    monkeypatch.setattr(ResultsList, "render_lines", recorded)
    return painted


async def test_the_first_frame_lists_the_articles(
    seed_index: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    painted = _record_painted_rows(monkeypatch)
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert painted and painted[0] == 5  # never an empty list first
        assert str(app.screen.query_one(ResultsList).border_title) == "Results (5)"
        assert app.corpus is not None


async def test_a_slow_index_is_shown_when_it_opens(
    seed_index: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    painted = _record_painted_rows(monkeypatch)
    opening = tui.corpus_opening.open_and_list
    released = threading.Event()  # the index opens only once the test saw the first frame (a loaded machine
    # can take longer than any fixed delay to paint it)

    def slow(index_dir: Path, build_if_missing: bool, lock: threading.Lock) -> Opened:
        released.wait(timeout=30)
        return opening(index_dir, build_if_missing, lock)

    monkeypatch.setattr(tui.corpus_opening, "open_and_list", slow)
    monkeypatch.setattr(tui.app, "FIRST_FRAME_WAIT", 0.05)
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert painted and painted[0] == 0  # the first frame did not wait for it
        released.set()
        await pilot.pause(0.2)
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        assert painted[-1] == 5
        assert str(app.screen.query_one(ResultsList).border_title) == "Results (5)"


async def test_the_results_list_never_scrolls_sideways(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert results.show_vertical_scrollbar  # 5 results of 4 lines do not fit in 24 lines
        assert not results.show_horizontal_scrollbar


def test_opening_reports_a_missing_index_and_whether_to_build_it(tmp_path: Path) -> None:
    lock = threading.Lock()
    assert open_and_list(tmp_path, True, lock) == Opened(needs_build=True)
    missing = open_and_list(tmp_path, False, lock)
    assert missing.shared is None and missing.reason is not None and "no index" in missing.reason


def test_opening_lists_newest_first_and_an_untaken_corpus_is_closed(seed_index: tuple[Path, Path]) -> None:
    index_dir, _ = seed_index
    opening = start_opening(index_dir, False, threading.Lock())
    opened = opening.result(timeout=30)
    assert opened.shared is not None and isinstance(opened.shared.corpus, Corpus) and opened.listing is not None
    dates = [hit.summary.metadata.date for hit in opened.listing.result.hits if hit.summary.metadata.date]
    assert len(opened.listing.result.hits) == 5 and dates == sorted(dates, reverse=True)
    close_unused(opening, None)
    with pytest.raises(Exception, match="closed"):
        opened.shared.corpus.store.count()
