"""One line saying what failed for one document and why: how a failure that costs only that document is reported
(in the summary of `add`, `skipped` or `annotation_failed`) instead of ending the run."""

from __future__ import annotations

#: How much of an error message a reason quotes.
REASON_CHARS = 200


def reason(what: str, error: BaseException) -> str:
    """`what` failed, with the error's type and the start of its message on one line."""
    message = " ".join(str(error).split())
    if len(message) > REASON_CHARS:
        message = message[: REASON_CHARS - 1] + "…"
    return f"{what} ({type(error).__name__}: {message})" if message else f"{what} ({type(error).__name__})"
