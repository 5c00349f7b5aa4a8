"""Rebuilding an index from its source files: a fresh index built beside the old one, then swapped in.

The old index stays usable until the new one is complete; the user's entity edits file is carried over. A damaged
document store is rebuilt from the source files it still lists; one that lists none is set aside (never deleted)
by `add`, which then starts a fresh index.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from search.index_folder import EDITS_FILE, store_path
from search.ingest.pipeline import IngestOptions, IngestSummary
from search.ingest.write_lock import write_lock
from search.store import recorded_files, recovery, store_damage, store_intact

USER_FILES = (EDITS_FILE,)
#: Written into a fresh index once it is complete, so an interrupted swap can be finished safely.
COMPLETE_MARK = "rebuild-complete"


class RebuildError(Exception):
    """The index cannot be rebuilt (a one-line reason)."""


def source_files(index_dir: Path) -> list[str]:
    """The files the index was built from that still exist, as many as the store (even a damaged one) still lists."""
    database = store_path(index_dir)
    if not database.exists():
        raise RebuildError(f"no index in {index_dir} to rebuild")
    recorded = recorded_files(database)
    files = [file for file in recorded if Path(file).exists()]
    if not files:
        what = "none of its source files exist any more" if recorded else "it lists no source files that can be read"
        command, _ = recovery(index_dir)
        raise RebuildError(f"cannot rebuild the index in {index_dir}: {what}; {command}")
    return files


def rebuild(
    index_dir: Path, run: Callable[[Path, list[str], IngestOptions], IngestSummary], *, wait_seconds: float = 0.0
) -> IngestSummary:
    """Re-read every source file into a fresh index with `run(target_dir, paths, options)`, then swap it in.

    The old index's write lock is held throughout, so no `add` writes to an index that is about to be replaced. A
    damaged old store (one SQLite finds damaged pages in) is kept aside, since it may have listed only some of its
    files; one whose rows merely no longer parse is replaced, as every file it lists was read again.
    """
    recover_interrupted_rebuild(index_dir)
    files = source_files(index_dir)
    database = store_path(index_dir)
    was_damaged = store_damage(database) is not None or not store_intact(database)
    fresh, old = _beside(index_dir, "rebuild"), _beside(index_dir, "old")
    with write_lock(index_dir, wait_seconds):
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        _carry_user_files(index_dir, fresh)
        summary = run(fresh, files, IngestOptions())
        (fresh / COMPLETE_MARK).touch()
        shutil.rmtree(old, ignore_errors=True)
        index_dir.rename(old)
        fresh.rename(index_dir)
    (index_dir / COMPLETE_MARK).unlink(missing_ok=True)
    if was_damaged:
        old.rename(_free_name(index_dir, "damaged"))
    else:
        shutil.rmtree(old, ignore_errors=True)
    return summary


def set_aside(index_dir: Path, *, wait_seconds: float = 0.0) -> Path:
    """Move a damaged index out of the way (never deleted) and start an empty one with the user's entity edits;
    returns where the damaged one now is."""
    aside = _free_name(index_dir, "damaged")
    with write_lock(index_dir, wait_seconds):
        index_dir.rename(aside)
    index_dir.mkdir(parents=True)
    _carry_user_files(aside, index_dir)
    return aside


def _carry_user_files(source: Path, target: Path) -> None:
    for name in USER_FILES:
        if (source / name).exists():
            shutil.copy2(source / name, target / name)


def _free_name(index_dir: Path, suffix: str) -> Path:
    """`index.damaged`, or `index.damaged-2`, ... : the first name beside the index that is not taken."""
    candidate, number = _beside(index_dir, suffix), 1
    while candidate.exists():
        number += 1
        candidate = _beside(index_dir, f"{suffix}-{number}")
    return candidate


def recover_interrupted_rebuild(index_dir: Path) -> None:
    """Finish a swap that a kill interrupted: the fresh index is complete but not yet in place."""
    fresh = _beside(index_dir, "rebuild")
    if not index_dir.exists() and (fresh / COMPLETE_MARK).exists():
        fresh.rename(index_dir)
        (index_dir / COMPLETE_MARK).unlink(missing_ok=True)


def _beside(index_dir: Path, suffix: str) -> Path:
    return index_dir.with_name(f"{index_dir.name}.{suffix}")
