"""`explore rebuild` swaps a fresh index in under the write lock, and a swap cut short by a kill is finished."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from search.cli.main import main
from search.ingest.rebuild import COMPLETE_MARK
from search.ingest.write_lock import write_lock
from tests.paths import SEEDS


def test_a_swap_interrupted_between_the_renames_is_finished(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = tmp_path / "index"
    assert main(["--index", str(index), "add", "--no-nlp", str(SEEDS)]) == 0
    fresh = tmp_path / "index.rebuild"
    shutil.copytree(index, fresh)
    (fresh / COMPLETE_MARK).touch()
    index.rename(tmp_path / "index.old")  # killed here: the old index moved away, the fresh one not yet in place
    capsys.readouterr()
    assert main(["--index", str(index), "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 5
    assert not fresh.exists() and not (index / COMPLETE_MARK).exists()


def test_an_incomplete_fresh_index_is_never_swapped_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = tmp_path / "index"
    (tmp_path / "index.rebuild").mkdir()
    assert main(["--index", str(index), "list"]) == 1
    assert "no index" in capsys.readouterr().err
    assert not index.exists()


def test_rebuild_waits_for_no_writer_and_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = tmp_path / "index"
    assert main(["--index", str(index), "add", "--no-nlp", str(SEEDS)]) == 0
    capsys.readouterr()
    with write_lock(index):
        assert main(["--index", str(index), "rebuild", "--no-nlp"]) == 1
    err = capsys.readouterr().err
    assert "another explore process is writing" in err and err.count("\n") == 1
    assert main(["--index", str(index), "rebuild", "--no-nlp"]) == 0
    capsys.readouterr()
    assert main(["--index", str(index), "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 5
