"""The index folder's layout: the name of each thing it holds, defined once for the engine, the app and the tests.

An index folder holds the document store (the source of truth), the Whoosh search index made from it, the user's
entity edits, and the lock a writer holds.
"""

from __future__ import annotations

from pathlib import Path

#: The document store: every document, its files, its annotations (SQLite).
STORE_FILE = "documents.sqlite"
#: The Whoosh full-text index, rebuilt from the store when damaged.
SEARCH_DIR = "search"
#: The user's entity edits (merge, rename, drop), kept across rebuilds.
EDITS_FILE = "entities.toml"
#: The lock a writer holds on the folder.
LOCK_FILE = "write.lock"


def store_path(index_dir: Path) -> Path:
    """Where the document store of the index in `index_dir` lies."""
    return index_dir / STORE_FILE


def search_path(index_dir: Path) -> Path:
    """Where the search index of the index in `index_dir` lies."""
    return index_dir / SEARCH_DIR
