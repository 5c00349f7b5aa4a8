"""Making untrusted article text inert: terminal escape sequences and control characters removed.

Articles come from the web. Text that reaches a terminal (the app or a command's output) must not be able to
change colours, set the window title, write the clipboard (OSC 52) or move the cursor. Ingest strips these
sequences once; every printer strips again, so an old index or a hint field cannot slip one through.
"""

from __future__ import annotations

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC (ESC P/X/^/_ ... ST), and two-byte ESC sequences;
# also their 8-bit C1 forms (0x9b CSI, 0x9d OSC, 0x90 DCS, ...).
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]              # CSI
    | (?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])       # OSC, DCS, SOS, PM, APC ...
      .*?(?:\x07|\x1b\\|\x9c|$)                     # ... up to BEL or ST (or the end of text)
    | \x1b[@-Z\\-_]                                 # other two-byte escapes
    | \x1b                                          # a lone ESC
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_escapes(text: str) -> str:
    """Remove terminal escape sequences and control characters (tab and newline stay)."""
    if not text:
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", text)


def blank_escapes(text: str) -> str:
    """Like strip_escapes, but each removed character becomes a space, so character offsets stay valid."""
    if not text:
        return text
    text = _ESCAPE_SEQUENCE.sub(lambda match: " " * len(match.group()), text)
    return _CONTROL.sub(" ", text)
