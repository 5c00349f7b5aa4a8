"""The search box: what the user types is never lost, whatever the screen is busy with; `?` in the empty box opens
the help; the footer keeps Quit and Help in reach."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input
from textual.widgets._footer import FooterKey

from tests.tui.app_helpers import seed_app, settle
from tui.screens.help_screen import HelpScreen
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.results_list import ResultsList


async def _busy_screen(seconds: float) -> None:
    await asyncio.sleep(seconds)


async def test_editing_keys_apply_in_order_while_the_screen_is_busy(seed_index: tuple[Path, Path]) -> None:
    """The cause of the lost text: Input's editing keys (ctrl+u, backspace) were bindings, run only after the key
    bubbled up to the app through the screen's queue, while the letters typed after them went straight into the box;
    a screen busy with a large result ran ctrl+u after the letters, and it erased them."""
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#query", Input)
        await pilot.press(*"source:wikinews")
        box.screen.call_later(_busy_screen, 0.5)  # the screen handles a long message (a big result) meanwhile
        await pilot.press("ctrl+u", *'title:"oil"', "backspace", "backspace", *'l"')
        await settle(pilot)
        assert box.value == 'title:"oil"'


async def test_question_mark_in_the_empty_box_opens_help_then_is_text(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#query", Input).has_focus
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press(*"why", "question_mark")
        assert app.screen.query_one("#query", Input).value == "why?"


async def test_ctrl_q_quits_from_the_box_and_down_goes_to_the_results(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        assert app.screen.query_one(ResultsList).has_focus
        await pilot.press("slash", "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


def _footer_keys_in_view(app: object) -> set[str]:
    footer = app.screen.query_one(KeysFooter)  # type: ignore[attr-defined]
    right = footer.region.right
    return {key.description for key in footer.query(FooterKey) if key.region.width and key.region.right <= right}


async def test_the_footer_keeps_quit_and_help_at_80x24(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert {"Quit", "Help"} <= _footer_keys_in_view(app), "in the empty search box"
        await pilot.press("down")
        await settle(pilot)
        assert {"Quit", "Help"} <= _footer_keys_in_view(app), "in the results"
