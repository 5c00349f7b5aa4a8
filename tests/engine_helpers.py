"""Helpers shared by the engine tests: building an index without NLP and running the CLI in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from search.cli.main import main
from search.ingest.pipeline import IngestOptions, IngestSummary, ingest


def build_index(tmp_path: Path, paths: list[Path], **options: Any) -> Path:
    """Ingest `paths` (no NLP) into a fresh index under tmp_path and return the index folder."""
    index_dir = tmp_path / "index"
    ingest(index_dir, [str(path) for path in paths], IngestOptions(**options))
    return index_dir


def add(index_dir: Path, paths: list[Path], **options: Any) -> IngestSummary:
    """Ingest `paths` into an existing (or new) index without NLP."""
    return ingest(index_dir, [str(path) for path in paths], IngestOptions(**options))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `explore argv...` in-process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    """Run a --json command that must succeed, and parse what it printed."""
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out)


def assert_one_line_error(code: int, out: str, err: str, *fragments: str) -> None:
    """The command failed with exit 1 and exactly one line on stderr (no traceback) holding every fragment."""
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("explore: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
