"""The Whoosh index on disk: opening it (safely beside a writer), and writing, deleting and compacting documents.

The schema is in schema.py, which segments a commit merges in merge_policy.py, and how they are merged (streamed,
not re-sorted) in streaming_merge.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.base import Segment
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, Index
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from search.index.generations import GenerationIndex, latest_generation, remove_replaced
from search.index.merge_policy import COMPACT_SHARE, TieredMerge, compact_choice, merge_chosen
from search.index.schema import SCHEMA, index_fields
from search.index.streaming_merge import StreamingMergeWriter
from search.model import Document


class SearchIndexError(Exception):
    """The search index cannot be opened (a one-line reason)."""


def open_searcher(ix: Index) -> Searcher:
    """A searcher over the latest complete commit (GenerationIndex moves to a newer one if a writer replaced it)."""
    return ix.searcher()


def _open_checked(folder: Path) -> Index:
    ix = GenerationIndex(FileStorage(str(folder)))
    ix.reader().close()  # opens every segment: a missing or truncated segment file fails here, not later
    return ix


def open_index(folder: Path, *, create: bool = False) -> Index:
    """Open the Whoosh index in `folder`, creating it if asked and absent.

    Beside a writer it opens the last complete commit (see generations.py); a file missing from that commit, or an
    unreadable one, is damage (SearchIndexError).
    """
    try:
        if folder.is_dir() and latest_generation(FileStorage(str(folder))) >= 0:
            return _open_checked(folder)
        if not create:
            raise SearchIndexError(f"no search index in {folder}")
        folder.mkdir(parents=True, exist_ok=True)
        whoosh_index.create_in(str(folder), SCHEMA)
        return _open_checked(folder)
    except SearchIndexError:
        raise
    except Exception as error:  # Whoosh raises many kinds on a damaged index
        raise SearchIndexError(f"the search index in {folder} is damaged ({type(error).__name__}: {error})") from error


class KeepPreviousWriter(StreamingMergeWriter):
    """A Whoosh writer that deletes a replaced generation's files GRACE_SECONDS after replacing it, not at once.

    Whoosh's own writer deletes every other TOC and every file the new TOC does not list. A reader that listed the
    folder just before the commit would then miss the TOC it chose, and a reader opened on the previous commit
    opens some of its segment files only when it first needs them (stored fields, lengths, sort columns): deleting
    them at commit would break a search running across the commit. This writer keeps the generation it replaced
    until its next commit, and any generation replaced less than GRACE_SECONDS ago (generations.remove_replaced).
    """

    def __init__(self, ix: Index, **options: object) -> None:
        super().__init__(ix, **options)
        self._replaced_segments = list(self.segments)

    def _commit_toc(self, segments: list[Segment]) -> None:  # overrides whoosh-reloaded 2.7's SegmentWriter
        TOC(self.schema, segments, self.generation).write(self.storage, self.indexname)
        keep = [*segments, *self._replaced_segments]
        remove_replaced(self.storage, self.indexname, self.schema, self.generation, keep)


def write(ix: Index, documents: Iterable[Document], deleted: Iterable[str]) -> None:
    """Add or replace `documents` and remove `deleted` ids, in one commit (which may merge segments: TieredMerge).

    Segments are written as separate files, not compound ones: whoosh-reloaded copies a compound segment's
    postings into memory when a reader opens it (250 MB for 20,000 articles), while separate files are read
    on demand (32 MB). Separate files are also opened lazily, so the writer keeps replaced commits' files for a
    while (see KeepPreviousWriter) for readers that are still using them.
    """
    writer = _writer(ix)
    try:
        for doc_id in deleted:
            writer.delete_by_term("id", doc_id)
        for document in documents:
            writer.update_document(**index_fields(document))
    except BaseException:
        writer.cancel()
        raise
    _commit(writer, TieredMerge())


def compact(ix: Index, written: int) -> int:
    """After a run that wrote `written` documents, merge the index's smallest segments into one; returns how many.

    Call it once at the end of a run (before the prefix table is refreshed: a merge is a new generation). It merges
    the smallest segments, as many as add up to at most COMPACT_SHARE of `written`: a run that built the index
    leaves one segment, while an `add` of a few files merges little or nothing (TieredMerge keeps those bounded).
    Nothing to merge: no commit.
    """
    writer = _writer(ix)
    chosen = compact_choice([segment.doc_count() for segment in writer.segments], int(COMPACT_SHARE * written))
    if not chosen:
        writer.cancel()
        return 0
    _commit(writer, merge_chosen([writer.segments[number] for number in chosen]))
    return len(chosen)


def _writer(ix: Index) -> KeepPreviousWriter:
    return KeepPreviousWriter(ix, timeout=60.0, limitmb=256, compound=False)


def _commit(writer: KeepPreviousWriter, mergetype: Callable[[SegmentWriter, list[Segment]], list[Segment]]) -> None:
    try:
        writer.commit(mergetype=mergetype)
    except BaseException:
        _abandon(writer)
        raise


# ---- merging segments ---------------------------------------------------------------------------------------------


def _abandon(writer: object) -> None:
    """Give up a writer whose commit failed (a full disk, say): release the index's lock so a retry can write.

    The old generation's table of contents is untouched (Whoosh writes the new one to a temporary file and renames
    it), so the index still opens as it was before this commit.
    """
    try:
        writer.cancel()  # type: ignore[attr-defined]
    except Exception:
        lock = getattr(writer, "writelock", None)
        if lock is not None:
            lock.release()
