"""The user's entity edits file: parsing, errors, and edits applied without re-parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.entities.edits import EDITS_FILENAME, EntityEditsError, edits_path, load_edits
from search.entities.stats import summarise
from search.model import Mention

MENTIONS = [
    Mention("Korea", "GPE", 0, 5, "Korea"),
    Mention("South Korea", "GPE", 10, 21, "South Korea"),
    Mention("Jeong Kyeong-Doo", "PERSON", 30, 46, "Jeong Kyeong-Doo"),
    Mention("COVID-19", "ORG", 50, 58, "COVID-19"),
]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / EDITS_FILENAME
    path.write_text(text, encoding="utf-8")
    return path


def test_merge_rename_drop(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'drop = ["covid 19"]\n[merge]\n"South Korea" = ["korea"]\n[rename]\n"Jeong Kyeongdoo" = "Jeong Kyeong-doo"\n',
    )
    edits = load_edits(path)
    out = edits.apply(MENTIONS)
    assert [m.entity for m in out] == ["South Korea", "South Korea", "Jeong Kyeong-doo"]
    assert [(m.text, m.start, m.end) for m in out] == [(m.text, m.start, m.end) for m in MENTIONS[:3]]
    assert edits.apply_to_name("KOREA") == "South Korea"
    assert edits.apply_to_name("COVID-19") is None
    summary = summarise([("d1", out)])
    assert summary[0].name == "South Korea" and summary[0].count == 2 and summary[0].aliases == ("Korea",)


def test_missing_file_means_no_edits(tmp_path: Path) -> None:
    edits = load_edits(tmp_path / "none.toml")
    assert edits.empty and edits.apply(MENTIONS) == MENTIONS


def test_path_from_setting_or_index(tmp_path: Path) -> None:
    assert edits_path(tmp_path) == tmp_path / EDITS_FILENAME
    assert edits_path(tmp_path, "/x/mine.toml") == Path("/x/mine.toml")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[merge\n", "not valid TOML"),
        ('[merge]\n"A" = "B"\n', "merge.'A' must be a list"),
        ('[rename]\n"A" = 3\n', "rename.'A'"),
        ('drop = "A"\n', "drop must be a list"),
        ('keep = ["A"]\n', "unknown key 'keep'"),
        ("merge = 1\n", "[merge] must be a table"),
    ],
)
def test_bad_file_is_one_line_error(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(EntityEditsError) as err:
        load_edits(write(tmp_path, text))
    message = str(err.value)
    assert fragment in message and "\n" not in message and EDITS_FILENAME in message


# ---- a file the user's editor is saving -----------------------------------------------------------------------


def test_a_file_being_saved_is_read_once_the_save_is_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor that saves in place (truncate, then write) leaves a moment when the file holds half the edits:
    a reader then waits for the file to be quiet instead of reading a TOML error, or worse, half the edits."""
    import search.entities.edits as edits_module

    whole = 'drop = ["COVID-19"]\n[merge]\n"South Korea" = ["Korea"]\n[rename]\n"Jeong Kyeong-Doo" = "Jeong K."\n'
    path = write(tmp_path, whole[:40])  # mid-save: valid TOML, half the edits
    real_sleep = edits_module.time.sleep
    waits: list[float] = []

    def sleep(seconds: float) -> None:  # the editor finishes its save while the reader waits
        waits.append(seconds)
        path.write_text(whole, encoding="utf-8")
        real_sleep(seconds)

    monkeypatch.setattr(edits_module.time, "sleep", sleep)
    edits = load_edits(path)
    assert waits, "read at once, mid-save"
    assert edits.apply_to_name("Korea") == "South Korea" and edits.apply_to_name("Jeong Kyeong-Doo") == "Jeong K."
    assert edits.apply_to_name("COVID-19") is None


def test_a_quiet_file_is_read_without_waiting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import search.entities.edits as edits_module

    path = write(tmp_path, 'drop = ["COVID-19"]\n')
    os.utime(path, (path.stat().st_atime - 60, path.stat().st_mtime - 60))  # saved a minute ago
    monkeypatch.setattr(edits_module.time, "sleep", lambda seconds: pytest.fail("waited for a quiet file"))
    assert load_edits(path).apply_to_name("COVID-19") is None
