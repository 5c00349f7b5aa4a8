"""A damaged document store always has a way back (issue 20, item 4): every fault is one line naming the one
command that recovers, never blamed on the search index, and that command works: `rebuild` re-reads the source files
the store still lists; when it lists none, `add` sets the damaged index aside (never deleted) and starts afresh."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.engine_helpers import add, run, run_json
from tests.paths import SEEDS

pytestmark = pytest.mark.usefixtures("isolated_config")  # settings in a temp file

#: Reading commands (`show` of a seed by its id: a hash of its text).
COMMANDS = (["list"], ["search", "defence"], ["events"], ["entities"], ["show", "36ac6c63"], ["search", "*"])


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("pristine") / "index"
    add(index_dir, [SEEDS])
    with sqlite3.connect(index_dir / "documents.sqlite") as db:
        assert db.execute("SELECT count(*) FROM documents WHERE id LIKE '36ac6c63%'").fetchone() == (1,)
    return index_dir


@pytest.fixture
def index(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(pristine, copy)
    return copy


def _store(index: Path) -> Path:
    return index / "documents.sqlite"


def _fault(capsys: pytest.CaptureFixture[str], index: Path, argv: list[str]) -> str | None:
    """Run a reading command: None when it worked, else its one error line (checked to be one clean line)."""
    code, _, err = run(capsys, "--index", str(index), *argv)
    if code == 0:
        return None
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def _recovery(line: str, index: Path) -> list[str]:
    """The command a fault line names; it must name exactly one."""
    rebuild = f"`explore --index {index} rebuild`" in line
    fresh = f"`explore --index {index} add FOLDER...`" in line
    assert rebuild != fresh, line
    assert "search index" not in line, line
    return ["rebuild", "--no-nlp"] if rebuild else ["add", "--no-nlp", str(SEEDS)]


def _recovers(capsys: pytest.CaptureFixture[str], index: Path, line: str) -> list[str]:
    """Run the command `line` names; afterwards every command works and the five seeds are back."""
    command = _recovery(line, index)
    code, _, err = run(capsys, "--index", str(index), *command)
    assert code == 0, err
    for argv in COMMANDS[:-2]:
        assert _fault(capsys, index, argv) is None
    assert len(run_json(capsys, "--index", str(index), "list", "--json")) == 5
    assert run_json(capsys, "--index", str(index), "search", "--json", "defence")["total"] == 5
    return command


def test_a_zero_length_store_is_not_an_empty_index(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It listed [] with exit 0 while search still found the old hits."""
    _store(index).write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        Path(str(_store(index)) + suffix).unlink(missing_ok=True)
    lines = {_fault(capsys, index, argv) for argv in COMMANDS}
    assert None not in lines and len(lines) == 1
    (line,) = lines
    assert line is not None and "is damaged (the file is empty)" in line
    code, _, err = run(capsys, "--index", str(index), "rebuild", "--no-nlp")
    assert code == 1 and f"`explore --index {index} add FOLDER...`" in err
    assert _recovers(capsys, index, line)[0] == "add"
    aside = index.with_name("index.damaged")
    assert (aside / "documents.sqlite").stat().st_size == 0  # kept, never deleted
    assert (aside / "search").is_dir()


def test_a_store_sqlite_cannot_open_is_set_aside_by_add(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Heavy damage: every command said rebuild, rebuild said add, add said the store was damaged."""
    (index / "entities.toml").write_text('drop = ["India"]\n')
    data = bytearray(_store(index).read_bytes())
    data[: len(data) // 2] = b"\x5a" * (len(data) // 2)
    _store(index).write_bytes(bytes(data))
    line = _fault(capsys, index, ["list"])
    assert line is not None and "is damaged" in line
    assert _recovers(capsys, index, line)[0] == "add"
    assert (index / "entities.toml").read_text() == 'drop = ["India"]\n'
    assert index.with_name("index.damaged").is_dir()


def test_an_event_row_that_no_longer_fits_names_rebuild(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bit flips in an event's JSON gave `TypeError: Event.__init__() got an unexpected keyword argument`."""
    doc_id = run_json(capsys, "--index", str(index), "list", "--json")[0]["id"]
    with sqlite3.connect(_store(index)) as db:
        db.execute("INSERT INTO events VALUES ('e1', ?, NULL, ?)", (doc_id, json.dumps({"tyqe": "meeting"})))
        db.execute("UPDATE documents SET furniture = '[{\"reason\": ' WHERE id = ?", (doc_id,))
    for argv in (["events"], ["show", doc_id]):
        line = _fault(capsys, index, argv)
        assert line is not None and "is damaged" in line and "Error" in line
        _recovery(line, index)
    _recovers(capsys, index, line or "")
    assert not index.with_name("index.old").exists()


def test_a_damaged_store_is_not_blamed_on_the_search_index(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(_store(index)) as db:
        db.execute("PRAGMA writable_schema = ON")
        db.execute("UPDATE sqlite_master SET sql = replace(sql, 'words INTEGER', 'wordz INTEGER') "
                   "WHERE name = 'documents'")  # fmt: skip
    line = _fault(capsys, index, ["search", "defence"])
    assert line is not None and "document store" in line
    _recovers(capsys, index, line)


@pytest.mark.parametrize("seed", range(12))
def test_bit_flips_always_have_a_way_back(index: Path, capsys: pytest.CaptureFixture[str], seed: int) -> None:
    store = _store(index)
    data = bytearray(store.read_bytes())
    chance = random.Random(seed)
    for _ in range(40 if seed % 2 else 200):
        at = chance.randrange(100 if seed % 3 else 0, len(data))
        data[at] ^= 1 << chance.randrange(8)
    store.write_bytes(bytes(data))
    lines = [_fault(capsys, index, argv) for argv in COMMANDS]
    faults = [line for line in lines if line is not None]
    if not faults:
        pytest.skip("these flips hit nothing the commands read")
    _recovers(capsys, index, faults[0])
