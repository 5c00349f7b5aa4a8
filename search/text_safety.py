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


# Bidi embeddings, overrides and isolates: they reorder what follows, so a name can spoof another ("Trojan source").
_BIDI_OVERRIDES = "\u202a-\u202e\u2066-\u2069"
# ... and the marks that only steer bidi, the zero-width characters and line/paragraph separators.
_INVISIBLE = re.compile(f"[{_BIDI_OVERRIDES}\u200e\u200f\u061c\u200b\u2060\ufeff\u180e\u00ad]")
_OVERRIDE = re.compile(f"[{_BIDI_OVERRIDES}]")
# Zero-width (non-)joiners shape Indic and Arabic letters and emoji: shown only next to ASCII or at an edge.
_STRAY_JOINER = re.compile(r"(?:(?<=[\x00-\x7f])|^)[\u200c\u200d]|[\u200c\u200d](?=[\x00-\x7f]|$)")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")
#: What a line break inside a one-line field is shown as.
LINE_BREAK_MARK = "\u23ce"


def _code_point(match: re.Match[str]) -> str:
    return "".join(f"<U+{ord(char):04X}>" for char in match.group())


def one_line(text: str) -> str:
    """A name or metadata field as one inert line: escapes removed, line breaks shown as ⏎, tabs as spaces, and bidi
    controls and zero-width characters shown as <U+XXXX>, so a field can neither forge a line nor hide or reorder
    what it says."""
    if not text:
        return text
    text = _LINE_BREAK.sub(LINE_BREAK_MARK, text)
    text = strip_escapes(text).replace("\t", " ")
    return _STRAY_JOINER.sub(_code_point, _INVISIBLE.sub(_code_point, text))


def shown_text(text: str) -> str:
    """Running text (an article body) for a terminal: escapes removed and bidi overrides shown as <U+XXXX>; line
    breaks and the joiners and marks that right-to-left and Indic scripts need stay."""
    if not text:
        return text
    return _OVERRIDE.sub(_code_point, strip_escapes(text))
