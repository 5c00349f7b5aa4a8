"""Where things live and what the user chose: the index folder, the settings file, the bundled seeds.

Precedence for the index: `--index DIR`, then `EXPLORE_INDEX`, then a per-user data folder. Settings are a TOML
file in the per-user config folder (or `EXPLORE_CONFIG`): citation style, spaCy model, entity edits file.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "explore"


class SettingsError(ValueError):
    """The settings file is unreadable or holds a bad value (the message says which)."""


@dataclass(frozen=True)
class Settings:
    """User choices, all optional."""

    citation_style: str = "apa"
    model: str | None = None  # a spaCy package name or path; None = best installed English model
    entity_edits: str | None = None  # a TOML file of entity merges/renames/drops; None = <index>/entities.toml
    jobs: int | None = None  # spaCy processes for `add`; None = number of cores
    cluster: str | None = None  # a Dask scheduler (tcp://host:8786) or local:N that `add` annotates on


def default_index_dir() -> Path:
    """The index folder used when none is named: EXPLORE_INDEX, else the per-user data folder."""
    named = os.environ.get("EXPLORE_INDEX")
    if named:
        return Path(named).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "index"


def resolve_index_dir(given: str | None) -> tuple[Path, bool]:
    """The index folder and whether it is the default one (which is built from the seeds on first use)."""
    if given:
        return Path(given).expanduser(), False
    return default_index_dir(), "EXPLORE_INDEX" not in os.environ


def settings_path() -> Path:
    """The settings file: EXPLORE_CONFIG, else settings.toml in the per-user config folder."""
    named = os.environ.get("EXPLORE_CONFIG")
    if named:
        return Path(named).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Read and check the settings file; a missing file gives the defaults. A bad value is a SettingsError naming
    the file, the key and what is expected."""
    path = path or settings_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(f"cannot read settings {path}: {error}") from error
    unknown = sorted(set(raw) - set(_CHECKS))
    if unknown:
        raise SettingsError(f"settings {path}: unknown setting {unknown[0]!r} (known: {', '.join(_CHECKS)})")
    values: dict[str, object] = {}
    for key, value in raw.items():
        expected, check = _CHECKS[key]
        if not check(value):
            raise SettingsError(f"settings {path}: {key} must be {expected}, not {_shown(value)}")
        values[key] = value.lower() if key == "citation_style" else value
    return Settings(**values)  # type: ignore[arg-type]


#: Citation styles a setting may name (the cite package's STYLES; a test keeps the two equal).
CITATION_STYLES = ("apa", "mla", "chicago", "bibtex", "ris", "csl-json")
#: Most spaCy processes a setting may ask for.
MAX_JOBS = 256


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and "\n" not in value and "\x00" not in value


_CHECKS: dict[str, tuple[str, Callable[[object], bool]]] = {
    "citation_style": (
        f"one of {', '.join(CITATION_STYLES)}",
        lambda value: isinstance(value, str) and value.lower() in CITATION_STYLES,
    ),
    "model": ("the name or path of a spaCy model, as a string", _is_text),
    "entity_edits": ("the path of an entity edits TOML file, as a string", _is_text),
    "jobs": (
        f"a whole number of spaCy processes from 1 to {MAX_JOBS}",
        lambda value: type(value) is int and 1 <= value <= MAX_JOBS,
    ),
    "cluster": ("a Dask scheduler address as a string (tcp://host:8786 or local:N)", _is_text),
}


def _shown(value: object) -> str:
    """A bad value as the user wrote it, in TOML terms and short."""
    kind = {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "a list", dict: "a table"}
    text = repr(value) if not isinstance(value, bool) else str(value).lower()
    return f"{text[:40]} ({kind.get(type(value), type(value).__name__)})"


class SettingsWriteError(OSError):
    """The settings file cannot be rewritten without losing what it holds (the message says why)."""


def save_setting(name: str, value: str, path: Path | None = None) -> None:
    """Remember one string setting (e.g. the citation style the user picked in the app).

    Only that setting's line changes (comments and other settings stay). The new file is written beside the old
    one under a name of its own, flushed to disk and renamed over it, so a reader sees the old file or the new one,
    never half of one, and two writers at once never rename each other's half-written file. A file that is not
    valid TOML is left alone (SettingsWriteError): rewriting it would throw away what the user wrote.
    """
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
        tomllib.loads(text)
    except FileNotFoundError:
        text = ""
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsWriteError(f"settings {path} is not valid TOML, so it was left as it is: {error}") from error
    line = f"{name} = {_toml_value(value)}"
    pattern = re.compile(rf"^[ \t]*{re.escape(name)}[ \t]*=.*$", re.MULTILINE)
    if pattern.search(text):
        text = pattern.sub(lambda _: line, text, count=1)
    else:
        text = (text if not text or text.endswith("\n") else text + "\n") + line + "\n"
    write_atomically(path, text)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that no reader ever sees a partly written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def bundled_seeds_dir() -> Path:
    """The seed articles shipped with the package (inside the wheel, or the repository's seeds/ folder)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "bundled_seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled seed articles are missing from this installation")
