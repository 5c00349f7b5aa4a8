"""The benchmark harness (tests/benchmarks) on a tiny corpus made from the seed articles, so it cannot silently rot."""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmarks import corpus_synth, run
from benchmarks.corpus_synth import Article

from tests.paths import SEEDS


@pytest.fixture
def tiny_bbc(tmp_path: Path) -> Path:
    """A BBC-shaped folder (category/NNN.txt, line 1 the headline): the seeds, one exact duplicate, one Latin-1 file."""
    root = tmp_path / "bbc"
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip("seed articles not found")
    for number, seed in enumerate(seeds):
        folder = root / ("politics" if number % 2 else "world")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, folder / f"{number:03d}.txt")
    shutil.copy(seeds[0], root / "world" / "100.txt")
    (root / "business").mkdir()
    pound = "Pound rises against the dollar\n\nThe pound rose to \xa31.90. Traders were surprised. Markets rallied."
    (root / "business" / "001.txt").write_bytes(pound.encode("latin-1"))
    return root


@pytest.fixture
def articles(tiny_bbc: Path) -> list[Article]:
    return corpus_synth.read_articles(corpus_synth.bbc_files(tiny_bbc))


def test_reading_drops_exact_duplicates_and_reads_latin1(articles: list[Article]) -> None:
    assert len(articles) == 6  # 5 seeds + the Latin-1 file; the copy of seed 0 is dropped
    pound = next(article for article in articles if article.title.startswith("Pound"))
    assert "£1.90" in pound.text
    assert all(article.title and article.text for article in articles)


def test_replicas_have_new_titles_and_shuffled_sentences(articles: list[Article]) -> None:
    replicas = list(corpus_synth.replicate(articles, 20))
    assert len(replicas) == 20
    assert replicas[: len(articles)] == articles
    longest = max(range(len(articles)), key=lambda index: len(articles[index].text))
    copy = replicas[len(articles) + longest]
    assert copy.title == f"{articles[longest].title} (copy 1)"
    original = corpus_synth.sentences(articles[longest].text)
    assert len(original) > 10
    assert sorted(copy.text.split()) == sorted(articles[longest].text.split())
    assert corpus_synth.sentences(copy.text) != original
    assert len({replica.title for replica in replicas}) == 20
    assert list(corpus_synth.replicate(articles, 20)) == replicas  # seeded


def test_build_index_counts_every_replica_and_is_reused(articles: list[Article], tmp_path: Path) -> None:
    built = corpus_synth.build_index(articles, 40, tmp_path / "work")
    assert (built.docs, built.cached) == (40, False)
    again = corpus_synth.build_index(articles, 40, tmp_path / "work")
    assert (again.index_dir, again.docs, again.cached) == (built.index_dir, 40, True)


def test_queries_are_drawn_from_the_corpus(articles: list[Article]) -> None:
    words = run.word_queries(articles, 50)
    assert len(words) == 50 and words == run.word_queries(articles, 50)
    vocabulary = {word for article in articles for word in run.article_words(article)}
    assert all(1 <= len(query.split()) <= 3 and set(query.split()) <= vocabulary for query in words)
    prefixes = run.prefix_queries(articles, 50)
    assert all(query.endswith("*") and 2 <= len(query) - 1 <= 4 for query in prefixes)
    assert all(any(word.startswith(query[:-1]) for word in vocabulary) for query in prefixes)


def test_quantiles() -> None:
    values = [float(value) for value in range(1, 101)]
    random.Random(3).shuffle(values)
    assert run.quantile(values, 0.5) == pytest.approx(50.5)
    assert run.quantile(values, 0.95) == pytest.approx(95.05)
    assert run.quantile([7.0], 0.95) == 7.0


def test_search_latency_on_a_tiny_index(articles: list[Article], tmp_path: Path) -> None:
    built = corpus_synth.build_index(articles, 30, tmp_path / "work")
    report = run.measure_search(built.index_dir, run.word_queries(articles, 20), run.prefix_queries(articles, 20))
    assert report["docs"] == 30
    for kind in ("words", "prefix"):
        latency = report[kind]
        assert latency["queries"] == 20
        assert 0 < latency["p50_ms"] <= latency["p95_ms"] <= latency["max_ms"]
        assert latency["hit_rate"] > 0.5
    assert report["words"]["hit_rate"] == 1.0  # every word query comes from one article


def test_budgets_judge_only_numbers_at_scale() -> None:
    out = {
        "startup_ratio": 1.2,
        "search_p95_ms": 60.0,
        "prefix_p95_ms": 90.0,
        "search_scale_docs": 50_000,
        "ingest_overhead_ratio": "skipped: no model",
        "tui_rss_mb": 300.0,
        "writer_vs_bare_whoosh_ratio": 0.71,
        "cluster_speedup": 1.5,
    }
    assert run.budgets(out) == {
        "writer_vs_bare_whoosh_ratio>=0.7": True,
        "cluster_speedup>=1.7": False,
        "startup_ratio<=1.5": True,
        "search_p95_ms<=50@50k": False,
        "prefix_p95_ms<=100@50k": True,
        "ingest_overhead_ratio<=1.15": None,
        "tui_rss_mb<=250": False,
    }
    assert run.budgets({**out, "search_scale_docs": 20_000})["search_p95_ms<=50@50k"] is None


def test_sample_files_spreads_over_the_list() -> None:
    files = [Path(f"{number:04d}.txt") for number in range(1000)]
    sample = run.sample_files(files, 300)
    assert len(sample) == len(set(sample)) == 300
    assert sample[0] == files[0] and sample[-1] > files[990]
    assert run.sample_files(files, None) == files


def test_scales_choose_the_index_sizes_smallest_first() -> None:
    assert run.parse_args(["--json", "x", "--scales", "50000,2225"]).scales == (2225, 50_000)
    assert run.parse_args(["--json", "x"]).scales is None
    with pytest.raises(SystemExit):
        run.parse_args(["--json", "x", "--scales", "many"])


def test_missing_corpus_writes_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPLORE_BBC", str(tmp_path / "absent"))
    out = tmp_path / "out.json"
    assert run.main(["--quick", "--json", str(out)]) == 0
    assert "not found" in json.loads(out.read_text())["skipped"]


def test_bare_app_probe_reports_a_startup_time(tmp_path: Path) -> None:
    report = run.probe("bare", tmp_path)
    assert report.get("workers_finished") is True, report
    assert 0 < report["startup_s"] < 60


def test_startup_is_measured_with_explore_compiled_as_an_install_leaves_it() -> None:
    cached = Path(importlib.util.cache_from_source(str(run.ROOT / "tui" / "screens" / "main_screen.py")))
    cached.unlink(missing_ok=True)
    assert run.compile_app()
    assert cached.exists()


@pytest.mark.benchmark
def test_a_whole_run_on_the_tiny_corpus(tiny_bbc: Path, tmp_path: Path) -> None:
    mode = run.Mode(name="tiny", scales=(40,), queries=20, startup_runs=1, ingest_articles=3, ingest_runs=2)
    out = run.run(tiny_bbc, mode, tmp_path / "work", jobs=1, log=lambda _: None)
    assert out["search_scale_docs"] == 40
    assert out["index_mb"] > 0
    assert isinstance(out["startup_ratio"], float) and out["startup_ratio"] > 0, out["startup"]
    assert out["startup"]["bytecode"] == "compiled, as pip install does"
    assert out["memory"]["explore"]["search_via"] == "app-input"
    assert isinstance(out["tui_rss_mb"], float) and out["tui_rss_mb"] > 20
    assert out["ingest"]["articles"] == 3 and out["ingest_words_per_s"] > 0
    assert out["ingest_overhead_ratio"] > 0
    pairs = out["ingest"]["runs"]
    assert [pair["baseline_first"] for pair in pairs] == [False, True]  # in turn, so drift hits both sides
    assert out["ingest_overhead_ratio"] in [pair["overhead_ratio"] for pair in pairs]
