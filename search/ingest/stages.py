"""The stages of ingest as plain functions over a batch: read (files to raw records), clean (records to
documents with stable ids) and annotate (documents with their NLP annotations). None of them touches the index."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from search.failure_reason import reason
from search.ingest.cleaning import clean_record
from search.ingest.discover import FoundFile, Skipped
from search.ingest.readers import FileReadError, RecordStream, open_json_lines, read_file
from search.ingest.summary import AnnotationFailed
from search.model import Annotation, Document, RawRecord
from search.store import FileState, Store

#: What the annotate stage gets per document: (doc_id, clean body, publication date or None).
AnnotationItem = tuple[str, str, str | None]


#: Annotates a batch of items and returns one Annotation each, in order.
Annotator = Callable[[list[AnnotationItem]], list[Annotation]]


@dataclass(frozen=True)
class ReadFile:
    """One file after the read stage: its new state and records, or None records when it did not change.

    The records are a list, or a RecordStream for JSON Lines (read as they are iterated; its problems grow
    as it goes)."""

    found: FoundFile
    state: FileState
    records: list[RawRecord] | RecordStream | None
    problems: list[str]


def document_id(record: RawRecord) -> str:
    """A stable id for a text: the same title and text give the same id, wherever the file lies."""
    title = record.hints["title"].value if "title" in record.hints else ""
    digest = hashlib.sha256(f"{title}\n{record.text.strip()}".encode()).hexdigest()
    return digest[:16]


def read_stage(files: Sequence[FoundFile], store: Store) -> tuple[list[ReadFile], list[Skipped]]:
    """Read the files that changed since the last run (by size and time, then by content digest)."""
    read: list[ReadFile] = []
    skipped: list[Skipped] = []
    for found in files:
        stream = open_json_lines(found)  # JSON Lines: read as it is written, never whole (bounded memory)
        try:
            data = Path(found.path).read_bytes() if stream is None else None
            state = _file_state(found, data)
        except FileNotFoundError:
            skipped.append(Skipped(found.path, "file vanished while ingest ran"))
            continue
        except OSError as error:
            skipped.append(Skipped(found.path, f"not readable ({error.strerror or error})"))
            continue
        known = store.file_state(found.path)
        if known is not None and known.digest == state.digest:
            read.append(ReadFile(found, state, None, []))
            continue
        if stream is not None:
            read.append(ReadFile(found, state, stream, stream.problems))
            continue
        assert data is not None
        try:
            result = read_file(found, data)
        except FileReadError as error:
            skipped.append(Skipped(found.path, str(error)))
            continue
        except Exception as error:  # a reader's library failed on this file: it costs only this file
            skipped.append(Skipped(found.path, reason("could not be read", error)))
            continue
        read.append(ReadFile(found, state, result.records, result.problems))
    return read, skipped


def _file_state(found: FoundFile, data: bytes | None) -> FileState:
    """Size, time and content digest; of the file on disk when its bytes were not read (a streamed file)."""
    if data is not None:
        return FileState(len(data), found.mtime_ns, hashlib.sha256(data).hexdigest())
    with open(found.path, "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
        return FileState(os.fstat(handle.fileno()).st_size, found.mtime_ns, digest)


def clean_stage(records: Iterable[RawRecord], skipped: list[Skipped] | None = None) -> list[tuple[str, Document]]:
    """Clean each record into a document: (path, document) pairs. A record whose cleaning fails is left out, with
    its reason in `skipped` (when given)."""
    documents = []
    for record in records:
        try:
            article = clean_record(record)
        except Exception as error:  # it costs only this record
            if skipped is not None:
                skipped.append(Skipped(record.path, reason("could not be cleaned", error)))
            continue
        document = Document(document_id(record), (record.path,), article.metadata, article.body, article.furniture)
        documents.append((record.path, document))
    return documents


def annotate_stage(documents: Sequence[Document], annotator: Annotator | None) -> list[Document]:
    """Attach NLP annotations to documents (unchanged when there is no annotator)."""
    if annotator is None or not documents:
        return list(documents)
    annotations = annotator([(doc.id, doc.body, doc.metadata.date) for doc in documents])
    return [replace(doc, annotation=annotation) for doc, annotation in zip(documents, annotations, strict=True)]


def annotation_failures(documents: Iterable[Document]) -> list[AnnotationFailed]:
    """The documents indexed without (part of) their annotation, each with what failed for it."""
    return [
        AnnotationFailed(doc.path, doc.id, "; ".join(doc.annotation.problems))
        for doc in documents
        if doc.annotation.problems
    ]
