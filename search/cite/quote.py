"""Quotation citations: the sentence in quotation marks, the in-text citation, then the full reference.

Run-in quotations are kept under each style's block-quote limit by cutting at a word boundary and
marking the cut with that style's ellipsis: APA 7 (fewer than 40 words, "..."), MLA 9 (about four lines,
taken as 40 words, ". . ."), Chicago 17 (fewer than 100 words, ". . .").

A quotation must be the article's own words: `find_quote` looks for it in the body, allowing only what a
user cannot see or type the same way (spacing and line breaks, typographic quote marks and dashes, case), and
gives back the article's text; text that is not there raises QuoteNotInArticleError, whose message is one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.cite.typography import CLOSE_QUOTES, OPEN_QUOTES, flip_quotes, strip_final_period, truncate_words

#: What a user may type differently from the article: quote marks, apostrophes and dashes, one for one.
_LOOKALIKES = str.maketrans(
    {ch: '"' for ch in "“”„‟″«»"} | {ch: "'" for ch in "‘’‚‛′`"} | {ch: "-" for ch in "‐‑‒–—―−"}
)
#: Shown of a refused quotation, in its one-line message.
SHOWN_CHARS = 80


class QuoteNotInArticleError(ValueError):
    """The text to quote is empty or not in the article; str() is one line for the user."""


def _flatten(text: str) -> tuple[str, list[int]]:
    """`text` with runs of whitespace as one space and look-alike marks unified, and where each character came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        origin.append(index)
    return "".join(out).translate(_LOOKALIKES), origin


def _whole_words(flat: str, start: int, end: int) -> bool:
    """A match that neither starts nor ends inside a word."""
    before = flat[start - 1] if start else " "
    after = flat[end] if end < len(flat) else " "
    return not (flat[start].isalnum() and before.isalnum()) and not (flat[end - 1].isalnum() and after.isalnum())


def _search(flat: str, wanted: str) -> int | None:
    """Where `wanted` starts in `flat` as whole words, exactly or else ignoring case; None when it is not there."""
    for haystack, needle in ((flat, wanted), (flat.lower(), wanted.lower())):
        if len(haystack) != len(flat) or len(needle) != len(wanted):
            continue  # a character whose lower case is longer: positions would not line up
        start = haystack.find(needle)
        while start != -1:
            if _whole_words(flat, start, start + len(needle)):
                return start
            start = haystack.find(needle, start + 1)
    return None


def find_quote(body: str, quote: str, doc_id: str = "") -> str:
    """The article's own text of `quote` (whitespace collapsed); QuoteNotInArticleError when it is not there."""
    wanted, _ = _flatten(quote.strip())
    where = f"article {doc_id}" if doc_id else "the article"
    if not wanted:
        raise QuoteNotInArticleError(f"the quotation is empty: give words from {where}")
    flat, origin = _flatten(body)
    candidates = [wanted]
    if len(wanted) > 2 and wanted[0] in "\"'" and wanted[-1] in "\"'":
        candidates.append(wanted[1:-1].strip())  # typed inside its own quote marks
    for candidate in candidates:
        start = _search(flat, candidate) if candidate else None
        if start is not None:
            end = start + len(candidate)
            return " ".join(body[origin[start] : origin[end - 1] + 1].split())
    shown = " ".join(quote.split())
    shown = shown if len(shown) <= SHOWN_CHARS else shown[: SHOWN_CHARS - 1] + "…"
    raise QuoteNotInArticleError(f"the quotation is not in {where}: “{shown}”")


@dataclass(frozen=True)
class QuoteRule:
    """How one style runs a quotation into text."""

    max_words: int
    ellipsis: str


QUOTE_RULES = {
    "apa": QuoteRule(39, "..."),
    "mla": QuoteRule(40, ". . ."),
    "chicago": QuoteRule(99, ". . ."),
    "machine": QuoteRule(100, "..."),
}


def _strip_enclosing(text: str) -> str:
    """Drop quotation marks that enclose the whole sentence (and no others)."""
    doubles = sum(text.count(ch) for ch in '"“”')
    if len(text) >= 2 and text[0] in OPEN_QUOTES and text[-1] in CLOSE_QUOTES and doubles == 2:
        return text[1:-1].strip()
    return text


def prepare_quote(quote: str, style: str) -> str:
    """The quotation's text: whitespace collapsed, enclosing quotes dropped, shortened, inner quotes flipped."""
    rule = QUOTE_RULES.get(style, QUOTE_RULES["machine"])
    text = _strip_enclosing(" ".join(quote.split()))
    return flip_quotes(truncate_words(text, rule.max_words, rule.ellipsis))


def run_in(quote: str, style: str, citation: str) -> str:
    """APA/MLA: “text” (citation). The sentence's own period moves after the parentheses."""
    text = prepare_quote(quote, style)
    body = strip_final_period(text)
    return f"“{body}” {citation}."


def machine_note(quote: str) -> str:
    """The quotation as a note field for BibTeX, RIS and CSL-JSON."""
    return f"Quote: “{prepare_quote(quote, 'machine')}”"
