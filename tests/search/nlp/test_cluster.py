"""Annotation on a Dask cluster: the same index as a local run, a killed worker costs nothing, a lost scheduler
ends the run with one line and keeps what was committed, and a rerun completes it."""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from search.corpus import Corpus
from search.ingest import grouping
from search.ingest.pipeline import IngestOptions, ingest
from search.nlp.cluster import ClusterAnnotator, ClusterError, parse_address
from search.nlp.workers import LazyAnnotator
from tests.engine_helpers import run

pytest.importorskip("distributed")


def _bbc_sample(bbc_dir: Path, folder: Path, count: int, seed: int = 17) -> Path:
    files = random.Random(seed).sample(sorted(bbc_dir.rglob("*.txt")), count)
    folder.mkdir()
    for path in files:
        shutil.copy(path, folder / f"{path.parent.name}-{path.name}")
    return folder


def _snapshot(index_dir: Path) -> dict[str, object]:
    """What must be the same whichever machine annotated: ids, entities, events and their clusters."""
    with Corpus(index_dir) as corpus:
        ids = sorted(summary.id for summary in corpus.summaries())
        annotations = {doc_id: corpus.document(doc_id).annotation for doc_id in ids}
        events = sorted(corpus.events(), key=lambda event: event.id)
    return {"ids": ids, "annotations": annotations, "events": events}


def test_addresses_are_read_or_refused_in_one_line() -> None:
    assert parse_address("local:3") == ("local", 3)
    assert parse_address("tcp://10.0.0.5:8786") == ("remote", None)
    for bad in ("local:0", "localhost:8786", "tcp://", ""):
        with pytest.raises(ClusterError, match="cluster"):
            parse_address(bad)


@pytest.mark.parametrize("count", [40, pytest.param(300, marks=pytest.mark.volume)])
def test_a_cluster_gives_the_same_index_as_a_local_run(tmp_path: Path, bbc_dir: Path, count: int) -> None:
    """local:2 against one local process, on BBC articles: same ids, entities, events and clusters."""
    folder = _bbc_sample(bbc_dir, tmp_path / "bbc", count)
    local = ingest(tmp_path / "local", [str(folder)], annotator_factory=lambda: LazyAnnotator(None, 1))
    with ClusterAnnotator("local:2") as cluster:
        assert cluster.workers() == 2
        on_cluster = ingest(tmp_path / "cluster", [str(folder)], annotator_factory=lambda: cluster)
    assert on_cluster.added == local.added == count and on_cluster.annotated == count
    assert _snapshot(tmp_path / "cluster") == _snapshot(tmp_path / "local")


def test_a_worker_killed_mid_batch_costs_nothing(tmp_path: Path, seed_paths: list[Path]) -> None:
    """Dask runs the chunks of a killed worker again elsewhere: every document is annotated, as locally."""
    items = [(f"doc{number}", path.read_text(encoding="utf-8"), None) for number, path in enumerate(seed_paths * 8)]
    expected = LazyAnnotator(None, 1)(items[:5])
    with ClusterAnnotator("local:2") as cluster:
        cluster.check()  # the workers have loaded the model
        pending = cluster.submit(items)
        victim = next(iter(cluster._client.run(os.getpid).values()))
        os.kill(victim, signal.SIGKILL)
        notes = pending.result()
    assert len(notes) == len(items)
    assert notes[:5] == expected


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(*command: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", *command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def test_a_lost_scheduler_ends_the_run_and_a_rerun_completes_it(
    tmp_path: Path,
    seed_paths: list[Path],
    bbc_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = _bbc_sample(bbc_dir, tmp_path / "bbc", 12)
    address = f"tcp://127.0.0.1:{_free_port()}"
    scheduler = _start(
        "distributed.cli.dask_scheduler",
        "--host",
        "127.0.0.1",
        "--port",
        address.rsplit(":", 1)[1],
        "--dashboard-address",
        ":0",
        "--no-show",
    )
    worker = _start("distributed.cli.dask_worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard")
    monkeypatch.setattr(grouping, "BATCH_RECORDS", 3)
    monkeypatch.setattr("search.nlp.cluster.LOST_AFTER_SECONDS", 3.0)
    index_dir = tmp_path / "index"
    try:
        deadline = time.monotonic() + 60
        with ClusterAnnotator(address) as cluster:
            while cluster.workers() < 1 and time.monotonic() < deadline:
                time.sleep(0.2)
            cluster.check()

            def kill_after_first_commit(done: int, total: int, what: str) -> None:
                if scheduler.poll() is None and done:
                    os.killpg(scheduler.pid, signal.SIGKILL)
                    scheduler.wait()

            with pytest.raises(ClusterError, match=r"lost the Dask scheduler.*run the same add again"):
                ingest(
                    index_dir,
                    [str(folder)],
                    IngestOptions(),
                    annotator_factory=lambda: cluster,
                    progress=kill_after_first_commit,
                )
    finally:
        for process in (worker, scheduler):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    with Corpus(index_dir) as corpus:
        kept = corpus.count()
    assert 3 <= kept < 12  # the first groups were committed before the scheduler went away
    code, _out, err = run(capsys, "--index", str(index_dir), "add", "--cluster", "local:1", str(folder))
    assert code == 0, err
    with Corpus(index_dir) as corpus:
        assert corpus.count() == 12
        assert all(corpus.document(summary.id).annotation.mentions for summary in corpus.summaries())


def test_an_unreachable_scheduler_is_one_line(
    tmp_path: Path, seed_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = "tcp://127.0.0.1:9"  # the discard port: nothing listens
    start = time.monotonic()
    code, _out, err = run(capsys, "--index", str(tmp_path / "i"), "add", "--cluster", nowhere, str(seed_paths[0]))
    assert code == 1 and err.count("\n") == 1 and "cannot reach the Dask scheduler" in err
    assert time.monotonic() - start < 60
    code, _out, err = run(capsys, "--index", str(tmp_path / "i"), "add", "--cluster", "nowhere", str(seed_paths[0]))
    assert code == 1 and "neither a scheduler address" in err
