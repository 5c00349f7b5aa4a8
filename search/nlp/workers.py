"""The annotator ingest calls: spaCy loaded only when there is something to annotate, in worker processes.

Re-adding an unchanged folder costs no model load, and a missing model stops `add` before anything is touched.
A batch larger than one chunk is split into chunks for worker processes (one per job, even with one job), each
of which loads its own model once; `submit` returns at once, so ingest reads, cleans and writes other batches
while the workers parse. When a core is left over (fewer jobs than cores) the workers only parse and this
process finishes each chunk's annotations (entities, events) as it arrives, so parsing never waits for that
work either. A small batch with no workers running is annotated here. Workers are started with "spawn", never
forked, so a pool started from a thread (the app's ingest worker) or after the model already ran in this process
cannot deadlock; a worker whose parent was killed exits by itself.

A long article (longer than one piece, search.nlp.pieces) goes to a worker in a chunk of its own, annotated there
whole (piece by piece), never in this process. A worker that dies (killed, out of memory) breaks the pool and every
chunk it held; each such chunk is annotated again in an isolated worker, one job at a time, first whole and, when
it fails again, document by document, so that the document that kills a worker is found, reported in its
Annotation.problems, and costs no other document.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from search.model import Annotation
from search.nlp.pieces import PIECE_CHARS

#: Documents per chunk sent to a worker: small enough to balance the load and to stop soon after a cancel,
#: large enough for nlp.pipe.
CHUNK_DOCS = 16

#: How often a worker looks whether the process that started it is still there.
PARENT_CHECK_SECONDS = 1.0

Item = tuple[str, str, str | None]

#: What a document's annotation says when the worker annotating it died.
WORKER_DIED = "the annotator process died on it (killed, or out of memory)"


class Isolate(Protocol):
    """Annotates a chunk again in an isolated worker, one job at a time (see LazyAnnotator.isolate)."""

    def __call__(self, items: list[Item]) -> Future[list[Annotation]]: ...


@dataclass
class PendingChunks:
    """Annotations of one batch on their way, chunk by chunk, in order (an ingest PendingAnnotations).

    Each future gives its chunk's annotations, or with a `vocab` its parses (annotate.parse_batch), which
    `wait` finishes here as they arrive (`parsed`: which chunks give parses; empty: all of them). A chunk that
    fails (its worker died) is annotated again through `isolate` (see _Retry); without it, result() raises.
    """

    futures: tuple[Future[Any], ...]
    chunks: tuple[list[Item], ...]
    vocab: Any = None
    parsed: tuple[bool, ...] = ()
    isolate: Isolate | None = None
    _finished: dict[int, list[Annotation]] = field(default_factory=dict)
    _retries: dict[int, _Retry] = field(default_factory=dict)
    _failures: dict[int, BaseException] = field(default_factory=dict)

    def wait(self, timeout: float | None) -> bool:
        """True once every chunk is annotated or one failed; False when `timeout` seconds passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for number, future in enumerate(self.futures):
            if number in self._finished:
                continue
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if number not in self._retries:
                if not wait_for([future], left).done:
                    return False
                failure = self._try_finish(number, future)
                if failure is None:
                    continue
                if self.isolate is None or not _worth_retrying(failure):
                    self._failures[number] = failure
                    return True
                self._retries[number] = _Retry(self.chunks[number])
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            assert self.isolate is not None
            if not self._retries[number].advance(self.isolate, left):
                return False
            self._finished[number] = self._retries[number].notes
        return True

    def result(self) -> list[Annotation]:
        """The batch's annotations, in order (waits for them; raises what a worker raised that no retry mended)."""
        self.wait(None)
        return [note for number, future in enumerate(self.futures) for note in self._notes(number, future)]

    def cancel(self) -> None:
        """Drop the chunks no worker has started (the ones running finish and are discarded)."""
        for future in self.futures:
            future.cancel()
        for retry in self._retries.values():
            retry.cancel()

    def _try_finish(self, number: int, future: Future[Any]) -> BaseException | None:
        """Finish a chunk whose future is done; what failed (its worker died, or finishing it raised) or None."""
        if future.cancelled():
            return CancelledError()
        failure = future.exception()
        if failure is None:
            try:
                self._finished[number] = self._finish(number, future.result())
            except Exception as error:  # finishing here failed: the worker annotates the chunk again
                failure = error
        return failure

    def _notes(self, number: int, future: Future[Any]) -> list[Annotation]:
        if number in self._failures:
            raise self._failures[number]
        return self._finished[number] if number in self._finished else future.result()

    def _finish(self, number: int, value: Any) -> list[Annotation]:
        if self.vocab is None or (self.parsed and not self.parsed[number]):
            return list(value)
        from search.nlp.annotate import annotate_parsed

        return annotate_parsed(value, self.chunks[number], self.vocab)


@dataclass
class _Retry:
    """A failed chunk annotated again in isolation: whole first (it failed because another chunk's worker died),
    then, when that fails too, document by document; a document that fails alone gets its reason."""

    items: list[Item]
    notes: list[Annotation] = field(default_factory=list)
    one_by_one: bool = False
    current: Future[list[Annotation]] | None = None

    def __post_init__(self) -> None:
        self.one_by_one = len(self.items) == 1

    def advance(self, isolate: Isolate, timeout: float | None) -> bool:
        """True once every document has its annotation; False when `timeout` seconds passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while len(self.notes) < len(self.items):
            if self.current is None:
                self.current = isolate(self.items[len(self.notes) :][: 1 if self.one_by_one else None])
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not wait_for([self.current], left).done:
                return False
            future, self.current = self.current, None
            failure = CancelledError() if future.cancelled() else future.exception()
            if failure is not None and not _worth_retrying(failure):
                raise failure
            if failure is None:
                self.notes.extend(future.result())
            elif self.one_by_one:
                self.notes.append(Annotation(problems=(_death_reason(failure),)))
            else:
                self.one_by_one = True
        return True

    def cancel(self) -> None:
        if self.current is not None:
            self.current.cancel()


def _worth_retrying(failure: BaseException) -> bool:
    """Whether a chunk's failure may be its documents' (a dead worker, an error) rather than the run's (the model
    is missing, the run was cancelled)."""
    from search.nlp.spacy_model import ModelMissing

    return not isinstance(failure, ModelMissing | CancelledError)


def _death_reason(failure: BaseException) -> str:
    if isinstance(failure, BrokenProcessPool):
        return WORKER_DIED
    from search.failure_reason import reason

    return reason("annotation failed", failure)


@dataclass
class LazyAnnotator:
    """Callable as an ingest Annotator, or `submit` for background work; `model` names the spaCy package
    (None: the best installed). `finish_here`: whether workers only parse and this process does the rest
    (None: when there are fewer jobs than cores). `job`: what a worker runs on a chunk (None: annotate_chunk)."""

    model: str | None = None
    jobs: int = 1
    finish_here: bool | None = None
    job: Callable[[tuple[str | None, list[Item]]], list[Annotation]] | None = None
    _nlp: Any = field(default=None, repr=False)
    _pool: ProcessPoolExecutor | None = field(default=None, repr=False)
    _isolation: ProcessPoolExecutor | None = field(default=None, repr=False)
    _isolated: Future[list[Annotation]] | None = field(default=None, repr=False)

    def check(self) -> str:
        """The model that will be used; raises ModelMissing (one line) when there is none."""
        from search.nlp.spacy_model import find_model

        return find_model(self.model)

    def __call__(self, items: list[Item]) -> list[Annotation]:
        return self.submit(items).result()

    def submit(self, items: list[Item]) -> PendingChunks:
        """Start annotating `items`; the returned PendingChunks hands back one Annotation each, in order."""
        if self._pool is None and len(items) <= CHUNK_DOCS and not any(_long(item) for item in items):
            return PendingChunks((_done(self._annotate_here(items)),), (items,))
        chunks = tuple(split_chunks(items, max(1, self.jobs)))
        job = self.job or annotate_chunk
        if not self._finishes_here():
            futures = tuple(self._submit(self._workers, job, (self.model, chunk)) for chunk in chunks)
            return PendingChunks(futures, chunks, isolate=self.isolate)
        parsed = tuple(not _long(chunk[0]) for chunk in chunks)  # a long article is annotated whole in its worker
        futures = tuple(
            self._submit(self._workers, parse_chunk, (self.model, [body for _, body, _ in chunk]))
            if parses
            else self._submit(self._workers, job, (self.model, chunk))
            for chunk, parses in zip(chunks, parsed, strict=True)
        )
        vocab = self._model().vocab  # the model loads here while workers start
        return PendingChunks(futures, chunks, vocab, parsed, isolate=self.isolate)

    def isolate(self, items: list[Item]) -> Future[list[Annotation]]:
        """Annotate `items` again in a worker of their own, after the previous such job ended: when it dies, the
        death is theirs (see _Retry)."""
        if self._isolated is not None:
            wait_for([self._isolated])
        self._isolated = self._submit(self._isolation_worker, self.job or annotate_chunk, (self.model, items))
        return self._isolated

    def close(self) -> None:
        """Stop the worker processes (the annotator can still be used; they restart when needed)."""
        for pool in (self._pool, self._isolation):
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        self._pool = self._isolation = self._isolated = None

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

    def _submit(self, pool: Callable[[bool], ProcessPoolExecutor], job: Callable[[Any], Any], arg: Any) -> Future[Any]:
        """Submit to a pool, started anew when a dead worker broke it."""
        try:
            return pool(False).submit(job, arg)
        except BrokenProcessPool:
            return pool(True).submit(job, arg)

    def _workers(self, renew: bool = False) -> ProcessPoolExecutor:
        if self._pool is not None and renew:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        if self._pool is None:
            self._pool = _start_pool(max(1, self.jobs))
        return self._pool

    def _isolation_worker(self, renew: bool = False) -> ProcessPoolExecutor:
        if self._isolation is not None and renew:
            self._isolation.shutdown(wait=False, cancel_futures=True)
            self._isolation = None
        if self._isolation is None:
            self._isolation = _start_pool(1)
        return self._isolation


def _start_pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_exit_with_parent, initargs=(os.getpid(),))


def _long(item: Item) -> bool:
    """Longer than one piece: annotated in a chunk of its own, in a worker."""
    return len(item[1]) > PIECE_CHARS


def split_chunks(items: list[Item], workers: int = 1) -> list[list[Item]]:
    """Chunks of at most CHUNK_DOCS items, in order, a long article alone in its chunk; a group too small to give
    every one of `workers` workers a full chunk is cut into about one chunk each (the last group of a run would
    otherwise leave workers idle while one parses it all)."""
    short = sum(1 for item in items if not _long(item))
    size = max(1, min(CHUNK_DOCS, -(-short // max(1, workers))))
    cut: list[list[Item]] = []
    current: list[Item] = []
    for item in items:
        if _long(item) or len(current) == size:
            if current:
                cut.append(current)
            current = []
        if _long(item):
            cut.append([item])
        else:
            current.append(item)
    if current:
        cut.append(current)
    return cut


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
