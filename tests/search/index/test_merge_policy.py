"""The search index's merge policy: many small commits keep few segments and lose no document, a run's end merges
its small segments within a budget, and a reader opened before a merging commit still reads everything."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import query as wq
from whoosh.index import Index

from search.index.merge_policy import COMPACT_SHARE, FACTOR, FLOOR, FLOOR_FACTOR, compact_choice, tier, tiered_choice
from search.index.schema import SCHEMA
from search.index.writer import compact, open_index, write
from search.model import Document, Metadata


def _documents(bbc_dir: Path, count: int) -> list[Document]:
    """The first `count` BBC articles as short documents: the headline as title, the first paragraph as body."""
    documents = []
    for number, path in enumerate(sorted(bbc_dir.glob("*/*.txt"))[:count]):
        title, _, body = path.read_text(encoding="latin-1").strip().partition("\n")
        lead = body.strip().split("\n\n")[0]
        documents.append(Document(f"bbc-{number:04}", (str(path),), Metadata(title=title.strip()), lead))
    return documents


def _segment_sizes(ix: Index) -> list[int]:
    with ix.reader() as reader:
        return sorted((leaf.doc_count() for leaf, _offset in reader.leaf_readers()), reverse=True)


def _longest_word(document: Document) -> str:
    return max((token.text for token in SCHEMA["words"].analyzer(document.body)), key=len)


def _assert_every_document_found(ix: Index, documents: list[Document]) -> None:
    """The index holds exactly these documents, and a word of each body finds it."""
    with ix.searcher() as searcher:
        assert sorted(fields["id"] for fields in searcher.all_stored_fields()) == sorted(d.id for d in documents)
        for document in documents:
            hits = searcher.search(wq.Term("words", _longest_word(document)), limit=None)
            assert document.id in {hit["id"] for hit in hits}, document.id


def _bound(docs: int) -> int:
    """Segments the tiered policy may leave: FLOOR_FACTOR - 1 below the floor, FACTOR - 1 in each tier above."""
    return FLOOR_FACTOR - 1 + (FACTOR - 1) * tier(docs)


# ---- the choices, on sizes alone ----------------------------------------------------------------------------------


def test_tiered_choice_merges_a_full_tier_with_what_lies_below() -> None:
    assert tiered_choice([FLOOR] * (FACTOR - 2), FLOOR) == []
    assert sorted(tiered_choice([FLOOR] * (FACTOR - 1), FLOOR)) == list(range(FACTOR - 1))
    upper = FLOOR * FACTOR
    cascade = [upper] * (FACTOR - 1) + [FLOOR] * (FACTOR - 1) + [5]  # the new segment climbs two tiers
    assert sorted(tiered_choice(cascade, FLOOR)) == list(range(len(cascade)))
    # an add of a few files into a large index merges the small segments only, and only when they fill their tier
    assert tiered_choice([50_000] + [5] * (FLOOR_FACTOR - 2), 5) == []
    assert sorted(tiered_choice([50_000] + [5] * (FLOOR_FACTOR - 1), 5)) == list(range(1, FLOOR_FACTOR))


def test_a_large_run_keeps_few_segments_and_rewrites_each_document_once_per_tier() -> None:
    """250 commits of 200 documents (the benchmark's 50,000 articles), then the run's end compaction."""
    sizes: list[int] = []
    rewritten = most = 0
    for _ in range(250):
        chosen = tiered_choice(sizes, 200)
        merged = sum(sizes[number] for number in chosen)
        rewritten += merged
        sizes = [size for number, size in enumerate(sizes) if number not in chosen] + [200 + merged]
        most = max(most, len(sizes))
    assert sum(sizes) == 50_000
    assert most <= _bound(50_000)
    assert rewritten <= 50_000 * (tier(50_000) - 1)  # 200-document batches start in tier 1
    assert sorted(compact_choice(sizes, int(COMPACT_SHARE * 50_000))) == list(range(len(sizes)))  # one segment


def test_compact_choice_takes_the_smallest_segments_within_the_budget() -> None:
    default_layout = [14_800, 14_800, 14_800, 3_000] + [200] * 13  # Whoosh's MERGE_SMALL after 50,000 articles
    assert sorted(compact_choice(default_layout, 12_500)) == list(range(3, 17))
    assert compact_choice([50_000, 5, 5], int(COMPACT_SHARE * 5)) == []  # an add of a few files: nothing
    assert sorted(compact_choice([5, 50_000, 5], 10)) == [0, 2]
    assert sorted(compact_choice([0, 900, 0], 0)) == [0, 2]  # segments with no live document always qualify


# ---- on a real index ----------------------------------------------------------------------------------------------


def test_many_small_commits_keep_few_segments_and_every_document(bbc_dir: Path, tmp_path: Path) -> None:
    ix = open_index(tmp_path / "search", create=True)
    documents = _documents(bbc_dir, 120)
    counts = []
    for start in range(0, len(documents), 4):
        write(ix, documents[start : start + 4], [])
        counts.append(len(_segment_sizes(ix)))
    # all below the floor: every fourth commit merges the three segments there (Whoosh's default let five pile up)
    assert counts == [1, 2, 3] * 10 and FLOOR_FACTOR == 4
    # replaced and deleted documents: merges drop them, and every remaining one is still found
    changed = [Document(d.id, d.paths, d.metadata, d.body + " Addendum.") for d in documents[:30]]
    write(ix, changed, [d.id for d in documents[30:40]])
    for start in range(40, 52, 4):
        write(ix, documents[start : start + 4], [])
    remaining = changed + documents[40:]
    assert len(_segment_sizes(ix)) <= FLOOR_FACTOR - 1
    assert sum(_segment_sizes(ix)) == len(remaining)
    _assert_every_document_found(ix, remaining)


def test_compact_merges_a_runs_small_segments_within_its_budget(bbc_dir: Path, tmp_path: Path) -> None:
    ix = open_index(tmp_path / "search", create=True)
    documents = _documents(bbc_dir, FLOOR + 12)
    write(ix, documents[:FLOOR], [])
    for start in range(FLOOR, FLOOR + 12, 4):
        write(ix, documents[start : start + 4], [])
    assert _segment_sizes(ix) == [FLOOR, 4, 4, 4]
    generation = ix.latest_generation()
    assert compact(ix, written=4) == 0  # an add of a few files may rewrite one document: no commit
    assert ix.latest_generation() == generation
    assert compact(ix, written=FLOOR // 2) == 3  # a run of 100 documents: the three small segments, not the large one
    assert _segment_sizes(ix) == [FLOOR, 12] and ix.latest_generation() == generation + 1
    assert compact(ix, written=FLOOR // 2) == 0
    assert ix.latest_generation() == generation + 1
    assert compact(ix, written=len(documents)) == 2  # a run that wrote the whole index: one segment
    assert _segment_sizes(ix) == [len(documents)]
    _assert_every_document_found(ix, documents)


@pytest.mark.parametrize("merging", ["commit", "compact"])
def test_a_reader_opened_before_a_merging_commit_still_reads(bbc_dir: Path, tmp_path: Path, merging: str) -> None:
    """The reader opens stored fields lazily, after the merge replaced the segments it was opened on."""
    ix = open_index(tmp_path / "search", create=True)
    documents = _documents(bbc_dir, 16)
    for start in range(0, 12, 4):
        write(ix, documents[start : start + 4], [])
    reader = ix.reader()
    try:
        assert len(list(reader.leaf_readers())) == FLOOR_FACTOR - 1
        if merging == "commit":
            write(ix, documents[12:], [])  # the fourth small segment fills the tier: all merge into one
        else:
            assert compact(ix, written=4 * len(documents)) == FLOOR_FACTOR - 1
        assert len(_segment_sizes(ix)) == 1
        assert sorted(fields["id"] for fields in reader.all_stored_fields()) == [d.id for d in documents[:12]]
        assert all(reader.doc_field_length(number, "body") > 0 for number in reader.all_doc_ids())
    finally:
        reader.close()
    _assert_every_document_found(ix, documents if merging == "commit" else documents[:12])


def test_a_full_ingest_group_is_above_the_floor() -> None:
    """A run's full groups (190-200 new documents) land in the first tier, not below the floor merging every fourth."""
    from search.ingest.grouping import BATCH_RECORDS

    assert tier(round(BATCH_RECORDS * 0.9)) == 1
