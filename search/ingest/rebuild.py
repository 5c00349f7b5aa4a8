"""Rebuilding an index from its source files: a fresh index built beside the old one, then swapped in.

The old index stays usable until the new one is complete; the user's entity edits file is carried over.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from search.index_folder import EDITS_FILE, store_path
from search.ingest.pipeline import IngestOptions, IngestSummary
from search.ingest.write_lock import write_lock

USER_FILES = (EDITS_FILE,)
#: Written into a fresh index once it is complete, so an interrupted swap can be finished safely.
COMPLETE_MARK = "rebuild-complete"


class RebuildError(Exception):
    """The index cannot be rebuilt (a one-line reason)."""


def source_files(index_dir: Path) -> list[str]:
    """The files the index was built from, read straight from the document store (even a damaged index)."""
    database = store_path(index_dir)
    if not database.exists():
        raise RebuildError(f"no index in {index_dir} to rebuild")
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
            return [row[0] for row in db.execute("SELECT file FROM files ORDER BY file")]
    except sqlite3.DatabaseError as error:
        raise RebuildError(f"the document store is unreadable ({error}); add the folders again") from error


def rebuild(
    index_dir: Path, run: Callable[[Path, list[str], IngestOptions], IngestSummary], *, wait_seconds: float = 0.0
) -> IngestSummary:
    """Re-read every source file into a fresh index with `run(target_dir, paths, options)`, then swap it in.

    The old index's write lock is held throughout, so no `add` writes to an index that is about to be replaced.
    """
    recover_interrupted_rebuild(index_dir)
    files = [file for file in source_files(index_dir) if Path(file).exists()]
    if not files:
        raise RebuildError("none of the indexed files exist any more")
    fresh, old = _beside(index_dir, "rebuild"), _beside(index_dir, "old")
    with write_lock(index_dir, wait_seconds):
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        for name in USER_FILES:
            if (index_dir / name).exists():
                shutil.copy2(index_dir / name, fresh / name)
        summary = run(fresh, files, IngestOptions())
        (fresh / COMPLETE_MARK).touch()
        shutil.rmtree(old, ignore_errors=True)
        index_dir.rename(old)
        fresh.rename(index_dir)
    (index_dir / COMPLETE_MARK).unlink(missing_ok=True)
    shutil.rmtree(old, ignore_errors=True)
    return summary


def recover_interrupted_rebuild(index_dir: Path) -> None:
    """Finish a swap that a kill interrupted: the fresh index is complete but not yet in place."""
    fresh = _beside(index_dir, "rebuild")
    if not index_dir.exists() and (fresh / COMPLETE_MARK).exists():
        fresh.rename(index_dir)
        (index_dir / COMPLETE_MARK).unlink(missing_ok=True)


def _beside(index_dir: Path, suffix: str) -> Path:
    return index_dir.with_name(f"{index_dir.name}.{suffix}")
