"""The layout at 80x24 (one pane at a time, tab moves between them) and at 200 columns (everything side by side)."""

from __future__ import annotations

from pathlib import Path

from tests.tui.app_helpers import seed_app, settle


async def test_narrow_terminal_shows_one_pane_at_a_time(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-narrow")
        shown = [pane for pane in ("results", "reader", "side") if screen.query_one(f"#{pane}").display]
        assert shown == ["results"]
        assert screen.query_one("#tabs").display
        await pilot.press("enter", "enter")
        await settle(pilot)
        shown = [pane for pane in ("results", "reader", "side") if screen.query_one(f"#{pane}").display]
        assert shown == ["reader"], "opening an article shows the reader"
        assert screen.query_one("#reader").region.width >= 78
        await pilot.press("tab")
        await pilot.pause()
        assert screen.query_one("#side").display and screen.query_one("#events").display
        assert not screen.query_one("#entities").display
        await pilot.press("f")
        await pilot.pause()
        assert screen.query_one("#entities").display and not screen.query_one("#events").display


async def test_wide_terminal_uses_the_space(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-wide") and not screen.has_class("-narrow")
        widths = {pane: screen.query_one(f"#{pane}").region.width for pane in ("results", "reader", "side")}
        assert all(width >= 50 for width in widths.values()), widths
        assert sum(widths.values()) == 200
