"""The benchmark harness of explore: startup, search latency, ingest overhead, memory and index size, as JSON.

    python tests/benchmarks/run.py [--quick] [--work DIR] [--jobs N] --json OUT

The BBC corpus comes from EXPLORE_BBC (default ../shared/corpora/bbc-news); without it the run writes
{"skipped": reason} and exits 0. README.md next to this file says what each number means.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if __package__ in (None, ""):
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from benchmarks.corpus_synth import (  # noqa: E402
    HARNESS_VERSION,
    Article,
    BuiltIndex,
    bbc_files,
    build_index,
    read_articles,
    replicate,
    write_jsonl,
)
from benchmarks.scaling import measure_cluster, measure_writer  # noqa: E402

PROBE = Path(__file__).resolve().parent / "app_probe.py"
DEFAULT_BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"
#: Words never drawn for queries: too common to say anything about an engine's speed on real queries.
_STOP_TEXT = (
    "the and for that with was are from this have has had not but they his her its their been were will would "
    "said also which who one two new more than about after into over there what when out can could year years "
    "all some just other them being our may only most such how should any very then these those"
)
STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"\b[a-z]{3,}\b")


@dataclass(frozen=True)
class Mode:
    """What a run measures: the index sizes, query counts, startup repeats and the ingest sample."""

    name: str
    scales: tuple[int, ...]
    queries: int
    startup_runs: int
    ingest_articles: int | None  # None: every BBC article
    ingest_runs: int = 1  # pairs of ingest and nlp.pipe: the ratio is their median
    writer_docs: int = 5_000  # synthetic articles `add --no-nlp` and a bare Whoosh writer index side by side
    cluster_articles: int = 300  # BBC articles annotated with one local process and on local:2
    cluster_runs: int = 1  # pairs of them: the speed-up is their median


FULL = Mode(
    name="full",
    scales=(2225, 50_000, 200_000),
    queries=300,
    startup_runs=9,
    ingest_articles=None,
    ingest_runs=3,
    writer_docs=50_000,
    cluster_runs=3,
)
QUICK = Mode(name="quick", scales=(20_000,), queries=200, startup_runs=5, ingest_articles=300)


@dataclass(frozen=True)
class Latency:
    """Latencies of one set of searches, in milliseconds, and the share of queries that found something."""

    queries: int
    p50_ms: float
    p95_ms: float
    mean_ms: float
    max_ms: float
    hit_rate: float


# ---- queries --------------------------------------------------------------------------------------------------


def article_words(article: Article) -> list[str]:
    """The lowercase words of an article worth searching for (three letters or more, not stop words)."""
    return [word for word in _WORD.findall(f"{article.title} {article.text}".lower()) if word not in STOP_WORDS]


def word_queries(articles: Sequence[Article], count: int, seed: int = 7) -> list[str]:
    """`count` queries of one to three words, each drawn from one article so that most of them match."""
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        words = sorted(set(article_words(rng.choice(articles))))
        if words:
            queries.append(" ".join(rng.sample(words, min(len(words), rng.randint(1, 3)))))
    return queries


def prefix_queries(articles: Sequence[Article], count: int, seed: int = 11) -> list[str]:
    """`count` prefix queries (`abc*`) of two to four letters taken from words of the corpus."""
    rng = random.Random(seed)
    vocabulary = sorted({word for article in articles for word in article_words(article)})
    queries: list[str] = []
    while len(queries) < count:
        word = rng.choice(vocabulary)
        length = rng.randint(2, 4)
        if len(word) > length:
            queries.append(word[:length] + "*")
    return queries


# ---- measurements ---------------------------------------------------------------------------------------------


def quantile(values: Sequence[float], fraction: float) -> float:
    """The `fraction` quantile (inclusive method) of at least one value."""
    if len(values) == 1:
        return values[0]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[round(fraction * 100) - 1]


def time_searches(search: Callable[[str], Any], queries: Sequence[str], warmup: int = 10) -> Latency:
    """Run every query through `search` (after a few unmeasured warm-up queries) and summarise the latencies."""
    for query in queries[:warmup]:
        search(query)
    times, found = [], 0
    for query in queries:
        started = time.perf_counter()
        result = search(query)
        times.append((time.perf_counter() - started) * 1000)
        found += bool(result.hits)
    return Latency(
        queries=len(queries),
        p50_ms=round(quantile(times, 0.50), 2),
        p95_ms=round(quantile(times, 0.95), 2),
        mean_ms=round(statistics.fmean(times), 2),
        max_ms=round(max(times), 2),
        hit_rate=round(found / len(queries), 3),
    )


def segment_count(index_dir: Path) -> int:
    """Segments of the search index (a search visits each one)."""
    from search.index.writer import open_index

    with open_index(index_dir / "search").reader() as reader:
        return len(list(reader.leaf_readers()))


def measure_search(index_dir: Path, words: Sequence[str], prefixes: Sequence[str]) -> dict[str, Any]:
    """Latency of the engine's search call (top 20, snippets included) for word and prefix queries."""
    from search.corpus import Corpus

    segments = segment_count(index_dir)
    with Corpus(index_dir) as corpus:

        def search(query: str) -> Any:
            corpus.engine.forget_results()  # every query measured as typed the first time, not from the cache
            result = corpus.search(query, limit=20)
            assert all(hit.snippet.text for hit in result.hits), f"a hit without a snippet for {query!r}"
            return result

        return {
            "docs": corpus.count(),
            "segments": segments,
            "words": asdict(time_searches(search, words)),
            "prefix": asdict(time_searches(search, prefixes)),
        }


def probe(kind: str, index_dir: Path, query: str | None = None, timeout: float = 120.0) -> dict[str, Any]:
    """Run app_probe.py in a fresh process; adds `startup_s`, wall time from just before the process started."""
    command = [sys.executable, str(PROBE), kind, str(index_dir), *([query] if query is not None else [])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.time()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"kind": kind, "error": f"probe exited {done.returncode}: {tail}"}
    report: dict[str, Any] = json.loads(lines[-1])
    if "ready" in report:
        report["startup_s"] = report["ready"] - started
    return report


def compile_app() -> bool:
    """Write the bytecode of explore's own packages, as `pip install .` (the README's install) does.

    The bare app's Textual got its bytecode when it was installed. The probes import explore from this source tree,
    and where PYTHONDONTWRITEBYTECODE is set (as on the CI machines) every start would compile explore's modules
    from source again, which no installed explore does.
    """
    import compileall

    return all(compileall.compile_dir(ROOT / package, quiet=1) for package in ("search", "tui"))


def measure_startup(index_dir: Path, runs: int) -> dict[str, Any]:
    """Median time to a usable first screen of explore and of a bare app, runs interleaved so load hits both."""
    times: dict[str, list[float]] = {"bare": [], "explore": []}
    problems: dict[str, str] = {}
    compiled = compile_app()
    for _ in range(runs):
        for kind in ("bare", "explore"):
            if kind in problems:
                continue
            report = probe(kind, index_dir)
            if "startup_s" not in report:
                problems[kind] = skip_reason(report)
                continue
            times[kind].append(report["startup_s"])
            if not report.get("workers_finished", True):
                problems[kind] = "startup workers did not finish within the probe's wait"
    result: dict[str, Any] = {"runs": runs, **{f"{kind}_problem": why for kind, why in problems.items()}}
    result["bytecode"] = "compiled, as pip install does" if compiled else "not compiled: some modules failed"
    for kind, values in times.items():
        if values and kind not in problems:
            result[f"{kind}_s"] = round(statistics.median(values), 3)
            result[f"{kind}_all_s"] = [round(value, 3) for value in values]
    if "bare_s" in result and "explore_s" in result:
        result["ratio"] = round(result["explore_s"] / result["bare_s"], 3)
    return result


def skip_reason(report: dict[str, Any]) -> str:
    """Why a probe gave no time, in one line ("tui.app.make_app not available" when the app cannot be imported)."""
    error = str(report.get("error", "no time reported"))
    if report.get("kind") == "explore" and ("tui.app" in error or "make_app" in error):
        return f"tui.app.make_app not available ({error})"
    return error


def measure_memory(index_dir: Path, query: str) -> dict[str, Any]:
    """Resident memory of explore after opening `index_dir` and searching, with a bare app + Corpus for reference."""
    return {"explore": probe("explore", index_dir, query), "bare_app_plus_corpus": probe("bare", index_dir, query)}


def sample_files(files: Sequence[Path], count: int | None) -> list[Path]:
    """Every file, or `count` of them spread evenly over the sorted list (so every category is in)."""
    if count is None or count >= len(files):
        return list(files)
    step = len(files) / count
    return [files[int(number * step)] for number in range(count)]


def measure_ingest(files: Sequence[Path], work_dir: Path, jobs: int, runs: int = 1) -> dict[str, Any]:
    """`add` with annotation over `files`, against spaCy's nlp.pipe (same pipes and processes) on the same bodies.

    Both sides pay the model load the same way: the baseline runs in a fresh process and its time includes
    importing spaCy and loading the model, as ingest's does. A warm-up process loads the model first, so neither
    side finds the model's files cold on disk. With several `runs`, each is a pair (ingest and baseline, in turn
    one first and the other), since this machine's speed drifts by up to 15% between two identical runs; the
    ratio reported is the median of the pairs' ratios, and the times are the ones of that pair.
    """
    _pipe_baseline([], 1)  # warm-up: the model's files into the page cache
    pairs: list[dict[str, Any]] = []
    bodies: list[str] | None = None
    for number in range(runs):
        baseline_first = number % 2 == 1 and bodies is not None
        baseline = _pipe_baseline(bodies, jobs) if baseline_first and bodies is not None else None
        done = _ingest_once(files, work_dir, jobs)
        bodies = done.pop("bodies")
        if baseline is None:
            baseline = _pipe_baseline(bodies, jobs)
        pairs.append(_pair(done, baseline, baseline_first))
    middle = sorted(pairs, key=lambda pair: pair["overhead_ratio"])[len(pairs) // 2]
    return {**middle, "jobs": jobs, "runs": pairs}


def _ingest_once(files: Sequence[Path], work_dir: Path, jobs: int) -> dict[str, Any]:
    """One `add` with annotation into a fresh index: its summary's numbers and the clean bodies it stored."""
    from search.corpus import Corpus
    from search.ingest.pipeline import IngestOptions, ingest
    from search.nlp.workers import LazyAnnotator

    index_dir = Path(tempfile.mkdtemp(prefix="ingest-", dir=work_dir))
    with LazyAnnotator(jobs=jobs) as annotator:
        summary = ingest(index_dir, [str(path) for path in files], IngestOptions(), annotator_factory=lambda: annotator)
    with Corpus(index_dir) as corpus:
        ids = [document.id for document in corpus.summaries()]
        bodies = list(corpus.store.bodies(ids).values())
    return {
        "articles": summary.added,
        "words": summary.words,
        "seconds": summary.seconds,
        "index_dir": str(index_dir),
        "bodies": bodies,
    }


def _pair(done: dict[str, Any], baseline: dict[str, float], baseline_first: bool) -> dict[str, Any]:
    """The numbers of one ingest and its baseline."""
    load_s, pipe_s, seconds, words = baseline["load_s"], baseline["pipe_s"], done["seconds"], done["words"]
    return {
        "articles": done["articles"],
        "words": words,
        "ingest_s": round(seconds, 2),
        "pipe_s": round(pipe_s, 2),
        "model_load_s": round(load_s, 2),
        "ingest_words_per_s": round(words / seconds),
        "pipe_words_per_s": round(words / pipe_s),
        "overhead_ratio": round(seconds / (load_s + pipe_s), 3),
        "overhead_ratio_without_model_load": round((seconds - load_s) / pipe_s, 3),
        "baseline_first": baseline_first,
        "index_dir": done["index_dir"],
    }


#: The baseline of measure_ingest, run in a fresh process: import spaCy and load the model (timed), then nlp.pipe.
_PIPE_BASELINE = """
import json, sys, time
started = time.perf_counter()
from search.nlp.annotate import DEFAULT_BATCH_SIZE
from search.nlp.spacy_model import load_model
nlp = load_model()
loaded = time.perf_counter()
bodies, jobs = json.load(sys.stdin), int(sys.argv[1])
for _ in nlp.pipe(bodies, n_process=jobs, batch_size=DEFAULT_BATCH_SIZE):
    pass
print(json.dumps({"load_s": loaded - started, "pipe_s": time.perf_counter() - loaded}))
"""


def _pipe_baseline(bodies: list[str], jobs: int) -> dict[str, float]:
    """spaCy's own nlp.pipe over `bodies` with `jobs` processes in a fresh process: load_s and pipe_s."""
    done = subprocess.run(
        [sys.executable, "-c", _PIPE_BASELINE, str(jobs)],
        input=json.dumps(bodies), capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(done.stdout)


def folder_mb(folder: Path) -> float:
    """Bytes of the files under `folder`, in MiB."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 2**20


# ---- the run --------------------------------------------------------------------------------------------------


def run(bbc_dir: Path, mode: Mode, work_dir: Path, jobs: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Every measurement of one mode; the flat keys of the issue plus the details behind them."""
    files = bbc_files(bbc_dir)
    articles = read_articles(files)
    words, prefixes = word_queries(articles, mode.queries), prefix_queries(articles, mode.queries)
    out: dict[str, Any] = {"harness_version": HARNESS_VERSION, "mode": mode.name}
    out["machine"] = {"cpus": os.cpu_count(), "load_avg_at_start": [round(x, 2) for x in os.getloadavg()]}
    built: list[BuiltIndex] = []
    by_scale: dict[str, Any] = {}
    for scale in mode.scales:
        log(f"building (or reusing) an index of {scale} articles under {work_dir}")
        index = build_index(articles, scale, work_dir)
        built.append(index)
        log(f"  {index.docs} articles, built in {index.build_seconds:.0f} s{' (cached)' if index.cached else ''}")
        log(f"searching {len(words)} word and {len(prefixes)} prefix queries")
        by_scale[str(index.docs)] = {**measure_search(index.index_dir, words, prefixes), "build_s": index.build_seconds}
    largest = built[-1]
    top = by_scale[str(largest.docs)]
    out.update(
        search_scale_docs=largest.docs,
        search_p50_ms=top["words"]["p50_ms"],
        search_p95_ms=top["words"]["p95_ms"],
        prefix_p95_ms=top["prefix"]["p95_ms"],
        search_by_scale=by_scale,
        index_mb=round(folder_mb(largest.index_dir) / largest.docs * 1000, 2),
    )
    log(f"startup: {mode.startup_runs} runs each of explore and a bare app")
    startup = measure_startup(largest.index_dir, mode.startup_runs)
    out["startup"] = startup
    out["startup_ratio"] = startup.get("ratio", f"skipped: {startup.get('explore_problem', 'no startup time')}")
    log("memory after opening the largest index and searching")
    memory = measure_memory(largest.index_dir, words[0])
    out["memory"] = memory
    out["tui_rss_mb"] = (
        round(memory["explore"]["rss_mb"], 1)
        if "rss_mb" in memory["explore"]
        else f"skipped: {skip_reason(memory['explore'])}"
    )
    sample = sample_files(files, mode.ingest_articles)
    log(
        f"ingest with annotation of {len(sample)} BBC files (jobs={jobs}) and spaCy's nlp.pipe over the same bodies, "
        f"{mode.ingest_runs} time(s)"
    )
    ingest_report = measure_ingest(sample, work_dir, jobs, mode.ingest_runs)
    out["ingest"] = ingest_report
    out["ingest_words_per_s"] = ingest_report["ingest_words_per_s"]
    out["ingest_overhead_ratio"] = ingest_report["overhead_ratio"]
    log(f"add --no-nlp and a bare Whoosh writer over the same {mode.writer_docs} synthetic articles")
    writer = measure_writer(write_jsonl(replicate(articles, mode.writer_docs), work_dir / "writer-jsonl"), work_dir)
    out["writer"] = writer
    out["ingest_no_nlp_docs_per_s"] = writer["ingest_no_nlp_docs_per_s"]
    out["writer_vs_bare_whoosh_ratio"] = writer["writer_vs_bare_whoosh_ratio"]
    log(
        f"ingest of {mode.cluster_articles} BBC files with one local spaCy process and on a local:2 Dask cluster, "
        f"{mode.cluster_runs} time(s)"
    )
    cluster = measure_cluster(sample_files(files, mode.cluster_articles), work_dir, runs=mode.cluster_runs)
    out["cluster"] = cluster
    out["cluster_speedup"] = cluster["speedup"]
    out["budgets"] = budgets(out)
    return out


def budgets(out: dict[str, Any]) -> dict[str, bool | None]:
    """Whether each budget of the issue holds (None when the number is missing or, for search, not at 50,000)."""

    def within(key: str, limit: float) -> bool | None:
        value = out.get(key)
        return value <= limit if isinstance(value, int | float) else None

    def at_least(key: str, floor: float) -> bool | None:
        value = out.get(key)
        return value >= floor if isinstance(value, int | float) else None

    at_scale = out.get("search_scale_docs", 0) >= 50_000
    return {
        "startup_ratio<=1.5": within("startup_ratio", 1.5),
        "search_p95_ms<=50@50k": within("search_p95_ms", 50) if at_scale else None,
        "prefix_p95_ms<=100@50k": within("prefix_p95_ms", 100) if at_scale else None,
        "ingest_overhead_ratio<=1.15": within("ingest_overhead_ratio", 1.15),
        "tui_rss_mb<=250": within("tui_rss_mb", 250),
        "writer_vs_bare_whoosh_ratio>=0.7": at_least("writer_vs_bare_whoosh_ratio", 0.7),
        "cluster_speedup>=1.7": at_least("cluster_speedup", 1.7),
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmarks of explore (see tests/benchmarks/README.md).")
    parser.add_argument("--quick", action="store_true", help="one 20,000-article index and 300 ingested articles")
    parser.add_argument("--json", required=True, type=Path, help="where to write the JSON results")
    parser.add_argument("--work", type=Path, help="folder for built indexes, reused by later runs (default: temp)")
    parser.add_argument("--jobs", type=int, default=1, help="spaCy processes for ingest and the baseline")
    parser.add_argument(
        "--scales",
        type=scale_list,
        help="index sizes to search instead of the mode's, e.g. 2225,50000 (the largest "
        "is the one startup and memory are measured on)",
    )
    return parser.parse_args(argv)


def scale_list(text: str) -> tuple[int, ...]:
    """`2225,50000` as index sizes, smallest first (argparse type: a ValueError becomes a usage error)."""
    scales = tuple(sorted({int(part) for part in text.split(",") if part.strip()}))
    if not scales or scales[0] < 1:
        raise ValueError(text)
    return scales


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    bbc_dir = Path(os.environ.get("EXPLORE_BBC", DEFAULT_BBC))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    if not bbc_dir.is_dir() or not bbc_files(bbc_dir):
        args.json.write_text(json.dumps({"skipped": f"BBC corpus not found at {bbc_dir}"}) + "\n", encoding="utf-8")
        print(f"skipped: BBC corpus not found at {bbc_dir}", file=sys.stderr)
        return 0
    work_dir = args.work or Path(tempfile.mkdtemp(prefix="explore-bench-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)

    mode = QUICK if args.quick else FULL
    if args.scales:
        mode = replace(mode, name=f"{mode.name}, scales {','.join(map(str, args.scales))}", scales=args.scales)
    result = run(bbc_dir, mode, work_dir, args.jobs, log)
    result["total_s"] = round(time.perf_counter() - started, 1)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
