"""User key remapping: `keymap.toml` beside the settings file maps binding ids to keys (`"article.cite" = "ctrl+y"`)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from search.settings import settings_path


def keymap_path() -> Path:
    return settings_path().with_name("keymap.toml")


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], str | None]:
    """The binding id -> keys map, and a one-line problem (None when fine; a missing file is fine)."""
    path = path or keymap_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return {}, f"keymap {path} ignored: {error}"
    keymap = {str(key): value for key, value in raw.items() if isinstance(value, str)}
    if len(keymap) != len(raw):
        return keymap, f"keymap {path}: only string values are used"
    return keymap, None
