"""User key remapping: `keymap.toml` beside the settings file maps binding ids to keys (`"article.cite" = "ctrl+y"`).

Every entry is checked when the file is loaded: a value that is not a string, a key no terminal can send (`ctrl+`,
`hyper+banana`), an id no binding has, and a remap that would leave no key to quit are each reported in the one line
the app shows, and that entry is left out; the others apply. The binding ids are given by the app (`binding_keys`
over the classes that own bindings), so this module names no screen or widget.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

from search.settings import settings_path

#: The binding that quits the app: a keymap may move it, never leave it without a key.
QUIT_ID = "app.quit"
#: Modifiers a terminal can report with a key.
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def keymap_path() -> Path:
    return settings_path().with_name("keymap.toml")


def binding_keys(owners: Iterable[type]) -> dict[str, str]:
    """Binding id -> its default keys, for the bindings with an id of these classes (the app, screens, widgets)."""
    from textual.binding import Binding

    keys: dict[str, str] = {}
    for owner in owners:
        for binding in getattr(owner, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                keys[binding.id] = binding.key
    return keys


def load_keymap(
    path: Path | None = None, bindings: Mapping[str, str] | None = None
) -> tuple[dict[str, str], str | None]:
    """The binding id -> keys map, and a one-line problem (None when fine; a missing file is fine).

    With `bindings` (id -> default keys, see `binding_keys`), unknown ids and a remap that takes away the only quit
    key are refused too.
    """
    path = path or keymap_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return {}, f"keymap {path} ignored: {error}"
    keymap, problems = check_keymap(raw, bindings)
    if not problems:
        return keymap, None
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return keymap, f"keymap {path}: {problems[0]}{more}"


def check_keymap(
    raw: Mapping[str, object], bindings: Mapping[str, str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """The entries of `raw` that can be used, and a one-line reason for each one left out."""
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in raw.items():
        problem = _entry_problem(binding_id, value, bindings)
        if problem:
            problems.append(problem)
        else:
            keymap[binding_id] = str(value)
    if bindings is not None and QUIT_ID in bindings:
        for binding_id in _quit_takers(keymap, bindings):
            problems.append(f'"{binding_id}" = "{keymap.pop(binding_id)}" would take away the only key to quit')
    return keymap, problems


def _entry_problem(binding_id: str, value: object, bindings: Mapping[str, str] | None) -> str | None:
    if not isinstance(value, str):
        return f'"{binding_id}" must be keys as a string ("ctrl+y", "j,down"), not {type(value).__name__} {value!r}'
    if bindings is not None and binding_id not in bindings:
        close = difflib.get_close_matches(binding_id, list(bindings), n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"known ids: {', '.join(sorted(bindings))}"
        return f"unknown binding id {binding_id!r}; {hint}"
    keys = [key.strip() for key in value.split(",")]
    bad = [key for key in keys if not is_possible_key(key)]
    if bad:
        return f'"{binding_id}" = "{value}": {bad[0]!r} is not a key a terminal can send'
    return None


def _quit_takers(keymap: Mapping[str, str], bindings: Mapping[str, str]) -> list[str]:
    """The remapped bindings that, between them, newly take every key the quit binding has after the keymap (a
    binding that had a quit key by default, like the help screen's `q`, takes nothing new)."""
    quit_keys = _keys(keymap.get(QUIT_ID, bindings[QUIT_ID]))
    takers = {
        binding_id: (_keys(keys) - _keys(bindings.get(binding_id, ""))) & quit_keys
        for binding_id, keys in keymap.items()
        if binding_id != QUIT_ID
    }
    takers = {binding_id: taken for binding_id, taken in takers.items() if taken}
    if not quit_keys or not quit_keys <= set().union(*takers.values()):
        return []
    return list(takers)


def _keys(keys: str) -> set[str]:
    return {key.strip() for key in keys.split(",") if key.strip()}


def is_possible_key(key: str) -> bool:
    """True for a key Textual can bind: `q`, `Q`, `f1`, `pageup`, `question_mark`, `ctrl+shift+a`, ..."""
    from textual.keys import Keys, key_to_character

    *modifiers, name = key.split("+")
    if not name or any(modifier not in MODIFIERS for modifier in modifiers):
        return False
    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    if name in {item.value for item in Keys} or name in ("space", "enter", "tab", "escape", "backspace", "delete"):
        return True
    return key_to_character(name) is not None
