"""Untrusted article text in the app: markup stays text, escape sequences are stripped, nothing reaches the
clipboard or triggers an action; a missing index or article is shown, never raised. Also the virtualised list.
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Static

from search.index.results import Hit
from search.index.snippets import Snippet
from search.ingest.pipeline import IngestOptions, ingest
from search.model import DocumentSummary, Metadata
from tests.tui.app_helpers import seed_app, settle
from tui.app import make_app
from tui.screens.main_screen import MainScreen
from tui.widgets.reader import Reader
from tui.widgets.results_list import ROW_HEIGHT, ResultsList

HOSTILE_TITLE = "[bold red]Markup title[/] [@click=app.quit]click[/]"
HOSTILE_BODY = (
    "Officials met in Geneva on Monday. [@click=app.quit]Press here[/] to read more.\n"
    "The payload \x1b]52;c;aGFja2Vk\x07 tried to write the clipboard and \x1b[31mred\x1b[0m text.\n"
    "Talks resumed on Tuesday with [link=https://example.com]a link[/link]."
)


def _hostile_index(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    record = {"title": HOSTILE_TITLE, "date": "2020-01-02", "source": "[i]Source[/i]", "text": HOSTILE_BODY}
    (folder / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    index_dir = tmp_path / "index"
    ingest(index_dir, [str(folder)], IngestOptions())
    return index_dir


async def test_article_markup_and_escapes_are_inert(tmp_path: Path) -> None:
    app = make_app(_hostile_index(tmp_path), show_timing=False, osc52=True, system_copy=lambda text: None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running, "a [@click=app.quit] in the text did not quit"
        reader = app.screen.query_one(Reader)
        header = str(reader.query_one("#reader-header", Static).render())
        body = str(reader.query_one("#reader-body", Static).render())
        assert "[bold red]Markup title[/]" in header, "markup is shown as text"
        assert "[@click=app.quit]Press here[/]" in body
        assert "\x1b" not in body and "\x07" not in body
        assert app.clipboard == "", "the article could not write the clipboard"
        await pilot.click("#reader-body")
        await pilot.pause()
        assert app.is_running


async def test_a_missing_index_is_shown_in_the_app(tmp_path: Path) -> None:
    app = make_app(tmp_path / "nowhere", show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        status = str(app.screen.query_one("#status").render())
        assert "no index" in status
        await pilot.press(*"word", "enter")
        await settle(pilot)
        assert app.is_running


async def test_an_article_that_vanished_is_reported(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.load_document("0000000000000000", None)
        await settle(pilot)
        assert any("no document" in n.message for n in app._notifications)
        assert app.screen.query_one(Reader).document is None


def _hit(number: int) -> Hit:
    meta = Metadata(title=f"Article {number}", date="2020-01-01", source="Wire")
    return Hit(DocumentSummary(f"{number:016x}", (f"/a/{number}.txt",), meta, 10), 1.0, Snippet("", ()))


async def test_the_result_list_is_virtualised_through_thousands_of_hits(tmp_path: Path) -> None:
    app = make_app(tmp_path / "nowhere", show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        hits = [_hit(number) for number in range(5000)]
        results.set_hits(hits, {0: Snippet("first snippet", ())})
        await pilot.pause()
        assert results.virtual_size.height == 5000 * ROW_HEIGHT
        results.focus()
        await pilot.press("end")
        await pilot.pause()
        assert results.cursor == 4999
        assert results.scroll_y >= (4999 * ROW_HEIGHT) - results.size.height
        visible = [results.render_line(y).text for y in range(results.scrollable_content_region.height)]
        assert any("5000. Article 4999" in line for line in visible)
