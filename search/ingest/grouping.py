"""Write groups: the read and clean stages run over the changed files, cut into groups of about BATCH_RECORDS
new documents (one commit each), a large file in several parts, and the run's last group cut short."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from search.ingest.discover import FoundFile, Skipped
from search.ingest.readers import RecordStream
from search.ingest.stages import ReadFile, clean_stage, read_stage
from search.ingest.summary import IngestSummary
from search.model import Document
from search.store import FileUpdate, Store

BATCH_FILES = 200


#: Documents per commit (and per annotation batch).
BATCH_RECORDS = 200


#: With background annotation, the last group of a run holds about this many new documents (its own commit), so
#: that little is left to write once the last parse is done.
LAST_GROUP_DOCS = 16


def groups(
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
    """One file's records as FileUpdate parts of at most BATCH_RECORDS, each with the documents new to the index.

    The records are taken part by part (a streamed JSON Lines file is never whole in memory), one part ahead to
    know which part is the last. A streamed file with no readable record at all is skipped with its reason."""
    assert item.records is not None
    records = iter(item.records)
    chunk = list(islice(records, BATCH_RECORDS))
    if not chunk:
        summary.skipped.append(Skipped(item.found.path, _no_records_reason(item)))
        return
    summary.files_read += 1
    if store.file_state(item.found.path) is not None:
        summary.updated += 1
    part, taken, done = 0, 0, 0.0
    while chunk:
        taken += len(chunk)
        reached = _bytes_reached(item, taken)  # before the look-ahead part is read
        following = list(islice(records, BATCH_RECORDS))
        entries = clean_stage(chunk, summary.skipped)
        fresh = [document for path, document in entries if _is_new(path, document, store, summary, seen)]
        last = not following
        update = FileUpdate(item.found.path, item.state, entries, first=part == 0, last=last)
        share = item.found.size - done if last else reached - done
        done += share
        yield update, fresh, share
        chunk, part = following, part + 1
    summary.skipped.extend(Skipped(item.found.path, problem) for problem in item.problems)


def _bytes_reached(item: ReadFile, taken: int) -> float:
    """How far into the file the first `taken` records reach: the stream's position, else their share."""
    records = item.records
    if isinstance(records, RecordStream):
        return float(records.position)
    return item.found.size * taken / max(1, len(records or ()))


def _no_records_reason(item: ReadFile) -> str:
    records = item.records
    return records.failure() if isinstance(records, RecordStream) else "no readable article records"


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


def _batches(items: list[FoundFile], size: int) -> Iterator[list[FoundFile]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
