"""Sentences of an article body, for the reader's sentence cursor (`(` and `)`) and for quoting (`y`): where each
one starts and ends. A plain rule, no NLP: a sentence ends at . ! or ? (and any closing quote or bracket) before
whitespace and a capital, a digit or an opening quote, or at a line break; common abbreviations do not end one.
No Textual here.
"""

from __future__ import annotations

import re

_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n""")
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "rev",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
    }
)


def sentence_spans(body: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of `body`, whitespace around it left out, in order."""
    spans = []
    start = 0
    for match in _END.finditer(body):
        end = match.end() if match.group() != "\n" else match.start()
        if match.group() != "\n" and _abbreviation_before(body, match.start()):
            continue
        spans.extend(_trimmed(body, start, end))
        start = match.end()
    spans.extend(_trimmed(body, start, len(body)))
    return spans


def sentence_around(body: str, offset: int) -> tuple[int, int] | None:
    """The sentence holding character `offset` (or the first after it), None past the last one."""
    for span in sentence_spans(body):
        if offset < span[1]:
            return span
    return None


def sentence_text(body: str, span: tuple[int, int]) -> str:
    """The sentence as one line (its line breaks and runs of spaces made single spaces)."""
    return " ".join(body[span[0] : span[1]].split())


def _abbreviation_before(body: str, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", body[max(0, dot - 12) : dot])
    if word is None:
        return False
    text = word.group(1).lower()
    return text in _ABBREVIATIONS or (len(text) == 1 and text.isalpha())  # "J. Smith"


def _trimmed(body: str, start: int, end: int) -> list[tuple[int, int]]:
    piece = body[start:end]
    if not piece.strip():
        return []
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return [(start + lead, end - trail)]
