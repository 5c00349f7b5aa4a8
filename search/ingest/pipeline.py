"""The ingest run: files to documents in the index, read -> clean -> annotate -> write, batch by batch.

The stages are plain functions (stages.py) over write groups (grouping.py); only the write stage (writing.py)
touches the index, and it commits group by group: the document store first (with a journal of what the search
index must catch up with), then the search index, in order. With an annotator that works in the background the
stages overlap (scheduler.py): group k+1 is read, cleaned and being annotated while group k is written. A run that
is killed loses at most the groups in flight (nothing committed), and the next run completes them. Files whose
size, modification time or content did not change are not read again.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from search.entities.aliases import refresh_aliases, stored_aliases
from search.entities.edits import edits_path, load_edits
from search.index.posting_tables import write_missing_tables
from search.index.prefix_table import refresh_prefix_table
from search.index.writer import compact, open_index
from search.index_folder import search_path, store_path
from search.ingest import grouping
from search.ingest.discover import FoundFile, Skipped, discover
from search.ingest.scheduler import BackgroundAnnotator, Cancelled, Flight, Lander, Progress, start_annotation
from search.ingest.stages import Annotator, annotate_stage, annotation_failures
from search.ingest.summary import IngestOptions, IngestSummary
from search.ingest.write_lock import write_lock
from search.ingest.writing import IndexTarget, apply_entity_edits, handle_gone, recluster, sync_search_index
from search.model import Document
from search.store import Store

#: What the finishing steps are announced as (they take minutes at 50,000 articles).
CLUSTERING_PHASE = "grouping the events of all articles"

FINISHING_PHASE = "merging and finishing the search index"
#: Announced while the last articles are parsed and what the run wrote is merged meanwhile (minutes at 50,000).
LAST_PARSE_PHASE = "parsing the last articles while merging the search index"


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
        store = Store(store_path(index_dir))
        try:
            target = IndexTarget(
                store, open_index(search_path(index_dir), create=True), edits.with_aliases(stored_aliases(store))
            )
            sync_search_index(target)
            apply_entity_edits(target, edits_file)
            to_read = _changed_files(found, store, summary)
            compacted = _run_batches(target, to_read, annotator, summary, progress, cancel)
            if annotator is not None and not summary.cancelled:
                _annotate_leftovers(target, annotator, summary)
            handle_gone(target, paths, found, options.prune, summary)
            if summary.annotated or summary.removed:
                _announce(progress, CLUSTERING_PHASE)
                recluster(store)
                target = replace(target, edits=target.edits.with_aliases(refresh_aliases(store)))
            # One search commit for what the run wrote since the last one and the documents whose people the
            # corpus's aliases renamed: one segment, which the end's compaction then has no reason to rewrite
            # (two commits here cost small runs a merge: 5 s of a 30 s add of 300 articles).
            sync_search_index(target)
            _announce(progress, FINISHING_PHASE)
            _compact_the_rest(target, summary, compacted)  # before the prefix table: a merge is a new generation
            refresh_prefix_table(target.ix, store)
            write_missing_tables(target.ix)
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
        store = Store(store_path(index_dir))
        try:
            target = IndexTarget(store, open_index(search_path(index_dir)), edits.with_aliases(stored_aliases(store)))
            sync_search_index(target)
            changed = apply_entity_edits(target, edits_file)
            refresh_prefix_table(target.ix, store)
            write_missing_tables(target.ix)
            target.ix.close()
        finally:
            store.close()
    return changed


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
    lander = Lander(target, summary, progress, cancel, sum(item.size for item in files) or 1)
    flights: deque[Flight] = deque()
    compacted: int | None = None
    upcoming_groups = grouping.groups(files, target.store, summary, grouping.LAST_GROUP_DOCS if ahead else 0)
    upcoming = next(upcoming_groups, None)
    try:
        while upcoming is not None:
            if cancel is not None and cancel.is_set():
                summary.cancelled = True
                return compacted
            updates, documents, size = upcoming
            flights.append(Flight(updates, documents, size, start_annotation(documents, annotator)))
            upcoming = None  # on its way: if reading the next group fails, this one is not uncounted twice
            if ahead:  # read the next group now, so the last one is known while it parses (see _compact_early)
                upcoming = next(upcoming_groups, None)
                if upcoming is None:
                    _announce(progress, LAST_PARSE_PHASE)
                    compacted = _compact_early(target, summary, flights)
            while len(flights) > ahead:
                if not lander.land(flights[0]):
                    return compacted
                flights.popleft()
            if not ahead:  # this group is written before the next is read: a file changed meanwhile is read as it is
                upcoming = next(upcoming_groups, None)
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


def _compact_early(target: IndexTarget, summary: IngestSummary, flights: Sequence[Flight]) -> int | None:
    """Compact what the run has written so far while the groups in flight are parsed. Returns the index's document
    count just after (deleted ones included, see _compact_the_rest), None when nothing was written yet."""
    written = summary.added + summary.updated - sum(len(flight.documents) for flight in flights)
    if written <= 0:
        return None
    sync_search_index(target)  # the search index holds what was written so far, then compacts it
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


def _annotate_leftovers(target: IndexTarget, annotator: Annotator, summary: IngestSummary) -> None:
    """Annotate documents an earlier run stored but did not annotate (it was killed, or ran without NLP)."""
    store = target.store
    leftover = store.unannotated()
    for start in range(0, len(leftover), grouping.BATCH_FILES):
        documents = [doc for doc in (store.get(i) for i in leftover[start : start + grouping.BATCH_FILES]) if doc]
        annotated = annotate_stage(documents, annotator)
        store.set_annotations({doc.id: doc.annotation for doc in annotated})
        sync_search_index(target)
        summary.annotated += len(annotated)
        summary.annotation_failed.extend(annotation_failures(annotated))
