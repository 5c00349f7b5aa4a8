"""The command line's traps (issue 19 items 9 and 11, issue 20 item 8): queries starting with '-', limits, footers
that say what is not shown, event ids, entity labels, --help and --version, and notes on how a query was read."""

from __future__ import annotations

import json

import pytest

from search.cli.main import main
from tests.engine_helpers import add, assert_one_line_error, run, run_json
from tests.paths import SEEDS

pytestmark = pytest.mark.usefixtures("isolated_config")  # settings in a temp file


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> str:
    index_dir = tmp_path_factory.mktemp("usability") / "index"
    add(index_dir, [SEEDS])
    return str(index_dir)


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("usability-nlp") / "index"
    assert main(["--index", str(folder), "add", str(SEEDS), "--jobs", "1"]) == 0
    return str(folder)


def _usage_error(code: int, err: str, *fragments: str) -> None:
    """A usage error: exit 2 and one line naming --help, not argparse's usage text."""
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("explore: ") and "--help" in lines[0], err
    assert "usage:" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def _exit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Like run(), for argv that make argparse exit."""
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as leaving:
        code = int(leaving.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("query", [["-iraq"], ["-japan", "korea"], ["korea", "-japan"], ["--", "-japan"]])
def test_a_query_may_start_with_a_minus(index: str, capsys: pytest.CaptureFixture[str], query: list[str]) -> None:
    everything = run_json(capsys, "--index", index, "search", "--json", "--limit", "50", "")
    result = run_json(capsys, "--index", index, "search", "--json", "--limit", "50", *query)
    words = [word for word in query if word != "--"]
    assert result["query"] == " ".join(words)
    if words == ["-iraq"]:
        assert result["total"] == everything["total"] == 5
    else:
        assert 0 < result["total"] < 5
    assert run(capsys, "--index", index, "events", "-iraq")[0] == 0


def test_options_still_work_after_the_query(index: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "--index", index, "search", "-japan", "--lim=1", "--sort", "date", "--json")
    assert len(result["hits"]) == 1 and result["total"] > 1


@pytest.mark.parametrize("argv", [["search", "korea", "--limit", "0"], ["search", "korea", "--limit", "-3"],
                                  ["entities", "--limit", "0"], ["search", "korea", "--limit", "many"]])  # fmt: skip
def test_limits_below_one_are_refused(index: str, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = _exit(capsys, "--index", index, *argv)
    _usage_error(code, err, "--limit")


def test_unknown_option_is_one_line(index: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _exit(capsys, "--index", index, "list", "--jsn")
    _usage_error(code, err, "--jsn")


def test_search_says_how_many_it_shows(index: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--index", index, "search", "korea", "--limit", "2")
    assert code == 0
    assert out.startswith("5 hits for 'korea'")
    assert "Showing the first 2 of 5; --limit N shows more." in out
    code, out, _ = run(capsys, "--index", index, "search", "korea")
    assert "Showing" not in out


def test_lowercase_or_is_said_to_be_a_word(index: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--index", index, "search", "japan or tesla")
    assert code == 0 and 'lowercase "or"' in out and "write OR" in out
    result = run_json(capsys, "--index", index, "search", "--json", "japan", "or", "tesla")
    assert any("write OR" in note for note in result["notes"])
    assert run_json(capsys, "--index", index, "search", "--json", "japan OR tesla")["notes"] == []
    assert run_json(capsys, "--index", index, "search", "--json", '"japan or korea"')["notes"] == []


def test_a_date_query_says_how_many_articles_have_no_date(index: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--index", index, "search", "date:2005")
    assert code == 0 and out.startswith("0 hits")
    assert "2 of the 5 articles have no date" in out


def test_help_names_the_folder_form_and_version_exists(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _exit(capsys, "--help")
    assert code == 0 and "explore FOLDER" in out and "--version" in out
    code, out, _ = _exit(capsys, "--version")
    assert code == 0 and out.startswith("explore ") and out.strip() != "explore"


def test_launcher_sends_version_to_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.launcher import main as launcher

    with pytest.raises(SystemExit) as leaving:
        launcher(["--version"])
    assert leaving.value.code == 0 and capsys.readouterr().out.startswith("explore ")


# ---- entities and events (the seeds with NLP) ---------------------------------------------------------------


def test_events_show_the_ids_cite_needs(annotated: str, capsys: pytest.CaptureFixture[str]) -> None:
    events = run_json(capsys, "--index", annotated, "events", "--json")
    code, out, err = run(capsys, "--index", annotated, "events")
    assert code == 0 and events
    first = events[0]
    assert f"event {first['id']} in {first['doc_id']}" in out
    assert "--event" in err
    code, cited, _ = run(capsys, "--index", annotated, "cite", first["doc_id"], "--event", first["id"])
    assert code == 0 and cited.strip()


def test_an_unknown_entity_label_is_one_line(annotated: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--index", annotated, "entities", "--label", "FOO")
    assert_one_line_error(code, out, err, "unknown entity label 'FOO'", "PERSON", "place")
    code, out, _ = run(capsys, "--index", annotated, "entities", "--label", "person")
    assert code == 0 and out.strip()


def test_entities_are_paginated_with_a_footer(annotated: str, capsys: pytest.CaptureFixture[str]) -> None:
    every = run_json(capsys, "--index", annotated, "entities", "--json")
    assert len(every) > 50  # --json keeps its contract: every entity
    code, out, _ = run(capsys, "--index", annotated, "entities")
    rows = [line for line in out.splitlines() if not line.startswith("Showing")]
    assert code == 0 and len(rows) == 50
    assert f"Showing the 50 most frequent of {len(every):,} entities; --limit N or --all shows more." in out
    code, out, _ = run(capsys, "--index", annotated, "entities", "--all")
    assert len(out.splitlines()) == len(every) and "Showing" not in out
    assert len(run_json(capsys, "--index", annotated, "entities", "--json", "--limit", "3")) == 3
    singles = [line for line in out.splitlines() if " 1 doc " in line]
    assert singles and not any(" 1 docs " in line for line in out.splitlines())


def test_json_search_output_only_gains_keys(index: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "--index", index, "search", "--json", "korea")
    assert {"query", "total", "total_exact", "took_ms", "truncated_prefixes", "hits", "notes"} <= set(result)
    json.dumps(result)
