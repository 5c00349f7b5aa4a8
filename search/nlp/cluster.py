"""Annotation on a Dask cluster: the annotate stage of `add` as tasks on the workers of a Dask scheduler.

The client (this process) reads, cleans and writes as a local run does; each chunk of documents (split_chunks) is one
task running the same `annotate_chunk` a local worker process runs, with the model each worker loads once, so the
annotations are the same as a local run's. Nothing is read from shared disks: a task carries its texts and gives
back their annotations. Back-pressure comes from ingest itself: at most two write groups are in flight (one being
annotated while the one before is written), so the client holds at most about 2 x BATCH_RECORDS documents whatever
the size of the cluster.

Faults: Dask runs a task again on another worker when the worker running it dies (killed, out of memory), so a
lost worker costs time, not documents. A scheduler that goes away ends the run with one line (ClusterError); what
was committed before is kept, and the same `add` run again completes it.

ADDRESS is a scheduler's address (`tcp://host:8786`) or `local:N` for a LocalCluster of N worker processes here.
Dask is an optional extra (`pip install 'news-corpus-explorer[cluster]'`): it is imported only when asked for.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any

from search.model import Annotation
from search.nlp.workers import Item, annotate_chunk, split_chunks

#: How long the client may be without its scheduler before the run ends (Dask reconnects meanwhile).
LOST_AFTER_SECONDS = 20.0
#: How long to wait for a scheduler to answer, and for a local cluster's first worker.
CONNECT_SECONDS = 30.0
#: How long a worker may take to load its model and annotate a first sentence (a transformer model is slow).
WARM_SECONDS = 120.0
#: What a worker annotates once when the cluster is checked: it loads the model and every table annotation reads.
WARM_TEXT = "Officials from India met their South Korean counterparts in Seoul on Monday and signed a deal."
#: How often a wait with no end looks whether the scheduler is still there.
POLL_SECONDS = 0.5

_LOCAL = re.compile(r"local:(\d+)")


class ClusterError(Exception):
    """The cluster cannot be used, or went away during the run (a one-line reason)."""


def parse_address(address: str) -> tuple[str, int | None]:
    """("local", N) for `local:N`, else ("remote", None) for a scheduler address; ClusterError when malformed."""
    address = address.strip()
    local = _LOCAL.fullmatch(address)
    if local:
        workers = int(local.group(1))
        if workers < 1:
            raise ClusterError(f"cluster {address!r}: a local cluster needs at least one worker (local:2)")
        return "local", workers
    if re.fullmatch(r"(tcp|tls|ucx|inproc)://\S+", address):
        return "remote", None
    raise ClusterError(f"cluster {address!r} is neither a scheduler address (tcp://host:8786) nor local:N")


@dataclass
class ClusterAnnotator:
    """An ingest Annotator (callable, or `submit` for background work) whose chunks run on a Dask cluster.

    `model` names the spaCy package the workers load (None: the best one installed on each worker).
    """

    address: str
    model: str | None = None
    _client: Any = field(default=None, repr=False)
    _cluster: Any = field(default=None, repr=False)

    def check(self) -> str:
        """Connect, and have every worker there load its model and annotate a sentence, so that a worker that
        cannot annotate is found before the run and the first batches do not wait for models to load. Returns
        the model the first worker uses; raises ClusterError (one line) otherwise."""
        client = self._connect()
        try:  # the first answer also waits for a worker to join a scheduler that has none yet
            name = str(client.submit(_warm_worker, self.model, pure=False).result(timeout=WARM_SECONDS))
            others = [
                client.submit(_warm_worker, self.model, workers=[address], allow_other_workers=False, pure=False)
                for address in client.scheduler_info().get("workers", {})
            ]
            for future in others:
                future.result(timeout=WARM_SECONDS)
        except Exception as error:
            raise ClusterError(f"the workers of {self.address} cannot annotate: {_describe(error)}") from error
        return name

    def workers(self) -> int:
        """How many workers the cluster has now."""
        return len(self._connect().scheduler_info().get("workers", {}))

    def __call__(self, items: list[Item]) -> list[Annotation]:
        return self.submit(items).result()

    def submit(self, items: list[Item]) -> PendingTasks:
        """Start annotating `items` on the cluster, a task per chunk; the result comes back in order."""
        client = self._connect()
        chunks = split_chunks(items, max(1, len(client.scheduler_info().get("workers", {}))))
        try:
            futures = client.map(annotate_chunk, [(self.model, chunk) for chunk in chunks], pure=False)
        except Exception as error:
            raise _lost(self.address, error) from error
        return PendingTasks(self.address, client, tuple(futures))

    def close(self) -> None:
        """Leave the cluster (a local one is shut down)."""
        for part in (self._client, self._cluster):
            if part is not None:
                with contextlib.suppress(Exception):  # closing after the scheduler went away: nothing left
                    part.close()
        self._client = self._cluster = None

    def __enter__(self) -> ClusterAnnotator:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _connect(self) -> Any:
        if self._client is not None:
            return self._client
        kind, workers = parse_address(self.address)
        logging.getLogger("distributed").setLevel(logging.ERROR)  # its shutdown chatter is not the user's business
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as error:
            raise ClusterError(
                "annotation on a cluster needs Dask: pip install 'news-corpus-explorer[cluster]'"
            ) from error
        try:
            if kind == "local":
                self._cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.address, timeout=CONNECT_SECONDS)
        except Exception as error:
            self.close()
            raise ClusterError(f"cannot reach the Dask scheduler at {self.address}: {_describe(error)}") from error
        return self._client


@dataclass
class PendingTasks:
    """A batch's chunks running on the cluster (an ingest PendingAnnotations)."""

    address: str
    client: Any
    futures: tuple[Any, ...]
    _lost_since: float | None = None

    def wait(self, timeout: float | None) -> bool:
        """True once every chunk is done (or failed, or the scheduler is gone); False when `timeout` passed first."""
        from dask.distributed import wait

        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = POLL_SECONDS if deadline is None else min(POLL_SECONDS, max(0.0, deadline - time.monotonic()))
            try:
                wait(list(self.futures), timeout=left)
                return True
            except TimeoutError:
                pass
            except Exception:  # the connection broke: result() says so
                return True
            if self._scheduler_gone():
                return True
            if deadline is not None and time.monotonic() >= deadline:
                return False

    def result(self) -> list[Annotation]:
        """The batch's annotations in order; ClusterError when the scheduler went away; what a task raised."""
        if not self.wait(None) or self._scheduler_gone():
            raise ClusterError(_lost_message(self.address, "it stopped answering"))
        try:
            chunks = self.client.gather(list(self.futures))
        except (OSError, TimeoutError) as error:
            raise _lost(self.address, error) from error
        except Exception as error:
            if type(error).__module__.startswith(("distributed", "tornado")):
                raise _lost(self.address, error) from error
            raise
        return [note for chunk in chunks for note in chunk]

    def cancel(self) -> None:
        """Drop the chunks still waiting or running."""
        with contextlib.suppress(Exception):  # the scheduler is gone: nothing runs there any more
            self.client.cancel(list(self.futures))

    def _scheduler_gone(self) -> bool:
        """Whether the client lost its scheduler for good (closed, or reconnecting for LOST_AFTER_SECONDS)."""
        status = str(getattr(self.client, "status", "running"))
        if status == "running":
            self._lost_since = None
            return False
        if status in ("closed", "closing", "failed"):
            return True
        self._lost_since = self._lost_since or time.monotonic()
        return time.monotonic() - self._lost_since >= LOST_AFTER_SECONDS


def _warm_worker(model: str | None) -> str:
    """On a worker: load the model and annotate WARM_TEXT once; the model's name (raises ModelMissing when it has
    none)."""
    from search.nlp.spacy_model import find_model

    annotate_chunk((model, [("warm-up", WARM_TEXT, None)]))
    return find_model(model)


def _describe(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _lost_message(address: str, why: str) -> str:
    return (
        f"lost the Dask scheduler at {address} ({why}); everything indexed before is kept: "
        "run the same add again to complete it"
    )


def _lost(address: str, error: BaseException) -> ClusterError:
    return ClusterError(_lost_message(address, _describe(error)))
