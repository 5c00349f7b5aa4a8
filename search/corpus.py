"""An opened index: the one object the commands and the app use to list, read and search documents.

It owns the document store and the search engine for one index folder and hands out plain dataclasses. A damaged
search index is reported as a CorpusError naming `explore rebuild`, whether it fails when opened or at the first
search (Whoosh may open a truncated segment and fail only when it reads it). A file missing from a generation that
a writer's newer commit replaced is not damage (see search/index/generations.py): the reader moves to the newer
generation, and only if even that fails says the index changed while it was read.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from search.entities.aliases import stored_aliases
from search.entities.edits import EntityEditsError, edits_path, load_edits
from search.entities.stats import EntitySummary, summarise
from search.index.query_error import QueryError
from search.index.results import Hit, SearchResult
from search.index.snippets import MatchTerms, make_snippet
from search.index_folder import SEARCH_DIR, STORE_FILE
from search.model import Document, DocumentSummary, Event, Mention
from search.store import Store, StoreDamaged, StoreError

if TYPE_CHECKING:  # the search modules load Whoosh: imported when the search index is first needed
    from search.index.searcher import SearchEngine


class CorpusError(Exception):
    """The index cannot be used (a one-line reason for the user)."""


class UnknownDocumentError(CorpusError):
    """No document has that id (or the prefix is ambiguous)."""


def index_exists(index_dir: Path) -> bool:
    return (index_dir / STORE_FILE).exists()


class Corpus:
    """The documents of one index folder, searchable."""

    def __init__(self, index_dir: Path, *, entity_edits: str | None = None, open_search: bool = True) -> None:
        if not index_exists(index_dir):
            raise CorpusError(f"no index in {index_dir}: create one with `explore --index {index_dir} add PATH`")
        self.index_dir = index_dir
        try:
            self.edits = load_edits(edits_path(index_dir, entity_edits))
        except EntityEditsError as error:
            raise CorpusError(str(error)) from error
        try:
            self.store = Store(index_dir / STORE_FILE)
        except StoreDamaged as error:
            raise CorpusError(str(error)) from error  # it names the command that recovers
        except StoreError as error:
            raise CorpusError(f"{error}; rebuild it with `explore --index {index_dir} rebuild`") from error
        self.edits = self.edits.with_aliases(stored_aliases(self.store))
        self._engine: SearchEngine | None = None
        if open_search:
            try:
                self._open_engine()
            except CorpusError:
                self.store.close()
                raise

    @property
    def engine(self) -> SearchEngine:
        """The search engine, opened at first use (a CorpusError when the search index is damaged)."""
        return self._open_engine() if self._engine is None else self._engine

    def open_search(self) -> None:
        """Open the search index now, if it is not open yet (a CorpusError when it is damaged)."""
        if self._engine is None:
            self._open_engine()

    def _open_engine(self) -> SearchEngine:
        with self._reading():
            from search.index.searcher import SearchEngine
            from search.index.writer import open_index

            self._engine = SearchEngine(open_index(self.index_dir / SEARCH_DIR), self.store)
        return self._engine

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Turn a failure of the search index (missing or truncated files) into a one-line CorpusError."""
        try:
            yield
        except (QueryError, CorpusError):
            raise
        except StoreError as error:  # the document store, not the search index: its message names the recovery
            raise CorpusError(str(error)) from error
        except Exception as error:  # Whoosh raises many kinds (EOFError, struct.error, OSError...) on damaged files
            from search.index.writer import SearchIndexError

            if isinstance(error, SearchIndexError):
                raise CorpusError(f"{error}; rebuild it with `explore --index {self.index_dir} rebuild`") from error
            if self._engine is not None and self._engine.replaced():
                # read from a generation a newer commit replaced (its files may be gone): a writer outran this
                # reader, which says nothing about damage; the engine already ran it again once (_on_latest)
                raise CorpusError(
                    f"the search index in {self.index_dir / SEARCH_DIR} changed while it was read (another explore "
                    "process is writing); try again"
                ) from error
            detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            raise CorpusError(
                f"the search index in {self.index_dir / SEARCH_DIR} is damaged ({detail}); "
                f"rebuild it with `explore --index {self.index_dir} rebuild`"
            ) from error

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def count(self) -> int:
        return self.store.count()

    def summaries(self) -> list[DocumentSummary]:
        """Every document's metadata, newest first."""
        return self.store.summaries()

    def document(self, doc_id: str) -> Document:
        """The document with this id or unique id prefix."""
        matches = self.store.resolve_id(doc_id.strip().lower()) if doc_id.strip() else []
        if not matches:
            raise UnknownDocumentError(f"no document with id {doc_id!r} (see `explore list`)")
        if len(matches) > 1 and doc_id not in matches:
            raise UnknownDocumentError(f"id prefix {doc_id!r} is ambiguous: {', '.join(matches[:5])}, …")
        document = self.store.get(doc_id if doc_id in matches else matches[0])
        if document is None:
            raise UnknownDocumentError(f"document {doc_id!r} vanished while reading")
        return self.edits.apply_to_document(document)

    def search(self, query: str, *, limit: int = 20, sort: str = "relevance", snippets: bool = True) -> SearchResult:
        """The first `limit` hits of `query`; an empty query lists every document, newest first, from the store."""
        if not query.strip():
            return self.newest(limit, snippets=snippets)
        with self._reading():
            return self.engine.search(query, limit=limit, sort=sort, snippets=snippets)

    def newest(self, limit: int, *, snippets: bool = True) -> SearchResult:
        """Every document, newest first (undated ones last): the first `limit` of them, and how many there are."""
        started = time.perf_counter()
        summaries = self.store.summaries(limit=limit)
        bodies = self.store.bodies([summary.id for summary in summaries]) if snippets else {}
        nothing = MatchTerms(frozenset(), frozenset())
        hits = tuple(Hit(summary, 0.0, make_snippet(bodies.get(summary.id, ""), nothing)) for summary in summaries)
        total = self.store.count()
        return SearchResult("", total, True, (time.perf_counter() - started) * 1000, hits)

    def match_terms(self, query: str) -> MatchTerms:
        """The words and prefixes of `query` to highlight in a text (none for an empty query)."""
        if not query.strip():
            return MatchTerms(frozenset(), frozenset())
        with self._reading():
            return MatchTerms.of(self.engine.parse(query).query)

    def bodies(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """The clean bodies of these documents, by id (for snippets)."""
        return self.store.bodies(doc_ids)

    def matching_ids(self, query: str) -> list[str]:
        """Every document id matching `query`, best first."""
        with self._reading():
            return self.engine.matching_ids(query)

    def events(self, query: str = "") -> list[Event]:
        """Events of the documents matching `query` (all events when empty), by date, unresolved last."""
        if not query.strip():
            return self.store.events()
        return self.store.events(self.matching_ids(query))

    def entities(self, query: str = "", *, label: str | None = None) -> list[EntitySummary]:
        """Canonical entities of the documents matching `query` (all when empty), most frequent first."""
        return summarise(self.entity_mentions(query).items(), label)

    def entity_mentions(self, query: str = "") -> dict[str, list[Mention]]:
        """The mentions of the documents matching `query` (all when empty), by document, the user's entity edits
        applied: what `entities` summarises (the app summarises them without holding the corpus)."""
        doc_ids = self.matching_ids(query) if query.strip() else None
        grouped = self.store.mentions_by_document(doc_ids)
        if not self.edits.empty:
            grouped = {doc_id: self.edits.apply(mentions) for doc_id, mentions in grouped.items()}
        return grouped
