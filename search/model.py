"""The data that flows through `explore`: records read from files, cleaned articles, stored documents.

Every stage of the ingest pipeline (read -> clean -> annotate -> write) takes and returns these plain
dataclasses, so each stage can run anywhere (a thread, a process pool, a cluster) without shared state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Metadata field names, in display order.
META_FIELDS = ("title", "date", "source", "author", "url")


@dataclass(frozen=True)
class Sourced:
    """One metadata value and what it was taken from (e.g. "byline", "json:date", "first sentence")."""

    value: str
    origin: str


@dataclass(frozen=True)
class RawRecord:
    """One article as read from disk, before cleaning.

    `path` is the file path, with `#N` appended for the N-th record (1-based) of a JSON/JSONL file.
    `hints` are metadata given by the container format itself (JSON fields, HTML meta tags).
    """

    path: str
    text: str
    fmt: str
    hints: dict[str, Sourced] = field(default_factory=dict)


@dataclass(frozen=True)
class FurnitureBlock:
    """Text that cleaning set aside as page furniture, with the rule that caught it."""

    text: str
    reason: str


@dataclass(frozen=True)
class Metadata:
    """Article metadata; a field the article does not state is None, never a guess.

    `date` is ISO 8601 at the granularity the article gives: YYYY-MM-DD, YYYY-MM or YYYY.
    `provenance` maps each non-null field name to what it was taken from.
    """

    title: str | None = None
    title_derived: bool = False
    date: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CleanArticle:
    """An article after cleaning: the body to index and show, and what was set aside."""

    body: str
    furniture: tuple[FurnitureBlock, ...]
    metadata: Metadata


@dataclass(frozen=True)
class Mention:
    """One entity mention in a document body: character offsets into the clean body."""

    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, ...
    start: int
    end: int
    entity: str  # canonical entity name


@dataclass(frozen=True)
class Actor:
    """A canonical entity taking part in an event, with its role where the parse gives one."""

    name: str
    label: str
    role: str | None = None  # "agent", "patient", "participant", ...


@dataclass(frozen=True)
class Event:
    """A sentence-level report of something happening, with its date resolved where possible."""

    id: str
    doc_id: str
    type: str
    trigger: str
    actors: tuple[Actor, ...]
    location: str | None
    date: str | None  # ISO start date at its granularity, or None when unresolved
    date_end: str | None  # ISO end date for ranges ("September 2-6"), else None
    date_text: str | None  # the time expression as written
    granularity: str | None  # "day", "week", "month", "year", or None
    sentence: str
    start: int
    end: int
    cluster: str | None = None
    sources: tuple[str, ...] = ()
    category: str = ""  # readable category (search.events.categories.CATEGORY_ORDER); "" in data stored before it
    cameo: str | None = None  # CAMEO event code, when CAMEO codes the event
    agent: str | None = None  # who acted (canonical entity name or a nominal head such as "police")
    target: str | None = None  # on whom


@dataclass(frozen=True)
class Annotation:
    """What NLP found in one document's clean body; `problems` says what failed for it (it is then indexed without
    what failed: no events, or no annotation at all), one reason each. Problems are reported, not stored."""

    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A stored document: one unique text, remembering every path it was found at."""

    id: str
    paths: tuple[str, ...]
    metadata: Metadata
    body: str
    furniture: tuple[FurnitureBlock, ...] = ()
    annotation: Annotation = Annotation()

    @property
    def path(self) -> str:
        """The first path the text was found at."""
        return self.paths[0]

    @property
    def words(self) -> int:
        """Whitespace-separated words in the clean body."""
        return len(self.body.split())


@dataclass(frozen=True)
class DocumentSummary:
    """A document's metadata without its body: what `list` shows."""

    id: str
    paths: tuple[str, ...]
    metadata: Metadata
    words: int
