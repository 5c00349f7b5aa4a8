"""The footer of key bindings: Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer rebuilds its keys after every bindings update of the screen. The first screen gets three (a focus,
the screen's resume, a pane change), each rebuilding and restyling about twenty keys, and every focus change in use
rebuilt them again though they were the same. Here a rebuild is skipped when the keys it would show are the ones
already shown, and the first frame already has the keys (Textual's Footer is empty in its first frame and builds
its keys after it, which costs a second layout of the whole screen). Quit and Help come first: a narrow terminal
cuts the keys at the end.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Actions shown first (Quit, then Help), so that a narrow terminal (80 columns) cuts other keys, never these.
FIRST_ACTIONS = {"app.quit": 0, "quit": 0, "help": 1, "app.help": 1}


class KeysFooter(Footer):
    """A Footer that skips rebuilds which would show the same keys."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: Hashable = None

    def shown_keys(self) -> Hashable:
        """What the footer would show now: each shown binding's key, action, text and state, the command palette's
        binding, and the footer's style."""
        bindings = tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )
        return bindings, self.compact, self.show_command_palette

    def compose(self) -> ComposeResult:
        self._bindings_ready = True  # the screen's bindings are known as soon as the footer is mounted in it
        self._shown = self.shown_keys()
        yield from first_keys_first(list(super().compose()))

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        keys = self.shown_keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()


def first_keys_first(widgets: list[Widget]) -> list[Widget]:
    """The footer's keys with Quit and Help moved to the front (the rest in their order)."""

    def rank(widget: Widget) -> int:
        action = widget.action if isinstance(widget, FooterKey) else ""
        return FIRST_ACTIONS.get(action, len(FIRST_ACTIONS))

    return sorted(widgets, key=rank)
