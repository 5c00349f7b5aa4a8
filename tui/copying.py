"""Copying from the app: through the terminal (OSC 52, via App.copy_to_clipboard) and to the system clipboard
(pyperclip), each tried; a one-line report of where the text went. Never raises.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from search.clipboard import SYSTEM, copy_text

#: Copies to the system clipboard (pyperclip by default); raises when there is none.
SystemCopy = Callable[[str], None]


@dataclass(frozen=True)
class CopyReport:
    """Where the text went: the terminal (OSC 52 sent) and/or the system clipboard."""

    terminal: bool
    system: bool
    detail: str = ""

    @property
    def anywhere(self) -> bool:
        return self.terminal or self.system

    @property
    def title(self) -> str:
        """The notification's title: "Copied" only when the system clipboard took the text (a terminal gives no
        word back on OSC 52: the text was sent, and may have been dropped)."""
        return "Copied" if self.system else "Sent" if self.terminal else "No clipboard"

    def message(self, what: str) -> str:
        if self.system and self.terminal:
            return f"Copied {what} to the {SYSTEM}, and sent it to the terminal (OSC 52)."
        if self.system:
            return f"Copied {what} to the {SYSTEM}."
        if self.terminal:
            return (
                f"Sent {what} to the terminal (OSC 52): it is on your clipboard if the terminal allows OSC 52"
                " (no system clipboard here)."
            )
        return f"{what}: no clipboard available; the text is shown for copying by hand."


def terminal_supports_osc52() -> bool:
    """A guess: a real terminal that is not the Linux console or `dumb` (tmux and SSH pass OSC 52 on)."""
    term = os.environ.get("TERM", "")
    try:
        tty = sys.__stdout__ is not None and sys.__stdout__.isatty()
    except (ValueError, OSError):
        tty = False
    return tty and term not in ("", "dumb", "linux")


def copy_everywhere(text: str, send_osc52: Callable[[str], None] | None, system_copy: SystemCopy | None) -> CopyReport:
    """Send `text` through the terminal (when `send_osc52` is given) and to the system clipboard."""
    terminal = False
    if send_osc52 is not None:
        try:
            send_osc52(text)
            terminal = True
        except Exception:  # a closed driver or a broken pipe must not take the app down
            terminal = False
    result = copy_text(text, None, system_copy=system_copy)
    return CopyReport(terminal, SYSTEM in result.where, result.detail)
