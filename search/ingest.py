"""Ingest: the pipeline that takes files to documents in the index, read -> clean -> annotate -> write.

Each stage is a plain function over a batch of plain dataclasses. Only the write stage touches the index, and it
commits batch by batch: the document store first (with a journal of what the search index must catch up with),
then the search index, in order. With an annotator that works in the background (LazyAnnotator) the stages
overlap: batch k+1 is read, cleaned and being annotated while batch k is written. A run that is killed loses at
most the batches in flight (nothing committed), and the next run completes them. Files whose size,
modification time or content did not change are not read again.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from search.cleaning import clean_record
from search.clusters import cluster_events
from search.discover import FoundFile, Skipped, discover
from search.entity_edits import EntityEdits, edits_path, load_edits
from search.index import compact, open_index, write
from search.model import Annotation, Document, RawRecord
from search.prefix_table import refresh_prefix_table
from search.readers import FileReadError, read_file
from search.store import FileState, FileUpdate, Store
from search.write_lock import write_lock

BATCH_FILES = 200
#: Documents per commit (and per annotation batch).
BATCH_RECORDS = 200
#: With background annotation, the last group of a run holds about this many new documents (its own commit), so
#: that little is left to write once the last parse is done.
LAST_GROUP_DOCS = 16


class Cancelled(Protocol):
    def is_set(self) -> bool: ...


#: Called as progress(done, total, what) while ingest runs: bytes done of the total, and the file just written.
#: After the last file, the run's finishing steps are announced with done = total = 0 (no count: the bar stays).
Progress = Callable[[int, int, str], None]
#: What the finishing steps are announced as (they take minutes at 50,000 articles).
CLUSTERING_PHASE = "grouping the events of all articles"
FINISHING_PHASE = "merging and finishing the search index"
#: What the annotate stage gets per document: (doc_id, clean body, publication date or None).
AnnotationItem = tuple[str, str, str | None]
#: Annotates a batch of items and returns one Annotation each, in order.
Annotator = Callable[[list[AnnotationItem]], list[Annotation]]
#: How often a run waiting for annotations looks whether it was cancelled.
CANCEL_POLL_SECONDS = 0.2


class PendingAnnotations(Protocol):
    """A batch's annotations being made in the background."""

    def wait(self, timeout: float | None) -> bool:
        """True once the annotations are ready (or failed); False when `timeout` seconds passed first."""
        ...

    def result(self) -> list[Annotation]:
        """One Annotation per item, in order (raises what annotating raised)."""
        ...

    def cancel(self) -> None:
        """Give up on the batch: work not started is dropped."""
        ...


@runtime_checkable
class BackgroundAnnotator(Protocol):
    """An Annotator that can also start a batch and hand its annotations back later (see LazyAnnotator)."""

    def __call__(self, items: list[AnnotationItem]) -> list[Annotation]: ...

    def submit(self, items: list[AnnotationItem]) -> PendingAnnotations: ...


@dataclass(frozen=True)
class IngestOptions:
    follow_symlinks: bool = False
    prune: bool = False
    wait_seconds: float = 0.0
    entity_edits: str | None = None  # the user's entity edits file (default: entities.toml in the index)


@dataclass
class IngestSummary:
    """What a run of `add` did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    removed: int = 0
    annotated: int = 0
    files_read: int = 0
    words: int = 0
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    cancelled: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "removed": self.removed,
            "annotated": self.annotated,
            "files_read": self.files_read,
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "skipped": [{"path": skip.path, "reason": skip.reason} for skip in self.skipped],
            "gone": self.gone,
            "cancelled": self.cancelled,
        }


@dataclass(frozen=True)
class ReadFile:
    """One file after the read stage: its new state and records, or None records when it did not change."""

    found: FoundFile
    state: FileState
    records: list[RawRecord] | None
    problems: list[str]


def document_id(record: RawRecord) -> str:
    """A stable id for a text: the same title and text give the same id, wherever the file lies."""
    title = record.hints["title"].value if "title" in record.hints else ""
    digest = hashlib.sha256(f"{title}\n{record.text.strip()}".encode()).hexdigest()
    return digest[:16]


# ---- the stages ---------------------------------------------------------------------------------------------


def read_stage(files: Sequence[FoundFile], store: Store) -> tuple[list[ReadFile], list[Skipped]]:
    """Read the files that changed since the last run (by size and time, then by content digest)."""
    read: list[ReadFile] = []
    skipped: list[Skipped] = []
    for found in files:
        try:
            data = Path(found.path).read_bytes()
        except FileNotFoundError:
            skipped.append(Skipped(found.path, "file vanished while ingest ran"))
            continue
        except OSError as error:
            skipped.append(Skipped(found.path, f"not readable ({error.strerror or error})"))
            continue
        state = FileState(len(data), found.mtime_ns, hashlib.sha256(data).hexdigest())
        known = store.file_state(found.path)
        if known is not None and known.digest == state.digest:
            read.append(ReadFile(found, state, None, []))
            continue
        try:
            result = read_file(found, data)
        except FileReadError as error:
            skipped.append(Skipped(found.path, str(error)))
            continue
        read.append(ReadFile(found, state, result.records, result.problems))
    return read, skipped


def clean_stage(records: Iterable[RawRecord]) -> list[tuple[str, Document]]:
    """Clean each record into a document: (path, document) pairs."""
    documents = []
    for record in records:
        article = clean_record(record)
        document = Document(document_id(record), (record.path,), article.metadata, article.body, article.furniture)
        documents.append((record.path, document))
    return documents


def annotate_stage(documents: Sequence[Document], annotator: Annotator | None) -> list[Document]:
    """Attach NLP annotations to documents (unchanged when there is no annotator)."""
    if annotator is None or not documents:
        return list(documents)
    annotations = annotator([(doc.id, doc.body, doc.metadata.date) for doc in documents])
    return [replace(doc, annotation=annotation) for doc, annotation in zip(documents, annotations, strict=True)]


@dataclass(frozen=True)
class IndexTarget:
    """Where the write stage writes: the document store, the search index, and the user's entity edits."""

    store: Store
    ix: Any
    edits: EntityEdits = field(default_factory=EntityEdits)


def write_stage(
    target: IndexTarget, updates: list[FileUpdate], annotated: Sequence[Document], removed: Iterable[str] = ()
) -> None:
    """Commit a batch to the document store, then bring the search index up to date with it."""
    target.store.apply(updates, removed)
    if annotated:
        target.store.set_annotations({doc.id: doc.annotation for doc in annotated})
    sync_search_index(target)


def sync_search_index(target: IndexTarget) -> int:
    """Apply the journal of pending documents to the search index; returns how many were applied."""
    store = target.store
    pending = store.pending()
    if not pending:
        return 0
    stored = (store.get(doc_id) for doc_id in pending)
    present = [target.edits.apply_to_document(doc) for doc in stored if doc is not None]
    present_ids = {doc.id for doc in present}
    write(target.ix, present, [doc_id for doc_id in pending if doc_id not in present_ids])
    store.clear_pending(pending)
    return len(pending)


def apply_entity_edits(target: IndexTarget, edits_file: Path) -> bool:
    """When the edits file changed since the index last saw it, re-index every document's entity fields.

    Nothing is re-parsed: the stored mentions get the new names. Returns True when the index was updated.
    """
    digest = hashlib.sha256(edits_file.read_bytes()).hexdigest() if edits_file.exists() else ""
    if digest == (target.store.meta("entity_edits") or ""):
        return False
    target.store.mark_all_pending()
    sync_search_index(target)
    target.store.set_meta("entity_edits", digest)
    return True


# ---- the run ------------------------------------------------------------------------------------------------


def ingest(
    index_dir: Path,
    paths: list[str],
    options: IngestOptions = IngestOptions(),
    *,
    annotator_factory: Callable[[], Annotator] | None = None,
    progress: Progress | None = None,
    cancel: Cancelled | None = None,
) -> IngestSummary:
    """Add the files under `paths` to the index in `index_dir`. Raises only when the whole command fails."""
    started = time.perf_counter()
    summary = IngestSummary()
    found: list[FoundFile] = []
    for item in discover(paths, follow_symlinks=options.follow_symlinks):
        if isinstance(item, Skipped):
            summary.skipped.append(item)
        else:
            found.append(item)
    annotator = annotator_factory() if annotator_factory is not None else None
    edits_file = edits_path(index_dir, options.entity_edits)
    edits = load_edits(edits_file)
    with write_lock(index_dir, options.wait_seconds):
        store = Store(index_dir / "documents.sqlite")
        try:
            target = IndexTarget(store, open_index(index_dir / "search", create=True), edits)
            sync_search_index(target)
            apply_entity_edits(target, edits_file)
            to_read = _changed_files(found, store, summary)
            compacted = _run_batches(target, to_read, annotator, summary, progress, cancel)
            if annotator is not None and not summary.cancelled:
                _annotate_leftovers(target, annotator, summary)
            _handle_gone(target, paths, found, options.prune, summary)
            if summary.annotated or summary.removed:
                _announce(progress, CLUSTERING_PHASE)
                recluster(store)
            _announce(progress, FINISHING_PHASE)
            _compact_the_rest(target, summary, compacted)  # before the prefix table: a merge is a new generation
            refresh_prefix_table(target.ix, store)
            target.ix.close()
        finally:
            store.close()
    summary.seconds = time.perf_counter() - started
    return summary


def reapply_entity_edits(index_dir: Path, options: IngestOptions = IngestOptions()) -> bool:
    """Bring the search index's entity fields in line with the user's edits file, without re-parsing."""
    edits_file = edits_path(index_dir, options.entity_edits)
    edits = load_edits(edits_file)
    with write_lock(index_dir, options.wait_seconds):
        store = Store(index_dir / "documents.sqlite")
        try:
            target = IndexTarget(store, open_index(index_dir / "search"), edits)
            sync_search_index(target)
            changed = apply_entity_edits(target, edits_file)
            refresh_prefix_table(target.ix, store)
            target.ix.close()
        finally:
            store.close()
    return changed


def recluster(store: Store) -> None:
    """Group the events of the whole corpus that report the same happening (cluster ids and sources)."""
    events = store.events()
    doc_dates = {summary.id: summary.metadata.date for summary in store.summaries()}
    clustered = cluster_events(events, doc_dates)
    store.replace_events([event for event, before in zip(clustered, events, strict=True) if event != before])


def _announce(progress: Progress | None, phase: str) -> None:
    """Tell the progress display which finishing step runs now (no count: see Progress)."""
    if progress is not None:
        progress(0, 0, phase)


def _changed_files(found: list[FoundFile], store: Store, summary: IngestSummary) -> list[FoundFile]:
    changed = []
    for item in found:
        known = store.file_state(item.path)
        if known is not None and known.size == item.size and known.mtime_ns == item.mtime_ns:
            summary.unchanged += 1
        else:
            changed.append(item)
    return changed


def _run_batches(
    target: IndexTarget,
    files: list[FoundFile],
    annotator: Annotator | None,
    summary: IngestSummary,
    progress: Progress | None,
    cancel: Cancelled | None,
) -> int | None:
    """Read, clean, annotate and write the files, committing every BATCH_RECORDS documents, in order.

    With a background annotator the next group is read, cleaned and sent off for annotation before the current
    one is written, so parsing does not wait for the index (and a kill loses at most those two groups). The end
    of the run is arranged so that little waits for the last parse: the last group is cut short, and once it is
    on its way what the run wrote so far is compacted (see index.compact) while it and the group before it are
    parsed; the run's end then only compacts those two. Returns what _compact_early returned (None: no such
    compaction).
    Progress counts bytes, so one large JSON Lines file moves the bar as steadily as many small files.
    """
    ahead = 1 if isinstance(annotator, BackgroundAnnotator) else 0
    lander = _Lander(target, summary, progress, cancel, sum(item.size for item in files) or 1)
    flights: deque[_Flight] = deque()
    compacted: int | None = None
    groups = _groups(files, target.store, summary, LAST_GROUP_DOCS if ahead else 0)
    upcoming = next(groups, None)
    try:
        while upcoming is not None:
            if cancel is not None and cancel.is_set():
                summary.cancelled = True
                return compacted
            updates, documents, size = upcoming
            flights.append(_Flight(updates, documents, size, _start_annotation(documents, annotator)))
            upcoming = None  # on its way: if reading the next group fails, this one is not uncounted twice
            if ahead:  # read the next group now, so the last one is known while it parses (see _compact_early)
                upcoming = next(groups, None)
                if upcoming is None:
                    compacted = _compact_early(target, summary, flights)
            while len(flights) > ahead:
                if not lander.land(flights[0]):
                    return compacted
                flights.popleft()
            if not ahead:  # this group is written before the next is read: a file changed meanwhile is read as it is
                upcoming = next(groups, None)
        while flights:
            if not lander.land(flights[0]):
                return compacted
            flights.popleft()
    finally:
        for flight in flights:  # not written: cancelled, or the run failed
            if flight.pending is not None:
                flight.pending.cancel()
            _uncount(flight.documents, summary)
        if upcoming is not None:  # read, but never sent off
            _uncount(upcoming[1], summary)
    return compacted


def _compact_early(target: IndexTarget, summary: IngestSummary, flights: Sequence[_Flight]) -> int | None:
    """Compact what the run has written so far while the groups in flight are parsed. Returns the index's document
    count just after (deleted ones included, see _compact_the_rest), None when nothing was written yet."""
    written = summary.added + summary.updated - sum(len(flight.documents) for flight in flights)
    if written <= 0:
        return None
    compact(target.ix, written)
    return int(target.ix.doc_count_all())


def _compact_the_rest(target: IndexTarget, summary: IngestSummary, compacted: int | None) -> None:
    """Compact what the run wrote; after an early compaction (`compacted`: the index's document count just after
    it), only what the index received since: the last groups, with the documents they re-indexed (a text found
    again under another path re-indexes its document, in the segment being written)."""
    if compacted is None:
        written = summary.added + summary.updated + summary.removed
    else:
        written = target.ix.doc_count_all() - compacted
    if written > 0:
        compact(target.ix, written)


def _uncount(documents: Sequence[Document], summary: IngestSummary) -> None:
    """A group that will not be written after all: its documents are not added by this run."""
    summary.added -= len(documents)
    summary.words -= sum(document.words for document in documents)


@dataclass
class _Ready:
    """Annotations made on the spot (an annotator with no background work), as PendingAnnotations."""

    annotations: list[Annotation]

    def wait(self, timeout: float | None) -> bool:
        return True

    def result(self) -> list[Annotation]:
        return self.annotations

    def cancel(self) -> None:
        pass


@dataclass(frozen=True)
class _Flight:
    """A write group on its way: file updates, documents new to the index, byte size, their annotations."""

    updates: list[FileUpdate]
    documents: list[Document]
    size: int
    pending: PendingAnnotations | None  # None: no annotation (ingest without NLP)


def _start_annotation(documents: Sequence[Document], annotator: Annotator | None) -> PendingAnnotations | None:
    """Annotations of the documents, started in the background when the annotator can, else made now."""
    if annotator is None:
        return None
    if not documents:
        return _Ready([])
    items = [(doc.id, doc.body, doc.metadata.date) for doc in documents]
    if isinstance(annotator, BackgroundAnnotator):
        return annotator.submit(items)
    return _Ready(annotator(items))


@dataclass
class _Lander:
    """Writes groups as their annotations arrive, reporting progress; stops waiting when the run is cancelled."""

    target: IndexTarget
    summary: IngestSummary
    progress: Progress | None
    cancel: Cancelled | None
    total_bytes: int
    done_bytes: int = 0

    def land(self, flight: _Flight) -> bool:
        """Write one group once it is annotated; False (and the summary says cancelled) when cancelled first."""
        annotated: list[Document] = []
        if flight.pending is not None:
            if not self._wait(flight.pending):
                self.summary.cancelled = True
                return False
            notes = flight.pending.result()
            annotated = [replace(doc, annotation=note) for doc, note in zip(flight.documents, notes, strict=True)]
        self.summary.annotated += len(annotated)
        write_stage(self.target, flight.updates, annotated)
        self.done_bytes += flight.size
        if self.progress is not None:
            last = flight.updates[-1].file if flight.updates else ""
            self.progress(min(self.done_bytes, self.total_bytes), self.total_bytes, last)
        return True

    def _wait(self, pending: PendingAnnotations) -> bool:
        """Wait for the annotations; False when the run is cancelled first."""
        if self.cancel is None:
            return pending.wait(None)
        while not pending.wait(CANCEL_POLL_SECONDS):
            if self.cancel.is_set():
                return False
        return True


def _groups(
    files: list[FoundFile], store: Store, summary: IngestSummary, last_group: int = 0
) -> Iterator[tuple[list[FileUpdate], list[Document], int]]:
    """The read and clean stages over the files: write groups of about BATCH_RECORDS documents each.

    `last_group` > 0: the run's last group is cut to about that many new documents (see LAST_GROUP_DOCS).
    """
    seen_this_run: set[str] = set()
    batches = list(_batches(files, BATCH_FILES))
    for number, batch in enumerate(batches, start=1):
        read, skipped = read_stage(batch, store)
        summary.skipped.extend(skipped)
        read_paths = {item.found.path for item in read}
        unread = sum(item.size for item in batch if item.path not in read_paths)
        cut = last_group if number == len(batches) else 0
        yield from _write_groups(read, store, summary, seen_this_run, unread, cut)


#: One file part of a write group: its update, the documents new to the index, and its share of the file's bytes.
_Part = tuple[FileUpdate, list[Document], float]


def _write_groups(
    read: list[ReadFile], store: Store, summary: IngestSummary, seen: set[str], unread: int = 0, last_group: int = 0
) -> Iterator[tuple[list[FileUpdate], list[Document], int]]:
    """Groups of file updates of at most about BATCH_RECORDS documents, with their new documents and byte size.

    A file with more records than that (a large JSON Lines file) is written in several parts. `unread` (bytes of
    files that were not read) counts towards the first group. `last_group` > 0 cuts the last group in two, the
    second with about that many new documents (a full group is held until the next part shows it is not the last).
    """
    parts: list[_Part] = []
    size = float(unread)  # bytes of files not read or unchanged, counted with the group they fall in
    for item in read:
        if item.records is None:
            store.touch_file(item.found.path, item.state)
            summary.unchanged += 1
            size += item.found.size
            continue
        for part in _file_parts(item, store, summary, seen):
            if sum(len(update.entries) for update, _, _ in parts) >= BATCH_RECORDS:  # full: another part follows
                yield _group(parts, size)
                parts, size = [], 0.0
            parts.append(part)
    if parts or size:  # the last group, full or not
        cut = _tail_cut(parts, last_group)
        if 0 < cut < len(parts):
            yield _group(parts[:cut], size)
            parts, size = parts[cut:], 0.0
        yield _group(parts, size)


def _group(parts: list[_Part], size: float) -> tuple[list[FileUpdate], list[Document], int]:
    updates = [update for update, _, _ in parts]
    documents = [document for _, fresh, _ in parts for document in fresh]
    return updates, documents, round(size + sum(part_size for _, _, part_size in parts))


def _tail_cut(parts: list[_Part], documents: int) -> int:
    """Where to cut `parts` so the parts after the cut hold at most `documents` new documents and those before
    at least as many (len: no cut): the two groups in flight at a run's end hide the compaction (see _run_batches),
    so a short tail is left whole rather than cut into two small groups."""
    cut, held = len(parts), 0
    while documents > 0 and cut > 1 and held + len(parts[cut - 1][1]) <= documents:
        cut -= 1
        held += len(parts[cut][1])
    return cut if sum(len(fresh) for _, fresh, _ in parts[:cut]) >= held else len(parts)


def _file_parts(
    item: ReadFile, store: Store, summary: IngestSummary, seen: set[str]
) -> Iterator[tuple[FileUpdate, list[Document], float]]:
    """One file's records as FileUpdate parts of at most BATCH_RECORDS, each with the documents new to the index."""
    assert item.records is not None
    summary.files_read += 1
    if store.file_state(item.found.path) is not None:
        summary.updated += 1
    summary.skipped.extend(Skipped(item.found.path, problem) for problem in item.problems)
    records = item.records
    parts = max(1, -(-len(records) // BATCH_RECORDS))
    for part in range(parts):
        entries = clean_stage(records[part * BATCH_RECORDS : (part + 1) * BATCH_RECORDS])
        fresh = [document for path, document in entries if _is_new(path, document, store, summary, seen)]
        update = FileUpdate(item.found.path, item.state, entries, first=part == 0, last=part == parts - 1)
        yield update, fresh, item.found.size / parts


def _is_new(path: str, document: Document, store: Store, summary: IngestSummary, seen: set[str]) -> bool:
    """Count a cleaned record as added, duplicate (same text elsewhere) or unchanged (same text, same path)."""
    if document.id in seen:
        summary.duplicates += 1
        return False
    seen.add(document.id)
    if not store.has_document(document.id):
        summary.added += 1
        summary.words += document.words
        return True
    if not store.held_at(path, document.id):
        summary.duplicates += 1
    return False


def _annotate_leftovers(target: IndexTarget, annotator: Annotator, summary: IngestSummary) -> None:
    """Annotate documents an earlier run stored but did not annotate (it was killed, or ran without NLP)."""
    store = target.store
    leftover = store.unannotated()
    for start in range(0, len(leftover), BATCH_FILES):
        documents = [doc for doc in (store.get(i) for i in leftover[start : start + BATCH_FILES]) if doc]
        annotated = annotate_stage(documents, annotator)
        store.set_annotations({doc.id: doc.annotation for doc in annotated})
        sync_search_index(target)
        summary.annotated += len(annotated)


def _handle_gone(
    target: IndexTarget, paths: list[str], found: list[FoundFile], prune: bool, summary: IngestSummary
) -> None:
    """Files indexed before under the given paths that no longer exist: dropped with --prune, else reported."""
    store = target.store
    roots = [os.path.abspath(path) for path in paths]
    present = {item.path for item in found}
    gone = [
        file
        for file in store.files()
        if file not in present
        and any(file == root or file.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
        and not os.path.exists(file)
    ]
    if not gone:
        return
    if not prune:
        summary.gone = gone
        return
    before = store.count()
    write_stage(target, [], [], gone)
    summary.removed = before - store.count()


def _batches(items: list[FoundFile], size: int) -> Iterator[list[FoundFile]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
