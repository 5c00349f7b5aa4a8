"""Quotation citations: the sentence in quotation marks, the in-text citation, then the full reference.

Run-in quotations are kept under each style's block-quote limit by cutting at a word boundary and
marking the cut with that style's ellipsis: APA 7 (fewer than 40 words, "..."), MLA 9 (about four lines,
taken as 40 words, ". . ."), Chicago 17 (fewer than 100 words, ". . .").
"""

from __future__ import annotations

from dataclasses import dataclass

from search.cite.typography import CLOSE_QUOTES, OPEN_QUOTES, flip_quotes, strip_final_period, truncate_words


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
