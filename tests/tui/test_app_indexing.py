"""Indexing from the app: the first run builds the seed index with progress, `explore PATH` adds a folder
incrementally, a missing PATH is reported in the app; and the keymap file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import ProgressBar

from search.store import Store
from tests.paths import SEEDS
from tests.tui.app_helpers import seed_app, settle
from tui.app import make_app
from tui.keymap import load_keymap
from tui.screens.indexing_screen import IndexingScreen
from tui.screens.main_screen import MainScreen
from tui.style_names import STYLES
from tui.widgets.reader import Reader
from tui.widgets.results_list import ResultsList


async def test_first_run_builds_the_seed_index_with_progress_then_opens_it(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    app = make_app(index_dir, build_seeds_from=SEEDS, show_timing=False)
    seen_indexing = False
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if isinstance(app.screen, IndexingScreen):
                seen_indexing = True
                assert app.screen.query_one(ProgressBar)
            if isinstance(app.screen, MainScreen) and app.screen.query_one(ResultsList).hits:
                break
        await settle(pilot)
        assert seen_indexing
        assert len(app.screen.query_one(ResultsList).hits) == 5
    with _closing(index_dir) as store:
        assert store.count() == 5
        assert any(store.mentions_by_document().values()), "entities were annotated"


class _closing:
    def __init__(self, index_dir: Path) -> None:
        self.store = Store(index_dir / "documents.sqlite")

    def __enter__(self) -> Store:
        return self.store

    def __exit__(self, *_: object) -> None:
        self.store.close()


async def test_explore_path_adds_a_folder_incrementally(tmp_path: Path, seed_index: tuple[Path, Path]) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index[0], index_dir)
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "note.txt").write_text(
        "Volcano erupts near Reykjavik\n\nA volcano erupted on Monday near Reykjavik, officials in Iceland said.\n",
        encoding="utf-8",
    )
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not read")
    (folder / "README.txt").write_text("What this folder holds.\n", encoding="utf-8")
    app = make_app(index_dir, ingest_paths=[str(folder)], show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if isinstance(app.screen, MainScreen) and len(app.screen.query_one(ResultsList).hits) == 6:
                break
        await settle(pilot)
        assert len(app.screen.query_one(ResultsList).hits) == 6
        report = next(n.message for n in app._notifications if "1 new" in n.message)
        assert "0 unchanged, 2 skipped: " in report  # the skipped files are named with their reasons
        assert "scan.pdf (not a supported file type" in report and "README.txt (not an article" in report


async def test_a_missing_path_is_reported_in_the_app(tmp_path: Path, seed_index: tuple[Path, Path]) -> None:
    app = make_app(seed_index[0], ingest_paths=[str(tmp_path / "nowhere")], show_timing=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, MainScreen) and app.screen.query_one(ResultsList).hits:
                break
        await settle(pilot)
        assert any("no such file or folder" in n.message for n in app._notifications)
        assert len(app.screen.query_one(ResultsList).hits) == 5, "the index still opens"


async def test_the_palette_switches_an_entity_type_off(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        await pilot.press("ctrl+p", *"hide PERSON")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert reader.hidden_labels == {"PERSON"}
        await pilot.press("e")
        assert reader.document is not None
        person_starts = {m.start for m in reader.document.annotation.mentions if m.label == "PERSON"}
        assert reader.current is not None and reader.current[0] not in person_starts


def test_keymap_file(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('"article.cite" = "ctrl+y"\n', encoding="utf-8")
    assert load_keymap(path) == ({"article.cite": "ctrl+y"}, None)
    assert load_keymap(tmp_path / "missing.toml") == ({}, None)
    path.write_text("not = [toml", encoding="utf-8")
    keymap, problem = load_keymap(path)
    assert keymap == {} and problem is not None and "ignored" in problem


def test_style_names_match_the_engine() -> None:
    from search.cite.citations import STYLES as ENGINE_STYLES

    assert ENGINE_STYLES == STYLES


@pytest.mark.parametrize("module", ["tui.app"])
def test_citations_are_not_loaded_at_startup(module: str) -> None:
    import subprocess
    import sys

    code = f"import {module}, sys; print('search.cite.citations' in sys.modules, 'whoosh' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
