"""One writer at a time: the lock a writer holds on an index folder, and the clear error a second writer gets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from search.index_folder import LOCK_FILE


class IndexBusyError(Exception):
    """Another process is writing to this index."""


@contextmanager
def write_lock(index_dir: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the index's write lock, waiting up to `wait_seconds` for another writer to finish."""
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / LOCK_FILE))
    try:
        lock.acquire(timeout=wait_seconds)
    except Timeout as error:
        waited = f" after waiting {wait_seconds:g} s" if wait_seconds else ""
        raise IndexBusyError(
            f"another explore process is writing to {index_dir}{waited}; try again when it is done (or use --wait)"
        ) from error
    try:
        yield
    finally:
        lock.release()
