"""Copy text to the clipboard: the system clipboard via pyperclip, else OSC 52 to a terminal; never raises."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

#: Where copied text went.
SYSTEM, OSC52 = "system clipboard", "terminal clipboard (OSC 52)"


@dataclass(frozen=True)
class CopyResult:
    """The outcome of a copy: the clipboards the text reached (SYSTEM, OSC52), and why others failed."""

    where: tuple[str, ...]
    detail: str = ""

    @property
    def copied(self) -> bool:
        """True when the text reached at least one clipboard."""
        return bool(self.where)

    def message(self) -> str:
        """A one-line report for stderr or a notification."""
        if self.copied:
            return f"Copied to the {' and the '.join(self.where)}."
        return f"Not copied: no clipboard available ({self.detail})."


def osc52_sequence(text: str) -> str:
    """The OSC 52 escape that asks the terminal to set its clipboard ("c") to `text` (UTF-8, base64)."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{payload}\x07"


def _pyperclip_copy(text: str) -> None:
    import pyperclip

    pyperclip.copy(text)


def _is_tty(stream: TextIO | None) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def copy_text(
    text: str,
    stream: TextIO | None = None,
    *,
    system_copy: Callable[[str], None] | None = None,
) -> CopyResult:
    """Copy to the system clipboard (pyperclip) and, when `stream` is a terminal, through it with OSC 52."""
    reached: list[str] = []
    reasons: list[str] = []
    try:
        (system_copy or _pyperclip_copy)(text)
        reached.append(SYSTEM)
    except Exception as err:  # pyperclip raises its own exception types, or OSError from a helper
        reasons.append(f"system clipboard: {_first_line(err)}")
    if _is_tty(stream):
        assert stream is not None
        try:
            stream.write(osc52_sequence(text))
            stream.flush()
            reached.append(OSC52)
        except (OSError, ValueError) as err:
            reasons.append(f"OSC 52: {_first_line(err)}")
    else:
        reasons.append("output is not a terminal, so OSC 52 cannot be used")
    return CopyResult(tuple(reached), "; ".join(reasons))


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0].rstrip(".") if text else type(error).__name__
