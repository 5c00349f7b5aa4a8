"""Merging segments without re-sorting them: a Whoosh writer that streams merged segments' postings into the new
segment.

Whoosh's SegmentWriter merges a segment by pushing every one of its postings through the writer's external sorting
pool (pickled to temporary runs, read back and heap-merged): on a 50,000-article index the merge at the end of an
`add` cost as much as writing the articles in the first place. A segment's postings are already sorted by field,
term and document, and a merged segment's documents are renumbered in order after everything the writer holds, so
the segments and the pool can be merged as sorted streams straight into the new segment's field writer. Whoosh's
own multiprocessing writer (whoosh.multiproc.MpWriter) merges its sub-segments the same way. The index written is
the same, posting for posting (tests/search/index/test_streaming_merge.py). Every segment this writer flushes also
reads its documents' field lengths once per field (RememberedLengths), not once per posting.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import Any

from whoosh.codec.base import Segment
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

#: (field name, term bytes, document number, weight, value bytes): a posting as Whoosh's pool and readers give it.
Posting = tuple[str, bytes, int, float, Any]


class StreamingMergeWriter(SegmentWriter):
    """A SegmentWriter whose merges stream each merged segment's sorted postings into the new segment at commit.

    A merged segment's reader stays open until the new segment is flushed (or the writer cancelled), since its
    postings are read only then.
    """

    def __init__(self, ix: Any, **options: object) -> None:
        super().__init__(ix, **options)
        self._merged_readers: list[SegmentReader] = []
        self._merged_postings: list[Iterator[Posting]] = []

    def merge_segment(self, segment: Segment) -> None:
        """Copy `segment`'s live documents into the segment being written (the merge policy calls this)."""
        reader = SegmentReader(self.storage, self.schema, segment)
        self._merged_readers.append(reader)
        self.add_reader(reader)

    def add_reader(self, reader: Any) -> None:  # overrides whoosh-reloaded 2.7's SegmentWriter
        """Write `reader`'s stored fields and lengths now; its postings are streamed when the segment is flushed
        (the reader must stay open until then: merge_segment keeps the readers it opens)."""
        self._check_state()
        first = self.docnum
        names = set(self.schema.names())  # Whoosh's add_reader adds the reader's indexed fields that are in it
        renumbered = self.write_per_doc(names, reader)  # None when the reader has no deletions
        self._merged_postings.append(_sorted_postings(reader, names, first, renumbered))
        self._added = True

    def _flush_segment(self) -> None:  # overrides whoosh-reloaded 2.7's SegmentWriter
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        postings = heapq.merge(self.pool.iter_postings(), *self._merged_postings)
        self.fieldwriter.add_postings(self.schema, lengths and RememberedLengths(lengths), postings)
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()

    def _close_segment(self) -> None:  # overrides whoosh-reloaded 2.7's SegmentWriter
        try:
            super()._close_segment()
        finally:
            for reader in self._merged_readers:
                reader.close()
            self._merged_readers.clear()
            self._merged_postings.clear()


class RememberedLengths:
    """A per-document reader's field lengths, each read from disk once per field: the field writer asks for the
    length of a posting's document at every posting (a seek and a read in the length column each time, a fifth of
    a merge's time). Postings come field by field, so only the current field's lengths are kept."""

    def __init__(self, lengths: Any) -> None:
        self._lengths = lengths
        self._field = ""
        self._known: dict[int, int] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        if fieldname != self._field:
            self._field, self._known = fieldname, {}
        length = self._known.get(docnum)
        if length is None:
            length = self._known[docnum] = self._lengths.doc_field_length(docnum, fieldname, default)
        return length


def _sorted_postings(
    reader: Any, fieldnames: set[str], first: int, renumbered: dict[int, int] | None
) -> Iterator[Posting]:
    """The reader's live postings in the schema's fields, in the pool's order (field name, term bytes, document),
    with their documents numbered as the new segment numbers them: from `first` on, or by `renumbered` when the
    reader has deletions (Whoosh's SegmentWriter._process_posts, without its check of every posting's field)."""
    for fieldname in sorted(fieldnames & set(reader.indexed_field_names())):
        for term in reader.lexicon(fieldname):
            matcher = reader.postings(fieldname, term)
            while matcher.is_active():
                docnum = matcher.id()
                new = renumbered[docnum] if renumbered is not None else first + docnum
                yield (fieldname, term, new, matcher.weight(), matcher.value())
                matcher.next()
