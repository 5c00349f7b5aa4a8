"""Keys on the result list: `s` sorts by date (newest first) and back, `x` exports the list to a JSON or CSV file
at a path the user confirms; both are in the palette too."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.tui.app_helpers import seed_app, settle
from tests.tui.test_app_keys import SIZE
from tui.commands import PaletteContext, palette_commands
from tui.screens.export_screen import ExportScreen
from tui.widgets.results_list import ResultsList


def _dates(app: object) -> list[str]:
    results = app.screen.query_one(ResultsList)  # type: ignore[attr-defined]
    return [hit.summary.metadata.date or "" for hit in results.hits]


async def test_s_sorts_the_results_by_date_and_back(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"india OR japan OR korea OR telephone OR music", "enter")
        await settle(pilot)
        by_relevance = _dates(app)
        assert len(by_relevance) >= 3
        await pilot.press("s")
        await settle(pilot)
        assert _dates(app) == sorted(by_relevance, reverse=True)
        assert "newest first" in str(app.screen.query_one("#status").render())
        await pilot.press("s")
        await settle(pilot)
        assert _dates(app) == by_relevance


@pytest.mark.parametrize("suffix", ["json", "csv"])
async def test_x_exports_the_results_to_a_confirmed_file(
    seed_index: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.chdir(tmp_path)
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"japan OR korea", "enter")
        await settle(pilot)
        titles = [hit.summary.metadata.title for hit in app.screen.query_one(ResultsList).hits]
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#export-path").value == str(tmp_path / "explore-results.json")
        if suffix == "csv":
            await pilot.press("ctrl+u", *str(tmp_path / "out.csv"))
        await pilot.press("enter")
        await settle(pilot)
        written = tmp_path / ("explore-results.json" if suffix == "json" else "out.csv")
        if suffix == "json":
            data = json.loads(written.read_text(encoding="utf-8"))
            assert data["query"] == "japan OR korea" and data["count"] == len(titles)
            assert [row["title"] for row in data["hits"]] == titles
        else:
            with written.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
            assert [row["title"] for row in rows] == titles and rows[0]["rank"] == "1"
        assert any("Exported" in n.message for n in app._notifications)


async def test_export_asks_before_replacing_a_file(
    seed_index: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.json").write_text("keep", encoding="utf-8")
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "x")
        await pilot.pause()
        await pilot.press("ctrl+u", *str(tmp_path / "mine.json"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen), "asked first"
        assert (tmp_path / "mine.json").read_text(encoding="utf-8") == "keep"
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportScreen)


def test_the_palette_offers_sorting_and_exporting() -> None:
    context = PaletteContext(None, frozenset(), False, True, "apa", sort="date", has_results=True)
    titles = {command.title: command.action for command in palette_commands(context)}
    assert titles["results: sort by relevance"] == "sort('relevance')"
    assert titles["results: export as CSV…"] == "export('csv')"
    assert titles["results: export as JSON…"] == "export('json')"
    relevance = PaletteContext(None, frozenset(), False, True, "apa")
    titles = {command.title for command in palette_commands(relevance)}
    assert "results: sort by date (newest first)" in titles and "results: export as CSV…" not in titles
