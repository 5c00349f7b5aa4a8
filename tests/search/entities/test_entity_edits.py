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
