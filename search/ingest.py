"""Ingest: the pipeline that takes files to documents in the index, read -> clean -> annotate -> write.

Each stage is a plain function over a batch of plain dataclasses. Only the write stage touches the index, and it
commits batch by batch: the document store first (with a journal of what the search index must catch up with),
then the search index. A run that is killed loses at most the batch in flight, and the next run completes it.
Files whose size, modification time or content did not change are not read again.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from search.cleaning import clean_record
from search.clusters import cluster_events
from search.discover import FoundFile, Skipped, discover
from search.entity_edits import EntityEdits, edits_path, load_edits
from search.index import open_index, write
from search.model import Annotation, Document, RawRecord
from search.prefix_table import refresh_prefix_table
from search.readers import FileReadError, read_file
from search.store import FileState, FileUpdate, Store
from search.write_lock import write_lock

BATCH_FILES = 200
#: Documents per commit (and per annotation batch).
BATCH_RECORDS = 200


class Cancelled(Protocol):
    def is_set(self) -> bool: ...


#: Called as progress(done, total, what) while ingest runs.
Progress = Callable[[int, int, str], None]
#: Annotates a batch of (doc_id, body, pub_date) and returns one Annotation each, in order.
Annotator = Callable[[list[tuple[str, str, str | None]]], list[Annotation]]


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
            _run_batches(target, to_read, annotator, summary, progress, cancel)
            if annotator is not None and not summary.cancelled:
                _annotate_leftovers(target, annotator, summary)
            _handle_gone(target, paths, found, options.prune, summary)
            if summary.annotated or summary.removed:
                recluster(store)
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
) -> None:
    """Read, clean, annotate and write the files, committing every BATCH_RECORDS documents.

    Progress counts bytes, so one large JSON Lines file moves the bar as steadily as many small files.
    """
    store = target.store
    seen_this_run: set[str] = set()
    total_bytes = sum(item.size for item in files) or 1
    done_bytes = 0
    for batch in _batches(files, BATCH_FILES):
        read, skipped = read_stage(batch, store)
        summary.skipped.extend(skipped)
        read_paths = {item.found.path for item in read}
        done_bytes += sum(item.size for item in batch if item.path not in read_paths)
        for updates, new_documents, size in _write_groups(read, store, summary, seen_this_run):
            if cancel is not None and cancel.is_set():
                summary.cancelled = True
                return
            annotated = annotate_stage(new_documents, annotator) if annotator else []
            summary.annotated += len(annotated)
            write_stage(target, updates, annotated)
            done_bytes += size
            if progress is not None:
                progress(min(done_bytes, total_bytes), total_bytes, updates[-1].file if updates else "")


def _write_groups(
    read: list[ReadFile], store: Store, summary: IngestSummary, seen: set[str]
) -> Iterator[tuple[list[FileUpdate], list[Document], int]]:
    """Groups of file updates of at most about BATCH_RECORDS documents, with their new documents and byte size.

    A file with more records than that (a large JSON Lines file) is written in several parts.
    """
    updates: list[FileUpdate] = []
    new_documents: list[Document] = []
    size = 0.0
    for item in read:
        if item.records is None:
            store.touch_file(item.found.path, item.state)
            summary.unchanged += 1
            size += item.found.size
            continue
        for update, fresh, part_size in _file_parts(item, store, summary, seen):
            updates.append(update)
            new_documents.extend(fresh)
            size += part_size
            if sum(len(u.entries) for u in updates) >= BATCH_RECORDS:
                yield updates, new_documents, round(size)
                updates, new_documents, size = [], [], 0.0
    if updates or size:
        yield updates, new_documents, round(size)


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
