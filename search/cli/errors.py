"""Turning an unexpected exception into the one line a user reads (never a traceback).

A full disk or a read-only index folder is named as such whatever layer (SQLite, Whoosh, the file system) hit it;
the engine's own exceptions already carry a one-line message, which is used as it is.
"""

from __future__ import annotations

import errno
import sqlite3

_KEPT = "the index keeps everything written before this error"
_DISK_FULL = f"the disk is full; {_KEPT} (free some space and run the command again)"


def describe(error: BaseException) -> str:
    """A short, human description of an error we did not anticipate."""
    cause = _root_cause(error)
    if isinstance(cause, sqlite3.Error):
        text = str(cause).lower()
        if "disk is full" in text:
            return _DISK_FULL
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return f"cannot write the index ({cause}); {_KEPT}"
    if isinstance(cause, OSError):
        error = cause
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return _DISK_FULL
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            where = f" {error.filename}" if error.filename else ""
            return f"permission denied{where}; {_KEPT}"
        return f"{error.strerror or error}" + (f": {error.filename}" if error.filename else "")
    text = str(error).splitlines()[0] if str(error) else ""
    if type(error).__module__.startswith("search.") and text:
        return text
    return f"unexpected error ({type(error).__name__}{': ' + text if text else ''})"


def _root_cause(error: BaseException) -> BaseException:
    """The innermost OSError or SQLite error an exception was raised from (else the exception itself)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, OSError | sqlite3.Error):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return error
