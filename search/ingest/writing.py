"""The write stage: commit a batch to the document store, then bring the search index up to date with it;
and the writes around the batches (entity edits re-applied, events regrouped, vanished files pruned)."""

from __future__ import annotations

import hashlib
import os
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
