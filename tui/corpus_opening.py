"""Opening the index in a background thread from the moment the app starts, so that its first frame can already
show the newest articles.

The thread imports the engine's store modules, opens the document store and lists the newest documents: about
50 ms of work at 50,000 articles. The main screen waits for it a short while before its first layout (the wait
releases the GIL, so the thread then runs alone); when the index is slower to open than that, a worker hands the
result over when it comes. No Textual here.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.shared_corpus import SharedCorpus

if TYPE_CHECKING:  # the engine loads in the thread, not on the startup path
    from tui.search_jobs import Found


@dataclass(frozen=True)
class Opened:
    """What opening gave: the corpus (shared with its lock) and its first listing (every document, newest
    first), or the reason it could not be opened, or that there is no index yet and it should be built (first
    run)."""

    shared: SharedCorpus | None = None
    reason: str | None = None
    listing: Found | None = None
    needs_build: bool = False


def open_and_list(index_dir: Path, build_if_missing: bool, lock: threading.Lock) -> Opened:
    """Open the index in `index_dir` without its search index (Whoosh loads at the first query) and list it."""
    from search.corpus import Corpus, index_exists
    from tui.search_jobs import Found, run_search

    if build_if_missing and not index_exists(index_dir):
        return Opened(needs_build=True)
    try:
        corpus = Corpus(index_dir, open_search=False)
    except Exception as error:  # CorpusError, OSError: shown in the app
        return Opened(reason=str(error))
    shared = SharedCorpus(corpus, lock)
    listing = run_search(shared, "")
    return Opened(shared, listing=listing if isinstance(listing, Found) else None)


def start_opening(index_dir: Path, build_if_missing: bool, lock: threading.Lock) -> Future[Opened]:
    """Start `open_and_list` in a daemon thread; its Future never raises (a failure is an Opened with a reason)."""
    opening: Future[Opened] = Future()

    def run() -> None:
        try:
            opening.set_result(open_and_list(index_dir, build_if_missing, lock))
        except Exception as error:  # an engine that cannot even load: said in the app, like any other reason
            opening.set_result(Opened(reason=f"{type(error).__name__}: {error}"))

    threading.Thread(target=run, name="explore-open-index", daemon=True).start()
    return opening


def opened_within(opening: Future[Opened], seconds: float) -> Opened | None:
    """The result, when it comes within `seconds`; else None (the thread goes on)."""
    try:
        return opening.result(timeout=seconds)
    except TimeoutError:
        return None


def close_unused(opening: Future[Opened] | None, used: SharedCorpus | None) -> None:
    """Close the corpus an opening made when nobody took it (the app quit before it came)."""
    if opening is None or not opening.done():
        return
    shared = opening.result().shared
    if shared is not None and shared is not used:
        shared.corpus.close()
