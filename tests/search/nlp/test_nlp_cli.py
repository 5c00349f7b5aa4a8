"""Entities and events through the command line, on the seeds indexed with NLP: the issue-3 JSON contracts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.cli.main import main
from tests.paths import SEEDS

pytestmark = pytest.mark.usefixtures("isolated_config")  # settings in a temp file

EVENT_KEYS = {"id", "doc_id", "type", "trigger", "actors", "location", "date", "date_text", "granularity",
              "sentence", "start", "end", "cluster", "sources"}  # fmt: skip


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("nlp") / "index"
    assert main(["--index", str(folder), "add", str(SEEDS), "--jobs", "1"]) == 0
    return folder


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _ids(index: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    docs = _json(capsys, "--index", str(index), "list", "--json")
    assert isinstance(docs, list)
    return {Path(doc["path"]).name[:3]: doc["id"] for doc in docs}


def test_entities_json_merges_variants(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entities = _json(capsys, "--index", str(index), "entities", "--json")
    assert isinstance(entities, list)
    assert set(entities[0]) == {"name", "label", "aliases", "count", "docs"}
    counts = [entity["count"] for entity in entities]
    assert counts == sorted(counts, reverse=True)
    by_name = {entity["name"]: entity for entity in entities}
    assert by_name["South Korea"]["docs"] == 5
    assert {"RoK", "ROK", "Republic of Korea"} <= set(by_name["South Korea"]["aliases"])
    jeong = [e for e in entities if e["name"].lower().replace("-", "").replace(" ", "") == "jeongkyeongdoo"]
    assert len(jeong) == 1 and jeong[0]["docs"] == 2
    assert by_name["Rajnath Singh"]["docs"] == 5
    assert "Karambir Singh" in by_name, "a different Singh stays a different person"


def test_entities_label_filter(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = _json(capsys, "--index", str(index), "entities", "--label", "PERSON", "--json")
    assert isinstance(people, list) and people
    assert {entity["label"] for entity in people} == {"PERSON"}


def test_furniture_yields_no_entities(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = {e["name"] for e in _json(capsys, "--index", str(index), "entities", "--json")}  # type: ignore[union-attr]
    for furniture_only in ("Gautam Adani", "Tesla", "Elon Musk", "Jasprit Bumrah", "Telegram", "Rotterdam"):
        assert furniture_only not in names


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('person:"Jeong Kyeongdoo"', {"000", "002"}),
        ('person:"Jeong Kyeong-Doo"', {"000", "002"}),
        ('person:"Suh Wook"', {"001", "004"}),
        ('place:"Republic of Korea"', {"000", "001", "002", "003", "004"}),
        ("place:japan", {"003"}),
    ],
)
def test_entity_fields_find_every_variant(
    index: Path, capsys: pytest.CaptureFixture[str], query: str, expected: set[str]
) -> None:
    names = {doc_id: name for name, doc_id in _ids(index, capsys).items()}
    result = _json(capsys, "--index", str(index), "search", query, "--json", "--limit", "10")
    assert isinstance(result, dict)
    assert {names[hit["id"]] for hit in result["hits"]} == expected


def test_events_json_contract_order_and_clusters(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = _json(capsys, "--index", str(index), "events", "--json")
    assert isinstance(events, list) and events
    assert all(set(event) >= EVENT_KEYS for event in events)
    dated = [event["date"] for event in events if event["date"]]
    assert dated == sorted(dated)
    first_undated = next(i for i, event in enumerate(events) if event["date"] is None)
    assert all(event["date"] is None for event in events[first_undated:]), "unresolved events come last"
    ids = _ids(index, capsys)
    talks = [e for e in events if e["date"] == "2021-03-26" and e["type"] == "meeting" and len(e["sources"]) == 2]
    assert talks, "seeds 001 and 004 report the same talks of 2021-03-26"
    assert set(talks[0]["sources"]) == {ids["001"], ids["004"]}


def test_events_of_a_query(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _ids(index, capsys)
    events = _json(capsys, "--index", str(index), "events", "japan", "--json")
    assert isinstance(events, list) and events
    assert {event["doc_id"] for event in events} == {ids["003"]}


def test_show_json_entities_and_events_index_into_the_text(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for doc_id in _ids(index, capsys).values():
        shown = _json(capsys, "--index", str(index), "show", doc_id, "--json")
        assert isinstance(shown, dict)
        text = shown["text"]
        for mention in shown["entities"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
        for event in shown["events"]:
            assert text[event["start"] : event["end"]] == event["sentence"]


def test_entity_edits_apply_without_reparsing(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edits = index / "entities.toml"
    edits.write_text('drop = ["COVID-19"]\n\n[rename]\n"Rajnath Singh" = "Rajnath Singh (India)"\n', encoding="utf-8")
    try:
        names = {e["name"] for e in _json(capsys, "--index", str(index), "entities", "--json")}  # type: ignore[union-attr]
        assert "Rajnath Singh (India)" in names and "Rajnath Singh" not in names
        assert "COVID-19" not in names
        doc = _ids(index, capsys)["004"]
        shown = _json(capsys, "--index", str(index), "show", doc, "--json")
        assert isinstance(shown, dict)
        assert "Rajnath Singh (India)" in {mention["entity"] for mention in shown["entities"]}
    finally:
        edits.unlink()


def test_bad_entity_edits_file_is_one_line(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edits = index / "entities.toml"
    edits.write_text("drop = [unclosed\n", encoding="utf-8")
    try:
        assert main(["--index", str(index), "entities"]) == 1
        err = capsys.readouterr().err
        assert "entities.toml" in err and err.count("\n") == 1
    finally:
        edits.unlink()


def test_entity_edits_reach_search_after_apply_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = tmp_path / "index"
    assert main(["--index", str(index), "add", str(SEEDS), "--jobs", "1"]) == 0
    capsys.readouterr()
    (index / "entities.toml").write_text('[rename]\n"Suh Wook" = "Wook Suh"\n', encoding="utf-8")

    def hits(query: str) -> int:
        result = _json(capsys, "--index", str(index), "search", query, "--json")
        assert isinstance(result, dict)
        return int(result["total"])

    assert hits('person:"Wook Suh"') == 0, "search follows the edits only once they are applied"
    assert main(["--index", str(index), "entities", "--apply-edits", "--limit", "1"]) == 0
    assert "search now uses the edited entity names" in capsys.readouterr().err
    assert hits('person:"Wook Suh"') == 2
    (index / "entities.toml").write_text('drop = ["Suh Wook"]\n', encoding="utf-8")
    assert main(["--index", str(index), "add", str(SEEDS)]) == 0, "add applies changed edits by itself"
    capsys.readouterr()
    assert hits('person:"Wook Suh"') == 0
    assert hits('person:"Suh Wook"') == 0
