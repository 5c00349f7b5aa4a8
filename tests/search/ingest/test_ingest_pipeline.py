"""Ingest with a background annotator: the next group is annotated while the current one is written, groups are
committed in order with the annotations a plain annotator gives, a cancel stops the wait, a failed batch stops the
run with what was written kept; and LazyAnnotator's worker gives what annotating in-process gives."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from pathlib import Path
from typing import Any

import pytest

import search.ingest.pipeline as ingest_module
from search.corpus import Corpus
from search.index.writer import open_index
from search.ingest import grouping, scheduler, writing
from search.ingest.pipeline import CLUSTERING_PHASE, FINISHING_PHASE, IngestOptions, ingest
from search.model import Annotation, Mention
from search.nlp.annotate import annotate_batch
from search.nlp.workers import CHUNK_DOCS, LazyAnnotator
from search.store import Store
from tests.paths import SEEDS

Item = tuple[str, str, str | None]


def first_word(items: list[Item]) -> list[Annotation]:
    """A plain annotator: each body's first word as an ORG mention."""
    notes = []
    for _, body, _ in items:
        word = body.split()[0]
        start = body.index(word)
        notes.append(Annotation(mentions=(Mention(word, "ORG", start, start + len(word), word),)))
    return notes


class FuturePending:
    """PendingAnnotations over one Future."""

    def __init__(self, future: Future[list[Annotation]]) -> None:
        self.future = future

    def wait(self, timeout: float | None) -> bool:
        return bool(wait_for([self.future], timeout).done)

    def result(self) -> list[Annotation]:
        return self.future.result()

    def cancel(self) -> None:
        self.future.cancel()


class ThreadAnnotator:
    """A background annotator on one thread; logs what it is sent. `gate` holds each batch back until set,
    `fail_at` makes that batch (counted from 1) raise."""

    def __init__(self, log: list[tuple[str, list[str]]], gate: threading.Event | None = None, fail_at: int = 0):
        self.log, self.gate, self.fail_at = log, gate, fail_at
        self.pool = ThreadPoolExecutor(1)
        self.pendings: list[FuturePending] = []

    def __call__(self, items: list[Item]) -> list[Annotation]:
        return first_word(items)

    def submit(self, items: list[Item]) -> FuturePending:
        self.log.append(("annotate", [doc_id for doc_id, _, _ in items]))
        pending = FuturePending(self.pool.submit(self._work, items, len(self.pendings) + 1))
        self.pendings.append(pending)
        return pending

    def _work(self, items: list[Item], number: int) -> list[Annotation]:
        if self.gate is not None:
            self.gate.wait()
        if number == self.fail_at:
            raise ValueError("the model fell over")
        return first_word(items)


@pytest.fixture
def logged_writes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[str]]]:
    """Groups of two documents, and a log of every group the write stage commits (its annotated ids)."""
    monkeypatch.setattr(grouping, "BATCH_RECORDS", 2)
    log: list[tuple[str, list[str]]] = []
    write_stage = scheduler.write_stage

    def logging_write(target: Any, updates: Any, annotated: Any, removed: Any = ()) -> None:
        write_stage(target, updates, annotated, removed)
        log.append(("write", [doc.id for doc in annotated]))

    monkeypatch.setattr(scheduler, "write_stage", logging_write)
    return log


def _annotations(index_dir: Path) -> dict[str, Annotation]:
    store = Store(index_dir / "documents.sqlite")
    try:
        documents = (store.get(summary.id) for summary in store.summaries())
        return {doc.id: doc.annotation for doc in documents if doc is not None}
    finally:
        store.close()


def _count(index_dir: Path) -> int:
    with Corpus(index_dir) as corpus:
        return corpus.count()


def _run(index_dir: Path, annotator: Callable[[list[Item]], list[Annotation]], **kwargs: Any) -> Any:
    return ingest(index_dir, [str(SEEDS)], IngestOptions(), annotator_factory=lambda: annotator, **kwargs)


def test_next_group_is_annotated_while_the_current_one_is_written(
    tmp_path: Path, logged_writes: list[tuple[str, list[str]]]
) -> None:
    annotator = ThreadAnnotator(logged_writes)
    summary = _run(tmp_path / "piped", annotator)
    groups = [ids for kind, ids in logged_writes if kind == "annotate"]
    assert [len(ids) for ids in groups] == [2, 2, 1]
    assert logged_writes == [
        ("annotate", groups[0]),
        ("annotate", groups[1]),
        ("write", groups[0]),
        ("annotate", groups[2]),
        ("write", groups[1]),
        ("write", groups[2]),
    ]
    assert summary.annotated == 5 and not summary.cancelled
    plain = _run(tmp_path / "plain", first_word)
    assert plain.annotated == 5
    piped_notes = _annotations(tmp_path / "piped")
    assert len(piped_notes) == 5 and all(note.mentions for note in piped_notes.values())
    assert piped_notes == _annotations(tmp_path / "plain")


def test_the_last_group_is_cut_short_with_a_background_annotator(
    tmp_path: Path, logged_writes: list[tuple[str, list[str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(grouping, "BATCH_RECORDS", 3)
    monkeypatch.setattr(grouping, "LAST_GROUP_DOCS", 1)
    _run(tmp_path / "piped", ThreadAnnotator(logged_writes))
    assert [len(ids) for kind, ids in logged_writes if kind == "write"] == [3, 1, 1]
    logged_writes.clear()
    _run(tmp_path / "plain", first_word)
    assert [len(ids) for kind, ids in logged_writes if kind == "write"] == [3, 2]
    assert _count(tmp_path / "piped") == _count(tmp_path / "plain") == 5
    assert _annotations(tmp_path / "piped") == _annotations(tmp_path / "plain")


def test_a_full_last_group_is_cut_short_too(
    tmp_path: Path, logged_writes: list[tuple[str, list[str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(grouping, "BATCH_RECORDS", 5)  # the five seeds fill the one group exactly
    monkeypatch.setattr(grouping, "LAST_GROUP_DOCS", 2)
    _run(tmp_path / "piped", ThreadAnnotator(logged_writes))
    assert [len(ids) for kind, ids in logged_writes if kind == "write"] == [3, 2]
    assert _count(tmp_path / "piped") == 5


def test_a_short_tail_is_cut_only_when_what_comes_before_it_is_as_large(
    tmp_path: Path, logged_writes: list[tuple[str, list[str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(grouping, "BATCH_RECORDS", 10)
    monkeypatch.setattr(grouping, "LAST_GROUP_DOCS", 2)
    _run(tmp_path / "two", ThreadAnnotator(logged_writes))
    assert [len(ids) for kind, ids in logged_writes if kind == "write"] == [3, 2]
    logged_writes.clear()
    monkeypatch.setattr(grouping, "LAST_GROUP_DOCS", 3)
    _run(tmp_path / "three", ThreadAnnotator(logged_writes))
    assert [len(ids) for kind, ids in logged_writes if kind == "write"] == [5]  # not 2 then 3


def test_the_index_is_compacted_while_the_last_groups_are_parsed(
    tmp_path: Path, logged_writes: list[tuple[str, list[str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(grouping, "BATCH_RECORDS", 1)
    monkeypatch.setattr(grouping, "BATCH_FILES", 2)
    compact = ingest_module.compact

    def logging_compact(ix: Any, written: int) -> int:
        merged = compact(ix, written)
        logged_writes.append(("compact", [str(written), str(merged)]))
        return merged

    monkeypatch.setattr(ingest_module, "compact", logging_compact)
    _run(tmp_path / "piped", ThreadAnnotator(logged_writes))
    assert [(kind, len(ids)) for kind, ids in logged_writes] == [
        ("annotate", 1),
        ("annotate", 1),
        ("write", 1),
        ("annotate", 1),
        ("write", 1),
        ("annotate", 1),
        ("write", 1),
        ("annotate", 1),  # the last group: what is written is compacted while it and the one before are parsed
        ("compact", 2),
        ("write", 1),
        ("write", 1),
        ("compact", 2),  # the run's end only merges the two groups written after that
    ]
    compactions = [ids for kind, ids in logged_writes if kind == "compact"]
    # (documents covered, segments merged): the search index caught up with the store in one commit before each
    # compaction (see writing.SearchCommits), so each stretch is one segment already and nothing needs merging
    assert compactions == [["3", "0"], ["2", "0"]]
    assert _segment_sizes(tmp_path / "piped") == [3, 2]
    logged_writes.clear()
    _run(tmp_path / "plain", first_word)
    assert [kind for kind, _ in logged_writes] == ["write"] * 5 + ["compact"]
    assert _segment_sizes(tmp_path / "plain") == [5]  # one search commit at the run's end: one segment
    assert _count(tmp_path / "piped") == _count(tmp_path / "plain") == 5
    assert _annotations(tmp_path / "piped") == _annotations(tmp_path / "plain")


def test_the_store_commits_every_group_and_the_search_index_catches_up_when_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five groups are five store commits but one search commit (a segment each would be merged again later);
    once a search commit is due (SEARCH_COMMIT_DOCS), the search index catches up during the run."""
    monkeypatch.setattr(grouping, "BATCH_RECORDS", 1)
    monkeypatch.setattr(grouping, "BATCH_FILES", 1)
    commits: list[int] = []
    real_write = writing.write

    def counted(ix: Any, documents: Any, deleted: Any) -> None:
        documents = list(documents)
        commits.append(len(documents))
        real_write(ix, documents, deleted)

    monkeypatch.setattr(writing, "write", counted)
    ingest(tmp_path / "deferred", [str(path) for path in sorted(SEEDS.glob("*.txt"))], IngestOptions())
    assert commits == [5]
    commits.clear()
    monkeypatch.setattr(writing, "SEARCH_COMMIT_DOCS", 2)
    ingest(tmp_path / "due", [str(path) for path in sorted(SEEDS.glob("*.txt"))], IngestOptions())
    assert commits == [2, 2, 1]
    with Corpus(tmp_path / "due") as corpus:
        assert len(corpus.matching_ids("korea")) == corpus.count() == 5


def test_the_end_compacts_the_documents_the_last_groups_re_indexed(
    tmp_path: Path, logged_writes: list[tuple[str, list[str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy of an indexed text found in the last group re-indexes that document into the last segment: the end's
    compaction counts it, so the segments written after the early compaction are still merged."""
    monkeypatch.setattr(grouping, "BATCH_RECORDS", 1)
    monkeypatch.setattr(grouping, "BATCH_FILES", 2)
    folder = tmp_path / "texts"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "zzz_copy.txt").write_bytes(seeds[0].read_bytes())
    summary = ingest(
        tmp_path / "index", [str(folder)], IngestOptions(), annotator_factory=lambda: ThreadAnnotator(logged_writes)
    )
    assert summary.added == 5 and summary.duplicates == 1
    assert [ids for kind, ids in logged_writes if kind == "write"][-1] == [], "the copy came last"
    assert _segment_sizes(tmp_path / "index") == [3, 2]  # the early one (its copy of the first deleted), the end's


def singh(items: list[Item]) -> list[Annotation]:
    """A plain annotator for the seeds: the first seed names only "Singh", the others "Rajnath Singh" (a person)."""
    notes = []
    for _, body, _ in items:
        name = "Singh" if "Rajnath" not in body[:2000] else "Rajnath Singh"
        start = body.index(name)
        notes.append(Annotation(mentions=(Mention(name, "PERSON", start, start + len(name), name),)))
    return notes


def test_the_end_is_one_search_commit_and_leaves_the_compaction_nothing_to_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the run wrote since the early compaction and the documents the corpus's aliases renamed go to the search
    index in one commit, so the end's compaction has one segment of them and rewrites nothing (two commits there
    made it merge them: 5 s of a 30 s add of 300 BBC articles)."""
    monkeypatch.setattr(grouping, "BATCH_RECORDS", 2)
    folder = tmp_path / "texts"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for number, seed in enumerate(seeds):  # the first file names "Singh" alone: the aliases rename it at the end
        text = seed.read_text(encoding="utf-8")
        (folder / seed.name).write_text(text.replace("Rajnath ", "") if number == 0 else text, encoding="utf-8")
    commits: list[list[str]] = []
    real_write, real_compact = writing.write, ingest_module.compact
    merged: list[int] = []

    def counted(ix: Any, documents: Any, deleted: Any) -> None:
        documents = list(documents)
        commits.append(sorted(document.metadata.title or document.id for document in documents))
        real_write(ix, documents, deleted)

    def counted_compact(ix: Any, written: int) -> int:
        merged.append(real_compact(ix, written))
        return merged[-1]

    monkeypatch.setattr(writing, "write", counted)
    monkeypatch.setattr(ingest_module, "compact", counted_compact)

    class SinghAnnotator(ThreadAnnotator):
        def _work(self, items: list[Item], number: int) -> list[Annotation]:
            return singh(items)

    summary = ingest(tmp_path / "index", [str(folder)], annotator_factory=lambda: SinghAnnotator([]))
    assert summary.added == summary.annotated == 5
    early, end = commits  # the early compaction's catch-up, then one commit at the end
    assert len(early) + len(end) == 6, "the renamed first document is written twice: early, and renamed at the end"
    assert merged[-1] == 0, "the end's compaction had nothing to merge"
    with Corpus(tmp_path / "index") as corpus:
        assert len(corpus.search('person:"Rajnath Singh"').hits) == 5


def _segment_sizes(index_dir: Path) -> list[int]:
    ix = open_index(index_dir / "search")
    try:
        with ix.reader() as reader:
            return sorted((leaf.doc_count() for leaf, _offset in reader.leaf_readers()), reverse=True)
    finally:
        ix.close()


def test_a_plain_annotator_annotates_each_group_just_before_writing_it(
    tmp_path: Path, logged_writes: list[tuple[str, list[str]]]
) -> None:
    def logging_annotator(items: list[Item]) -> list[Annotation]:
        logged_writes.append(("annotate", [doc_id for doc_id, _, _ in items]))
        return first_word(items)

    _run(tmp_path / "index", logging_annotator)
    assert [kind for kind, _ in logged_writes] == ["annotate", "write"] * 3


def test_the_steps_after_the_last_write_are_announced_in_order(tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    _run(tmp_path / "index", first_word, progress=lambda done, total, what: calls.append((done, total, what)))
    phases = [what for _, total, what in calls if not total]
    assert phases == [CLUSTERING_PHASE, FINISHING_PHASE]
    assert calls[-2:] == [(0, 0, CLUSTERING_PHASE), (0, 0, FINISHING_PHASE)], "after every file was written"
    assert all(total and done <= total for done, total, _ in calls[:-2])
    calls.clear()
    _run(tmp_path / "index", first_word, progress=lambda done, total, what: calls.append((done, total, what)))
    assert calls == [(0, 0, FINISHING_PHASE)], "nothing new: no events to group again"


def test_cancel_stops_waiting_for_annotations(tmp_path: Path, logged_writes: list[tuple[str, list[str]]]) -> None:
    gate, cancel = threading.Event(), threading.Event()
    annotator = ThreadAnnotator(logged_writes, gate)
    timer = threading.Timer(0.3, cancel.set)
    timer.start()
    try:
        summary = _run(tmp_path / "index", annotator, cancel=cancel)
    finally:
        gate.set()
        annotator.pool.shutdown()
    assert summary.cancelled and summary.added == summary.words == summary.annotated == 0
    assert not [entry for entry in logged_writes if entry[0] == "write"]
    assert annotator.pendings[1].future.cancelled(), "the queued group was dropped"
    assert _count(tmp_path / "index") == 0
    again = _run(tmp_path / "index", first_word)
    assert again.added == 5 and _count(tmp_path / "index") == 5


def test_a_failed_batch_stops_the_run_and_keeps_what_was_written(
    tmp_path: Path, logged_writes: list[tuple[str, list[str]]]
) -> None:
    annotator = ThreadAnnotator(logged_writes, fail_at=2)
    with pytest.raises(ValueError, match="fell over"):
        _run(tmp_path / "index", annotator)
    annotator.pool.shutdown()
    assert [kind for kind, _ in logged_writes].count("write") == 1
    assert _count(tmp_path / "index") == 2
    again = _run(tmp_path / "index", first_word)
    assert again.added == 3 and _count(tmp_path / "index") == 5
    assert all(note.mentions for note in _annotations(tmp_path / "index").values())


@pytest.mark.parametrize("finish_here", [True, False], ids=["worker-parses", "worker-annotates"])
def test_lazy_annotator_worker_gives_the_in_process_annotations(nlp: Any, finish_here: bool) -> None:
    paragraphs = [part for path in sorted(SEEDS.glob("*.txt")) for part in path.read_text().split("\n\n")]
    items: list[Item] = [(f"p{number}", text, "2024-01-01") for number, text in enumerate(paragraphs[:40])]
    assert len(items) > 2 * CHUNK_DOCS
    with LazyAnnotator(jobs=1, finish_here=finish_here) as annotator:
        pending = annotator.submit(items)
        assert annotator._pool is not None, "a batch larger than a chunk goes to a worker process"
        assert pending.wait(None)
        got = pending.result()
    assert got == annotate_batch(items, nlp)
    assert any(note.mentions for note in got) and any(note.events for note in got)
