"""Merging segments by streaming their postings writes the same index as Whoosh's own merge through its sorting pool:
the same postings, stored fields, lengths, date column and search scores, with deletions and new documents in the
merging commit."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.index import Index
from whoosh.qparser import MultifieldParser
from whoosh.writing import SegmentWriter

from search.index.merge_policy import merge_chosen
from search.index.schema import SCHEMA
from search.index.writer import KeepPreviousWriter
from tests.paths import SEEDS


def _records() -> list[dict[str, Any]]:
    """Every paragraph of the seeds as a document, with a date, a title and the seeds' people and places as names."""
    records = []
    for seed in sorted(SEEDS.glob("*.txt")):
        paragraphs = [part.strip() for part in seed.read_text(encoding="utf-8").split("\n\n") if part.strip()]
        for number, paragraph in enumerate(paragraphs):
            records.append(
                {
                    "id": f"{seed.stem}-{number}",
                    "title": paragraphs[0][:80],
                    "body": paragraph,
                    "words": paragraph,
                    "person": "Rajnath Singh\nSingh" if "Singh" in paragraph else "",
                    "place": "South Korea" if "Korea" in paragraph else "",
                    "date": datetime(2023, 1 + number % 12, 1 + number % 28),
                }
            )
    if len(records) < 40:
        pytest.skip("seed articles not found")
    return records


def _segmented_index(folder: Path, records: list[dict[str, Any]]) -> Index:
    """An index of four unmerged segments, with documents deleted from two of them."""
    folder.mkdir(parents=True)
    ix = whoosh_index.create_in(str(folder), SCHEMA)
    quarter = len(records) // 4
    for start in range(0, 4 * quarter, quarter):
        writer = ix.writer()
        for record in records[start : start + quarter]:
            writer.add_document(**record)
        writer.commit(merge=False)
    writer = ix.writer()
    for record in records[1:quarter:3] + records[2 * quarter : 3 * quarter : 4]:
        writer.delete_by_term("id", record["id"])
    writer.commit(merge=False)
    return ix


def _merge_all(ix: Index, make_writer: Callable[[Index], SegmentWriter], new: list[dict[str, Any]]) -> None:
    """One commit that adds `new` documents and merges every segment into the new one."""
    writer = make_writer(ix)
    for record in new:
        writer.add_document(**record)
    writer.commit(mergetype=merge_chosen(list(writer.segments)))


def _contents(ix: Index) -> dict[str, Any]:
    """Everything a search reads from the index, per document number."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        docs = list(reader.all_doc_ids())
        parser = MultifieldParser(["title", "body"], SCHEMA)
        return {
            "segments": len(list(reader.leaf_readers())),
            "postings": list(reader.iter_postings()),
            "stored": [reader.stored_fields(doc) for doc in docs],
            "lengths": [[reader.doc_field_length(doc, name) for name in ("title", "body", "words")] for doc in docs],
            "dates": list(reader.column_reader("date")),
            "scores": [
                [(hit["id"], round(hit.score, 9)) for hit in searcher.search(parser.parse(text), limit=None)]
                for text in ("korea", "singh defence", "minister", '"South Korea"')
            ],
        }


@pytest.mark.parametrize("new_documents", [0, 9], ids=["merge-only", "with-new-documents"])
def test_streamed_merge_writes_what_whoosh_writes(tmp_path: Path, new_documents: int) -> None:
    records = _records()
    new, old = records[:new_documents], records[new_documents:]
    pooled, streamed = tmp_path / "pooled", tmp_path / "streamed"
    _segmented_index(pooled, old).close()
    shutil.copytree(pooled, streamed)

    _merge_all(whoosh_index.open_dir(str(pooled)), lambda ix: SegmentWriter(ix), new)
    _merge_all(whoosh_index.open_dir(str(streamed)), lambda ix: KeepPreviousWriter(ix, compound=False), new)

    expected, got = _contents(whoosh_index.open_dir(str(pooled))), _contents(whoosh_index.open_dir(str(streamed)))
    assert got["segments"] == expected["segments"] == 1
    assert len(records) - 20 < len(got["stored"]) < len(records), "the deleted documents are gone"
    assert got["scores"][0], "the queries find something"
    for key in expected:
        assert got[key] == expected[key], key


def test_a_cancelled_merge_closes_the_segments_it_opened(tmp_path: Path) -> None:
    ix = _segmented_index(tmp_path / "index", _records())
    writer = KeepPreviousWriter(ix, compound=False)
    for segment in writer.segments:
        writer.merge_segment(segment)
    readers = list(writer._merged_readers)
    assert readers and not any(reader.is_closed for reader in readers)
    writer.cancel()
    assert all(reader.is_closed for reader in readers)
    assert ix.doc_count() == ix.reader().doc_count(), "the index is as it was"
