"""Turning an unexpected exception into the one line a user reads (never a traceback)."""

from __future__ import annotations

import errno


def describe(error: BaseException) -> str:
    """A short, human description of an error we did not anticipate."""
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return "the disk is full; the index was left as it was before this command"
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            where = f" {error.filename}" if error.filename else ""
            return f"permission denied{where}; the index was left as it was before this command"
        return f"{error.strerror or error}" + (f": {error.filename}" if error.filename else "")
    text = str(error).splitlines()[0] if str(error) else ""
    return f"unexpected error ({type(error).__name__}{': ' + text if text else ''})"
