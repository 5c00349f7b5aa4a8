"""Running a query: one long-lived Whoosh searcher, results joined with the document store, snippets for the page.

The searcher is opened once and refreshed when the index changed, so a search costs only the search.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from whoosh import query as wq
from whoosh import sorting
from whoosh.index import Index
from whoosh.searching import Searcher

from search.query import ParsedQuery, make_parser, parse
from search.snippets import MatchTerms, Snippet, make_snippet
from search.store import DocumentSummary, Store

SORTS = ("relevance", "date")
#: Dated documents newest first, then undated ones (a plain reversed date sort puts the undated first).
_NEWEST_FIRST = sorting.MultiFacet(
    [sorting.QueryFacet({0: wq.Every("date")}, other=1), sorting.FieldFacet("date", reverse=True)]
)


@dataclass(frozen=True)
class Hit:
    """One matching document as shown in a result list."""

    summary: DocumentSummary
    score: float
    snippet: Snippet

    @property
    def id(self) -> str:
        return self.summary.id


@dataclass(frozen=True)
class SearchResult:
    """A page of hits and what it took to find them."""

    query: str
    total: int
    total_is_exact: bool
    took_ms: float
    hits: tuple[Hit, ...]
    truncated_prefixes: tuple[str, ...] = ()


class SearchEngine:
    """Searches one index; keep one per index and reuse it."""

    def __init__(self, ix: Index, store: Store) -> None:
        self._ix = ix
        self._store = store
        self._searcher: Searcher = ix.searcher()
        self._parser = make_parser()

    def close(self) -> None:
        self._searcher.close()

    def refresh(self) -> None:
        """See what a writer committed since the searcher was opened.

        A fresh searcher rather than Whoosh's `Searcher.refresh()`: in whoosh-reloaded 2.7.5 that re-adds the old
        reader's segments (so replaced documents stay findable) and fails on a searcher of an empty index.
        """
        if self._searcher.up_to_date():
            return
        old, self._searcher = self._searcher, self._ix.searcher()
        old.close()

    def parse(self, text: str) -> ParsedQuery:
        """Parse a query (raises QueryError with a one-line message)."""
        return parse(text, self._searcher.reader(), self._parser)

    def search(self, text: str, *, limit: int = 20, sort: str = "relevance", snippets: bool = True) -> SearchResult:
        """Search `text` (empty: every document, newest first); snippets for the first `limit` hits only."""
        started = time.perf_counter()
        self.refresh()
        parsed = self.parse(text)
        by_date = sort == "date" or isinstance(parsed.query, wq.Every)
        results = self._searcher.search(
            parsed.query, limit=max(1, limit), sortedby=_NEWEST_FIRST if by_date else None, terms=False
        )
        # sorted by date, a hit's "score" is its sort key (a tuple), not a relevance score
        ranked = [(hit["id"], hit.score if isinstance(hit.score, float) else 0.0) for hit in results][:limit]
        summaries = {summary.id: summary for summary in self._store.summaries([doc_id for doc_id, _ in ranked])}
        terms = MatchTerms.of(parsed.query)
        bodies = self._store.bodies(list(summaries)) if snippets else {}
        hits = tuple(
            Hit(summaries[doc_id], score, make_snippet(bodies.get(doc_id, ""), terms))
            for doc_id, score in ranked
            if doc_id in summaries
        )
        total = len(results)
        took = (time.perf_counter() - started) * 1000
        return SearchResult(text, total, True, took, hits, parsed.truncated_prefixes)

    def matching_ids(self, text: str) -> list[str]:
        """Every document id matching `text` (all ids when empty), best first."""
        self.refresh()
        parsed = self.parse(text)
        results = self._searcher.search(parsed.query, limit=None, terms=False)
        return [hit["id"] for hit in results]
