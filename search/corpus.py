"""An opened index: the one object the commands and the app use to list, read and search documents.

It owns the document store and the search engine for one index folder and hands out plain dataclasses. A damaged
search index is reported as a CorpusError naming `explore rebuild`, whether it fails when opened or at the first
search (Whoosh may open a truncated segment and fail only when it reads it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from search.entity_edits import EntityEditsError, edits_path, load_edits
from search.entity_stats import EntitySummary, summarise
from search.index import SearchIndexError, open_index
from search.model import Document, Event
from search.query import QueryError
from search.searching import SearchEngine, SearchResult
from search.store import DocumentSummary, Store, StoreError

STORE_FILE = "documents.sqlite"
SEARCH_FOLDER = "search"


class CorpusError(Exception):
    """The index cannot be used (a one-line reason for the user)."""


class UnknownDocumentError(CorpusError):
    """No document has that id (or the prefix is ambiguous)."""


def index_exists(index_dir: Path) -> bool:
    return (index_dir / STORE_FILE).exists()


class Corpus:
    """The documents of one index folder, searchable."""

    def __init__(self, index_dir: Path, *, entity_edits: str | None = None) -> None:
        if not index_exists(index_dir):
            raise CorpusError(f"no index in {index_dir}: create one with `explore --index {index_dir} add PATH`")
        self.index_dir = index_dir
        try:
            self.edits = load_edits(edits_path(index_dir, entity_edits))
        except EntityEditsError as error:
            raise CorpusError(str(error)) from error
        try:
            self.store = Store(index_dir / STORE_FILE)
        except StoreError as error:
            raise CorpusError(f"{error}; rebuild it with `explore --index {index_dir} rebuild`") from error
        try:
            with self._reading():
                self.engine = SearchEngine(open_index(index_dir / SEARCH_FOLDER), self.store)
        except CorpusError:
            self.store.close()
            raise

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Turn a failure of the search index (missing or truncated files) into a one-line CorpusError."""
        try:
            yield
        except (QueryError, CorpusError):
            raise
        except SearchIndexError as error:
            raise CorpusError(f"{error}; rebuild it with `explore --index {self.index_dir} rebuild`") from error
        except Exception as error:  # Whoosh raises many kinds (EOFError, struct.error, OSError...) on damaged files
            detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            raise CorpusError(
                f"the search index in {self.index_dir / SEARCH_FOLDER} is damaged ({detail}); "
                f"rebuild it with `explore --index {self.index_dir} rebuild`"
            ) from error

    def close(self) -> None:
        self.engine.close()
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

    def search(self, query: str, *, limit: int = 20, sort: str = "relevance") -> SearchResult:
        with self._reading():
            return self.engine.search(query, limit=limit, sort=sort)

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
        doc_ids = self.matching_ids(query) if query.strip() else None
        grouped = self.store.mentions_by_document(doc_ids)
        if not self.edits.empty:
            grouped = {doc_id: self.edits.apply(mentions) for doc_id, mentions in grouped.items()}
        return summarise(grouped.items(), label)
