"""The query language: from what the user typed to a Whoosh query, or a one-line explanation of what is wrong.

Words must all match (AND); `"exact phrases"`; `OR`; `NOT word` and `-word`; `prefix*`; fields `title:`, `body:`,
`source:`, `author:`, `url:`, `date:2019`, `date:2019-09`, `date:[2019-09-01 TO 2019-09-30]`, `date:>2020`, and the
entity fields `person:`, `org:`, `place:`. Prefixes are matched against unstemmed words (`res*` means words that
start with "res", not the stem "re") and expand to the most frequent terms: at most `prefix_limit(prefix)` of them
(fewer for short prefixes) and no more than POSTINGS_BUDGET postings in all, so a prefix typed as the first letters
of a word costs about as much as a word. The most frequent terms of short prefixes come from the prefix table
(search/prefix_table.py) when the caller passes a lookup for it; other prefixes expand against the live index.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.qparser import AndGroup, GtLtPlugin, MultifieldPlugin, QueryParser
from whoosh.reading import IndexReader

from search.entities.canonical import entity_key
from search.index.prefix_table import TERMS_PER_PREFIX, PrefixTerms, is_short
from search.index.prefix_union import PrefixUnion
from search.index.query_error import (
    QueryError as QueryError,  # raised here; defined apart so reporting it needs no Whoosh
)
from search.index.schema import ENTITY_FIELDS, SCHEMA

FIELDS = ("title", "body", "source", "author", "url", "date", "person", "org", "place")
#: Most terms a prefix expands to; more frequent terms win.
PREFIX_LIMIT = TERMS_PER_PREFIX
#: ... and fewer for prefixes of two and three letters, which match most of a corpus.
_SHORT_LIMITS = {1: 8, 2: 16, 3: 32}
#: Most postings (summed document frequencies) a prefix's expansion may read; the most frequent term always stays.
POSTINGS_BUDGET = 60_000

#: Where the most frequent terms of a prefix come from without asking the index (None: not known there).
PrefixLookup = Callable[[str], PrefixTerms | None]


def prefix_limit(prefix: str) -> int:
    """Most terms `prefix*` expands to."""
    return _SHORT_LIMITS.get(len(prefix), PREFIX_LIMIT)


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed query, and the prefixes in it that were cut to their most frequent terms."""

    text: str
    query: wq.Query
    truncated_prefixes: tuple[str, ...] = ()


#: Longest query read (Whoosh's parser takes quadratic time: 0.4 s for 4,000 characters, minutes for 100,000).
MAX_QUERY_CHARS = 1_000
#: Deepest nesting of parentheses read (Whoosh's parser recurses on each level).
MAX_NESTING = 20
#: `date:[* TO 2020]` and `date:[2019 TO *]`: an open end written as `*` (Whoosh wants it left empty).
_OPEN_RANGE_END = re.compile(r"(\[)\s*\*\s+(?=TO\b)|(?<=\bTO)\s+\*\s*(\])")
_FIELD_REF = re.compile(r"(?<![\w:/.])([A-Za-z_]+):(?!//)")
_LEADING_MINUS = re.compile(r"(^|[\s(])-(?=[^\s-])")
_QUOTED = re.compile(r'"[^"]*"')


class _Parser(QueryParser):
    """Whoosh's parser, except that prefixes and wildcards of title/body keep the letters typed.

    Whoosh runs a prefix through the field's analyzer, so `discussions*` became the stem `discuss*`; the prefix is
    matched against the unstemmed `words` field later, so it must stay as typed (lowercased).
    """

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        if termclass in (wq.Prefix, wq.Wildcard) and fieldname in ("title", "body"):
            return termclass(fieldname, text.lower(), boost=boost)
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


def make_parser() -> QueryParser:
    parser = _Parser(None, SCHEMA, group=AndGroup)
    parser.add_plugin(MultifieldPlugin(["title", "body"]))
    parser.add_plugin(GtLtPlugin())
    return parser


def parse(
    text: str, reader: IndexReader, parser: QueryParser | None = None, prefixes: PrefixLookup | None = None
) -> ParsedQuery:
    """Parse `text` for the index open in `reader`; an empty query matches every document.

    `prefixes` gives the most frequent terms of short prefixes (the prefix table) when it describes `reader`'s index.
    """
    if not text.strip():
        return ParsedQuery(text, wq.Every())
    _check_syntax(text)
    prepared = _OPEN_RANGE_END.sub(lambda match: match.group(1) or match.group(2), _minus_to_not(text))
    try:
        query = (parser or make_parser()).parse(prepared)
    except Exception as error:  # Whoosh's parser raises assorted errors (IndexError, ValueError...) on odd input
        raise QueryError(_unreadable(text)) from error
    query = _words_for_unpositioned_phrases(_every_article(query))
    _check_leaves(query, text)
    truncated: list[str] = []
    query = _entity_variants(_rewrite_prefixes(query, reader, truncated, prefixes)).normalize()
    return ParsedQuery(text, _array_unions(query), tuple(truncated))


def _every_article(query: wq.Query) -> wq.Query:
    """`*`, `title:*` and `body:*` (and `**`) mean every article, answered from the store newest first, never by
    walking every word of the field (22-50 s at 100,000 articles); `person:*` and the other fields are refused in
    one line, and so are patterns that start with `*` or `?` (`*ing`), which would test every word. An `*` beside
    other terms (`korea *`) adds nothing: Whoosh's normalize() would let it swallow them."""
    if isinstance(query, wq.Every | wq.Wildcard) and (isinstance(query, wq.Every) or set(query.text) == {"*"}):
        if query.fieldname in (None, "title", "body"):
            return wq.Every()
        if query.fieldname == "date":
            raise QueryError("a date range needs a date: use date:[2019-09-01 TO 2019-09-30] or date:>2020")
        raise QueryError(
            f"{query.fieldname}:* would match every article with any {query.fieldname}: name one, as in "
            f'{query.fieldname}:"..." or {query.fieldname}:word'
        )
    if isinstance(query, wq.Wildcard) and query.text[:1] in ("*", "?"):
        # it would test every word of the index (seconds at 2,000 articles, minutes at 100,000)
        raise QueryError(f"{query.text!r}: a pattern must start with a letter, as in defen* or k?rea")
    if query.is_leaf():
        return query
    query = query.apply(_every_article)
    if type(query) is wq.And:
        kept = [child for child in query.subqueries if not isinstance(child, wq.Every)]
        return wq.Every() if not kept else kept[0] if len(kept) == 1 else wq.And(kept, boost=query.boost)
    if isinstance(query, wq.Or) and any(isinstance(child, wq.Every) for child in query.subqueries):
        return wq.Every()
    return query


#: Lowercase words a user may mean as operators, and what to write instead.
_LOWERCASE_OPERATORS = {
    "or": 'lowercase "or" is searched as a word, so every word must match; write OR to match either word',
    "not": 'lowercase "not" is searched as a word; write NOT word or -word to leave a word out',
}


def query_notes(text: str) -> list[str]:
    """Things to tell the user about how `text` was read (lowercase `or`/`not` are words, not operators)."""
    outside = _QUOTED.sub(" ", text)
    words = {word for word in re.split(r"[\s()]+", outside) if word}
    return [note for word, note in _LOWERCASE_OPERATORS.items() if word in words]


def _unreadable(text: str) -> str:
    """What to say about a query Whoosh's parser could not read (never the name of its exception)."""
    if "date:" in text:
        return "cannot read a date: use date:2019, date:2019-09-06, date:[2019-09-01 TO 2019-09-30] or date:>2020"
    return "cannot read the query: AND, OR and NOT need a word on each side, and < > ^ ~ a word to go with"


def _check_syntax(text: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters long: at most {MAX_QUERY_CHARS:,} are read")
    if text.count('"') % 2:
        raise QueryError('unbalanced quote: every " needs a closing "')
    outside = _QUOTED.sub('""', text)  # a phrase stays a (blank) value: `source:"PSU Watch"` is not empty
    depth = 0
    for char in outside:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QueryError("unbalanced parenthesis: ')' without '('")
        if depth > MAX_NESTING:
            raise QueryError(f"too many parentheses inside each other: at most {MAX_NESTING} levels")
    if depth:
        raise QueryError("unbalanced parenthesis: '(' without ')'")
    if 'date:"' in outside.lower():
        raise QueryError("cannot read a date: write it without quotes, as in date:2019-09-06 or date:>2020")
    if outside.count("[") != outside.count("]"):
        raise QueryError("unbalanced brackets in a range: use date:[2019-09-01 TO 2019-09-30]")
    for match in _FIELD_REF.finditer(outside):
        name = match.group(1)
        if name not in FIELDS:
            raise QueryError(f"unknown field {name!r}: use one of {', '.join(FIELDS)}")
        rest = outside[match.end() :]
        if not rest or rest[0].isspace():
            raise QueryError(f'nothing after {name}: (write {name}:word or {name}:"a phrase")')


def _minus_to_not(text: str) -> str:
    """`-word` at the start of a term means NOT word (a hyphen inside a word stays a hyphen)."""
    pieces = re.split(r'("[^"]*")', text)
    return "".join(piece if piece.startswith('"') else _LEADING_MINUS.sub(r"\1NOT ", piece) for piece in pieces)


def _words_for_unpositioned_phrases(query: wq.Query) -> wq.Query:
    """A phrase in a field that keeps no word positions (`url:"..."`) matches its words: Whoosh failed at search
    time, which read as a damaged search index."""
    if isinstance(query, wq.Phrase):
        field = SCHEMA[query.fieldname] if query.fieldname in SCHEMA.names() else None
        if field is not None and not (field.format and field.format.supports("positions")):
            return wq.And([wq.Term(query.fieldname, word) for word in query.words], boost=query.boost)
        return query
    if query.is_leaf():
        return query
    return query.apply(_words_for_unpositioned_phrases)


def _check_leaves(query: wq.Query, text: str) -> None:
    null = type(wq.NullQuery)
    if isinstance(query, null) or any(isinstance(leaf, null) for leaf in query.leaves()):
        if "date:" in text:
            raise QueryError("cannot read a date: use date:2019, date:2019-09-06 or date:[2019-09-01 TO 2019-09-30]")
        raise QueryError("the query has no searchable words")
    for leaf in query.leaves():  # a date Whoosh could not read stays text, and fails only at search time
        if getattr(leaf, "fieldname", None) == "date" and isinstance(getattr(leaf, "text", None), str):
            raise QueryError("cannot read a date: use date:2019, date:2019-09-06 or date:[2019-09-01 TO 2019-09-30]")


def _rewrite_prefixes(
    query: wq.Query, reader: IndexReader, truncated: list[str], prefixes: PrefixLookup | None
) -> wq.Query:
    """Match prefixes and wildcards of title/body against unstemmed words, bounded to the most frequent terms."""
    if isinstance(query, wq.Prefix | wq.Wildcard) and query.fieldname in ("title", "body"):
        return _expand(query, reader, truncated, prefixes)
    if query.is_leaf():
        return query
    return query.apply(lambda child: _rewrite_prefixes(child, reader, truncated, prefixes))


def _array_unions(query: wq.Query) -> wq.Query:
    """Every union of unstemmed terms (what prefixes expand to, merged by normalize()) becomes a PrefixUnion, and so
    does a lone unstemmed term (a prefix that expanded to one), so every prefix is scored alike."""
    if type(query) is wq.Or and all(isinstance(sub, wq.Term) and sub.fieldname == "words" for sub in query):
        return PrefixUnion(query.subqueries, boost=query.boost)
    if type(query) is wq.Term and query.fieldname == "words":
        return PrefixUnion([query], boost=query.boost)
    if query.is_leaf():
        return query
    return query.apply(_array_unions)


def _entity_variants(query: wq.Query) -> wq.Query:
    """`person:"Jeong Kyeongdoo"` also matches the entity's identity key, so every variant of the name matches."""
    if isinstance(query, wq.Term | wq.Phrase) and query.fieldname in ENTITY_FIELDS:
        words = query.words if isinstance(query, wq.Phrase) else [str(query.text)]
        key = entity_key(" ".join(words))
        return wq.Or([query, wq.Term(query.fieldname, key)]) if key else query
    if query.is_leaf():
        return query
    return query.apply(_entity_variants)


def _expand(
    query: wq.Prefix | wq.Wildcard, reader: IndexReader, truncated: list[str], prefixes: PrefixLookup | None
) -> wq.Query:
    raw = query.text.lower()
    is_prefix = isinstance(query, wq.Prefix)
    limit = prefix_limit(raw) if is_prefix else PREFIX_LIMIT
    ranked = prefixes(raw) if prefixes is not None and is_prefix and is_short(raw) else None
    if ranked is None:
        candidates = reader.expand_prefix("words", raw) if is_prefix else wq.Wildcard("words", raw)._btexts(reader)
        terms = [term.decode("utf-8") if isinstance(term, bytes) else term for term in candidates]
        if len(terms) <= limit:
            return _union(terms)
        frequencies = {term: reader.doc_frequency("words", term) for term in terms}
        ranked = sorted(frequencies.items(), key=lambda item: -item[1])
    kept = _within_budget(ranked[:limit])
    if len(kept) < len(ranked):
        label = raw + "*" if is_prefix else raw
        if label not in truncated:  # the same prefix is expanded once for title and once for body
            truncated.append(label)
    return _union(kept)


def _within_budget(ranked: PrefixTerms) -> list[str]:
    """The leading terms whose document frequencies add up to at most POSTINGS_BUDGET (at least one term)."""
    kept: list[str] = []
    postings = 0
    for term, frequency in ranked:
        postings += frequency
        if kept and postings > POSTINGS_BUDGET:
            break
        kept.append(term)
    return kept


def _union(terms: list[str]) -> wq.Query:
    if not terms:
        return wq.NullQuery
    return wq.Or([wq.Term("words", term) for term in terms])
