"""A JSON Lines file with many records is written in parts: steady progress, resumable, exact counts."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from search.corpus import Corpus
from search.ingest import grouping
from search.ingest.pipeline import FINISHING_PHASE, IngestOptions, ingest

ANIMALS = ["alpaca", "bison", "cheetah", "dingo", "emu", "ferret", "gecko"]


def _write_feed(path: Path, count: int, changed: int | None = None) -> None:
    lines = []
    for number in range(count):
        word = "zebra" if number == changed else ANIMALS[number % len(ANIMALS)]
        text = f"Report {number} on the {word} census. Rangers counted {number} animals near the river on Monday."
        lines.append(json.dumps({"title": f"Census {number}", "text": text, "date": "2024-05-06"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grouping, "BATCH_RECORDS", 10)


def _count(index_dir: Path) -> int:
    with Corpus(index_dir) as corpus:
        return corpus.count()


def test_one_large_file_moves_the_progress_bar_part_by_part(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    _write_feed(feed, 35)
    calls: list[tuple[int, int, str]] = []
    summary = ingest(tmp_path / "index", [str(feed)], progress=lambda *call: calls.append(call))
    assert summary.added == 35 and summary.duplicates == 0
    seen = [(done, total) for done, total, _ in calls if total]
    assert len(seen) == 4, "35 records in parts of 10"
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1][0] == seen[-1][1] == feed.stat().st_size
    assert calls[-1] == (0, 0, FINISHING_PHASE), "the merge after the last part is announced, not silent"
    assert _count(tmp_path / "index") == 35


def test_a_run_stopped_inside_a_large_file_keeps_its_parts_and_the_next_run_finishes(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    _write_feed(feed, 35)
    index_dir = tmp_path / "index"
    stop = threading.Event()
    first = ingest(index_dir, [str(feed)], progress=lambda *_: stop.set(), cancel=stop)
    assert first.cancelled
    assert _count(index_dir) == 10, "the first part is committed and searchable"
    second = ingest(index_dir, [str(feed)])
    assert (second.added, second.duplicates, second.unchanged) == (25, 0, 0)
    assert _count(index_dir) == 35
    third = ingest(index_dir, [str(feed)])
    assert (third.added, third.unchanged, third.files_read) == (0, 1, 0)


def test_changing_one_record_replaces_only_that_document(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    _write_feed(feed, 35)
    index_dir = tmp_path / "index"
    ingest(index_dir, [str(feed)], IngestOptions())
    _write_feed(feed, 35, changed=17)
    again = ingest(index_dir, [str(feed)])
    assert (again.added, again.updated, again.duplicates) == (1, 1, 0)
    assert _count(index_dir) == 35
    with Corpus(index_dir) as corpus:
        assert corpus.search("zebra").total == 1
        assert corpus.search('"Report 17"').hits[0].summary.metadata.title == "Census 17"
