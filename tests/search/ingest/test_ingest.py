"""Ingest: incremental re-adds, changed and deleted files, the write lock, duplicates, and the readers."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from search.corpus import Corpus
from search.ingest.write_lock import write_lock
from tests.engine_helpers import add, assert_one_line_error, run, run_json
from tests.paths import SEEDS


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A private copy of the seed folder that a test may change."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def _add_json(capsys: pytest.CaptureFixture[str], index_dir: Path, *args: str) -> dict:
    return run_json(capsys, "--index", str(index_dir), "add", "--no-nlp", "--json", *args)


def _hits(index_dir: Path, query: str) -> list[str]:
    with Corpus(index_dir) as corpus:
        return [hit.id for hit in corpus.search(query, limit=50).hits]


def test_second_add_reads_nothing(tmp_path: Path, seed_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index_dir = tmp_path / "index"
    first = _add_json(capsys, index_dir, str(seed_copy))
    assert (first["added"], first["files_read"], first["unchanged"]) == (5, 5, 0)
    second = _add_json(capsys, index_dir, str(seed_copy))
    assert (second["added"], second["updated"], second["files_read"], second["unchanged"]) == (0, 0, 0, 5)
    assert second["gone"] == [] and second["skipped"] == []


def test_touched_file_is_unchanged(tmp_path: Path, seed_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index_dir = tmp_path / "index"
    _add_json(capsys, index_dir, str(seed_copy))
    target = sorted(seed_copy.iterdir())[2]
    later = time.time() + 100
    os.utime(target, (later, later))
    again = _add_json(capsys, index_dir, str(seed_copy))
    assert (again["unchanged"], again["updated"], again["added"], again["files_read"]) == (5, 0, 0, 0)
    third = _add_json(capsys, index_dir, str(seed_copy))  # the new mtime was remembered: not even digested again
    assert third["unchanged"] == 5


def test_changed_file_replaces_its_document(
    tmp_path: Path, seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = tmp_path / "index"
    _add_json(capsys, index_dir, str(seed_copy))
    target = seed_copy / "003_8a208b8c6a59272c.txt"
    assert len(_hits(index_dir, "Takeshi")) == 1
    text = target.read_text(encoding="utf-8").replace("Takeshi lwaya", "Quetzalcoatl Aardvark")
    target.write_text(text, encoding="utf-8")
    again = _add_json(capsys, index_dir, str(seed_copy))
    assert (again["updated"], again["files_read"], again["unchanged"]) == (1, 1, 4)
    assert _hits(index_dir, "Takeshi") == []
    assert len(_hits(index_dir, "Quetzalcoatl")) == 1
    with Corpus(index_dir) as corpus:
        assert corpus.count() == 5


def test_deleted_file_gone_then_pruned(tmp_path: Path, seed_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index_dir = tmp_path / "index"
    _add_json(capsys, index_dir, str(seed_copy))
    victim = seed_copy / "001_9ab57d95e1388eab.txt"
    victim.unlink()
    reported = _add_json(capsys, index_dir, str(seed_copy))
    assert reported["gone"] == [str(victim)]
    assert reported["removed"] == 0
    with Corpus(index_dir) as corpus:
        assert corpus.count() == 5
    assert len(_hits(index_dir, "Aatmanirbhar")) == 1
    pruned = _add_json(capsys, index_dir, "--prune", str(seed_copy))
    assert pruned["removed"] == 1
    with Corpus(index_dir) as corpus:
        assert corpus.count() == 4
        assert all(str(victim) not in summary.paths for summary in corpus.summaries())
    assert _hits(index_dir, "Aatmanirbhar") == []


def test_second_writer_fails_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index_dir = tmp_path / "index"
    with write_lock(index_dir):
        code, out, err = run(capsys, "--index", str(index_dir), "add", "--no-nlp", str(SEEDS))
    assert_one_line_error(code, out, err, "another explore process is writing", "--wait")


def test_second_writer_waits_with_wait(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index_dir = tmp_path / "index"
    held = threading.Event()

    def hold() -> None:
        with write_lock(index_dir):
            held.set()
            time.sleep(1.0)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    started = time.monotonic()
    summary = _add_json(capsys, index_dir, "--wait", "20", str(SEEDS))
    waited = time.monotonic() - started
    holder.join()
    assert summary["added"] == 5
    assert waited >= 0.5


def test_identical_texts_are_one_document_with_both_paths(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "b").mkdir()
    shutil.copy(SEEDS / "004_278f6c5eeedf8e69.txt", corpus / "a" / "story.txt")
    shutil.copy(SEEDS / "004_278f6c5eeedf8e69.txt", corpus / "b" / "copy.txt")
    index_dir = tmp_path / "index"
    summary = add(index_dir, [corpus])
    assert (summary.added, summary.duplicates, summary.files_read) == (1, 1, 2)
    with Corpus(index_dir) as corpus_view:
        (only,) = corpus_view.summaries()
        assert set(only.paths) == {str(corpus / "a" / "story.txt"), str(corpus / "b" / "copy.txt")}
    # deleting one copy keeps the document, reached through the other path
    (corpus / "a" / "story.txt").unlink()
    pruned = add(index_dir, [corpus], prune=True)
    assert pruned.removed == 0
    with Corpus(index_dir) as corpus_view:
        (only,) = corpus_view.summaries()
        assert only.paths == (str(corpus / "b" / "copy.txt"),)


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge reopens after repairs | Coastal Times</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta property="og:site_name" content="Coastal Times">
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="2022-05-14T09:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li><li>Subscribe to our newsletter</li></ul></nav>
<header><h1>Harbour bridge reopens after repairs</h1></header>
<article>
<p>The harbour bridge reopened to traffic on Saturday after eight months of repairs to its steel cables,
the city council said.</p>
<p>Engineers replaced more than four hundred corroded wires and repainted the main span. Commuters had faced
diversions of up to forty minutes while the work went on.</p>
<p>"We are delighted to give the bridge back to the people who use it every day," the council's transport chief,
Daniel Okafor, told reporters at the reopening ceremony.</p>
<p>The repairs cost 12 million pounds, slightly less than the budget agreed last year. A further inspection is
planned for the autumn.</p>
</article>
<footer><p>Copyright 2022 Coastal Times. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body></html>
"""


@pytest.fixture
def reader_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, dict]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (corpus / "notes.md").write_text(
        "# Notes on zebra crossings\n\nA new zebra crossing was painted outside the school.\n\n"
        "## Reactions\n\nParents welcomed it.\n",
        encoding="utf-8",
    )
    (corpus / "array.json").write_text(
        '[{"title": "Rail strike called off", "date": "2023-01-10", "source": "Wire Service",'
        ' "text": "Union leaders called off the planned rail strike after late-night talks."},'
        ' {"headline": "Library extends hours", "body": "The central library will open until nine."},'
        ' {"title": "A record without text", "date": "2023-02-02"}]',
        encoding="utf-8",
    )
    (corpus / "feed.jsonl").write_text(
        '{"title": "Ferry timetable changes", "text": "The island ferry adds two crossings."}\n'
        '{"title": broken line\n'
        '{"title": "Market hall restored", "text": "The Victorian market hall reopens with forty stalls."}\n',
        encoding="utf-8",
    )
    index_dir = tmp_path / "index"
    summary = _add_json(capsys, index_dir, str(corpus))
    return index_dir, summary


def _by_title(capsys: pytest.CaptureFixture[str], index_dir: Path) -> dict[str, dict]:
    listing = run_json(capsys, "--index", str(index_dir), "list", "--json")
    return {item["title"]: item for item in listing}


def test_readers_summary(reader_index: tuple[Path, dict]) -> None:
    _index_dir, summary = reader_index
    assert summary["added"] == 6  # html 1 + md 1 + json 2 + jsonl 2
    skipped = {(Path(item["path"]).name, item["reason"]) for item in summary["skipped"]}
    assert ("feed.jsonl", "line 2: invalid JSON (Expecting value)") in skipped
    assert ("array.json", "record 3: no article text (expected a text/body field)") in skipped
    assert len(skipped) == 2


def test_html_reader_extracts_body_and_hints(
    reader_index: tuple[Path, dict], capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir, _ = reader_index
    page = _by_title(capsys, index_dir)["Harbour bridge reopens after repairs"]
    assert page["title_derived"] is False
    assert (page["date"], page["source"], page["author"]) == ("2022-05-14", "Coastal Times", "Maria Lopez")
    shown = run_json(capsys, "--index", str(index_dir), "show", "--json", page["id"])
    assert "eight months of repairs" in shown["text"]
    assert "Daniel Okafor" in shown["text"]
    for chrome in ("Subscribe to our newsletter", "Privacy policy", "Cookie settings", "All rights reserved"):
        assert chrome not in shown["text"]
    assert _hits(index_dir, "newsletter") == []


def test_markdown_reader(reader_index: tuple[Path, dict], capsys: pytest.CaptureFixture[str]) -> None:
    index_dir, _ = reader_index
    notes = _by_title(capsys, index_dir)["Notes on zebra crossings"]  # the heading marker is markup, not title
    shown = run_json(capsys, "--index", str(index_dir), "show", "--json", notes["id"])
    assert "zebra crossing was painted" in shown["text"]
    assert "#" not in shown["text"]
    assert _hits(index_dir, "parents welcomed") == [notes["id"]]


def test_json_and_jsonl_records(reader_index: tuple[Path, dict], capsys: pytest.CaptureFixture[str]) -> None:
    index_dir, _ = reader_index
    titles = _by_title(capsys, index_dir)
    strike = titles["Rail strike called off"]
    assert (strike["date"], strike["source"]) == ("2023-01-10", "Wire Service")
    assert strike["path"].endswith("array.json#1")
    assert titles["Library extends hours"]["path"].endswith("array.json#2")
    assert titles["Ferry timetable changes"]["path"].endswith("feed.jsonl#1")
    assert titles["Market hall restored"]["path"].endswith("feed.jsonl#3")
    assert "A record without text" not in titles
    assert len(_hits(index_dir, "Victorian")) == 1
