"""Where a query's entity clauses (`person:"Rajnath Singh"`, `org:…`, `place:…`) are in an article: the mentions
they match, so that `n` steps to them and they are highlighted like the query's words.

The engine's match terms hold the query's words only (an entity field matches the names NLP found, not words of
the body); this reads the clauses from the query text and matches them against the article's mentions the way the
index does (the field's labels; the clause's words in a row in the mention's text or canonical name, any case).
No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from search.index.schema import ENTITY_FIELDS
from search.model import Mention

_CLAUSE = re.compile(r'(?<![\w-])(person|org|place):(?:"([^"]*)"|([^\s()"]+))', re.IGNORECASE)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class EntityClause:
    """One entity clause of a query: its field and its words, lowercased."""

    field: str
    words: tuple[str, ...]


def entity_clauses(query: str) -> list[EntityClause]:
    """The entity clauses of `query` that a match must have (negated ones, `-person:…`, are left out)."""
    clauses = []
    for match in _CLAUSE.finditer(query):
        words = tuple(_WORD.findall((match.group(2) or match.group(3) or "").lower()))
        if words:
            clauses.append(EntityClause(match.group(1).lower(), words))
    return clauses


def entity_spans(mentions: Iterable[Mention], clauses: list[EntityClause]) -> list[tuple[int, int]]:
    """The (start, end) body spans of the mentions that one of `clauses` matches."""
    if not clauses:
        return []
    spans = []
    for mention in mentions:
        names = (_WORD.findall(mention.text.lower()), _WORD.findall(mention.entity.lower()))
        for clause in clauses:
            if mention.label in ENTITY_FIELDS[clause.field] and any(_in_a_row(clause.words, n) for n in names):
                spans.append((mention.start, mention.end))
                break
    return spans


def _in_a_row(words: tuple[str, ...], name: list[str]) -> bool:
    size = len(words)
    return any(tuple(name[i : i + size]) == words for i in range(len(name) - size + 1))


def merged(*span_lists: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of every list, sorted, without duplicates."""
    return sorted({span for spans in span_lists for span in spans})
