"""Benchmarks of going past one machine: annotation on a Dask cluster against one local process, and the index
writer of `add --no-nlp` against a bare Whoosh writer indexing the same texts in the same schema.

`measure_cluster` runs `add` over the same files twice into fresh indexes: with one local spaCy process, and on a
LocalCluster of N workers; the speed-up is the ratio of the two times, and the hours for a million articles
(400 million words) at 10 and 100 workers are projected from the cluster's words/s per worker.
`measure_writer` indexes the same synthetic articles with `add --no-nlp` (store, search index, merges, the final
compaction and prefix table included) and with one bare Whoosh writer (one commit), side by side in one run.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: A newsroom archive: a million articles of about 400 words each.
ARCHIVE_WORDS = 400_000_000


def measure_cluster(files: Sequence[Path], work_dir: Path, workers: int = 2, runs: int = 1) -> dict[str, Any]:
    """`add` of `files` with one local spaCy process, then on a `local:<workers>` Dask cluster. With several `runs`,
    each is such a pair, in turn one first and the other (this machine's speed drifts by up to a third between two
    identical runs of a minute); the pair reported is the one of the median speed-up, all pairs under "runs"."""
    from search.nlp.cluster import ClusterAnnotator

    pairs = []
    with ClusterAnnotator(f"local:{workers}") as cluster:
        cluster.check()  # the workers start and load the model before the clock starts, as a running cluster has
        for number in range(runs):
            cluster_first = number % 2 == 1
            spread = _timed_add(files, work_dir, cluster) if cluster_first else None
            local = _timed_add(files, work_dir, None)
            spread = spread or _timed_add(files, work_dir, cluster)
            pairs.append(_cluster_pair(local, spread, workers, cluster_first))
    middle = sorted(pairs, key=lambda pair: pair["speedup"])[len(pairs) // 2]
    return {**middle, "runs": pairs}


def _timed_add(files: Sequence[Path], work_dir: Path, cluster: Any) -> tuple[float, Any]:
    """Seconds and summary of one `add` into a fresh index: on `cluster`, or with one local process (None)."""
    from search.ingest.pipeline import IngestOptions, ingest
    from search.nlp.workers import LazyAnnotator

    index_dir = Path(tempfile.mkdtemp(prefix="cluster-" if cluster else "local-", dir=work_dir))
    with contextlib.ExitStack() as stack:
        annotator = cluster or stack.enter_context(LazyAnnotator(jobs=1))
        started = time.perf_counter()
        summary = ingest(index_dir, [str(path) for path in files], IngestOptions(), annotator_factory=lambda: annotator)
        seconds = time.perf_counter() - started
    shutil.rmtree(index_dir, ignore_errors=True)
    return seconds, summary


def _cluster_pair(local: tuple[float, Any], spread: tuple[float, Any], workers: int, cluster_first: bool) -> dict:
    (local_s, alone), (cluster_s, summary) = local, spread
    per_worker = summary.words / cluster_s / workers
    return {
        "articles": summary.added,
        "words": summary.words,
        "workers": workers,
        "local_jobs1_s": round(local_s, 2),
        "cluster_s": round(cluster_s, 2),
        "speedup": round(local_s / cluster_s, 2),
        "words_per_s_per_worker": round(per_worker),
        "local_words_per_s": round(alone.words / local_s),
        "projected_hours_1m_articles": {
            str(count): round(ARCHIVE_WORDS / (per_worker * count) / 3600, 1) for count in (10, 100)
        },
        "cluster_first": cluster_first,
    }


def measure_writer(jsonl_files: Sequence[Path], work_dir: Path) -> dict[str, Any]:
    """`add --no-nlp` of the JSON Lines files against one bare Whoosh writer over the same texts."""
    from whoosh import index as whoosh_index

    from search.index.schema import SCHEMA
    from search.ingest.pipeline import IngestOptions, ingest

    index_dir = Path(tempfile.mkdtemp(prefix="writer-", dir=work_dir))
    started = time.perf_counter()
    summary = ingest(index_dir, [str(path) for path in jsonl_files], IngestOptions())
    ingest_s = time.perf_counter() - started
    records = [json.loads(line) for path in jsonl_files for line in path.open(encoding="utf-8") if line.strip()]
    bare_dir = Path(tempfile.mkdtemp(prefix="bare-", dir=work_dir))
    started = time.perf_counter()
    ix = whoosh_index.create_in(str(bare_dir), SCHEMA)
    writer = ix.writer(limitmb=256)
    for number, record in enumerate(records):
        title, body = record.get("title", ""), record.get("text", "")
        writer.add_document(id=str(number), title=title, body=body, words=f"{title}\n{body}")
    writer.commit()
    bare_s = time.perf_counter() - started
    shutil.rmtree(bare_dir, ignore_errors=True)
    return {
        "articles": summary.added,
        "ingest_no_nlp_s": round(ingest_s, 2),
        "bare_whoosh_s": round(bare_s, 2),
        "ingest_no_nlp_docs_per_s": round(summary.added / ingest_s, 1),
        "bare_whoosh_docs_per_s": round(len(records) / bare_s, 1),
        "writer_vs_bare_whoosh_ratio": round(bare_s / ingest_s, 2),
    }
