"""The Whoosh full-text index: its schema and how documents are written to it and removed from it.

Title and body use a stemming analyzer (title weighted above body, BM25F); `words` holds the same text
unstemmed, so `prefix*` queries match what the user typed rather than a stem. Entity fields hold canonical entity
names and their surface forms, so `person:"Rajnath Singh"` finds every variant. Metadata fields are searchable;
everything shown to the user is read from the document store, so the index stores only ids.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from whoosh import index as whoosh_index
from whoosh.analysis import RegexTokenizer, StandardAnalyzer, StemmingAnalyzer
from whoosh.analysis.filters import LowercaseFilter
from whoosh.codec.base import Segment
from whoosh.fields import DATETIME, ID, TEXT, Schema
from whoosh.index import TOC, Index, clean_files
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from search.entities import entity_key
from search.model import Document

TITLE_BOOST = 3.0

#: Entity labels indexed under each entity field.
ENTITY_FIELDS = {
    "person": ("PERSON",),
    "org": ("ORG",),
    "place": ("GPE", "LOC", "FAC"),
}


def _schema() -> Schema:
    stemmed = StemmingAnalyzer(stoplist=None)
    plain = RegexTokenizer() | LowercaseFilter()
    names = StandardAnalyzer(stoplist=None)
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=stemmed, field_boost=TITLE_BOOST),
        body=TEXT(analyzer=stemmed),
        words=TEXT(analyzer=plain, phrase=False),
        source=TEXT(analyzer=names),
        author=TEXT(analyzer=names),
        url=TEXT(analyzer=names, phrase=False),
        date=DATETIME(sortable=True),
        person=TEXT(analyzer=names),
        org=TEXT(analyzer=names),
        place=TEXT(analyzer=names),
    )


SCHEMA = _schema()


class SearchIndexError(Exception):
    """The search index cannot be opened (a one-line reason)."""


#: Attempts at opening a reader while a writer may be replacing segments (a merge deletes the old files).
READ_ATTEMPTS = 5

T = TypeVar("T")


def while_writers_merge(action: Callable[[], T]) -> T:
    """Run a read that lists the segments, then opens them, again if a writer's commit removed one in between.

    A missing file that stays missing after the retries is real damage, and the error goes on.
    """
    for attempt in range(READ_ATTEMPTS):
        try:
            return action()
        except FileNotFoundError:
            if attempt == READ_ATTEMPTS - 1:
                raise
            time.sleep(0.02 * 2**attempt)
    raise AssertionError("unreachable")


def open_searcher(ix: Index) -> Searcher:
    """A searcher over the latest commit, safe against a concurrent writer's merge."""
    return while_writers_merge(ix.searcher)


def _open_checked(folder: Path) -> Index:
    ix = whoosh_index.open_dir(str(folder))
    ix.reader().close()  # opens every segment: a missing or truncated segment file fails here, not later
    return ix


def open_index(folder: Path, *, create: bool = False) -> Index:
    """Open the Whoosh index in `folder`, creating it if asked and absent."""
    try:
        if whoosh_index.exists_in(str(folder)):
            return while_writers_merge(lambda: _open_checked(folder))
        if not create:
            raise SearchIndexError(f"no search index in {folder}")
        folder.mkdir(parents=True, exist_ok=True)
        return whoosh_index.create_in(str(folder), SCHEMA)
    except SearchIndexError:
        raise
    except Exception as error:  # Whoosh raises many kinds on a damaged index
        raise SearchIndexError(f"the search index in {folder} is damaged ({type(error).__name__}: {error})") from error


def index_fields(document: Document) -> dict[str, object]:
    """The fields Whoosh indexes for one document."""
    meta = document.metadata
    fields: dict[str, object] = {
        "id": document.id,
        "title": meta.title or "",
        "body": document.body,
        "words": f"{meta.title or ''}\n{document.body}",
        "source": meta.source or "",
        "author": meta.author or "",
        "url": meta.url or "",
    }
    date = date_value(meta.date)
    if date is not None:
        fields["date"] = date
    for field, labels in ENTITY_FIELDS.items():
        names: dict[str, None] = {}
        for mention in document.annotation.mentions:
            if mention.label in labels:
                names[mention.entity] = None
                names[mention.text] = None
                names[entity_key(mention.entity)] = None
        fields[field] = "\n".join(names)
    return fields


def date_value(iso: str | None) -> datetime.datetime | None:
    """The first moment of an ISO date at any granularity (YYYY, YYYY-MM, YYYY-MM-DD)."""
    if not iso:
        return None
    parts = [int(part) for part in iso.split("-")[:3]]
    while len(parts) < 3:
        parts.append(1)
    try:
        return datetime.datetime(parts[0], parts[1], parts[2])
    except ValueError:
        return None


class KeepPreviousWriter(SegmentWriter):
    """A Whoosh writer that deletes a replaced segment's files one commit later, not at once.

    A reader opened on the previous commit opens some of its segment files only when it first needs them (stored
    fields, lengths, sort columns); deleting them at commit would break a search running across the commit.
    Whoosh's own writer deletes every file the new table of contents does not list; this one also spares the
    files of the commit it replaced, and a later commit removes them.
    """

    def __init__(self, ix: Index, **options: object) -> None:
        super().__init__(ix, **options)
        self._replaced_segments = list(self.segments)

    def _commit_toc(self, segments: list[object]) -> None:  # overrides whoosh-reloaded 2.7's SegmentWriter
        TOC(self.schema, segments, self.generation).write(self.storage, self.indexname)
        clean_files(self.storage, self.indexname, self.generation, [*segments, *self._replaced_segments])


def write(ix: Index, documents: Iterable[Document], deleted: Iterable[str]) -> None:
    """Add or replace `documents` and remove `deleted` ids, in one commit (which may merge segments: TieredMerge).

    Segments are written as separate files, not compound ones: whoosh-reloaded copies a compound segment's
    postings into memory when a reader opens it (250 MB for 20,000 articles), while separate files are read
    on demand (32 MB). Separate files are also opened lazily, so the writer keeps the previous commit's files
    (see KeepPreviousWriter) for readers that are still using them.
    """
    writer = _writer(ix)
    try:
        for doc_id in deleted:
            writer.delete_by_term("id", doc_id)
        for document in documents:
            writer.update_document(**index_fields(document))
    except BaseException:
        writer.cancel()
        raise
    _commit(writer, TieredMerge())


def compact(ix: Index, written: int) -> int:
    """After a run that wrote `written` documents, merge the index's smallest segments into one; returns how many.

    Call it once at the end of a run (before the prefix table is refreshed: a merge is a new generation). It merges
    the smallest segments, as many as add up to at most COMPACT_SHARE of `written`: a run that built the index
    leaves one segment, while an `add` of a few files merges little or nothing (TieredMerge keeps those bounded).
    Nothing to merge: no commit.
    """
    writer = _writer(ix)
    chosen = compact_choice([segment.doc_count() for segment in writer.segments], int(COMPACT_SHARE * written))
    if not chosen:
        writer.cancel()
        return 0
    _commit(writer, _merge_chosen([writer.segments[number] for number in chosen]))
    return len(chosen)


def _writer(ix: Index) -> KeepPreviousWriter:
    return KeepPreviousWriter(ix, timeout=60.0, limitmb=256, compound=False)


def _commit(writer: KeepPreviousWriter, mergetype: Callable[[SegmentWriter, list[Segment]], list[Segment]]) -> None:
    try:
        writer.commit(mergetype=mergetype)
    except BaseException:
        _abandon(writer)
        raise


# ---- merging segments ---------------------------------------------------------------------------------------------

#: A commit's merge policy: segments are sorted into size tiers, each FACTOR times the one below, the first from
#: FLOOR documents up; a tier is merged (with the tiers below it) when the commit would leave FACTOR segments in it,
#: and the tier below FLOOR already at FLOOR_FACTOR (its merges are cheap, and small adds must not pile up there).
#: FACTOR is large because a run's end merges what the run wrote (compact): merges during a run are mostly redone.
#: FLOOR is below an ingest group (BATCH_RECORDS, 190-200 new documents), so a run's full groups sit in the first
#: tier instead of merging every fourth commit (8 s of CPU each, beside the parse, on the full BBC corpus).
FACTOR = 16
FLOOR = 150
FLOOR_FACTOR = 4
#: Documents compact() may rewrite, as a share of the documents the run wrote: a run that built the whole index
#: leaves one segment (a search of 50,000 articles in four equal segments takes 10-20% longer than in one).
COMPACT_SHARE = 1.0


def tier(docs: int, factor: int = FACTOR, floor: int = FLOOR) -> int:
    """The size tier of a segment of `docs` live documents: 0 below `floor`, then one tier per `factor`."""
    level, bound = 0, floor
    while docs >= bound:
        level, bound = level + 1, bound * factor
    return level


def tiered_choice(sizes: Sequence[int], incoming: int, factor: int = FACTOR, floor: int = FLOOR) -> list[int]:
    """Which of the segments of these sizes a commit writing `incoming` documents merges into its new segment.

    The new segment starts in the tier of `incoming`; when that tier and the ones below hold enough segments to make
    a full tier with it, they are merged in and the new segment moves up a tier, and so on. Each document is thus
    rewritten about once per tier it climbs, and a tier never keeps more than `factor` - 1 segments.
    """
    chosen: list[int] = []
    carry = incoming
    while True:
        level = tier(carry, factor, floor)
        below = [n for n, size in enumerate(sizes) if n not in chosen and tier(size, factor, floor) <= level]
        if not below or len(below) + 1 < (FLOOR_FACTOR if level == 0 else factor):
            return chosen
        chosen += below
        carry += sum(sizes[n] for n in below)


def compact_choice(sizes: Sequence[int], budget: int) -> list[int]:
    """The smallest segments, as many as add up to at most `budget` documents; none unless at least two."""
    chosen: list[int] = []
    total = 0
    for number in sorted(range(len(sizes)), key=lambda n: sizes[n]):
        total += sizes[number]
        if total > budget:
            break
        chosen.append(number)
    return chosen if len(chosen) > 1 else []


@dataclass(frozen=True)
class TieredMerge:
    """Whoosh merge policy (a `mergetype` for `commit`) that keeps few segments at a bounded cost (tiered_choice).

    Whoosh's default (MERGE_SMALL) left 17 segments after 50,000 documents committed 200 at a time (a search pays
    for every segment it visits), and could merge large segments on any commit. Segments whose documents were all
    deleted are dropped, not merged.
    """

    factor: int = FACTOR
    floor: int = FLOOR

    def __call__(self, writer: SegmentWriter, segments: list[Segment]) -> list[Segment]:
        live = [segment for segment in segments if segment.doc_count() > 0]
        chosen = tiered_choice([s.doc_count() for s in live], writer.doc_count(), self.factor, self.floor)
        return _merge_chosen([live[number] for number in chosen])(writer, live)


def _merge_chosen(chosen: list[Segment]) -> Callable[[SegmentWriter, list[Segment]], list[Segment]]:
    """A merge policy that copies the `chosen` segments into the segment being written and keeps the others.

    A chosen segment with no live document is dropped without reading it.
    """

    def merge(writer: SegmentWriter, segments: list[Segment]) -> list[Segment]:
        for segment in chosen:
            if segment.doc_count() == 0:
                continue
            reader = SegmentReader(writer.storage, writer.schema, segment)
            try:
                writer.add_reader(reader)
            finally:
                reader.close()
        return [segment for segment in segments if segment not in chosen]

    return merge


def _abandon(writer: object) -> None:
    """Give up a writer whose commit failed (a full disk, say): release the index's lock so a retry can write.

    The old generation's table of contents is untouched (Whoosh writes the new one to a temporary file and renames
    it), so the index still opens as it was before this commit.
    """
    try:
        writer.cancel()  # type: ignore[attr-defined]
    except Exception:
        lock = getattr(writer, "writelock", None)
        if lock is not None:
            lock.release()
