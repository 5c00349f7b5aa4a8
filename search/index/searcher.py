"""Running a query: one long-lived Whoosh searcher, results joined with the document store, snippets for the page.

The searcher is opened once and refreshed when the index changed, so a search costs only the search. Prefixes expand
through the prefix table when it describes the open index. Word, prefix and boolean queries are scored over arrays
(search/array_search.py), with an exact count. Any other query (a phrase, a date range) goes through Whoosh: when it
has few possible matches every one is scored, so its count is exact and costs nothing more; one that may match a
large share of the index takes Whoosh's block-skipping search for the top hits and extrapolates the count from its
first matches, flagged as such. The last results are kept, so a query typed again (backspace while typing) is
answered at once; a refresh to a new index generation forgets them.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from itertools import islice
from typing import TypeVar

from whoosh import collectors, sorting
from whoosh import query as wq
from whoosh.index import Index
from whoosh.searching import Results, Searcher

from search.index.array_scoring import FieldLengths, array_top
from search.index.posting_tables import PostingTables
from search.index.prefix_table import PrefixTerms
from search.index.query import ParsedQuery, make_parser, parse
from search.index.results import Hit, SearchResult
from search.index.snippets import MatchTerms, make_snippet
from search.index.writer import open_searcher
from search.store import Store

T = TypeVar("T")

SORTS = ("relevance", "date")
#: Results remembered per engine (the queries of a few seconds of typing).
CACHE_SIZE = 64
#: Up to this many possible matches (Whoosh's upper bound), every match is scored: the count is exact and comes free.
#: Beyond it, block skipping finds the top hits faster than scoring everything (3x for a word in two thirds of 50,000).
SCORE_ALL_UP_TO = 10_000
#: A count beyond SCORE_ALL_UP_TO is exact up to this many matches, else extrapolated from them.
COUNT_SAMPLE = 300
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
        self._lengths = FieldLengths()
        self._tables = PostingTables()

    def close(self) -> None:
        self._searcher.close()

    def refresh(self) -> None:
        """See what a writer committed since the searcher was opened (and forget results of the older index).

        A fresh searcher rather than Whoosh's `Searcher.refresh()`: in whoosh-reloaded 2.7.5 that re-adds the old
        reader's segments (so replaced documents stay findable) and fails on a searcher of an empty index.
        """
        if not self._searcher.up_to_date():
            self._reopen()

    def _reopen(self) -> None:
        old, self._searcher = self._searcher, open_searcher(self._ix)
        old.close()
        self._cache.clear()
        self._lengths = FieldLengths()
        self._tables = PostingTables()

    def generation(self) -> int:
        """The index generation the open searcher reads (-1 for an index without documents: Whoosh gives none)."""
        generation = self._searcher.reader().generation()
        return -1 if generation is None else int(generation)

    def replaced(self) -> bool:
        """Whether a writer committed a newer generation than the one the open searcher reads."""
        return int(self._ix.latest_generation()) > self.generation()

    def _on_latest(self, action: Callable[[], T]) -> T:
        """Run a read; if it fails while a writer has replaced the searcher's generation, run it once more on the
        newer generation.

        A file of a replaced generation may be gone (a search slower than the writer's grace, see generations.py):
        Whoosh then raises FileNotFoundError, or for a column file it checks first, a TypeError on the None it got.
        A failure on the latest generation is left to the caller (damage).
        """
        try:
            return action()
        except Exception:
            if not self.replaced():
                raise
            self._reopen()
            return action()

    def forget_results(self) -> None:
        """Drop the remembered results (the next search of any query runs it again)."""
        self._cache.clear()

    def parse(self, text: str) -> ParsedQuery:
        """Parse `text` (raises QueryError with a one-line message)."""
        return parse(text, self._searcher.reader(), self._parser, self._prefix_terms)

    def _prefix_terms(self, prefix: str) -> PrefixTerms | None:
        """The prefix table's terms for `prefix`, when the table describes the open index (else None: expand live).

        A writer replaces the table (one transaction) after each commit, so it is checked on both sides of the lookup:
        the terms were read while the table described this searcher's generation, never a newer one's.
        """
        generation = self.generation()
        if self._store.prefix_table_generation() != generation:
            return None
        terms = self._store.prefix_terms(prefix)
        return terms if self._store.prefix_table_generation() == generation else None

    def search(self, text: str, *, limit: int = 20, sort: str = "relevance", snippets: bool = True) -> SearchResult:
        """Search `text` (empty: every document, newest first); snippets for the first `limit` hits only."""
        started = time.perf_counter()
        self.refresh()
        key = (text, limit, sort, snippets)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return replace(cached, took_ms=(time.perf_counter() - started) * 1000)
        result = self._on_latest(lambda: self._search(text, limit, sort, snippets, started))
        self._cache[key] = result
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return result

    def _search(self, text: str, limit: int, sort: str, snippets: bool, started: float) -> SearchResult:
        parsed = self.parse(text)
        by_date = sort == "date" or isinstance(parsed.query, wq.Every)
        ranked, total, exact = self._top(parsed.query, max(1, limit), by_date)
        ranked = ranked[:limit]
        summaries = {summary.id: summary for summary in self._store.summaries([doc_id for doc_id, _ in ranked])}
        terms = MatchTerms.of(parsed.query)
        bodies = self._store.bodies(list(summaries)) if snippets else {}
        hits = tuple(
            Hit(summaries[doc_id], score, make_snippet(bodies.get(doc_id, ""), terms))
            for doc_id, score in ranked
            if doc_id in summaries
        )
        took = (time.perf_counter() - started) * 1000
        return SearchResult(text, total, exact, took, hits, parsed.truncated_prefixes)

    def _top(self, query: wq.Query, limit: int, by_date: bool) -> tuple[list[tuple[str, float]], int, bool]:
        """The ids and scores of the top `limit` matches of `query`, how many matched, and whether that is exact."""
        if type(query) is wq.Every and query.fieldname is None:  # `*`: every article, newest first, from the store
            return [(summary.id, 0.0) for summary in self._store.summaries(limit=limit)], self._store.count(), True
        top = None if by_date else array_top(self._searcher, query, limit, self._lengths, self._tables)
        if top is not None:
            ids = [(self._searcher.stored_fields(docnum)["id"], score) for docnum, score in top.ranked]
            return ids, top.total, True
        if by_date:
            results = self._searcher.search(query, limit=limit, sortedby=_NEWEST_FIRST, terms=False)
            total, exact = len(results), True  # sorting visits every match, so the count is known
        elif query.estimate_size(self._searcher.reader()) <= SCORE_ALL_UP_TO:
            # no block skipping and no matcher replacement: Whoosh's replacement drops documents once the top hits
            # are full (an "exact" count of 1,629 for a word in 33,000 documents)
            collector = collectors.TopCollector(limit, usequality=False, replace=0)
            self._searcher.search_with_collector(query, collector)
            results = collector.results()
            total, exact = len(results), True
        else:
            results = self._searcher.search(query, limit=limit, terms=False)
            total, exact = estimate_count(results)
        # sorted by date, a hit's "score" is its sort key (a tuple), not a relevance score
        return [(hit["id"], hit.score if isinstance(hit.score, float) else 0.0) for hit in results], total, exact

    def matching_ids(self, text: str) -> list[str]:
        """Every document id matching `text` (all ids when empty), best first."""
        self.refresh()
        return self._on_latest(lambda: self._matching_ids(text))

    def _matching_ids(self, text: str) -> list[str]:
        results = self._searcher.search(self.parse(text).query, limit=None, terms=False)
        return [hit["id"] for hit in results]


def estimate_count(results: Results) -> tuple[int, bool]:
    """How many documents matched a search that skipped blocks, and whether that is exact.

    The matches are counted one by one up to COUNT_SAMPLE (exact when there are no more); beyond that the count is
    extrapolated: the matches found, over the share of the index (in document order) they were found in, and never
    more than Whoosh's upper bound.
    """
    matches = list(islice(results.searcher.docs_for_query(results.q), COUNT_SAMPLE + 1))
    found = len(matches)
    if found <= COUNT_SAMPLE:
        return found, True
    share = (matches[-1] + 1) / max(1, results.searcher.doc_count_all())  # document numbers come in order
    return max(found, min(round(found / share), results.estimated_length())), False
