"""The settings file: every value checked on load (one line naming the file, the key and what is expected), and
saving a choice atomically, keeping the rest of the file (issue 20, item 5)."""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path

import pytest

from search.settings import (
    CITATION_STYLES,
    Settings,
    SettingsError,
    SettingsWriteError,
    load_settings,
    save_setting,
)
from tests.engine_helpers import assert_one_line_error, run


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("citation_style = 5", "citation_style", "one of apa, mla"),
        ('citation_style = "harvard"', "citation_style", "one of apa, mla"),
        ('jobs = "many"', "jobs", "a whole number"),
        ("jobs = 2.5", "jobs", "a whole number"),
        ("jobs = 0", "jobs", "a whole number of spaCy processes from 1"),
        ("jobs = true", "jobs", "a whole number"),
        ("model = 7", "model", "the name or path of a spaCy model"),
        ('model = ""', "model", "the name or path of a spaCy model"),
        ("entity_edits = 5", "entity_edits", "the path of an entity edits TOML file"),
        ("entity_edits = [1, 2]", "entity_edits", "the path of an entity edits TOML file"),
        ("cluster = 8786", "cluster", "a Dask scheduler address as a string"),
    ],
)
def test_a_wrong_type_is_one_line_naming_file_key_and_expectation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str, key: str,
    expected: str,
) -> None:  # fmt: skip
    settings = tmp_path / "settings.toml"
    settings.write_text(text + "\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(settings)
    said = str(caught.value)
    assert str(settings) in said and f"{key} must be {expected}" in said and "\n" not in said
    monkeypatch.setenv("EXPLORE_CONFIG", str(settings))
    for argv in (["list"], ["add", "--no-nlp", str(tmp_path / "nothing")], ["cite", "abc"]):
        code, out, err = run(capsys, "--index", str(tmp_path / "index"), *argv)
        assert_one_line_error(code, out, err, str(settings), key)


def test_good_values_load(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('citation_style = "MLA"\njobs = 2\nmodel = "en_core_web_sm"\nentity_edits = "~/e.toml"\n')
    assert load_settings(settings) == Settings("mla", "en_core_web_sm", "~/e.toml", 2)


def test_the_styles_a_setting_may_name_are_the_citation_styles() -> None:
    from search.cite.citations import STYLES

    assert CITATION_STYLES == STYLES


def test_saving_keeps_comments_and_other_settings(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('# my settings\njobs = 2  # two cores\ncitation_style = "apa"\n')
    save_setting("citation_style", "chicago", settings)
    assert settings.read_text() == '# my settings\njobs = 2  # two cores\ncitation_style = "chicago"\n'
    save_setting("model", 'odd "name"\\', settings)
    assert load_settings(settings).model == 'odd "name"\\'
    assert list(tmp_path.iterdir()) == [settings]  # no temporary file left behind


def test_saving_never_overwrites_a_file_it_cannot_read(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("jobs = = 2\n")
    with pytest.raises(SettingsWriteError, match="not valid TOML"):
        save_setting("citation_style", "mla", settings)
    assert settings.read_text() == "jobs = = 2\n"
    assert isinstance(SettingsWriteError("x"), OSError)  # the app reports an OSError as "not saved"


def test_a_reader_never_sees_a_half_written_file(tmp_path: Path) -> None:
    """Two writers and a reader at once: with one fixed temporary name, one writer renamed the other's half-written
    file into place."""
    settings = tmp_path / "settings.toml"
    padding = "# " + "x" * 200_000 + "\n"  # a large file makes a half-written one likely to be seen
    settings.write_text(padding + 'citation_style = "apa"\n')
    bad: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                text = settings.read_text(encoding="utf-8")
            except FileNotFoundError:
                bad.append("missing")
                continue
            try:
                tomllib.loads(text)
            except tomllib.TOMLDecodeError as error:
                bad.append(str(error))

    def write(style: str) -> None:
        for _ in range(60):
            try:
                save_setting("citation_style", style, settings)
            except FileNotFoundError:
                bad.append("writer lost its temporary file")

    reader = threading.Thread(target=read)
    writers = [threading.Thread(target=write, args=(style,)) for style in ("mla", "chicago")]
    reader.start()
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    stop.set()
    reader.join()
    assert not bad, bad[:3]
    assert load_settings(settings).citation_style in ("mla", "chicago")
