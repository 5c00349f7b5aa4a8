"""The footer shows the keys of the focused pane, and rebuilds only when they change."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.tui.app_helpers import seed_app, settle
from tui.widgets.keys_footer import KeysFooter


def _shown_actions(footer: KeysFooter) -> set[str]:
    return {key.action for key in footer.query(FooterKey)}


def _expected_actions(app: App[object]) -> set[str]:
    """The shown bindings' actions, and the command palette's (docked on the footer's right)."""
    shown = {binding.action for _, binding, _, _ in app.screen.active_bindings.values() if binding.show}
    return shown | {"command_palette"}


async def test_the_footer_is_built_with_its_keys_at_startup_and_follows_the_focus(
    seed_index: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuilds: list[str] = []
    rebuild = Footer.recompose

    async def counted(footer: Footer) -> None:
        rebuilds.append(type(footer).__name__)
        await rebuild(footer)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeysFooter)
        assert rebuilds == []  # built with its keys in the first frame; Textual's Footer rebuilt three times here
        in_search = _shown_actions(footer)
        assert in_search and in_search <= _expected_actions(app)
        await pilot.press("tab")  # to the results: their keys (open, next/previous) join the footer
        await settle(pilot)
        assert rebuilds == ["KeysFooter"]
        in_results = _shown_actions(footer)
        assert in_results != in_search
        assert in_results <= _expected_actions(app)
        app.screen.refresh_bindings()  # an update that changes nothing shown
        await settle(pilot)
        assert len(rebuilds) == 1 and _shown_actions(footer) == in_results


async def test_the_command_palette_key_is_shown_once(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeysFooter)
        palette = [key for key in footer.query(FooterKey) if key.key == app.COMMAND_PALETTE_BINDING]
        assert len(palette) == 1 and palette[0].description == "Palette"
