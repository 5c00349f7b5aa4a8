"""Running a query: one long-lived Whoosh searcher, results joined with the document store, snippets for the page.

The searcher is opened once and refreshed when the index changed, so a search costs only the search. Prefixes expand
through the prefix table when it describes the open index. The count of matches is exact when it comes free or is
cheap (few candidates), otherwise Whoosh's estimate, flagged as such. The last results are kept, so a query typed
again (backspace while typing) is answered at once; a refresh to a new index generation forgets them.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import replace
from itertools import islice

from whoosh import query as wq
from whoosh import sorting
from whoosh.index import Index
from whoosh.searching import Results, Searcher

from search.index import open_searcher
from search.prefix_table import PrefixTerms
from search.query import ParsedQuery, make_parser, parse
from search.search_results import Hit, SearchResult
from search.snippets import MatchTerms, make_snippet
from search.store import Store

SORTS = ("relevance", "date")
#: Results remembered per engine (the queries of a few seconds of typing).
CACHE_SIZE = 64
#: Matches are counted one by one up to this many (a few milliseconds); more are estimated.
EXACT_COUNT_UP_TO = 1_000
#: Dated documents newest first, then undated ones (a plain reversed date sort puts the undated first).
_NEWEST_FIRST = sorting.MultiFacet(
    [sorting.QueryFacet({0: wq.Every("date")}, other=1), sorting.FieldFacet("date", reverse=True)]
)


class SearchEngine:
    """Searches one index; keep one per index and reuse it."""

    def __init__(self, ix: Index, store: Store) -> None:
        self._ix = ix
        self._store = store
        self._searcher: Searcher = open_searcher(ix)
        self._parser = make_parser()
        self._cache: OrderedDict[tuple[str, int, str, bool], SearchResult] = OrderedDict()
        self._table_current = False

    def close(self) -> None:
        self._searcher.close()

    def refresh(self) -> None:
        """See what a writer committed since the searcher was opened (and forget results of the older index).

        A fresh searcher rather than Whoosh's `Searcher.refresh()`: in whoosh-reloaded 2.7.5 that re-adds the old
        reader's segments (so replaced documents stay findable) and fails on a searcher of an empty index.
        """
        if self._searcher.up_to_date():
            return
        old, self._searcher = self._searcher, open_searcher(self._ix)
        old.close()
        self._cache.clear()
        self._table_current = False

    def forget_results(self) -> None:
        """Drop the remembered results (the next search of any query runs it again)."""
        self._cache.clear()

    def parse(self, text: str) -> ParsedQuery:
        """Parse `text` (raises QueryError with a one-line message)."""
        return parse(text, self._searcher.reader(), self._parser, self._prefix_terms)

    def _prefix_terms(self, prefix: str) -> PrefixTerms | None:
        """The prefix table's terms for `prefix`, when the table describes the open index (else None: expand live)."""
        if not self._table_current:
            self._table_current = self._store.prefix_table_generation() == self._searcher.reader().generation()
        return self._store.prefix_terms(prefix) if self._table_current else None

    def search(self, text: str, *, limit: int = 20, sort: str = "relevance", snippets: bool = True) -> SearchResult:
        """Search `text` (empty: every document, newest first); snippets for the first `limit` hits only."""
        started = time.perf_counter()
        self.refresh()
        key = (text, limit, sort, snippets)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return replace(cached, took_ms=(time.perf_counter() - started) * 1000)
        result = self._search(text, limit, sort, snippets, started)
        self._cache[key] = result
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return result

    def _search(self, text: str, limit: int, sort: str, snippets: bool, started: float) -> SearchResult:
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
        total, exact = count(results)
        took = (time.perf_counter() - started) * 1000
        return SearchResult(text, total, exact, took, hits, parsed.truncated_prefixes)

    def matching_ids(self, text: str) -> list[str]:
        """Every document id matching `text` (all ids when empty), best first."""
        self.refresh()
        parsed = self.parse(text)
        results = self._searcher.search(parsed.query, limit=None, terms=False)
        return [hit["id"] for hit in results]


def count(results: Results) -> tuple[int, bool]:
    """How many documents matched, and whether that is exact.

    Exact when the search counted them anyway, or when there are at most EXACT_COUNT_UP_TO (counted one by one).
    Beyond that the count stops and extrapolates: the matches found so far, over the share of the index (in document
    order) they were found in; never more than Whoosh's upper bound.
    """
    if results.has_exact_length():
        return len(results), True
    matches = list(islice(results.searcher.docs_for_query(results.q), EXACT_COUNT_UP_TO + 1))
    found = len(matches)
    if found <= EXACT_COUNT_UP_TO:
        return found, True
    share = (matches[-1] + 1) / max(1, results.searcher.doc_count_all())  # document numbers come in order
    return max(found, min(round(found / share), results.estimated_length())), False
