"""`explore cite`: every style from the command line, quotes and events, the clipboard report and exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.cli.main import main
from tests.paths import SEEDS

pytestmark = pytest.mark.usefixtures("isolated_config")  # settings in a temp file


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cite") / "index"
    assert main(["--index", str(folder), "add", str(SEEDS), "--jobs", "1"]) == 0
    return folder


def _ids(index: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    assert main(["--index", str(index), "list", "--json"]) == 0
    return {Path(doc["path"]).name[:3]: doc["id"] for doc in json.loads(capsys.readouterr().out)}


def test_default_style_is_apa_with_group_author(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _ids(index, capsys)["001"]
    assert main(["--index", str(index), "cite", doc]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Team Udayavani. (2021, March 28). India, S Korea agree to go for joint production")
    assert "001_9ab57d95e1388eab.txt" not in out and "seeds" not in out  # a local path is never a citation's URL


def test_every_style_prints(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _ids(index, capsys)["003"]
    for style in ("apa", "mla", "chicago", "bibtex", "ris", "csl-json"):
        assert main(["--index", str(index), "cite", doc, "--style", style]) == 0
        out = capsys.readouterr().out
        assert "India strengthens defence ties with Japan" in out or "India Strengthens Defence Ties" in out
    assert main(["--index", str(index), "cite", doc, "--style", "csl-json"]) == 0
    assert json.loads(capsys.readouterr().out)


def test_settings_choose_the_default_style(index: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _ids(index, capsys)["003"]
    (tmp_path / "settings.toml").write_text('citation_style = "bibtex"\n')
    assert main(["--index", str(index), "cite", doc]) == 0
    assert capsys.readouterr().out.startswith("@")


def test_quote_and_event_citations(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _ids(index, capsys)["004"]
    assert main(["--index", str(index), "cite", doc, "--quote", "Had excellent deliberations"]) == 0
    assert capsys.readouterr().out.startswith("“Had excellent deliberations”")
    assert main(["--index", str(index), "show", doc, "--json"]) == 0
    events = json.loads(capsys.readouterr().out)["events"]
    assert events, "seed 004 reports events"
    assert main(["--index", str(index), "cite", doc, "--event", events[0]["id"]]) == 0
    out = capsys.readouterr().out
    assert events[0]["sentence"].split()[1] in out


def test_bad_style_and_unknown_event_fail_in_one_line(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _ids(index, capsys)["004"]
    assert main(["--index", str(index), "cite", doc, "--style", "harvard"]) == 1
    err = capsys.readouterr().err
    assert "unknown citation style 'harvard'" in err and err.count("\n") == 1
    assert main(["--index", str(index), "cite", doc, "--event", "nosuchevent"]) == 1
    assert "has no event" in capsys.readouterr().err


def test_copy_without_any_clipboard_prints_and_says_so(
    index: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    def unavailable(_text: str) -> None:
        raise pyperclip.PyperclipException("no copy mechanism.\nInstall xclip")

    monkeypatch.setattr(pyperclip, "copy", unavailable)
    doc = _ids(index, capsys)["001"]
    assert main(["--index", str(index), "cite", doc, "--copy"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("Team Udayavani.")
    assert captured.err.startswith("explore: Not copied") and captured.err.count("\n") == 1


def test_copy_to_system_clipboard(
    index: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    doc = _ids(index, capsys)["001"]
    assert main(["--index", str(index), "cite", doc, "--copy", "--style", "mla"]) == 0
    captured = capsys.readouterr()
    assert copied == [captured.out.rstrip("\n")]
    assert "Copied to the system clipboard" in captured.err
