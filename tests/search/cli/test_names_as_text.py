"""File names and metadata fields are plain text on one line: no markup in the progress bar, no forged lines in
`list`, `show`, `search` or the `add` summary, and bidi overrides and zero-width characters shown (issue 20, item 6)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from search.cli.progress_bar import ProgressBar
from search.text_safety import one_line, shown_text
from tests.engine_helpers import run, run_json

pytestmark = pytest.mark.usefixtures("isolated_config")  # settings in a temp file

FORGED = "deadbeef00000000  2020-01-01  Forged Times          Forged headline"
RLO = "\u202e"


@pytest.mark.parametrize("name", ["[link=http:evil.example]x.txt", "[bold red]y.txt", "a\nb[blink].txt"])
def test_a_file_name_is_never_markup_in_the_progress_bar(name: str) -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=200, color_system="truecolor")
    with ProgressBar("indexing", console=console) as bar:
        bar.update(10, 100, f"/corpus/{name}")
        bar._progress.refresh()
    drawn = out.getvalue()
    assert "\x1b]8;" not in drawn and "\x1b[1;31m" not in drawn and "\x1b[5" not in drawn
    assert one_line(name) in drawn


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    from search.cli.main import main

    root = tmp_path_factory.mktemp("names")
    source = root / "source"
    source.mkdir()
    record = {
        "title": f"Real title\n{FORGED}",
        "text": "The council met on Monday to discuss the harbour budget and the new ferry timetable. " * 3,
        "source": f"Evil{RLO}semiT",
        "author": "Ann\u200bOther",
        "date": "2024-05-06",
    }
    (source / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (source / f"note\n{FORGED}.txt").write_text(
        "Harbour notes\n\nThe harbour budget was approved by the council after a long debate on Monday night.",
        encoding="utf-8",
    )
    (source / "empty\nskipped  forged.txt").write_text("", encoding="utf-8")
    folder = root / "index"
    code = main(["--index", str(folder), "add", "--no-nlp", str(source)])
    assert code == 0
    return str(folder), source


def _forged(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(("deadbeef", "skipped  forged", "Forged"))]


def test_list_prints_one_line_per_document(index: tuple[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder, _ = index
    documents = run_json(capsys, "--index", folder, "list", "--json")
    code, out, _ = run(capsys, "--index", folder, "list")
    assert code == 0
    assert len(out.splitlines()) == len(documents) == 2
    assert not _forged(out)
    assert RLO not in out and "<U+202E>" in out


def test_show_and_search_keep_fields_on_their_line(index: tuple[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder, _ = index
    for document in run_json(capsys, "--index", folder, "list", "--json"):
        code, out, _ = run(capsys, "--index", folder, "show", document["id"])
        assert code == 0 and not _forged(out)
        assert RLO not in out and "\u200b" not in out
    code, out, _ = run(capsys, "--index", folder, "search", "harbour")
    assert code == 0 and not _forged(out) and RLO not in out


def test_the_add_summary_names_skipped_files_on_one_line(
    index: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, source = index
    (source / "empty\nskipped  forged.txt").write_text("", encoding="utf-8")
    code, out, _ = run(capsys, "--index", folder, "add", "--no-nlp", str(source))
    assert code == 0
    assert "skipped" in out and not _forged(out)


def test_one_line_shows_what_would_hide_or_reorder_text() -> None:
    assert one_line("a\nb\r\nc\u2028d") == "a\u23ceb\u23cec\u23ced"
    assert one_line(f"x{RLO}y\u2066z\u200bw\ufeff") == "x<U+202E>y<U+2066>z<U+200B>w<U+FEFF>"
    assert one_line("a\u200db") == "a<U+200D>b"  # a joiner between ASCII letters joins nothing
    assert one_line("क्\u200dष") == "क्\u200dष"  # ... but shapes Devanagari: kept
    assert one_line("\x1b[31mred\x1b[0m\ttab") == "red tab"
    assert shown_text(f"line one\nline {RLO}two") == "line one\nline <U+202E>two"


def test_a_step_of_unknown_length_shows_no_frozen_estimate() -> None:
    """After the bytes are counted, a named step (parsing the last articles, merging) has no total: the bar pulses
    and the time left is unknown, instead of an estimate frozen at 86-94% for minutes."""
    console = Console(file=io.StringIO(), force_terminal=True, width=200)
    with ProgressBar("indexing", console=console) as bar:
        bar.update(90, 100, "/corpus/a.txt")
        task = bar._progress.tasks[0]
        assert task.total == 100 and task.completed == 90
        bar.update(0, 0, "merging and finishing the search index")
        task = bar._progress.tasks[0]
        assert task.total is None and task.time_remaining is None
        assert task.fields["what"] == "merging and finishing the search index"
