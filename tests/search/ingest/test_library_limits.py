"""Each library that one record's data reaches, fed past its limit (issue 16): the record is indexed or skipped
with its reason, the good articles beside it are searchable, the run exits 0. spaCy's length limit and SQLite's
string limit are in test_one_bad_document.py (lowered there; the real sizes: test_long_articles_volume.py);
JSON nesting depth belongs to the readers' tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.engine_helpers import run
from tests.search.ingest.one_bad_document import assert_good_ones_searchable, good_folder

pytestmark = pytest.mark.usefixtures("isolated_config")  # settings in a temp file

#: libxml2 (under lxml and trafilatura) refuses a text node over 10,000,000 bytes and nesting over 256 levels
#: unless asked for "huge" documents.
LIBXML2_TEXT_NODE = 10_000_000
LIBXML2_DEPTH = 256


def _add(capsys: pytest.CaptureFixture[str], index_dir: Path, folder: Path) -> dict[str, Any]:
    code, out, err = run(capsys, "--index", str(index_dir), "add", str(folder), "--no-nlp", "--json")
    assert code == 0, err
    return json.loads(out)


def _hits(capsys: pytest.CaptureFixture[str], index_dir: Path, query: str) -> int:
    code, out, err = run(capsys, "--index", str(index_dir), "search", query, "--json")
    assert code == 0, err
    return len(json.loads(out)["hits"])


def test_whoosh_a_term_of_2_4_million_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = good_folder(tmp_path / "articles")
    (folder / "token.txt").write_text("Giant token\n\nWombatword opens it. " + "z" * 2_400_000 + "\n", encoding="utf-8")
    summary = _add(capsys, tmp_path / "index", folder)
    assert (summary["added"], summary["skipped"]) == (6, [])
    assert_good_ones_searchable(tmp_path / "index")
    assert _hits(capsys, tmp_path / "index", "wombatword") == 1


def test_html_a_line_of_2_4_million_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = good_folder(tmp_path / "articles")
    page = "<html><head><title>One line</title></head><body><article><p>Wombatword opens it. "
    page += "The minister spoke again. " * 96_000 + "</p></article></body></html>"
    assert len(page) > 2_400_000 and "\n" not in page
    (folder / "line.html").write_text(page, encoding="utf-8")
    summary = _add(capsys, tmp_path / "index", folder)
    assert (summary["added"], summary["skipped"]) == (6, [])
    assert_good_ones_searchable(tmp_path / "index")
    assert _hits(capsys, tmp_path / "index", "wombatword") == 1


def test_html_nested_past_libxml2_depth(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Too deep for libxml2: the page is skipped with its reason (or indexed), never the run's end."""
    folder = good_folder(tmp_path / "articles")
    depth = 20 * LIBXML2_DEPTH
    text = "Wombatword is deep in here. " + "It was a long sentence about the talks. " * 40
    page = f"<html><head><title>Deep</title></head><body>{'<div>' * depth}<p>{text}</p>{'</div>' * depth}</body></html>"
    (folder / "deep.html").write_text(page, encoding="utf-8")
    summary = _add(capsys, tmp_path / "index", folder)
    assert_good_ones_searchable(tmp_path / "index")
    skipped = [(Path(skip["path"]).name, skip["reason"]) for skip in summary["skipped"]]
    assert summary["added"] == 6 or skipped == [("deep.html", "HTML page has no article text")]


def test_html_a_text_node_past_libxml2_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A text node over libxml2's 10 MB limit keeps its words (a default parse drops it and keeps the title)."""
    folder = good_folder(tmp_path / "articles")
    words = "word " * (LIBXML2_TEXT_NODE // 5 + 1000)
    page = f"<html><head><title>Huge</title></head><body><article><p>Wombatword opens it. {words}</p></article>"
    (folder / "huge.html").write_text(page + "</body></html>", encoding="utf-8")
    summary = _add(capsys, tmp_path / "index", folder)
    assert_good_ones_searchable(tmp_path / "index")  # this much holds already
    assert summary["added"] == 6
    assert _hits(capsys, tmp_path / "index", "wombatword") == 1
