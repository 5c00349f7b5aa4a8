"""The search box: what the user types is never lost, whatever the screen is busy with; `?` in the empty box opens
the help; the footer keeps Quit and Help in reach."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from textual.color import Color
from textual.widgets import Input, Markdown
from textual.widgets._footer import FooterKey

from tests.tui.app_helpers import seed_app, settle
from tui.screens.help_screen import HelpScreen
from tui.widgets.entities_panel import EntitiesPanel
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.reader import Reader
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


async def test_slash_in_the_empty_box_is_not_typed(seed_index: tuple[Path, Path]) -> None:
    """`/` is the key that goes to the search box; pressed out of habit when the box already has focus (as it does
    at start), it must not become the query's first character."""
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#query", Input)
        assert box.has_focus
        await pilot.press("slash", *"korea")
        await settle(pilot)
        assert box.value == "korea" and box.has_focus
        await pilot.press("slash")
        assert box.value == "korea/", "inside a query it is text"


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


async def test_the_palettes_screenshot_is_saved_without_a_downloads_folder(
    seed_index: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no Downloads folder there
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "home" / "Downloads"))
    monkeypatch.chdir(tmp_path)
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"screenshot")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.5)
        await settle(pilot)
        assert list(tmp_path.glob("*.svg")), [n.message for n in app._notifications]


async def test_help_shows_keys_as_typed_and_the_settings_and_keymap_files(
    seed_index: tuple[Path, Path], isolated_config: Path
) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.query_one("#help-text", Markdown).source
        assert "question_mark" not in text and "slash" not in text
        assert "| `?`, `f1` | Keys and query language |" in text
        assert str(isolated_config) in text and str(isolated_config.with_name("keymap.toml")) in text


async def test_the_selected_result_reads_on_the_light_theme(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = "textual-light"
        await pilot.press("down")
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        for focused in (True, False):
            title = next(segment for segment in results.render_line(0) if segment.text.strip())
            assert title.style is not None and title.style.color is not None and title.style.bgcolor is not None
            ink = Color.from_rich_color(title.style.color)
            paper = Color.from_rich_color(title.style.bgcolor)
            assert abs(ink.brightness - paper.brightness) > 0.4, (focused, ink, paper)
            await pilot.press("slash")  # the list loses the focus: its cursor row is drawn blurred
            await settle(pilot)


async def test_each_entity_takes_one_line(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(EntitiesPanel)
        assert len(panel.entities) > 5
        lines = [
            "".join(segment.text for segment in panel.render_line(y)).strip()
            for y in range(min(len(panel.entities), panel.scrollable_content_region.height))
        ]
        assert all(re.match(r"\d+ ", line) for line in lines), lines


async def test_a_marked_sentence_reads_on_the_light_theme(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = "textual-light"
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("right_parenthesis")
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        assert reader.document is not None and reader.mark is not None
        style = reader.get_component_rich_style("reader--mark")
        assert style.color is not None and style.bgcolor is not None
        ink, paper = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
        assert abs(ink.brightness - paper.brightness) > 0.4, (ink, paper)
        from tui.widgets.article_body import styled_body

        body = styled_body(reader.document.body, (), frozenset(), [], reader.mark, None, style)
        assert any(span.style == style for span in body.spans)
