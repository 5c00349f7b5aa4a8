"""Markdown front matter: a YAML block between `---` lines or a TOML block between `+++` lines at the very top
of a file (Jekyll, Hugo, Pandoc and most static-site exports). It is metadata, not article text.

YAML is read with PyYAML's safe_load: real front matter uses quoting, escapes, block and flow lists, folded
strings and dates, which a hand-made `key: value` reader gets wrong in ways that put quotes in titles or lose
dates; safe_load builds only plain data (no objects), and aliases are shared, not copied. TOML is read with
the standard library's tomllib. A block that does not parse into a mapping is not front matter (`---` is also a
Markdown rule), and the text is left as it is.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

import yaml

_YAML = re.compile(r"\A---[ \t]*\n(?P<block>.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL | re.MULTILINE)
_TOML = re.compile(r"\A\+\+\+[ \t]*\n(?P<block>.*?)^\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class FrontMatter:
    """The fields a front-matter block states, its syntax ("yaml" or "toml"), and the text after it."""

    fields: dict[str, Any]
    syntax: str
    rest: str


def split_front_matter(text: str) -> FrontMatter | None:
    """The front matter at the top of `text`, or None when there is none (or it does not parse)."""
    if m := _YAML.match(text):
        fields = _yaml_mapping(m.group("block"))
        return FrontMatter(fields, "yaml", text[m.end() :]) if fields is not None else None
    if m := _TOML.match(text):
        try:
            return FrontMatter(tomllib.loads(m.group("block")), "toml", text[m.end() :])
        except (tomllib.TOMLDecodeError, RecursionError):
            return None
    return None


def _yaml_mapping(block: str) -> dict[str, Any] | None:
    try:
        value = yaml.safe_load(block)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):  # bad syntax, bad dates, hostile nesting
        return None
    if not isinstance(value, dict) or not value:
        return None
    return {str(key): item for key, item in value.items()}
