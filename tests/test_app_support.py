"""Shared by the app tests: the seed index (built once per session, with entities and events), isolated settings,
an app factory for tests, and a helper that waits until every worker is done.

The index lives in pytest's session temp folder and is built by whichever app test module asks first; a marker
file says it is complete, so the other modules reuse it.
"""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from search.ingest import IngestOptions, ingest
from search.lazy_annotator import LazyAnnotator
from tui.app import ExploreApp, make_app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
TODAY = datetime.date(2024, 5, 1)


def build_seed_index(base: Path) -> tuple[Path, Path]:
    """(index folder, seeds copy) under `base`, built once: the seeds copied, then ingested with NLP."""
    index_dir = base / "seed-index"
    seeds = base / "seeds"
    done = base / "seed-index.done"
    if not done.exists():
        shutil.rmtree(index_dir, ignore_errors=True)
        shutil.rmtree(seeds, ignore_errors=True)
        shutil.copytree(SEEDS, seeds)
        try:
            LazyAnnotator(None, 1).check()
        except Exception as error:
            pytest.skip(f"no spaCy model: {error}")
        ingest(index_dir, [str(seeds)], IngestOptions(), annotator_factory=lambda: LazyAnnotator(None, 1))
        done.write_text("ok", encoding="utf-8")
    return index_dir, seeds


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_seed_index(tmp_path_factory.getbasetemp())


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings in a temp file, so tests neither read nor write the user's."""
    path = tmp_path / "settings.toml"
    monkeypatch.setenv("EXPLORE_CONFIG", str(path))
    return path


def seed_app(
    seed_index: tuple[Path, Path],
    *,
    system_copy: Callable[[str], None] | None = None,
    osc52: bool = True,
    keymap: dict[str, str] | None = None,
) -> ExploreApp:
    """The app on the seed index, deterministic: no timings, a fixed date, paths relative to the seeds copy."""
    index_dir, seeds = seed_index
    return make_app(
        index_dir,
        show_timing=False,
        system_copy=system_copy or _no_system_clipboard,
        osc52=osc52,
        today=TODAY,
        keymap=keymap,
        path_base=seeds.parent,
    )


def _no_system_clipboard(text: str) -> None:
    raise RuntimeError("no system clipboard in tests")


async def settle(pilot: Pilot) -> None:
    """Wait for the workers and the messages they posted."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
