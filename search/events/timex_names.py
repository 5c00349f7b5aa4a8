"""Time words inside names: "the Good Friday Agreement", "the Monday Club", "Bloody Sunday" name a document, a
club or an event, not a day. Read from the parse, so it works on sentences `search.events.timex` has already scanned.

A weekday or month word is inside a name when it is part of a named entity that is not a date (EVENT, LAW,
WORK_OF_ART, ORG, FAC, PRODUCT), a compound of a capitalised proper noun that is not a time word ("Friday
Agreement"), or carries a capitalised proper-noun modifier of its own ("Good Friday", "Black Monday").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from search.events.timex import MONTHS, WEEKDAYS, Timex

NAME_LABELS = frozenset({"EVENT", "LAW", "WORK_OF_ART", "ORG", "FAC", "PRODUCT"})
TIME_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS)


def inside_name(tx: Timex, seg: Span) -> bool:
    """True when a weekday or month word of `tx` (document offsets) is part of a name."""
    words = [t for t in seg if tx.start <= t.idx < tx.end and t.lower_ in TIME_WORDS]
    return any(_named(t) for t in words)


def _named(tok: Token) -> bool:
    if tok.ent_type_ in NAME_LABELS:
        return True
    head = tok.head
    if tok.dep_ == "compound" and head.pos_ == "PROPN" and _capitalised(head) and head.lower_ not in TIME_WORDS:
        return True
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" and _capitalised(c) for c in tok.children)


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.lower_ not in TIME_WORDS
