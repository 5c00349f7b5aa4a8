"""The messages of the app, small dataclasses: results from thread workers to the screen, choices between widgets,
and requests the main screen sends up to the app (cite, quote, pick a style), which handles them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from search.entities.stats import EntitySummary
    from search.index.results import Hit, SearchResult
    from search.index.snippets import MatchTerms, Snippet
    from search.model import Document, Event
    from tui.corpus_opening import Opened


@dataclass
class CorpusOpened(Message):
    """The index was opened in the background after the first frame (or was not: `opened` says why, or that it
    must be built first)."""

    opened: Opened


@dataclass
class SearchDone(Message):
    """A search finished; `generation` tells whether it is still the newest one."""

    generation: int
    result: SearchResult
    terms: MatchTerms
    snippets: dict[int, Snippet]
    #: Rows the result list shows (hits beyond `result.hits` are fetched when wanted); None: just these hits.
    rows: int | None = None
    #: The order of the hits: "relevance" or "date".
    sort: str = "relevance"


@dataclass
class HitsFetched(Message):
    """More hits for the result list's set `batch` (the first `count`); `hits` None when fetching them failed."""

    batch: int
    hits: tuple[Hit, ...] | None
    count: int


@dataclass
class SearchFailed(Message):
    """A search could not run (a bad query, a broken index): a one-line reason."""

    generation: int
    query: str
    reason: str


@dataclass
class FacetsDone(Message):
    """The entities and events of the current results, computed after the hits were shown."""

    generation: int
    entities: list[EntitySummary]
    events: list[Event]


@dataclass
class SnippetsReady(Message):
    """Snippets for a run of result rows that were computed on demand (rows scrolled into view)."""

    generation: int
    snippets: dict[int, Snippet]


@dataclass
class DocumentLoaded(Message):
    """An article was read from the store; `mark` is a (start, end) body span to scroll to and mark."""

    document: Document
    term_spans: list[tuple[int, int]]
    mark: tuple[int, int] | None = None


@dataclass
class DocumentFailed(Message):
    """An article could not be read."""

    reason: str


@dataclass
class OpenHit(Message):
    """The user chose a result row."""

    doc_id: str


@dataclass
class EventChosen(Message):
    """The user chose an event in the events panel."""

    event: Event


@dataclass
class EntityChosen(Message):
    """The user chose an entity in the entities panel: narrow the search to it."""

    entity: EntitySummary


@dataclass
class LabelToggled(Message):
    """An entity type was switched on or off in the legend."""

    label: str


@dataclass
class IndexProgress(Message):
    """Indexing progress; a newer one replaces one still queued."""

    done: int
    total: int
    what: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass
class IndexFinished(Message):
    """Indexing finished (or was cancelled); `report` is one line for the user."""

    report: str


@dataclass
class IndexFailed(Message):
    """Indexing failed: a one-line reason."""

    reason: str


@dataclass
class CiteRequested(Message):
    """Copy a citation of `document` (in `style`, or the app's current style when None)."""

    document: Document
    style: str | None = None


@dataclass
class QuoteRequested(Message):
    """Copy `sentence` of `document` in quotation marks with its citation."""

    document: Document
    sentence: str


@dataclass
class StylePickRequested(Message):
    """Let the user pick the citation style."""


@dataclass
class Exported(Message):
    """The result list was exported: `count` rows to `path`, or it failed (`problem`)."""

    path: str
    count: int
    problem: str | None = None
