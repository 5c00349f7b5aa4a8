"""Index generations beside a writer: which one a reader opens, and how long a replaced one's files stay.

Whoosh writes each commit as a new generation: the segment files first, then a table of contents `_MAIN_<n>.toc`
(written to a temporary name and renamed, so a TOC that can be listed is complete). Deletions live inside the TOC
(whoosh-reloaded 2.7's W3 segments pickle their deleted document numbers there), so a generation is its TOC plus
the segment files it lists. A reader lists the folder, picks the highest TOC, reads it, then opens the segment
files, some of them only when a search first needs them (stored fields, field lengths, sort columns).

Whoosh's own writer deletes every other TOC and every unlisted segment file at commit, so a reader between
"listed" and "opened" finds its generation gone, and Whoosh's `open_dir` does not retry. Two rules close that:

- The writer keeps a replaced generation's TOC and segment files for GRACE_SECONDS after the commit that replaced
  it (and always until the next commit), so a reader that chose it can still open it and read it lazily.
- A reader whose generation lost a file anyway (a reader slower than the grace, or a writer that does not keep
  files) opens the newer generation instead. A file missing from the latest generation is damage, and fails.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from itertools import pairwise
from typing import TypeVar

from whoosh.codec.base import Segment
from whoosh.fields import Schema, ensure_schema
from whoosh.filedb.filestore import Storage
from whoosh.index import TOC, EmptyIndexError, FileIndex
from whoosh.reading import IndexReader

INDEX_NAME = "MAIN"
#: How long a replaced generation's files stay after the commit that replaced it. A reader needs its generation's
#: files from choosing it until its last lazy open, i.e. for one open plus one search: milliseconds, seconds on a
#: loaded machine. A reader slower than this moves to the newer generation (see on_latest_generation).
GRACE_SECONDS = 20.0
#: Newer generations a reader moves to before giving up (each move needs a commit that landed meanwhile).
MAX_MOVES = 8

T = TypeVar("T")


def latest_generation(storage: Storage, indexname: str = INDEX_NAME) -> int:
    """The highest generation whose TOC is in the folder (-1: none)."""
    return int(TOC._latest_generation(storage, indexname))


def on_latest_generation(storage: Storage, indexname: str, action: Callable[[int], T]) -> T:
    """Run `action(generation)` on the latest generation; if a file of it disappeared meanwhile because a newer
    generation replaced it, run it again on the newer one. A file missing from the latest generation raises."""
    generation = latest_generation(storage, indexname)
    if generation < 0:
        raise EmptyIndexError(f"no search index in {storage}")
    for _ in range(MAX_MOVES):
        try:
            return action(generation)
        except FileNotFoundError:
            newer = latest_generation(storage, indexname)
            if newer <= generation:
                raise  # nothing replaced it: the file is really gone
            generation = newer
    return action(generation)


class GenerationIndex(FileIndex):
    """A Whoosh FileIndex whose TOC reads and readers open one complete generation (see on_latest_generation)."""

    def __init__(self, storage: Storage, schema: Schema | None = None, indexname: str = INDEX_NAME) -> None:
        self.storage = storage
        self._schema = ensure_schema(schema) if schema else None
        self.indexname = indexname
        self._read_toc()  # as FileIndex does: an unreadable index fails when opened

    def _read_toc(self) -> TOC:
        return on_latest_generation(self.storage, self.indexname, self._toc)

    def _toc(self, generation: int) -> TOC:
        return TOC.read(self.storage, self.indexname, generation, schema=self._schema)

    def reader(self, reuse: IndexReader | None = None) -> IndexReader:
        """A reader over the latest complete generation (`reuse` is ignored: see SearchEngine.refresh)."""

        def open_generation(generation: int) -> IndexReader:
            toc = self._toc(generation)
            return self._reader(self.storage, toc.schema, toc.segments, toc.generation)

        return on_latest_generation(self.storage, self.indexname, open_generation)


def remove_replaced(
    storage: Storage, indexname: str, schema: Schema, current: int, keep: Iterable[Segment], now: float | None = None
) -> None:
    """After generation `current` was committed: delete the TOCs and segment files of generations replaced more than
    GRACE_SECONDS ago. Kept: `current`, the generation it replaced, any replaced within the grace, and the segments
    in `keep` (the writer's own: the current generation's and the replaced one's).

    Called by the writer, which holds the index's lock. A generation's replacement time is its successor's TOC's
    modification time. Files that cannot be deleted (held open, on some systems) are left for a later commit.
    """
    now = time.time() if now is None else now
    tocs = _tocs(storage, indexname)
    generations = sorted(tocs)
    kept = {current, *generations[-2:]}  # the one just replaced stays at least until the next commit
    for older, newer in pairwise(generations):
        if now - _modified(storage, tocs[newer]) < GRACE_SECONDS:
            kept.add(older)
    segment_names = {segment.segment_id() for segment in keep}
    for generation in kept - {current}:
        segment_names |= _segment_names(storage, indexname, schema, generation)
    segment_pattern = TOC._segment_pattern(indexname)
    doomed = [name for generation, name in tocs.items() if generation not in kept]
    for filename in storage.list():
        match = segment_pattern.match(filename)
        if match and match.group(1) not in segment_names:
            doomed.append(filename)
    for filename in doomed:
        with suppress(OSError):  # already gone, or held open (Windows): a later commit retries
            storage.delete_file(filename)


def _modified(storage: Storage, filename: str) -> float:
    try:
        return float(storage.file_modified(filename))
    except OSError:
        return 0.0  # gone meanwhile: long replaced


def _tocs(storage: Storage, indexname: str) -> dict[int, str]:
    pattern = TOC._pattern(indexname)
    found = {}
    for filename in storage.list():
        match = pattern.match(filename)
        if match:
            found[int(match.group(1))] = filename
    return found


def _segment_names(storage: Storage, indexname: str, schema: Schema, generation: int) -> set[str]:
    """The segment ids a generation lists (none when its TOC is unreadable: no reader can open it either)."""
    try:
        toc = TOC.read(storage, indexname, generation, schema=schema)  # the schema given: not unpickled again
    except Exception:
        return set()
    return {segment.segment_id() for segment in toc.segments}
