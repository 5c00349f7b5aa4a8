"""The write stage: commit a batch to the document store, then bring the search index up to date with it when a
search commit is due; and the writes around the batches (entity edits re-applied, events regrouped, vanished files
pruned).

The store commits every batch: it is the source of truth, and its journal lists what the search index has not
received yet. The search index catches up at most every SEARCH_COMMIT_SECONDS (or SEARCH_COMMIT_DOCS) during a
run, and always at its end: each search commit writes a segment that later merges rewrite, and commits of a batch
each made `add --no-nlp` three times slower than a bare Whoosh writer. A run killed between two search commits
loses nothing: the next run writes what the journal still lists before anything else.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search.entities.edits import EntityEdits
from search.events.clusters import cluster_events
from search.index.writer import write
from search.ingest.discover import FoundFile
from search.ingest.summary import IngestSummary
from search.model import Document
from search.store import FileUpdate, Store

#: During a run, the search index catches up with the store after this many seconds or pending documents.
SEARCH_COMMIT_SECONDS = 60.0
SEARCH_COMMIT_DOCS = 20_000


@dataclass
class SearchCommits:
    """When the search index of a run last caught up with the store."""

    last: float = field(default_factory=time.monotonic)

    def due(self, pending: int) -> bool:
        """Whether `pending` documents waiting in the journal make a search commit due now."""
        return pending >= SEARCH_COMMIT_DOCS or time.monotonic() - self.last >= SEARCH_COMMIT_SECONDS


@dataclass(frozen=True)
class IndexTarget:
    """Where the write stage writes: the document store, the search index, and the user's entity edits."""

    store: Store
    ix: Any
    edits: EntityEdits = field(default_factory=EntityEdits)
    commits: SearchCommits = field(default_factory=SearchCommits)


def write_stage(
    target: IndexTarget, updates: list[FileUpdate], annotated: Sequence[Document], removed: Iterable[str] = ()
) -> None:
    """Commit a batch to the document store, then bring the search index up to date with it when a commit is due."""
    target.store.apply(updates, removed)
    if annotated:
        target.store.set_annotations({doc.id: doc.annotation for doc in annotated})
    sync_search_index(target, when_due=True)


def sync_search_index(target: IndexTarget, *, when_due: bool = False) -> int:
    """Apply the journal of pending documents to the search index (with `when_due`, only when a search commit is
    due: see SearchCommits); returns how many were applied.

    The documents stream from the store into the writer, so memory does not grow with the journal.
    """
    store = target.store
    pending = store.pending()
    if not pending or (when_due and not target.commits.due(len(pending))):
        return 0
    gone = [doc_id for doc_id in pending if not store.has_document(doc_id)]
    stored = (store.get(doc_id) for doc_id in pending)
    write(target.ix, (target.edits.apply_to_document(doc) for doc in stored if doc is not None), gone)
    store.clear_pending(pending)
    target.commits.last = time.monotonic()
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


def recluster(store: Store) -> None:
    """Group the events of the whole corpus that report the same happening (cluster ids and sources)."""
    events = store.events()
    doc_dates = {summary.id: summary.metadata.date for summary in store.summaries()}
    clustered = cluster_events(events, doc_dates)
    store.replace_events([event for event, before in zip(clustered, events, strict=True) if event != before])


def handle_gone(
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
