"""An opened index: the one object the commands and the app use to list, read and search documents.

It owns the document store and the search engine for one index folder and hands out plain dataclasses.
"""

from __future__ import annotations

from pathlib import Path

from search.entity_stats import EntitySummary, summarise
from search.index import SearchIndexError, open_index
from search.model import Document, Event
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

    def __init__(self, index_dir: Path) -> None:
        if not index_exists(index_dir):
            raise CorpusError(f"no index in {index_dir}: create one with `explore --index {index_dir} add PATH`")
        self.index_dir = index_dir
        try:
            self.store = Store(index_dir / STORE_FILE)
            self.engine = SearchEngine(open_index(index_dir / SEARCH_FOLDER), self.store)
        except (StoreError, SearchIndexError) as error:
            raise CorpusError(f"{error}; rebuild it with `explore --index {index_dir} rebuild`") from error

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
        return document

    def search(self, query: str, *, limit: int = 20, sort: str = "relevance") -> SearchResult:
        return self.engine.search(query, limit=limit, sort=sort)

    def events(self, query: str = "") -> list[Event]:
        """Events of the documents matching `query` (all events when empty), by date, unresolved last."""
        if not query.strip():
            return self.store.events()
        return self.store.events(self.engine.matching_ids(query))

    def entities(self, query: str = "", *, label: str | None = None) -> list[EntitySummary]:
        """Canonical entities of the documents matching `query` (all when empty), most frequent first."""
        doc_ids = self.engine.matching_ids(query) if query.strip() else None
        return summarise(self.store.mentions_by_document(doc_ids).items(), label)
