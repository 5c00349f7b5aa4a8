"""The merge policy: which segments a commit merges (tiered, bounded cost) and what a run's end compacts.

A commit's merge policy: segments are sorted into size tiers, each FACTOR times the one below, the first from
FLOOR documents up; a tier is merged (with the tiers below it) when the commit would leave FACTOR segments in it,
and the tier below FLOOR already at FLOOR_FACTOR (its merges are cheap, and small adds must not pile up there).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whoosh.codec.base import Segment
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from search.index.streaming_merge import StreamingMergeWriter

#: A commit's merge policy: segments are sorted into size tiers, each FACTOR times the one below, the first from
#: FLOOR documents up; a tier is merged (with the tiers below it) when the commit would leave FACTOR segments in it,
#: and the tier below FLOOR already at FLOOR_FACTOR (its merges are cheap, and small adds must not pile up there).
#: FACTOR is large because a run's end merges what the run wrote (compact): merges during a run are mostly redone.
#: FLOOR is below an ingest group (BATCH_RECORDS, 190-200 new documents), so a run's full groups sit in the first
#: tier instead of merging every fourth commit (8 s of CPU each, beside the parse, on the full BBC corpus).
FACTOR = 16


FLOOR = 150


FLOOR_FACTOR = 4


#: Documents compact() may rewrite, as a share of the documents the run wrote: a run that built the whole index
#: leaves one segment (a search of 50,000 articles in four equal segments takes 10-20% longer than in one).
COMPACT_SHARE = 1.0


def tier(docs: int, factor: int = FACTOR, floor: int = FLOOR) -> int:
    """The size tier of a segment of `docs` live documents: 0 below `floor`, then one tier per `factor`."""
    level, bound = 0, floor
    while docs >= bound:
        level, bound = level + 1, bound * factor
    return level


def tiered_choice(sizes: Sequence[int], incoming: int, factor: int = FACTOR, floor: int = FLOOR) -> list[int]:
    """Which of the segments of these sizes a commit writing `incoming` documents merges into its new segment.

    The new segment starts in the tier of `incoming`; when that tier and the ones below hold enough segments to make
    a full tier with it, they are merged in and the new segment moves up a tier, and so on. Each document is thus
    rewritten about once per tier it climbs, and a tier never keeps more than `factor` - 1 segments.
    """
    chosen: list[int] = []
    carry = incoming
    while True:
        level = tier(carry, factor, floor)
        below = [n for n, size in enumerate(sizes) if n not in chosen and tier(size, factor, floor) <= level]
        if not below or len(below) + 1 < (FLOOR_FACTOR if level == 0 else factor):
            return chosen
        chosen += below
        carry += sum(sizes[n] for n in below)


def compact_choice(sizes: Sequence[int], budget: int) -> list[int]:
    """The smallest segments, as many as add up to at most `budget` documents; none unless at least two."""
    chosen: list[int] = []
    total = 0
    for number in sorted(range(len(sizes)), key=lambda n: sizes[n]):
        total += sizes[number]
        if total > budget:
            break
        chosen.append(number)
    return chosen if len(chosen) > 1 else []


@dataclass(frozen=True)
class TieredMerge:
    """Whoosh merge policy (a `mergetype` for `commit`) that keeps few segments at a bounded cost (tiered_choice).

    Whoosh's default (MERGE_SMALL) left 17 segments after 50,000 documents committed 200 at a time (a search pays
    for every segment it visits), and could merge large segments on any commit. Segments whose documents were all
    deleted are dropped, not merged.
    """

    factor: int = FACTOR
    floor: int = FLOOR

    def __call__(self, writer: SegmentWriter, segments: list[Segment]) -> list[Segment]:
        live = [segment for segment in segments if segment.doc_count() > 0]
        chosen = tiered_choice([s.doc_count() for s in live], writer.doc_count(), self.factor, self.floor)
        return merge_chosen([live[number] for number in chosen])(writer, live)


def merge_chosen(chosen: list[Segment]) -> Callable[[SegmentWriter, list[Segment]], list[Segment]]:
    """A merge policy that copies the `chosen` segments into the segment being written and keeps the others.

    A chosen segment with no live document is dropped without reading it. A StreamingMergeWriter streams the
    chosen segments' postings into the new segment; another writer pushes them through its sorting pool.
    """

    def merge(writer: SegmentWriter, segments: list[Segment]) -> list[Segment]:
        for segment in chosen:
            if segment.doc_count() == 0:
                continue
            if isinstance(writer, StreamingMergeWriter):
                writer.merge_segment(segment)
                continue
            reader = SegmentReader(writer.storage, writer.schema, segment)
            try:
                writer.add_reader(reader)
            finally:
                reader.close()
        return [segment for segment in segments if segment not in chosen]

    return merge
