"""What a search returns: a page of hits joined with their documents' metadata, and what it took to find them.

Plain dataclasses with no Whoosh in them, so that the app can list documents before the search index is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.index.snippets import Snippet
from search.model import DocumentSummary


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
