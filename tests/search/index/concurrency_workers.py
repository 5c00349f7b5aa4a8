"""The processes of the readers-beside-a-writer stress test (tests/search/test_reliability_crash.py), run as
`python -m tests.search.index.concurrency_workers ROLE INDEX START SECONDS [SOURCE]`. Each worker loads its modules,
says it is ready (a file START.ready.ROLE.PID), waits for the file START, then works for SECONDS:

- writer: adds small batches of new files (and now and then a changed one) with the ingest pipeline, as `explore add`
  does, and between them commits single documents as fast as it can; prints {"batches": n, "commits": n}.
- reader: alternates fresh opens of the index (a CLI command, and bare Corpus opens as a new command makes) with
  the app's search jobs on one long-lived corpus (tui/search_jobs.run_search and facets, as the app's workers call
  them); prints {"reads": n, "failures": [...]} (a failure: a command that failed, a search job that returned an
  error, a count that went down).
- load: spins the CPU.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import sys
import threading
import time
from pathlib import Path

#: Documents in each batch the writer adds (one commit each, plus the run's compaction and prefix table).
BATCH_FILES = 3
#: Fresh opens of the index a reader makes between two CLI commands.
FRESH_OPENS = 20
#: Commits of one document the writer makes between two batches.
QUICK_COMMITS = 20
#: What each role loads before the start.
MODULES = {
    "writer": ("search.ingest.pipeline",),
    "reader": ("search.corpus", "search.index.searcher", "search.cli.main", "tui.search_jobs"),
    "load": (),
}
#: Every this many batches the writer also changes a file it added before (a replaced document: a deletion).
CHANGE_EVERY = 4


def writer(index_dir: Path, deadline: float, source: Path) -> dict[str, int]:
    """Between two `add` runs of a few files, commits of a few documents as fast as the index takes them (each
    replacing one document; documents only the search index holds, for it is the commits that matter here): many
    more commits than `add` makes, so that a race shows within seconds."""
    from search.index.writer import open_index, write
    from search.ingest.pipeline import ingest
    from search.model import Document, Metadata

    batches = commits = 0
    while time.time() < deadline:
        folder = source / f"batch-{batches:04}"
        folder.mkdir(parents=True)
        for number in range(BATCH_FILES):
            (folder / f"{number}.txt").write_text(
                f"Dispatch {batches}-{number}\n\nReport {batches}-{number} says word{batches}x{number} was filed by "
                "the desk.\n"
            )
        if batches % CHANGE_EVERY == CHANGE_EVERY - 1:
            (source / "batch-0000" / "0.txt").write_text(f"Dispatch 0-0\n\nRevised {batches} times at the desk.\n")
        ingest(index_dir, [str(source)])
        batches += 1
        ix = open_index(index_dir / "search")
        for _ in range(QUICK_COMMITS):
            documents = [Document(f"quick-{commits % 7}", (), Metadata(title="Quick"), f"Quick {commits} at the desk.")]
            write(ix, documents, [])
            commits += 1
        ix.close()
    return {"batches": batches, "commits": commits}


def _cli(index_dir: Path, *argv: str) -> tuple[int, str, str]:
    from search.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--index", str(index_dir), *argv])
    return code, out.getvalue(), err.getvalue()


def reader(index_dir: Path, deadline: float) -> dict[str, object]:
    from search.corpus import Corpus
    from tui.search_jobs import Found, facets, run_search
    from tui.shared_corpus import SharedCorpus

    failures: list[str] = []
    reads = 0
    desk_total = 0
    with Corpus(index_dir) as corpus:  # the app's corpus: opened once, its searcher refreshed by each search
        shared = SharedCorpus(corpus, threading.Lock())
        while time.time() < deadline:
            query = ("desk", "Aatmanirbhar", "rep*", "word1*")[reads % 4]
            code, out, err = _cli(index_dir, "search", "--json", query)
            if code != 0:
                failures.append(f"explore search {query}: {err.strip()}")
            elif query == "desk":
                total = json.loads(out)["total"]
                if total < desk_total:
                    failures.append(f"explore search desk: {total} hits after {desk_total}")
                desk_total = max(desk_total, total)
            for _ in range(FRESH_OPENS):  # a new command's open, without the command line around it
                if time.time() >= deadline:
                    break
                try:
                    with Corpus(index_dir) as fresh:
                        fresh.search(query)
                except Exception as error:
                    failures.append(f"Corpus search {query}: {type(error).__name__}: {error}")
            found = run_search(shared, query)
            if not isinstance(found, Found):
                failures.append(f"run_search {query}: {found}")
            elif query == "Aatmanirbhar" and found.result.total < 1:
                failures.append("run_search Aatmanirbhar: no hit")
            try:
                facets(shared, query)
            except Exception as error:
                failures.append(f"facets {query}: {type(error).__name__}: {error}")
            reads += 1
    return {"reads": reads, "failures": failures}


def load(deadline: float) -> dict[str, int]:
    spins = 0
    while time.time() < deadline:
        for _ in range(100_000):
            spins += 1
    return {"spins": spins}


def _started(start: Path, role: str, seconds: float) -> float:
    """Say this worker is ready, wait for the start, and return the deadline."""
    start.with_name(f"{start.name}.ready.{role}.{os.getpid()}").touch()
    while not start.exists():
        time.sleep(0.01)
    return time.time() + seconds


def run(argv: list[str]) -> dict[str, object]:
    role, index_dir, start, seconds = argv[0], Path(argv[1]), Path(argv[2]), float(argv[3])
    for module in MODULES[role]:
        importlib.import_module(module)  # loaded before the start, as a running app or command has them

    deadline = _started(start, role, seconds)
    if role == "writer":
        return dict(writer(index_dir, deadline, Path(argv[4])))
    if role == "reader":
        return reader(index_dir, deadline)
    return dict(load(deadline))


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1:])))
