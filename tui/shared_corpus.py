"""The opened corpus as the app's workers share it: the corpus and the one lock that serialises its use.

The app makes it when the index is open and hands it down to the main screen; the worker jobs (search_jobs.py)
take it as their one way to the corpus. No Textual here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine loads off the startup path
    from search.corpus import Corpus


@dataclass(frozen=True)
class SharedCorpus:
    """A corpus and the lock its users hold while they read it (its searcher and SQLite connection are not
    thread-safe)."""

    corpus: Corpus
    lock: threading.Lock
