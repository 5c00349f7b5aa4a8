"""The annotator ingest calls: spaCy loaded only when there is something to annotate, in worker processes.

Re-adding an unchanged folder costs no model load, and a missing model stops `add` before anything is touched.
A batch larger than one chunk is split into chunks for worker processes (one per job, even with one job), each
of which loads its own model once; `submit` returns at once, so ingest reads, cleans and writes other batches
while the workers parse. When a core is left over (fewer jobs than cores) the workers only parse and this
process finishes each chunk's annotations (entities, events) as it arrives, so parsing never waits for that
work either. A small batch with no workers running is annotated here. Workers are started with "spawn", never
forked, so a pool started from a thread (the app's ingest worker) or after the model already ran in this process
cannot deadlock; a worker whose parent was killed exits by itself.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from search.model import Annotation

#: Documents per chunk sent to a worker: small enough to balance the load and to stop soon after a cancel,
#: large enough for nlp.pipe.
CHUNK_DOCS = 16

#: How often a worker looks whether the process that started it is still there.
PARENT_CHECK_SECONDS = 1.0

Item = tuple[str, str, str | None]


@dataclass
class PendingChunks:
    """Annotations of one batch on their way, chunk by chunk, in order (an ingest PendingAnnotations).

    Each future gives its chunk's annotations, or with a `vocab` its parses (annotate.parse_batch), which
    `wait` finishes here as they arrive.
    """

    futures: tuple[Future[Any], ...]
    chunks: tuple[list[Item], ...]
    vocab: Any = None
    _finished: dict[int, list[Annotation]] = field(default_factory=dict)

    def wait(self, timeout: float | None) -> bool:
        """True once every chunk is annotated or one failed; False when `timeout` seconds passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for number, future in enumerate(self.futures):
            if number in self._finished:
                continue
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not wait_for([future], left).done:
                return False
            if future.cancelled() or future.exception() is not None:
                return True
            self._finished[number] = self._finish(number, future.result())
        return True

    def result(self) -> list[Annotation]:
        """The batch's annotations, in order (waits for them; raises what a worker raised)."""
        self.wait(None)
        return [note for number, future in enumerate(self.futures) for note in self._notes(number, future)]

    def cancel(self) -> None:
        """Drop the chunks no worker has started (the ones running finish and are discarded)."""
        for future in self.futures:
            future.cancel()

    def _notes(self, number: int, future: Future[Any]) -> list[Annotation]:
        return self._finished[number] if number in self._finished else future.result()

    def _finish(self, number: int, value: Any) -> list[Annotation]:
        if self.vocab is None:
            return list(value)
        from search.nlp.annotate import annotate_parsed

        return annotate_parsed(value, self.chunks[number], self.vocab)


@dataclass
class LazyAnnotator:
    """Callable as an ingest Annotator, or `submit` for background work; `model` names the spaCy package
    (None: the best installed). `finish_here`: whether workers only parse and this process does the rest
    (None: when there are fewer jobs than cores)."""

    model: str | None = None
    jobs: int = 1
    finish_here: bool | None = None
    _nlp: Any = field(default=None, repr=False)
    _pool: ProcessPoolExecutor | None = field(default=None, repr=False)

    def check(self) -> str:
        """The model that will be used; raises ModelMissing (one line) when there is none."""
        from search.nlp.spacy_model import find_model

        return find_model(self.model)

    def __call__(self, items: list[Item]) -> list[Annotation]:
        return self.submit(items).result()

    def submit(self, items: list[Item]) -> PendingChunks:
        """Start annotating `items`; the returned PendingChunks hands back one Annotation each, in order."""
        if self._pool is None and len(items) <= CHUNK_DOCS:
            return PendingChunks((_done(self._annotate_here(items)),), (items,))
        pool = self._workers()
        chunks = tuple(items[start : start + CHUNK_DOCS] for start in range(0, len(items), CHUNK_DOCS))
        if not self._finishes_here():
            return PendingChunks(tuple(pool.submit(annotate_chunk, (self.model, chunk)) for chunk in chunks), chunks)
        parses = tuple(pool.submit(parse_chunk, (self.model, [body for _, body, _ in chunk])) for chunk in chunks)
        return PendingChunks(parses, chunks, self._model().vocab)  # the model loads here while workers start

    def close(self) -> None:
        """Stop the worker processes (the annotator can still be used; they restart when needed)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LazyAnnotator:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _finishes_here(self) -> bool:
        return self.finish_here if self.finish_here is not None else self.jobs < (os.cpu_count() or 1)

    def _model(self) -> Any:
        from search.nlp.spacy_model import load_model

        if self._nlp is None:
            self._nlp = load_model(self.model)
        return self._nlp

    def _annotate_here(self, items: list[Item]) -> list[Annotation]:
        from search.nlp.annotate import annotate_batch

        return annotate_batch(items, self._model(), jobs=1) if items else []

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max(1, self.jobs), mp_context=context, initializer=_exit_with_parent, initargs=(os.getpid(),)
            )
        return self._pool


def _done(annotations: list[Annotation]) -> Future[list[Annotation]]:
    future: Future[list[Annotation]] = Future()
    future.set_result(annotations)
    return future


def annotate_chunk(job: tuple[str | None, list[Item]]) -> list[Annotation]:
    """Annotate one chunk in a worker process, with the model that process loaded once."""
    from search.nlp.annotate import annotate_batch

    model, items = job
    return annotate_batch(items, _worker_model(model), jobs=1)


def parse_chunk(job: tuple[str | None, list[str]]) -> bytes:
    """Parse one chunk's bodies in a worker process (annotate.parse_batch), with the model it loaded once."""
    from search.nlp.annotate import parse_batch

    model, bodies = job
    return parse_batch(bodies, _worker_model(model))


def _exit_with_parent(parent: int) -> None:
    """In a worker: end this process soon after its parent is gone (killed: nothing else would tell it)."""
    threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


@lru_cache(maxsize=2)
def _worker_model(model: str | None) -> Any:
    from search.nlp.spacy_model import load_model

    return load_model(model)
