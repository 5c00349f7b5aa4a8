"""Hostile article text is inert in every command's output: no escape sequence, control byte or markup acts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.cli.main import main

pytestmark = pytest.mark.usefixtures("isolated_config")  # settings in a temp file

ACTIVE = ("\x1b", "\x07", "\x9b", "\x9d", "\x90", "\x9c")
HOSTILE_BODY = (
    "Mayor Jane Smith met officials in Paris on Monday. [@click=app.quit]Quit[/] and [link=https://evil.test]x[/link] "
    "\x1b[31mRED\x1b[0m \x1b]52;c;aGFja2Vk\x07 \x1b]0;pwned title\x07 \x9b2J \x9d52;c;eA==\x9c done."
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    source = root / "source"
    source.mkdir()
    (source / "evil\x1b[31m-name.txt").write_text(
        "\x1b]0;Headline\x07 [bold]Mayor[/bold] meets officials\n\n" + HOSTILE_BODY, encoding="utf-8"
    )
    (source / "feed.jsonl").write_text(
        json.dumps({"title": "Feed \x1b[1mtitle\x1b[0m [@click=app.quit]", "text": HOSTILE_BODY,
                    "source": "Evil\x9b Times", "author": "X\x1b]52;c;eA==\x07", "date": "2024-05-06"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    folder = root / "index"
    assert main(["--index", str(folder), "add", str(source), "--jobs", "1"]) == 0
    return folder


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    captured = capsys.readouterr()
    return captured.out + captured.err


def _assert_inert(text: str) -> None:
    for byte in ACTIVE:
        assert byte not in text, f"{byte!r} reached the output"


def test_every_command_prints_inert_text(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--index", str(index)]
    docs = json.loads(_run(capsys, *base, "list", "--json"))
    assert len(docs) == 2
    outputs = [_run(capsys, *base, "list"), _run(capsys, *base, "list", "--json")]
    for query in ("mayor", "officials"):
        outputs += [_run(capsys, *base, "search", query), _run(capsys, *base, "search", query, "--json")]
    outputs += [_run(capsys, *base, "events"), _run(capsys, *base, "events", "--json")]
    outputs += [_run(capsys, *base, "entities"), _run(capsys, *base, "entities", "--json")]
    for doc in docs:
        outputs += [
            _run(capsys, *base, "show", doc["id"], "--furniture"),
            _run(capsys, *base, "show", doc["id"], "--json"),
        ]
        for style in ("apa", "mla", "chicago", "bibtex", "ris", "csl-json"):
            outputs.append(_run(capsys, *base, "cite", doc["id"], "--style", style))
    for output in outputs:
        _assert_inert(output)


def test_markup_is_shown_literally(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = json.loads(_run(capsys, "--index", str(index), "list", "--json"))
    feed = next(doc for doc in docs if doc["path"].endswith("#1"))
    assert feed["title"] == "Feed title [@click=app.quit]"
    assert feed["source"] == "Evilimes", "an 8-bit CSI takes its parameters with it, as a terminal would"
    shown = _run(capsys, "--index", str(index), "show", feed["id"])
    assert "[@click=app.quit]Quit[/]" in shown and "[link=https://evil.test]x[/link]" in shown
    assert "RED" in shown and "aGFja2Vk" not in shown, "an OSC 52 payload is removed with its sequence"
