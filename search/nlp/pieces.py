"""Pieces of a long text: where to cut a clean body so that each piece stays below a size spaCy parses in bounded
memory (its own limit, `nlp.max_length`, is one million characters; the parser needs far less per piece).

`pieces(text, limit)` returns (start, end) offsets that cover the text exactly, in order, none longer than `limit`.
A cut falls, by preference, after a blank line (a paragraph), after a line break, after the end of a sentence,
after any white space; only a piece with none of these in the second half of its window is cut hard (and then
never between a character and the combining mark that follows it). Pure string work: no spaCy here.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters per piece: well below spaCy's one-million limit, so that parsing a piece stays within a few
#: hundred megabytes whatever the length of the article.
PIECE_CHARS = 100_000

#: Boundaries tried in order, best first; a cut goes after the match.
_BOUNDARIES = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),  # a blank line: the end of a paragraph
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+"),  # the end of a sentence
    re.compile(r"\s+"),  # any white space
)


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) offsets of consecutive pieces of `text`, each at most `limit` characters, covering it all."""
    if limit < 2:
        raise ValueError("a piece must be allowed at least two characters")
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = cut(text, start, start + limit)
        spans.append((start, end))
        start = end
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def cut(text: str, start: int, stop: int) -> int:
    """Where to end the piece that starts at `start` and may run up to `stop` (exclusive): the best boundary in the
    second half of that window, else a hard cut at `stop`."""
    half = start + (stop - start) // 2
    for boundary in _BOUNDARIES:
        best = -1
        for match in boundary.finditer(text, half, stop):
            best = match.end()
        if best > half:
            return best
    end = stop
    while end > half and unicodedata.combining(text[end]):
        end -= 1  # keep a letter with its accent
    return end
