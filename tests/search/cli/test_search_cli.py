"""The command line on the seeds: list/search/show JSON contracts, boilerplate, errors, hostile text, default index."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engine_helpers import add, assert_one_line_error, run, run_json
from tests.paths import SEEDS

LIST_KEYS = {"id", "path", "title", "title_derived", "date", "source", "author", "url", "words"}
EXPLORE = Path(sys.executable).parent / "explore"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> str:
    index_dir = tmp_path_factory.mktemp("cli") / "index"
    add(index_dir, [SEEDS])
    return str(index_dir)


def _listing(capsys: pytest.CaptureFixture[str], index: str) -> dict[str, dict]:
    items = run_json(capsys, "--index", index, "list", "--json")
    assert all(set(item) >= LIST_KEYS for item in items)
    return {Path(item["path"]).name[:3]: item for item in items}


def test_list_metadata_as_the_articles_state_it(index: str, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _listing(capsys, index)
    assert len(docs) == 5
    expected = {
        "000": ("Rajnath Singh and South Korean Defence Minister discuss ‘bilateral defence cooperation’", None,
                "PSU Watch"),
        "001": ("India, S Korea agree to go for joint production, export of military hardware", "2021-03-28",
                "Udayavani"),
        "003": ("India strengthens defence ties with Japan, South Korea", "2019-09-06", None),
        "004": ('Rajnath Singh described the talks as "excellent."', "2021-03-26", None),
    }  # fmt: skip
    for key, (title, date, source) in expected.items():
        assert (docs[key]["title"], docs[key]["date"], docs[key]["source"]) == (title, date, source)
        assert docs[key]["title_derived"] is False
    assert docs["002"]["title_derived"] is True and docs["002"]["date"] is None and docs["002"]["source"] is None
    assert docs["002"]["title"].startswith("Defence Minister Rajnath Singh on Thursday held bilateral talks")
    assert all(item["words"] > 300 and item["url"] is None for item in docs.values())


@pytest.mark.parametrize(
    "term", ["Telegram", "Adani", "Tesla", "Bumrah", "whitelist", "psuwatch", '"Latest Additions"']
)
def test_page_furniture_is_not_searchable(index: str, capsys: pytest.CaptureFixture[str], term: str) -> None:
    result = run_json(capsys, "--index", index, "search", "--json", term)
    assert result["total"] == 0 and result["hits"] == []


def test_search_json_contract(index: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "--index", index, "search", "--json", "Takeshi")
    assert {"query", "total", "took_ms", "hits"} <= set(result)
    assert result["query"] == "Takeshi" and result["total"] == 1
    (hit,) = result["hits"]
    assert {"id", "path", "title", "date", "source", "score", "snippet"} <= set(hit)
    assert hit["date"] == "2019-09-06" and hit["score"] > 0
    assert "**Takeshi**" in hit["snippet"]


def test_search_sort_date(index: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "--index", index, "search", "--json", "--sort", "date", "--limit", "10", "Korea")
    assert [hit["date"] for hit in result["hits"]] == ["2021-03-28", "2021-03-26", "2019-09-06", None, None]


@pytest.mark.parametrize(
    ("query", "fragment"),
    [("colour:red", "unknown field"), ('"open quote', "unbalanced quote"), ("(Korea", "unbalanced parenthesis"),
     ("date:2019-13", "cannot read a date")],
)  # fmt: skip
def test_malformed_query_one_line(index: str, capsys: pytest.CaptureFixture[str], query: str, fragment: str) -> None:
    assert_one_line_error(*run(capsys, "--index", index, "search", query), "bad query", fragment)


def test_show_json_and_prefix_and_unknown(index: str, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _listing(capsys, index)["001"]
    shown = run_json(capsys, "--index", index, "show", "--json", doc["id"][:6])
    assert {key: shown[key] for key in LIST_KEYS} == {key: doc[key] for key in LIST_KEYS}
    assert "Aatmanirbhar" in shown["text"] and "Latest Additions" not in shown["text"]
    assert any("Latest Additions" in block["text"] for block in shown["furniture"])
    assert_one_line_error(*run(capsys, "--index", index, "show", "ffffffffffff"), "no document with id")


def test_hostile_text_is_inert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "evil.txt").write_text(
        "Evil headline\n\nClick [@click=app.quit]here[/] now. \x1b[31mRed text\x1b[0m and "
        "\x1b]52;c;ZWNobyBwd25lZA==\x07clipboard. The end of the hostile article.\n",
        encoding="utf-8",
    )
    index_dir = tmp_path / "index"
    add(index_dir, [folder])
    (doc,) = run_json(capsys, "--index", str(index_dir), "list", "--json")
    code, out, _err = run(capsys, "--index", str(index_dir), "show", doc["id"])
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "[@click=app.quit]here[/]" in out
    assert "Red text" in out and "ZWNobyBwd25lZA" not in out


def test_default_index_from_bundled_seeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import search.cli.main as cli

    monkeypatch.delenv("EXPLORE_INDEX", raising=False)
    monkeypatch.delenv("EXPLORE_CONFIG", raising=False)
    for name, value in (("HOME", tmp_path), ("XDG_DATA_HOME", tmp_path / "data"),
                        ("XDG_CONFIG_HOME", tmp_path / "config")):  # fmt: skip
        monkeypatch.setenv(name, str(value))
    real = cli.run_ingest
    monkeypatch.setattr(cli, "run_ingest", lambda *a, **k: real(*a, **{**k, "nlp": False}))  # NLP: other tests
    items = run_json(capsys, "list", "--json")
    assert len(items) == 5
    assert (tmp_path / "data" / "explore" / "index" / "documents.sqlite").exists()


def test_console_script_subprocess(index: str, tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run(
        [str(EXPLORE), "--index", index, "search", "--json", "date:>2020", "Wook"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(hit["date"] for hit in json.loads(done.stdout)["hits"]) == ["2021-03-26", "2021-03-28"]
    bad = subprocess.run(
        [str(EXPLORE), "--index", index, "search", "nosuch:field"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1
