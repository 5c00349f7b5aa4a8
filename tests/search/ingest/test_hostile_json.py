"""Hostile JSON beside good files: a file nested too deeply is skipped with its reason, the rest is indexed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.corpus import Corpus
from search.ingest.discover import FoundFile
from search.ingest.readers import FileReadError, read_file
from tests.engine_helpers import run_json

GOOD = {"title": "Harbour crane repaired", "text": "Engineers repaired the harbour crane on Friday after a storm."}


def _found(path: Path) -> FoundFile:
    return FoundFile(str(path), "json", path.stat().st_size, path.stat().st_mtime_ns)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("brackets.json", "[" * 100_000),
        ("objects.json", '{"a":' * 2000 + "1" + "}" * 2000),
    ],
    ids=["brackets", "objects"],
)
def test_a_deeply_nested_file_is_refused_with_a_reason(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FileReadError, match="nested too deeply"):
        read_file(_found(path), path.read_bytes())


def test_a_deeply_nested_json_lines_line_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + "[" * 5000 + "\n" + json.dumps(GOOD | {"title": "Two"}) + "\n")
    result = read_file(_found(path), path.read_bytes())
    assert [record.path.rsplit("#", 1)[1] for record in result.records] == ["1", "3"]
    assert result.problems == ["line 2: JSON nested too deeply"]


def test_nested_metadata_values_do_not_abort_the_record(tmp_path: Path) -> None:
    nested: object = "Jane Doe"
    for _ in range(900):  # under the parser's limit, deep enough to overflow a recursive walk
        nested = [nested]
    path = tmp_path / "deep-author.json"
    path.write_text(json.dumps(GOOD | {"author": nested}), encoding="utf-8")
    records = read_file(_found(path), path.read_bytes()).records
    assert len(records) == 1 and "author" not in records[0].hints


def test_add_skips_the_nested_files_and_indexes_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "brackets.json").write_text("[" * 100_000, encoding="utf-8")
    (corpus / "objects.json").write_text('{"a":' * 2000, encoding="utf-8")
    (corpus / "lines.jsonl").write_text("[" * 5000 + "\n", encoding="utf-8")
    (corpus / "good.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (corpus / "story.txt").write_text("Ferry resumes\n\nThe island ferry resumed sailing on Monday.\n")
    index_dir = tmp_path / "index"
    summary = run_json(capsys, "--index", str(index_dir), "add", "--no-nlp", "--json", str(corpus))
    assert summary["added"] == 2
    skipped = {Path(item["path"]).name: item["reason"] for item in summary["skipped"]}
    assert skipped == {
        "brackets.json": "JSON nested too deeply",
        "objects.json": "line 1: JSON nested too deeply",
        "lines.jsonl": "JSON nested too deeply",
    }
    with Corpus(index_dir) as corpus_view:
        assert corpus_view.search("crane").total == 1
        assert corpus_view.search("ferry").total == 1
