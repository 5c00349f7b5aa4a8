"""Every keymap entry is checked on load (issue 20, item 5): unknown binding ids, keys no terminal can send and a
remap that takes away the only quit key are reported in one line and left out; the ids come from the app's own
binding owners, listed here by importing them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.keymap import QUIT_ID, binding_keys, is_possible_key, load_keymap


@pytest.fixture(scope="module")
def bindings() -> dict[str, str]:
    from tui.app import binding_owners

    owners = binding_owners()  # the launcher checks keymap.toml against these
    keys = binding_keys(owners)
    assert keys[QUIT_ID] == "q" and "article.cite" in keys and "results.down" in keys
    return keys


def _load(tmp_path: Path, text: str, bindings: dict[str, str] | None) -> tuple[dict[str, str], str | None]:
    path = tmp_path / "keymap.toml"
    path.write_text(text, encoding="utf-8")
    return load_keymap(path, bindings)


def test_good_remaps_load(tmp_path: Path, bindings: dict[str, str]) -> None:
    text = '"article.cite" = "ctrl+y"\n"results.down" = "j,down,ctrl+n"\n"app.help" = "question_mark,f1"\n'
    keymap, problem = _load(tmp_path, text, bindings)
    assert problem is None
    assert keymap == {"article.cite": "ctrl+y", "results.down": "j,down,ctrl+n", "app.help": "question_mark,f1"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('"article.cit" = "ctrl+y"', "unknown binding id 'article.cit'; did you mean 'article.cite'?"),
        ('"nothing.here.at.all" = "x"', "unknown binding id 'nothing.here.at.all'; known ids: "),
        ('"article.cite" = "ctrl+"', "'ctrl+' is not a key a terminal can send"),
        ('"article.cite" = "ctrl+notakey"', "'ctrl+notakey' is not a key a terminal can send"),
        ('"article.cite" = "control+y"', "'control+y' is not a key a terminal can send"),
        ('"article.cite" = ""', "'' is not a key a terminal can send"),
        ('"article.cite" = 5', '"article.cite" must be keys as a string'),
        ('"article.cite" = "q"', '"article.cite" = "q" would take away the only key to quit'),
        ('"app.quit" = "x"\n"article.cite" = "x"', '"article.cite" = "x" would take away the only key to quit'),
    ],
)
def test_bad_entries_are_reported_in_one_line_and_left_out(
    tmp_path: Path, bindings: dict[str, str], text: str, fragment: str
) -> None:
    keymap, problem = _load(tmp_path, text + '\n"events.scope" = "T"\n', bindings)
    assert problem is not None and fragment in problem and "\n" not in problem
    assert str(tmp_path / "keymap.toml") in problem
    assert keymap.get("events.scope") == "T"  # the good entry still applies
    assert "article.cite" not in keymap


def test_a_key_a_binding_had_by_default_takes_nothing(tmp_path: Path, bindings: dict[str, str]) -> None:
    keymap, problem = _load(tmp_path, '"help.close" = "escape,q"\n"app.quit" = "q,ctrl+x"\n', bindings)
    assert problem is None and keymap == {"help.close": "escape,q", "app.quit": "q,ctrl+x"}
    keymap, problem = _load(tmp_path, '"app.quit" = "q,ctrl+x"\n"article.cite" = "q"\n', bindings)
    assert problem is None  # ctrl+x still quits


def test_several_problems_are_counted(tmp_path: Path, bindings: dict[str, str]) -> None:
    _, problem = _load(tmp_path, '"a.b" = "x"\n"c.d" = "y"\n"article.cite" = "ctrl+"\n', bindings)
    assert problem is not None and problem.endswith("(and 2 more)")


def test_without_the_binding_list_keys_are_still_checked(tmp_path: Path) -> None:
    keymap, problem = _load(tmp_path, '"whatever.id" = "ctrl+y"\n"other.id" = "ctrl+"\n', None)
    assert keymap == {"whatever.id": "ctrl+y"} and problem is not None and "'ctrl+'" in problem


@pytest.mark.parametrize("key", ["q", "Q", "f1", "pageup", "question_mark", "ctrl+shift+a", "escape", "space", "?"])
def test_possible_keys(key: str) -> None:
    assert is_possible_key(key)


def test_the_launcher_checks_the_keymap_against_the_apps_bindings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the app reports an unknown binding id in keymap.toml (the launcher passes the app's bindings)."""
    import textual.app

    import tui.launcher

    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"article.cite" = "ctrl+y"\n"article.nonsense" = "z"\n', encoding="utf-8")
    opened: list[object] = []
    monkeypatch.setattr(textual.app.App, "run", lambda self, *args, **kwargs: opened.append(self))
    monkeypatch.setattr("tui.startup_gc.tune_for_startup", lambda: None)
    monkeypatch.setattr(tui.launcher, "terminal_problem", lambda: None)
    tui.launcher.main(["--index", str(tmp_path / "index")])
    (app,) = opened
    assert app.keymap == {"article.cite": "ctrl+y"}  # type: ignore[attr-defined]
    assert "article.nonsense" in (app.notice or "")  # type: ignore[attr-defined]
