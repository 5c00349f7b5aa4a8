"""The annotator ingest calls: spaCy loaded only when there is something to annotate, in worker processes.

Re-adding an unchanged folder costs no model load, and a missing model stops `add` before anything is touched.
With more than one job, batches are split into chunks and annotated by a pool of worker processes, each of which
loads its own model once. Workers are started with "spawn", never forked, so a pool started from a thread (the
app's ingest worker) or after the model already ran in this process cannot deadlock.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from search.model import Annotation

#: Documents per chunk sent to a worker: small enough to balance the load, large enough for nlp.pipe.
CHUNK_DOCS = 16

Item = tuple[str, str, str | None]


@dataclass
class LazyAnnotator:
    """Callable as an ingest Annotator; `model` names the spaCy package (None: the best installed)."""

    model: str | None = None
    jobs: int = 1
    _nlp: Any = field(default=None, repr=False)
    _pool: ProcessPoolExecutor | None = field(default=None, repr=False)

    def check(self) -> str:
        """The model that will be used; raises ModelMissing (one line) when there is none."""
        from search.nlp_model import find_model

        return find_model(self.model)

    def __call__(self, items: list[Item]) -> list[Annotation]:
        if not items:
            return []
        if self.jobs <= 1 or len(items) <= CHUNK_DOCS:
            return self._annotate_here(items)
        chunks = [items[start : start + CHUNK_DOCS] for start in range(0, len(items), CHUNK_DOCS)]
        results = self._workers().map(annotate_chunk, [(self.model, chunk) for chunk in chunks])
        return [annotation for chunk in results for annotation in chunk]

    def close(self) -> None:
        """Stop the worker processes (the annotator can still be used; they restart when needed)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LazyAnnotator:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _annotate_here(self, items: list[Item]) -> list[Annotation]:
        from search.annotate import annotate_batch
        from search.nlp_model import load_model

        if self._nlp is None:
            self._nlp = load_model(self.model)
        return annotate_batch(items, self._nlp, jobs=1)

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=context)
        return self._pool


def annotate_chunk(job: tuple[str | None, list[Item]]) -> list[Annotation]:
    """Annotate one chunk in a worker process, with the model that process loaded once."""
    from search.annotate import annotate_batch

    model, items = job
    return annotate_batch(items, _worker_model(model), jobs=1)


@lru_cache(maxsize=2)
def _worker_model(model: str | None) -> Any:
    from search.nlp_model import load_model

    return load_model(model)
