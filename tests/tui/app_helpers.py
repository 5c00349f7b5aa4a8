"""Helpers of the app tests: building the seed index (with entities and events), an app factory for tests, and a
helper that waits until every worker is done (the fixtures are in conftest.py).

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

from search.ingest.pipeline import IngestOptions, ingest
from search.nlp.workers import LazyAnnotator
from tests.paths import ROOT
from tui.app import ExploreApp, make_app

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
