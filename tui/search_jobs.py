"""The blocking work behind the app, as plain functions the thread workers call: search, snippets, facets.

No Textual here. Each job gets the corpus through one SharedCorpus, whose lock serialises access to it (its
searcher and its SQLite connection), and uses only the corpus's own methods.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from search.corpus import Corpus
from search.entities.stats import EntitySummary, summarise
from search.index.query_error import QueryError
from search.index.results import Hit, SearchResult
from search.index.snippets import MatchTerms, Snippet, make_snippet, match_spans
from search.model import Document, Event
from tui.shared_corpus import SharedCorpus

#: Most hits the list can hold (it is virtualised; snippets are made for what is shown).
MAX_HITS = 10_000
#: Hits fetched with the search itself: enough for the first screens; the list asks for more as it scrolls.
FIRST_PAGE = 100
#: Snippets made with the search itself.
FIRST_SNIPPETS = 60


@dataclass(frozen=True)
class SearchFailure:
    """A search that could not run: a bad query, or a broken index, said in one line."""

    reason: str


@dataclass(frozen=True)
class Found:
    """A search result (its first page of hits), the terms to highlight, the snippets of the first rows, and how
    many rows the list will show (up to MAX_HITS; the hits beyond the first page are fetched when wanted)."""

    result: SearchResult
    terms: MatchTerms
    snippets: dict[int, Snippet]
    rows: int


def run_search(
    shared: SharedCorpus, query: str, limit: int | None = None, sort: str = "relevance"
) -> Found | SearchFailure:
    """The first `limit` hits of `query` (default FIRST_PAGE) and its total, with snippets for the first rows; or
    why not. `sort`: "relevance" or "date" (newest first; an empty query is always by date)."""
    limit = limit or FIRST_PAGE
    corpus = shared.corpus
    try:
        with shared.lock:
            result = corpus.search(query, limit=min(limit, MAX_HITS), sort=sort, snippets=False)
            terms = corpus.match_terms(query)
            snippets = _snippets(corpus, result.hits, terms, range(min(FIRST_SNIPPETS, len(result.hits))))
    except QueryError as error:
        return SearchFailure(str(error))
    except Exception as error:  # a damaged index must not take the app down
        return SearchFailure(f"{type(error).__name__}: {error}")
    return Found(result, terms, snippets, list_rows(result, min(limit, MAX_HITS)))


def open_search(shared: SharedCorpus) -> None:
    """Open the corpus's search index (Whoosh loads here), so that the first query need not; errors are left for
    that query to report."""
    with shared.lock:
        try:
            shared.corpus.open_search()
        except Exception:  # a damaged index: the search that follows says so
            return


def list_rows(result: SearchResult, limit: int) -> int:
    """Rows for the result list: the hits, when fewer than asked came back (that is all), else the total."""
    if len(result.hits) < limit:
        return len(result.hits)
    return max(len(result.hits), min(result.total, MAX_HITS))


def more_hits(shared: SharedCorpus, query: str, count: int, sort: str = "relevance") -> tuple[Hit, ...]:
    """The first `count` hits of `query` (at most MAX_HITS) in `sort` order, for a list scrolled past the hits it
    holds (and for exporting the list)."""
    with shared.lock:
        return shared.corpus.search(query, limit=min(count, MAX_HITS), sort=sort, snippets=False).hits


def no_terms() -> MatchTerms:
    return MatchTerms(frozenset(), frozenset())


def spans_in(text: str, terms: MatchTerms) -> list[tuple[int, int]]:
    """Where the query's terms are in `text`."""
    return match_spans(text, terms)


def article_spans(document: Document, query: str, terms: MatchTerms) -> list[tuple[int, int]]:
    """Where `query` matches in the article: its words (`terms`) in the body, and the mentions its entity clauses
    (`person:"…"`, `org:`, `place:`) match."""
    from tui.query_entities import entity_clauses, entity_spans, merged

    clauses = entity_clauses(query)
    return merged(match_spans(document.body, terms), entity_spans(document.annotation.mentions, clauses))


def snippets_for(
    shared: SharedCorpus, hits: Sequence[Hit], terms: MatchTerms, start: int, end: int
) -> dict[int, Snippet]:
    """Snippets for rows start..end (exclusive)."""
    with shared.lock:
        return _snippets(shared.corpus, hits, terms, range(start, min(end, len(hits))))


def _snippets(corpus: Corpus, hits: Sequence[Hit], terms: MatchTerms, rows: range) -> dict[int, Snippet]:
    bodies = corpus.bodies([hits[row].id for row in rows])
    return {row: make_snippet(bodies.get(hits[row].id, ""), terms) for row in rows}


def facets(
    shared: SharedCorpus, query: str, cancelled: Callable[[], bool] = lambda: False
) -> tuple[list[EntitySummary], list[Event]]:
    """The entities and events of the documents matching `query` (ingest stored the events' clusters).

    The corpus is held only while it is read: summing up the mentions (0.4 s for all 2,225 BBC articles) must not
    keep a search typed meanwhile waiting for it. A newer search cancels them (`cancelled`): what is left is skipped.
    """
    with shared.lock:
        mentions = shared.corpus.entity_mentions(query)
    # let a search typed meanwhile take the corpus between the two reads (each reads every matching document)
    if cancelled():
        return [], []
    with shared.lock:
        events = shared.corpus.events(query)
    if cancelled():
        return [], []
    return summarise(mentions.items()), events


def read_document(shared: SharedCorpus, doc_id: str) -> Document:
    """The document with this id, the user's entity edits applied (raises what the corpus raises)."""
    with shared.lock:
        return shared.corpus.document(doc_id)
