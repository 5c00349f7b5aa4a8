"""Snapshot tests of the main screens at fixed sizes (pytest-textual-snapshot), on the seed index.

Deterministic: no timings in the status, a fixed access date, paths shown relative to the seeds copy,
settings in a temp file. Update with `pytest tests/test_snapshots.py --snapshot-update` after looking at them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.tui.app_helpers import seed_app, settle


def _keys_then_settle(*keys: str) -> Any:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_search_screen_120x40(snap_compare: Any, seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_keys_then_settle(*"singh", "enter"))


def test_article_with_entities_and_events_120x40(snap_compare: Any, seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_keys_then_settle(*"japan", "enter", "enter", "n"))


def test_timeline_120x40(snap_compare: Any, seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_keys_then_settle("enter", "enter", "t"))


def test_help_120x40(snap_compare: Any, seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_keys_then_settle("tab", "question_mark"))


def test_search_screen_80x24(snap_compare: Any, seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_keys_then_settle("enter"))


def test_article_80x24(snap_compare: Any, seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_keys_then_settle("enter", "enter"))
