"""Where things live and what the user chose: the index folder, the settings file, the bundled seeds.

Precedence for the index: `--index DIR`, then `EXPLORE_INDEX`, then a per-user data folder. Settings are a TOML
file in the per-user config folder (or `EXPLORE_CONFIG`): citation style, spaCy model, entity edits file.
"""

from __future__ import annotations

import os
import tomllib
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
    """Read the settings file; a missing file gives the defaults."""
    path = path or settings_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(f"cannot read settings {path}: {error}") from error
    known = {name for name in Settings.__dataclass_fields__}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise SettingsError(f"unknown setting {unknown[0]!r} in {path}")
    return Settings(**raw)


def save_setting(name: str, value: str, path: Path | None = None) -> None:
    """Remember one string setting (e.g. the citation style the user picked in the app)."""
    path = path or settings_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        raw = {}
    raw[name] = value
    lines = [f"{key} = {_toml_value(item)}" for key, item in sorted(raw.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(path)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def bundled_seeds_dir() -> Path:
    """The seed articles shipped with the package (inside the wheel, or the repository's seeds/ folder)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "bundled_seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled seed articles are missing from this installation")
