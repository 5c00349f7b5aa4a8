"""The user's entity edits: merge, rename or drop canonical entities, without re-parsing anything.

The file is TOML, `entities.toml` in the index folder unless a setting names another:

    # top-level keys come before the tables
    drop = ["COVID-19", "Telegram"]          # entities to forget

    [merge]                                  # canonical name = names that are the same entity
    "South Korea" = ["Korea", "Seoul"]
    "Rajnath Singh" = ["Raksha Mantri"]

    [rename]                                 # old canonical name = new display name
    "Jeong Kyeong-Doo" = "Jeong Kyeong-doo"

Names match by `entity_key`, so case, spacing, hyphens, honorifics and country aliases do not matter.
The corpus-wide aliases of people (aliases.py: "Bush" -> "George W. Bush") apply first, then merge, then
rename; a name dropped before or after those edits is dropped. Edits change
`Mention.entity` only: a mention keeps its text, label and offsets.
"""

from __future__ import annotations

import os
import time
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from search.entities.canonical import entity_key
from search.index_folder import EDITS_FILE
from search.model import Actor, Annotation, Document, Event, Mention

#: The edits file's name inside the index folder.
EDITS_FILENAME = EDITS_FILE
#: A file modified less than this long ago may be in the middle of a save: it is read once it has been quiet this long.
QUIET_SECONDS = 0.1
#: Reads of a file that keeps changing before it is taken as it is.
READ_ATTEMPTS = 8


class EntityEditsError(ValueError):
    """The edits file is unreadable or malformed; str() is one line naming the file and the problem."""


@dataclass(frozen=True)
class EntityEdits:
    """Parsed edits, keyed by `entity_key`: merge maps a variant to its target name, rename an old name
    to its new one, drop holds the keys of dropped names; aliases are the corpus's (not the user's), applied
    before them."""

    merge: Mapping[str, str] = field(default_factory=dict)
    rename: Mapping[str, str] = field(default_factory=dict)
    drop: frozenset[str] = frozenset()
    aliases: Mapping[str, str] = field(default_factory=dict)

    def with_aliases(self, aliases: Mapping[str, str]) -> EntityEdits:
        """These edits with the corpus's aliases of people in force (see search/entities/aliases.py)."""
        return replace(self, aliases=dict(aliases))

    def apply_to_name(self, name: str) -> str | None:
        """The name an entity has after the aliases and the edits, or None when it is dropped."""
        if entity_key(name) in self.drop:
            return None
        name = self.aliases.get(entity_key(name), name)
        name = self.merge.get(entity_key(name), name)
        name = self.rename.get(entity_key(name), name)
        return None if entity_key(name) in self.drop else name

    def apply(self, mentions: Iterable[Mention]) -> list[Mention]:
        """Mentions with their entity names edited; mentions of dropped entities are left out."""
        out = []
        for mention in mentions:
            name = self.apply_to_name(mention.entity)
            if name is not None:
                out.append(mention if name == mention.entity else replace(mention, entity=name))
        return out

    def apply_to_event(self, event: Event) -> Event:
        """An event with its actors renamed or merged; dropped actors are left out."""
        actors: list[Actor] = []
        for actor in event.actors:
            name = self.apply_to_name(actor.name)
            if name is not None and all(name != kept.name for kept in actors):
                actors.append(actor if name == actor.name else replace(actor, name=name))
        return replace(event, actors=tuple(actors))

    def apply_to_document(self, document: Document) -> Document:
        """A document whose mentions and event actors carry the edited entity names."""
        if self.empty:
            return document
        annotation = Annotation(
            tuple(self.apply(document.annotation.mentions)),
            tuple(self.apply_to_event(event) for event in document.annotation.events),
        )
        return replace(document, annotation=annotation)

    @property
    def empty(self) -> bool:
        """True when there is nothing to edit."""
        return not (self.merge or self.rename or self.drop or self.aliases)


def edits_path(index_dir: Path, setting: str | None = None) -> Path:
    """Where the edits file is: the setting's path if given, else `entities.toml` in the index folder."""
    return Path(setting).expanduser() if setting else index_dir / EDITS_FILENAME


def load_edits(path: Path) -> EntityEdits:
    """Read an edits file; a missing file means no edits; a bad one raises EntityEditsError."""
    if not path.exists():
        return EntityEdits()
    try:
        data = tomllib.loads(read_settled(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise EntityEditsError(f"{path}: cannot read entity edits ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise EntityEditsError(f"{path}: not valid TOML ({exc})") from exc
    return parse_edits(data, str(path))


def read_settled(path: Path) -> bytes:
    """The file's bytes once nobody is writing it: never a half-saved file.

    explore never writes the edits file; the user's editor does, and many editors save in place (truncate, then
    write), so a command or the app starting meanwhile could read half of it: a TOML error, or worse, half the
    edits. A file modified less than QUIET_SECONDS ago is waited for, and a file that changed while it was read
    (its size, modification time or inode) is read again.
    """
    data = b""
    for _ in range(READ_ATTEMPTS):
        before = path.stat()
        age = time.time() - before.st_mtime
        if 0 <= age < QUIET_SECONDS:
            time.sleep(QUIET_SECONDS - age)
            continue
        data = path.read_bytes()
        if _same_file(before, path.stat()):
            return data
    return data if data else path.read_bytes()


def _same_file(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_ino, before.st_size, before.st_mtime_ns) == (after.st_ino, after.st_size, after.st_mtime_ns)


def parse_edits(data: Mapping[str, object], where: str = "entity edits") -> EntityEdits:
    """Edits from parsed TOML data; `where` names the file in error messages."""
    unknown = sorted(set(data) - {"merge", "rename", "drop"})
    if unknown:
        raise EntityEditsError(f"{where}: unknown key {unknown[0]!r} (expected merge, rename, drop)")
    merge: dict[str, str] = {}
    for target, variants in _table(data, "merge", where).items():
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise EntityEditsError(f"{where}: merge.{target!r} must be a list of names")
        merge.update({entity_key(v): target for v in variants})
    rename: dict[str, str] = {}
    for old, new in _table(data, "rename", where).items():
        if not isinstance(new, str) or not new.strip():
            raise EntityEditsError(f"{where}: rename.{old!r} must be a non-empty name")
        rename[entity_key(old)] = new.strip()
    drop = data.get("drop", [])
    if not isinstance(drop, list) or not all(isinstance(d, str) for d in drop):
        raise EntityEditsError(f"{where}: drop must be a list of names")
    return EntityEdits(merge=merge, rename=rename, drop=frozenset(entity_key(d) for d in drop))


def _table(data: Mapping[str, object], name: str, where: str) -> dict[str, object]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise EntityEditsError(f"{where}: [{name}] must be a table")
    return table
