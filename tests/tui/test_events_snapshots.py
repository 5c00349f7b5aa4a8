"""Snapshots of the timeline with a period chosen on its chart, wide and narrow (pytest-textual-snapshot, on the
seed index; see tests/tui/test_snapshots.py for how they are kept deterministic)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.tui.app_helpers import seed_app
from tests.tui.test_snapshots import _keys_then_settle


def test_timeline_month_chosen_120x40(snap_compare: Any, seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    keys = _keys_then_settle("enter", "t", "enter")  # every article, the timeline, its busiest month
    assert snap_compare(app, terminal_size=(120, 40), run_before=keys)


def test_timeline_80x24(snap_compare: Any, seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_keys_then_settle("enter", "t"))
