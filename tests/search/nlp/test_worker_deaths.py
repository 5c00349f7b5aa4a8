"""Annotator workers that die (issue 16): a worker killed mid-batch costs no document (its chunks are annotated
again, in isolation), and a document that kills every worker it reaches is found and reported, alone."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from search.corpus import Corpus
from search.ingest.pipeline import ingest
from search.nlp import workers
from search.nlp.annotate import annotate_batch
from search.nlp.workers import CHUNK_DOCS, WORKER_DIED, Item, LazyAnnotator
from tests.search.nlp.dying_worker import DEATH_MARK, annotate_or_die


def _items(seed_paths: list[Path], count: int) -> list[Item]:
    texts = [path.read_text(encoding="utf-8") for path in seed_paths]
    return [(f"doc{n}", f"{texts[n % len(texts)]}\n\nItem {n}.", "2021-03-26") for n in range(count)]


def _worker_pids(annotator: LazyAnnotator) -> list[int]:
    pool = annotator._pool
    return list(getattr(pool, "_processes", None) or {})


def test_a_worker_killed_mid_batch_costs_nothing(nlp: Any, seed_paths: list[Path]) -> None:
    items = _items(seed_paths, 2 * CHUNK_DOCS + 3)
    with LazyAnnotator(jobs=1, finish_here=False) as annotator:
        pending = annotator.submit(items)
        deadline = time.monotonic() + 120
        while not (_worker_pids(annotator) and pending.futures[0].running()) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)
        for pid in _worker_pids(annotator):
            os.kill(pid, signal.SIGKILL)
        notes = pending.result()
    assert [note.problems for note in notes] == [()] * len(items)
    assert notes == annotate_batch(items, nlp)


def test_the_document_that_kills_its_worker_is_found_and_reported(tmp_path: Path, seed_paths: list[Path]) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    texts = [path.read_text(encoding="utf-8") for path in seed_paths]
    for n in range(CHUNK_DOCS + 6):  # more than a chunk: workers annotate them
        mark = f" The {DEATH_MARK} appeared." if n == 7 else ""
        body = texts[n % len(texts)].replace("\n\n", f"\n\nQuokkaword{n} was there.{mark}\n\n", 1)
        (folder / f"story{n:02}.txt").write_text(body, encoding="utf-8")
    with LazyAnnotator(jobs=1, finish_here=False, job=annotate_or_die) as annotator:
        summary = ingest(tmp_path / "index", [str(folder)], annotator_factory=lambda: annotator)
    assert [(Path(failed.path).name, failed.reason) for failed in summary.annotation_failed] == [
        ("story07.txt", WORKER_DIED)
    ]
    assert summary.as_json()["annotation_failed"][0]["reason"] == WORKER_DIED
    assert summary.added == summary.annotated == CHUNK_DOCS + 6
    with Corpus(tmp_path / "index") as corpus:
        for n in range(CHUNK_DOCS + 6):
            assert len(corpus.search(f"quokkaword{n}").hits) == 1, n
        assert len(corpus.search(DEATH_MARK.split("-")[0]).hits) == 1  # indexed, without its annotation
        assert corpus.entities(), "the other documents kept their entities"


def test_a_long_article_is_annotated_whole_in_a_worker_of_its_own(
    nlp: Any, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers that only parse (finish_here) hand a long article's chunk the whole annotation job; order holds."""
    monkeypatch.setattr(workers, "PIECE_CHARS", 8000)  # what counts as long here (the workers parse it whole)
    items = _items(seed_paths, CHUNK_DOCS + 4)
    long_item = ("long", "\n\n".join(body for _, body, _ in items[:4]), "2021-03-26")
    items.insert(3, long_item)
    with LazyAnnotator(jobs=1, finish_here=True) as annotator:
        pending = annotator.submit(items)
        assert [len(chunk) for chunk in pending.chunks] == [3, 1, CHUNK_DOCS, 1]
        assert pending.parsed == (True, False, True, True)
        notes = pending.result()
    assert notes == annotate_batch(items, nlp)
