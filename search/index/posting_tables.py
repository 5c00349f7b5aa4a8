"""Posting tables: the decoded postings of a large segment's frequent words, in a file beside the segment.

A word search at 200,000 articles spent four fifths of its time in Whoosh's posting blocks: each block of up to
128 postings is a zlib-compressed pickle that holds every posting's positions too, all of it unpickled to learn the
document numbers and frequencies of a common word. A posting table holds those two as plain arrays, for every term
of the searched fields found in at least MIN_TERM_DOCS documents of a segment of at least MIN_SEGMENT_DOCS. A
search maps the file and reads a term's postings as two slices; shorter lists decode fast enough from Whoosh's
blocks. With tables, a word query's p95 at 200,000 articles went from 102-150 ms to 38-41 ms, for a table of
215 MB beside the index's 1.7 GB, written in 64 s at the end of the run that made the segment.

A segment never changes once written (its deletions live in the TOC), so its table holds as long as the segment
does. It is named after the segment (`MAIN_<id>.postings`), written once by a writer holding the index's lock (to a
temporary name, then renamed: a table that can be listed is complete) and deleted with the segment's other files
(generations.remove_replaced). A segment without a table, or with an unreadable one, is read from Whoosh's blocks:
slower, never wrong.

The file: an 8-byte magic; for each term its document numbers, then its weights; a JSON directory
{field: {term: [byte offset, count, numbers' type, weights' type]}}; the directory's byte offset as a little-endian
uint64. Numbers are stored as 2-byte gaps when every gap fits (`<u2`), else as 4-byte integers (`<i4`); weights,
Whoosh's float32 term frequencies, as 1- or 2-byte integers when they are small whole numbers, else as they are.
"""

from __future__ import annotations

import json
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
from whoosh.index import Index
from whoosh.reading import IndexReader

from search.index.posting_blocks import postings_arrays

#: Fields a word or prefix query reads (schema.py): title and body for words, `words` for prefixes.
FIELDS = ("title", "body", "words")
#: Segments smaller than this have no table: a word in all of them decodes in a few milliseconds.
MIN_SEGMENT_DOCS = 10_000
#: Terms in fewer documents than this are left to Whoosh's blocks (eight blocks or fewer).
MIN_TERM_DOCS = 1_024
MAGIC = b"EXPOST01"
SUFFIX = ".postings"
_IDS = np.dtype("<i4")
_GAPS = np.dtype("<u2")
_MAX_GAP = int(np.iinfo(_GAPS).max)
_WEIGHTS = np.dtype("<f4")
_WHOLE_WEIGHTS = (np.dtype("u1"), np.dtype("<u2"))
_OFFSET = struct.Struct("<Q")


@dataclass(frozen=True)
class PostingTable:
    """One segment's table: a term's document numbers (int64) and weights (float64), or None when it has none."""

    data: Any  # the file, memory-mapped as bytes
    directory: dict[str, dict[str, list[Any]]]

    def postings(self, fieldname: str, text: str) -> tuple[Any, Any] | None:
        entry = self.directory.get(fieldname, {}).get(text)
        if entry is None:
            return None
        offset, count, ids_kind, weights_kind = entry
        ids = np.frombuffer(self.data, dtype=ids_kind, count=count, offset=offset)
        weights = np.frombuffer(self.data, dtype=weights_kind, count=count, offset=offset + ids.nbytes)
        ids = np.cumsum(ids, dtype=np.int64) if ids_kind == _GAPS else ids.astype(np.int64)
        return ids, weights.astype(np.float64)


@dataclass
class PostingTables:
    """The tables of a searcher's segments, each read at its first use (keep one per searcher, drop it with it).
    Not `enabled`: no segment has a table (every term is read from Whoosh's blocks)."""

    enabled: bool = True
    _tables: dict[str, PostingTable | None] = field(default_factory=dict)

    def of(self, reader: IndexReader) -> PostingTable | None:
        path = table_path(reader) if self.enabled else None
        if path is None:
            return None
        key = str(path)
        if key not in self._tables:
            self._tables[key] = read_table(path)
        return self._tables[key]


def table_path(reader: IndexReader) -> Path | None:
    """Where a segment reader's table is (None for a reader of no single segment in a folder)."""
    try:
        folder = reader.storage().folder
        segment_id = reader.segment().segment_id()
    except AttributeError:
        return None
    return Path(folder) / f"{segment_id}{SUFFIX}"


def read_table(path: Path) -> PostingTable | None:
    """The table in `path`, or None when there is none or it cannot be read (the segment is then read from Whoosh)."""
    try:
        data = np.memmap(path, dtype=np.uint8, mode="r")
        if bytes(data[: len(MAGIC)]) != MAGIC:
            return None
        (start,) = _OFFSET.unpack(bytes(data[-_OFFSET.size :]))
        directory = json.loads(bytes(data[start : len(data) - _OFFSET.size]))
    except (OSError, ValueError, struct.error):
        return None
    return PostingTable(data, directory) if isinstance(directory, dict) else None


def write_missing_tables(ix: Index, min_segment_docs: int | None = None, min_term_docs: int | None = None) -> int:
    """Write a table for every segment of the latest generation that is large enough and has none; how many.

    Call it with the index's lock held (after the run's last commit). An index written before tables existed gets
    its tables here, at its next run. The sizes default to MIN_SEGMENT_DOCS and MIN_TERM_DOCS.
    """
    min_segment_docs = MIN_SEGMENT_DOCS if min_segment_docs is None else min_segment_docs
    min_term_docs = MIN_TERM_DOCS if min_term_docs is None else min_term_docs
    written = 0
    with ix.reader() as reader:
        for leaf, _offset in reader.leaf_readers():
            path = table_path(leaf)
            if path is None or leaf.doc_count_all() < min_segment_docs or path.exists():
                continue
            write_table(leaf, path, min_term_docs)
            written += 1
    return written


def write_table(reader: IndexReader, path: Path, min_term_docs: int = MIN_TERM_DOCS) -> None:
    """Write the table of one segment's reader to `path` (through a temporary file, so `path` is whole or absent)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as out:
            out.write(MAGIC)
            directory = {name: _write_field(reader, name, min_term_docs, out) for name in FIELDS}
            start = out.tell()
            out.write(json.dumps(directory, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            out.write(_OFFSET.pack(start))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _write_field(reader: IndexReader, fieldname: str, min_term_docs: int, out: BinaryIO) -> dict[str, list[Any]]:
    if fieldname not in reader.indexed_field_names():
        return {}
    directory: dict[str, list[Any]] = {}
    for raw, info in reader.iter_field(fieldname):
        if info.doc_frequency() < min_term_docs:
            continue
        text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
        ids, weights = postings_arrays(reader.postings(fieldname, text))
        stored_ids, stored_weights = _compact_ids(ids), _compact_weights(weights)
        directory[text] = [out.tell(), len(ids), stored_ids.dtype.str, stored_weights.dtype.str]
        out.write(stored_ids.tobytes())
        out.write(stored_weights.tobytes())
    return directory


def _compact_ids(ids: Any) -> Any:
    """Ascending document numbers as 2-byte gaps from the one before (the first from 0) when every gap fits, else
    as 4-byte numbers."""
    gaps = np.diff(ids, prepend=0)
    return gaps.astype(_GAPS) if len(gaps) and gaps.min() >= 0 and gaps.max() <= _MAX_GAP else ids.astype(_IDS)


def _compact_weights(weights: Any) -> Any:
    """Weights (term frequencies) as 1- or 2-byte integers when they are small whole numbers, else 4-byte floats."""
    if len(weights) and weights.min() >= 0 and np.array_equal(weights, np.floor(weights)):
        for kind in _WHOLE_WEIGHTS:
            if weights.max() <= np.iinfo(kind).max:
                return weights.astype(kind)
    return weights.astype(_WEIGHTS)
