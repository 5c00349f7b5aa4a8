"""JSON Lines files are streamed: read line by line as their parts are cleaned, so memory follows the write
group, not the file; what a stream reads is what reading the whole file gives."""

from __future__ import annotations

import codecs
import json
import tracemalloc
from pathlib import Path

import pytest

from search.ingest import grouping
from search.ingest.discover import FoundFile
from search.ingest.readers import RecordStream, open_json_lines, read_file
from search.ingest.summary import IngestSummary
from search.store import Store
from tests.engine_helpers import add

PARAGRAPH = "Rangers counted the animals near the river on Monday and reported a steady rise in numbers. " * 30


def _found(path: Path) -> FoundFile:
    return FoundFile(str(path), "json", path.stat().st_size, path.stat().st_mtime_ns)


def _write_feed(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            record = {"title": f"Census {number}", "date": "2024-05-06", "text": f"Report {number}. {PARAGRAPH}"}
            out.write(json.dumps(record) + "\n")


def test_a_stream_reads_what_the_whole_file_gives(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"title": "Ferry", "text": "The island ferry adds two crossings.", "author": ["A. B", "C. D"]}),
        "",
        '{"title": broken line',
        "[" * 5000,
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "No text"}),
        json.dumps({"title": "Café", "text": "Crème brûlée at the café — “superb”."}, ensure_ascii=False),
    ]
    data = codecs.BOM_UTF8 + "\r\n".join(lines).encode("utf-8") + "\n".join(["", "   ", ""]).encode()
    path.write_bytes(data)
    stream = open_json_lines(_found(path))
    assert isinstance(stream, RecordStream)
    whole = read_file(_found(path), data)
    assert list(stream) == whole.records
    assert stream.problems == whole.problems
    assert list(stream) == whole.records, "a stream can be read again"
    assert stream.position == len(data)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("array.json", b'[{"title": "A", "text": "Body."}]'),
        ("pretty.json", b'{\n  "title": "A",\n  "text": "Body."\n}\n'),
        ("utf16.jsonl", codecs.BOM_UTF16_LE + '{"title": "A", "text": "Body."}\n'.encode("utf-16-le")),
        ("broken-first.jsonl", b'{"title": \n{"title": "A", "text": "Body."}\n'),
        ("empty.jsonl", b"\n\n"),
    ],
    ids=["array", "pretty", "utf16", "broken-first", "empty"],
)
def test_other_json_is_read_whole(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert open_json_lines(_found(path)) is None


def test_memory_follows_the_write_group_not_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grouping, "BATCH_RECORDS", 20)
    path = tmp_path / "feed.jsonl"
    _write_feed(path, 1500)  # about 4 MB
    size = path.stat().st_size
    store = Store(tmp_path / "documents.sqlite")
    try:
        summary = IngestSummary()
        tracemalloc.start()
        groups = 0
        for _updates, documents, _size in grouping.groups([_found(path)], store, summary):
            groups += 1
            del documents
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    finally:
        store.close()
    assert summary.added == 1500 and groups == 75
    assert peak < size / 4, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.1f} MB file"


def test_a_streamed_file_without_any_record_is_skipped_with_its_reason(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"title": "No text here"}\n{"title": broken\n', encoding="utf-8")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"title": "Ferry", "text": "The island ferry adds two crossings."}) + "\n")
    summary = add(tmp_path / "index", [feed, good])
    assert (summary.added, summary.files_read) == (1, 1)
    assert [(Path(item.path).name, item.reason) for item in summary.skipped] == [
        ("feed.jsonl", "no readable article records (2 bad)")
    ]
    again = add(tmp_path / "index", [feed, good])
    assert (again.added, again.unchanged, [Path(item.path).name for item in again.skipped]) == (0, 1, ["feed.jsonl"])
