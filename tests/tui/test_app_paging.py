"""The result list holds the first page of hits and fetches the rest when they come into view; estimated totals
read "about N"."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message

from search.index.results import Hit, SearchResult
from search.index.snippets import MatchTerms, Snippet
from search.model import DocumentSummary, Metadata
from tests.tui.app_helpers import seed_app, settle
from tui import search_jobs
from tui.messages import OpenHit, SearchDone
from tui.screens.main_screen import MainScreen
from tui.widgets.reader import Reader
from tui.widgets.results_list import ResultsList

SIZE = (120, 40)


def _hit(number: int) -> Hit:
    meta = Metadata(title=f"Article {number}", date="2020-01-01", source="Wire")
    return Hit(DocumentSummary(f"{number:016x}", (f"/a/{number}.txt",), meta, 10), 1.0, Snippet("", ()))


async def test_the_first_search_fetches_one_page_and_end_fetches_the_rest(
    seed_index: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_jobs, "FIRST_PAGE", 2)
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert results.rows == 5, "the list has a row for every hit"
        assert len(results.hits) in (2, 5), "the first page, or all when rows came into view at once"
        assert results.border_title == "Results (5)"
        results.focus()
        await pilot.press("end")
        await settle(pilot)
        assert results.cursor == 4
        assert len(results.hits) == 5
        last = results.hits[4]
        visible = [results.render_line(y).text for y in range(results.scrollable_content_region.height)]
        assert any(f"5. {(last.summary.metadata.title or '')[:12]}" in line for line in visible), visible
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        assert reader.document is not None and reader.document.id == last.id


async def test_rows_not_fetched_yet_are_asked_for_and_open_when_they_come(tmp_path: Path) -> None:
    from tests.tui.app_helpers import make_app

    app = make_app(tmp_path / "nowhere", show_timing=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        hits = [_hit(number) for number in range(50)]
        results.set_hits(hits[:3], {}, rows=40)
        results.focus()
        await pilot.press("end")
        await pilot.pause()
        assert results.cursor == 39 and results.selected is None
        assert "40. …" in "".join(results.render_line(y).text for y in range(results.size.height))
        sent: list[Message] = []
        post = results.post_message

        def record(message: Message) -> bool:
            sent.append(message)
            return post(message)

        results.post_message = record  # type: ignore[method-assign]
        results.action_open()  # nothing to open yet: remembered
        assert not any(isinstance(message, OpenHit) for message in sent)
        results.add_hits(hits[:30], 40)  # fewer than asked: that is all there is
        assert results.rows == 30
        assert results.cursor == 29
        assert len(results.hits) == 30
        assert [message.doc_id for message in sent if isinstance(message, OpenHit)] == [hits[29].id]
        results.add_hits(hits[:10], 10)  # an older, smaller fetch changes nothing
        assert len(results.hits) == 30
        old = results.result_set
        results.set_hits(hits[:2], {}, rows=20)
        results.add_hits(hits[:20], 20, old)  # for the result set shown before: dropped
        assert len(results.hits) == 2 and results.rows == 20
        results.no_more_hits(results.result_set)
        assert results.rows == 2


async def test_an_estimated_total_reads_about(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        hits = tuple(_hit(number) for number in range(3))
        result = SearchResult("", 12_000, False, 1.0, hits)
        screen.post_message(SearchDone(screen.generation, result, MatchTerms(frozenset(), frozenset()), {}, 3))
        await pilot.pause()
        assert screen.query_one(ResultsList).border_title == "Results (about 12000)"
        assert str(screen.query_one("#status").render()).startswith("about 12000 hits")
