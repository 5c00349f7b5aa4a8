"""Posting tables hold exactly Whoosh's postings of a segment's frequent terms, are written once per large segment at
the end of a run, go with their segment, and an unreadable one is ignored."""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from search.corpus import Corpus
from search.index import array_scoring, posting_tables
from search.index.generations import INDEX_NAME, remove_replaced
from search.index.posting_blocks import term_postings
from search.index.posting_tables import (
    FIELDS,
    PostingTables,
    read_table,
    table_path,
    write_missing_tables,
    write_table,
)
from search.index.writer import compact, open_index
from tests.engine_helpers import add


@pytest.fixture(scope="module")
def bbc_folder(tmp_path_factory: pytest.TempPathFactory, bbc_dir: Path) -> Path:
    files = random.Random(5).sample(sorted(bbc_dir.rglob("*.txt")), 120)
    folder = tmp_path_factory.mktemp("bbc")
    for path in files:
        shutil.copy(path, folder / f"{path.parent.name}-{path.name}")
    return folder


def _tables(index_dir: Path) -> list[Path]:
    return sorted((index_dir / "search").glob(f"*{posting_tables.SUFFIX}"))


def test_a_table_holds_whoosh_postings_of_every_frequent_term(bbc_folder: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    add(index_dir, sorted(bbc_folder.glob("*.txt")))
    ix = open_index(index_dir / "search")
    assert write_missing_tables(ix, min_segment_docs=1, min_term_docs=10) == 1
    with ix.reader() as reader:
        (leaf, _), *_ = reader.leaf_readers()
        path = table_path(leaf)
        table = read_table(path) if path else None
        assert table is not None
        checked = 0
        for fieldname in FIELDS:
            for raw, info in leaf.iter_field(fieldname):
                text = raw.decode("utf-8")
                found = table.postings(fieldname, text)
                if info.doc_frequency() < 10:
                    assert found is None
                    continue
                assert found is not None, text
                ids, weights = term_postings(leaf, fieldname, text)
                assert found[0].tolist() == ids.tolist() and found[1].tolist() == weights.tolist(), text
                checked += 1
        assert checked > 500
    assert write_missing_tables(ix, min_segment_docs=1, min_term_docs=10) == 0  # written once per segment


def test_numbers_and_weights_are_kept_exactly_in_every_storage_kind(tmp_path: Path) -> None:
    kinds = {
        "gaps": (np.array([3, 60_000, 60_001, 125_000]), np.array([1.0, 2.0, 255.0, 7.0])),  # gaps fit 2 bytes
        "wide": (np.array([5, 80_000, 80_001]), np.array([1.0, 256.0, 3.0])),  # a gap over 65,535; a weight over 255
        "float": (np.array([0, 1, 2]), np.array([0.5, 1.25, 3.0])),
        "huge": (np.array([0, 9]), np.array([1.0, 70_000.0])),
    }
    stored = {
        name: (posting_tables._compact_ids(ids), posting_tables._compact_weights(w)) for name, (ids, w) in kinds.items()
    }
    assert [stored[name][0].dtype.str for name in kinds] == ["<u2", "<i4", "<u2", "<u2"]
    assert [stored[name][1].dtype.str for name in kinds] == ["|u1", "<u2", "<f4", "<f4"]
    path = tmp_path / "table.postings"
    with path.open("wb") as out:
        out.write(posting_tables.MAGIC)
        directory = {}
        for name, (ids, weights) in stored.items():
            directory[name] = [out.tell(), len(ids), ids.dtype.str, weights.dtype.str]
            out.write(ids.tobytes() + weights.tobytes())
        start = out.tell()
        out.write(posting_tables.json.dumps({"body": directory}).encode())
        out.write(posting_tables._OFFSET.pack(start))
    table = read_table(path)
    assert table is not None
    for name, (ids, weights) in kinds.items():
        found = table.postings("body", name)
        assert found is not None and found[0].tolist() == ids.tolist() and found[1].tolist() == weights.tolist()


def test_search_reads_frequent_words_from_the_table_with_the_same_answer(
    bbc_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "index"
    add(index_dir, sorted(bbc_folder.glob("*.txt")))
    queries = ["said", "government year", "people -film", "th*", "elec* OR market"]
    with Corpus(index_dir) as corpus:
        expected = {query: corpus.search(query, limit=30) for query in queries}
    write_missing_tables(open_index(index_dir / "search"), min_segment_docs=1, min_term_docs=2)
    decoded: list[tuple[str, str]] = []
    real = array_scoring.term_postings

    def decode(reader: Any, fieldname: str, text: str) -> Any:
        decoded.append((fieldname, text))
        return real(reader, fieldname, text)

    monkeypatch.setattr(array_scoring, "term_postings", decode)
    with Corpus(index_dir) as corpus:
        for query in queries:
            got = corpus.search(query, limit=30)
            assert got.total == expected[query].total, query
            assert [(hit.id, hit.score) for hit in got.hits] == [(hit.id, hit.score) for hit in expected[query].hits]
    assert decoded and all(fieldname != "body" for fieldname, _ in decoded)  # body words from the table, not Whoosh
    assert ("words", "the") not in decoded


def test_an_unreadable_table_is_ignored(bbc_folder: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    add(index_dir, sorted(bbc_folder.glob("*.txt"))[:40])
    with Corpus(index_dir) as corpus:
        expected = corpus.search("said year", limit=10)
    write_missing_tables(open_index(index_dir / "search"), min_segment_docs=1, min_term_docs=2)
    (table,) = _tables(index_dir)
    for damage in (b"", b"EXPOST01garbage", table.read_bytes()[:-3]):
        table.write_bytes(damage)
        assert read_table(table) is None
        with Corpus(index_dir) as corpus:
            got = corpus.search("said year", limit=10)
            assert [(hit.id, hit.score) for hit in got.hits] == [(hit.id, hit.score) for hit in expected.hits]
    assert PostingTables(enabled=False).of(open_index(index_dir / "search").reader()) is None


def test_a_run_writes_tables_for_large_segments_and_they_go_with_their_segment(
    bbc_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(posting_tables, "MIN_SEGMENT_DOCS", 50)
    monkeypatch.setattr(posting_tables, "MIN_TERM_DOCS", 5)
    index_dir = tmp_path / "index"
    files = sorted(bbc_folder.glob("*.txt"))
    add(index_dir, files[:60])
    (first,) = _tables(index_dir)  # the run wrote one segment of 60 documents, and its table
    add(index_dir, files[60:90])
    assert _tables(index_dir) == [first]  # the new segment of 30 is too small for a table
    ix = open_index(index_dir / "search")
    assert compact(ix, 10**6) == 2  # a merge of both: a new segment, with its own table...
    assert write_missing_tables(ix) == 1
    (merged,) = set(_tables(index_dir)) - {first}
    add(index_dir, files[90:])  # ...and the next commits, once the grace is over, delete the replaced segments
    current = ix._read_toc()
    remove_replaced(ix.storage, INDEX_NAME, ix.schema, current.generation, current.segments, now=time.time() + 3600)
    assert _tables(index_dir) == [merged]
    with Corpus(index_dir) as corpus:
        assert corpus.search("said", limit=5).total == corpus.search("said OR said", limit=5).total > 50


def test_a_table_is_written_whole_or_not_at_all(
    bbc_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "index"
    add(index_dir, sorted(bbc_folder.glob("*.txt"))[:20])
    ix = open_index(index_dir / "search")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(posting_tables, "_compact_weights", full_disk)
    with ix.reader() as reader, pytest.raises(OSError):
        (leaf, _), *_ = reader.leaf_readers()
        write_table(leaf, table_path(leaf) or tmp_path, min_term_docs=2)
    assert list((index_dir / "search").glob("*.postings*")) == []
