"""Every time expression of a parsed document, found and, where it names a date, resolved.

`document_timexes(doc, pub_date)` returns the dates, times, durations and sets of a text as `FoundTimex`
items: the expression as written, its TimeML type ("DATE", "TIME", "DURATION", "SET") and, for dates, the
resolved date (`search.events.timex.resolve`) with the tense read from the clause that holds it
(`clause_tense`), and a TimeML-style value ("2013-03-22", "2013-W12", "2013-03", "2013"). Durations and sets
("for three years", "every Monday") are marked as such and never turned into dates. Nothing is invented: an
expression that cannot be placed has no date and no value.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from search.events.timex import UNRESOLVED, ResolvedDate, find_timexes, resolve


@dataclass(frozen=True)
class FoundTimex:
    """A time expression of a document: offsets into doc.text, TimeML type, resolved date and value."""

    text: str
    start: int
    end: int
    type: str
    value: str | None
    date: ResolvedDate


def document_timexes(doc: Doc, pub_date: str | None) -> list[FoundTimex]:
    """The time expressions of `doc` in text order."""
    found: list[FoundTimex] = []
    for sent in doc.sents:
        for tx in find_timexes(sent.text):
            start, end = tx.start + sent.start_char, tx.end + sent.start_char
            tense = clause_tense(_head_token(doc, start, end))
            when = resolve(tx.text, pub_date, tense)
            found.append(FoundTimex(tx.text, start, end, "DATE", timeml_value(when), when))
    return found


def _head_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def clause_tense(tok: Token | None) -> str | None:
    """The tense of the clause a token sits in (its nearest verb)."""
    if tok is None:
        return None
    from search.events.tense import trigger_tense

    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            break
        cur = cur.head
    return trigger_tense(cur)


def timeml_value(when: ResolvedDate) -> str | None:
    """The TimeML value of a resolved date: a day, an ISO week ("2013-W12"), a month or a year."""
    if when == UNRESOLVED or when.date is None:
        return None
    if when.granularity == "week":
        from datetime import date

        year, week, _ = date.fromisoformat(when.date).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if when.granularity == "day" and when.date_end and when.date_end != when.date:
        return when.date  # a range: its first day
    return when.date


def sentence_span(doc: Doc, start: int) -> Span | None:
    """The sentence holding a character offset."""
    for sent in doc.sents:
        if sent.start_char <= start < sent.end_char:
            return sent
    return None
