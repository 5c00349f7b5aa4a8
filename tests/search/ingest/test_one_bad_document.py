"""One document never costs the others (issue 16): whatever fails for one article (reading, cleaning, its parse
past the model's limit, its events, writing it) is reported with its reason, the run goes on, exits 0, and every
good article is searchable. Only a failure of the run itself (the disk, the index) ends it, with one line."""

from __future__ import annotations

import errno
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from search import store
from search.ingest import scheduler, stages
from search.nlp import annotate, spacy_model
from tests.engine_helpers import assert_one_line_error, run
from tests.search.ingest.one_bad_document import assert_good_ones_searchable, good_folder, long_article, marker

pytestmark = pytest.mark.usefixtures("isolated_config")  # settings in a temp file


def _add(capsys: pytest.CaptureFixture[str], index_dir: Path, folder: Path, *options: str) -> dict[str, Any]:
    code, out, err = run(capsys, "--index", str(index_dir), "add", str(folder), "--jobs", "1", "--json", *options)
    assert code == 0, err
    return json.loads(out)


def test_an_article_past_the_model_limit_is_annotated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, nlp: Any
) -> None:
    """Before issue 16: `explore: unexpected error (ValueError: [E088] Text of length ... exceeds maximum ...)`,
    exit 1, nothing searchable. The model's limit is lowered here (the real one: test_long_articles_volume.py)."""
    load = spacy_model.load_model

    def small_limit(name: str | None = None) -> Any:
        model = load(name)
        model.max_length = 3000
        return model

    monkeypatch.setattr(spacy_model, "load_model", small_limit)
    folder = good_folder(tmp_path / "articles")
    (folder / "long.txt").write_text(long_article(10_116), encoding="utf-8")
    summary = _add(capsys, tmp_path / "index", folder)
    assert (summary["added"], summary["annotated"], summary["annotation_failed"], summary["skipped"]) == (6, 6, [], [])
    assert_good_ones_searchable(tmp_path / "index")
    code, out, _ = run(capsys, "--index", str(tmp_path / "index"), "search", "wombatword", "--json")
    assert code == 0 and len(json.loads(out)["hits"]) == 1
    code, out, _ = run(capsys, "--index", str(tmp_path / "index"), "entities", "--json")
    assert any(entity["name"] == "Rajnath Singh" and entity["docs"] == 6 for entity in json.loads(out))


def test_failed_event_extraction_is_reported_and_costs_only_the_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, nlp: Any
) -> None:
    real = annotate.extract_events

    def extract(doc: Any, *args: Any) -> Any:
        if marker(3) in doc.text:
            raise IndexError("injected: list index out of range")
        return real(doc, *args)

    monkeypatch.setattr(annotate, "extract_events", extract)
    folder = good_folder(tmp_path / "articles")
    summary = _add(capsys, tmp_path / "index", folder)
    assert summary["annotated"] == 5 and summary["skipped"] == []
    [failed] = summary["annotation_failed"]
    assert Path(failed["path"]).name == "good03.txt" and len(failed["id"]) == 16
    assert failed["reason"] == "event extraction failed (IndexError: injected: list index out of range)"
    assert_good_ones_searchable(tmp_path / "index")
    code, out, _ = run(capsys, "--index", str(tmp_path / "index"), "show", failed["id"], "--json")
    shown = json.loads(out)
    assert code == 0 and shown["entities"] and not shown.get("events")


def test_the_text_summary_names_what_was_not_annotated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, nlp: Any
) -> None:
    monkeypatch.setattr(annotate, "extract_events", _raise_for_marker(2))
    folder = good_folder(tmp_path / "articles")
    code, out, err = run(capsys, "--index", str(tmp_path / "index"), "add", str(folder), "--jobs", "1")
    assert code == 0, err
    assert "1 not fully annotated" in out.splitlines()[0]
    assert "not fully annotated" in out and "good02.txt: event extraction failed (KeyError" in out


def _raise_for_marker(number: int) -> Any:
    def extract(doc: Any, *args: Any) -> Any:
        if marker(number) in doc.text:
            raise KeyError("injected")
        return []

    return extract


def test_a_reader_that_raises_costs_only_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = stages.read_file

    def read(found: Any, data: bytes) -> Any:
        if found.path.endswith("good01.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(found, data)

    monkeypatch.setattr(stages, "read_file", read)
    folder = good_folder(tmp_path / "articles", 6)
    summary = _add(capsys, tmp_path / "index", folder, "--no-nlp")
    assert summary["added"] == 5
    assert [(Path(s["path"]).name, s["reason"]) for s in summary["skipped"]] == [
        ("good01.txt", "could not be read (RecursionError: maximum recursion depth exceeded)")
    ]
    with pytest.raises(AssertionError, match="good article 1 "):
        assert_good_ones_searchable(tmp_path / "index", 6)
    assert_good_ones_searchable(tmp_path / "index", 1)


def test_a_record_whose_cleaning_raises_costs_only_that_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = stages.clean_record

    def clean(record: Any) -> Any:
        if marker(4) in record.text:
            raise ValueError("injected")
        return real(record)

    monkeypatch.setattr(stages, "clean_record", clean)
    folder = good_folder(tmp_path / "articles", 6)
    summary = _add(capsys, tmp_path / "index", folder, "--no-nlp")
    assert summary["added"] == 5
    assert [(Path(s["path"]).name, s["reason"]) for s in summary["skipped"]] == [
        ("good04.txt", "could not be cleaned (ValueError: injected)")
    ]
    assert_good_ones_searchable(tmp_path / "index", 4)


def test_a_document_past_sqlite_string_limit_costs_only_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite refuses a string longer than its limit (one billion bytes by default; lowered here to 200,000)."""
    connect = store._connect_writable

    def limited(path: Path) -> sqlite3.Connection:
        connection = connect(path)
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 200_000)
        return connection

    monkeypatch.setattr(store, "_connect_writable", limited)
    folder = good_folder(tmp_path / "articles")
    (folder / "huge.txt").write_text(long_article(300_000), encoding="utf-8")
    summary = _add(capsys, tmp_path / "index", folder, "--no-nlp")
    assert summary["added"] == 5
    [skipped] = summary["skipped"]
    assert Path(skipped["path"]).name == "huge.txt"
    assert skipped["reason"].startswith("could not be written (StoreError: ") and "too big" in skipped["reason"]
    assert_good_ones_searchable(tmp_path / "index")
    again = _add(capsys, tmp_path / "index", folder, "--no-nlp")  # nothing half-written: it is tried again
    assert (again["added"], again["unchanged"], len(again["skipped"])) == (0, 5, 1)


def test_a_full_disk_still_ends_the_run_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(scheduler, "write_stage", full)
    folder = good_folder(tmp_path / "articles")
    code, out, err = run(capsys, "--index", str(tmp_path / "index"), "add", str(folder), "--no-nlp")
    assert_one_line_error(code, out, err, "the disk is full")
