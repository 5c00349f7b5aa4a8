"""The overlap scheduler: write groups in flight while their annotations are made in the background, landed
(written) in order as they arrive, with progress reported and cancellation honoured while waiting."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

from whoosh.index import LockError

from search.failure_reason import reason
from search.index.writer import SearchIndexError
from search.ingest.discover import Skipped
from search.ingest.stages import AnnotationItem, Annotator, annotation_failures
from search.ingest.summary import IngestSummary
from search.ingest.writing import IndexTarget, write_stage
from search.model import Annotation, Document
from search.store import FileUpdate, StoreError


class Cancelled(Protocol):
    def is_set(self) -> bool: ...


#: Called as progress(done, total, what) while ingest runs: bytes done of the total, and the file just written.
#: After the last file, the run's finishing steps are announced with done = total = 0 (no count: the bar stays).
Progress = Callable[[int, int, str], None]


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


@dataclass
class Ready:
    """Annotations made on the spot (an annotator with no background work), as PendingAnnotations."""

    annotations: list[Annotation]

    def wait(self, timeout: float | None) -> bool:
        return True

    def result(self) -> list[Annotation]:
        return self.annotations

    def cancel(self) -> None:
        pass


@dataclass(frozen=True)
class Flight:
    """A write group on its way: file updates, documents new to the index, byte size, their annotations."""

    updates: list[FileUpdate]
    documents: list[Document]
    size: int
    pending: PendingAnnotations | None  # None: no annotation (ingest without NLP)


def start_annotation(documents: Sequence[Document], annotator: Annotator | None) -> PendingAnnotations | None:
    """Annotations of the documents, started in the background when the annotator can, else made now."""
    if annotator is None:
        return None
    if not documents:
        return Ready([])
    items = [(doc.id, doc.body, doc.metadata.date) for doc in documents]
    if isinstance(annotator, BackgroundAnnotator):
        return annotator.submit(items)
    return Ready(annotator(items))


@dataclass
class Lander:
    """Writes groups as their annotations arrive, reporting progress; stops waiting when the run is cancelled."""

    target: IndexTarget
    summary: IngestSummary
    progress: Progress | None
    cancel: Cancelled | None
    total_bytes: int
    done_bytes: int = 0

    def land(self, flight: Flight) -> bool:
        """Write one group once it is annotated; False (and the summary says cancelled) when cancelled first."""
        annotated: list[Document] = []
        if flight.pending is not None:
            if not self._wait(flight.pending):
                self.summary.cancelled = True
                return False
            notes = flight.pending.result()
            annotated = [replace(doc, annotation=note) for doc, note in zip(flight.documents, notes, strict=True)]
        self.summary.annotated += len(annotated)
        self.summary.annotation_failed.extend(annotation_failures(annotated))
        self._write(flight, annotated)
        self.done_bytes += flight.size
        if self.progress is not None:
            last = flight.updates[-1].file if flight.updates else ""
            self.progress(min(self.done_bytes, self.total_bytes), self.total_bytes, last)
        return True

    def _write(self, flight: Flight, annotated: list[Document]) -> None:
        """Write a group; when one file's data is what fails, write the others file by file and skip that one (a
        failure of the run itself, or one that every file of the group hits, ends the run)."""
        try:
            write_stage(self.target, flight.updates, annotated)
        except Exception as error:
            if run_failure(error) or len(flight.updates) < 1:
                raise
            failed = self._write_file_by_file(flight, annotated)
            if len(failed) == len(flight.updates) > 1:
                raise
            for update, failure in failed:
                self.summary.skipped.append(Skipped(update.file, reason("could not be written", failure)))
                self._uncount(update, flight.documents, annotated)

    def _write_file_by_file(self, flight: Flight, annotated: list[Document]) -> list[tuple[FileUpdate, Exception]]:
        """Write each file of a group on its own; the files that failed, with what they raised."""
        failed = []
        for update in flight.updates:
            ids = {document.id for _, document in update.entries}
            try:
                write_stage(self.target, [update], [doc for doc in annotated if doc.id in ids])
            except Exception as error:
                if run_failure(error):
                    raise
                failed.append((update, error))
        return failed

    def _uncount(self, update: FileUpdate, documents: list[Document], annotated: list[Document]) -> None:
        """A file that was not written after all: its new documents are not added by this run."""
        ids = {document.id for _, document in update.entries}
        lost = [document for document in documents if document.id in ids]
        self.summary.added -= len(lost)
        self.summary.words -= sum(document.words for document in lost)
        self.summary.annotated -= sum(1 for document in annotated if document.id in ids)

    def _wait(self, pending: PendingAnnotations) -> bool:
        """Wait for the annotations; False when the run is cancelled first."""
        if self.cancel is None:
            return pending.wait(None)
        while not pending.wait(CANCEL_POLL_SECONDS):
            if self.cancel.is_set():
                return False
        return True


def run_failure(error: BaseException) -> bool:
    """Whether a write failed for the run as a whole (the disk, the database, the index, its lock) rather than for
    one file's data (a value past a library's limit, say SQLite's longest string)."""
    cause = error.__cause__ if isinstance(error, StoreError) else error
    if isinstance(cause, sqlite3.DataError):
        return False
    return isinstance(cause, OSError | sqlite3.Error | StoreError | SearchIndexError | LockError | MemoryError)
