"""Queries scored over arrays give Whoosh's own answer: the same hits in the same order, the same scores and the
exact count, on BBC articles in several segments, with deleted documents."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from whoosh import collectors
from whoosh import query as wq

from search.corpus import Corpus
from search.index import merge_policy
from search.index.array_scoring import FieldLengths, array_top, is_array_scorable
from search.index.prefix_union import PrefixUnion
from search.ingest import pipeline as ingest
from tests.engine_helpers import add

QUERIES = [
    "th*", "in*", "go*", "pl*", "res*", "mar*", "elec*", "qu*", "z*", "zzq*",  # prefixes, one with no term
    "said", "year", "government", "film", "zzqx",  # words, common to absent
    "said year", "people film music", "blair brown -election", "game NOT win*", "uk OR us", "(film OR music) award",
    "title:game", "body:election", "tony blair", "labour elec*", "market -shares -oil",
]  # fmt: skip


@pytest.fixture(scope="module")
def bbc_index(tmp_path_factory: pytest.TempPathFactory, bbc_dir: Path) -> Path:
    """150 BBC articles added in three runs (several segments), then 10 of them edited (their old versions deleted)."""
    files = random.Random(21).sample(sorted(bbc_dir.rglob("*.txt")), 150)
    folder = tmp_path_factory.mktemp("bbc")
    for path in files:
        shutil.copy(path, folder / f"{path.parent.name}-{path.name}")
    copies = sorted(folder.glob("*.txt"))
    index_dir = folder / "index"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest, "compact", lambda ix, written: 0)  # keep each run's segment, and the deletions in them
        patch.setattr(merge_policy, "FLOOR_FACTOR", 1_000)
        for part in (copies[:50], copies[50:100], copies[100:]):
            add(index_dir, part)
        for path in copies[::15]:
            text = path.read_text(encoding="utf-8", errors="replace")
            path.write_text(text + "\n\nCorrection zqxjkv added.\n", encoding="utf-8")
        add(index_dir, copies)
    return index_dir


def _whoosh_top(corpus: Corpus, query: wq.Query, limit: int) -> tuple[list[tuple[int, float]], int]:
    collector = collectors.TopCollector(limit, usequality=False, replace=0)
    searcher = corpus.engine._searcher
    searcher.search_with_collector(query, collector)
    results = collector.results()
    return [(hit.docnum, hit.score) for hit in results], len(results)


@pytest.mark.parametrize("limit", [1, 7, 20])
def test_array_scoring_ranks_and_counts_as_whoosh_does(bbc_index: Path, limit: int) -> None:
    with Corpus(bbc_index) as corpus:
        searcher = corpus.engine._searcher
        assert searcher.reader().has_deletions() and len(searcher.leaf_searchers()) > 1
        lengths = FieldLengths()
        for text in QUERIES:
            query = corpus.engine.parse(text).query
            top = array_top(searcher, query, limit, lengths)
            assert top is not None, text
            expected, total = _whoosh_top(corpus, query, limit)
            assert top.total == total, text
            assert [docnum for docnum, _ in top.ranked] == [docnum for docnum, _ in expected], text
            assert [score for _, score in top.ranked] == pytest.approx([score for _, score in expected]), text


def test_engine_search_takes_the_array_path_and_skips_deleted_documents(bbc_index: Path) -> None:
    with Corpus(bbc_index) as corpus:
        result = corpus.search("th*", limit=200)
        ids = [hit.id for hit in result.hits]
        assert result.total_is_exact and result.total == len(ids) == corpus.count()  # "the": in every article
        assert len(set(ids)) == len(ids)
        assert set(ids) == {summary.id for summary in corpus.summaries()}  # no deleted version listed
        corrected = corpus.search("zqxjkv", limit=50)
        assert corrected.total == 10 and len(corrected.hits) == 10  # the edited articles, each once


def test_field_lengths_are_the_lengths_whoosh_scores_with(bbc_index: Path) -> None:
    with Corpus(bbc_index) as corpus:
        lengths = FieldLengths()
        for leaf, _ in corpus.engine._searcher.leaf_searchers():
            reader = leaf.reader()
            for fieldname in ("title", "body", "person"):
                expected = [reader.doc_field_length(docnum, fieldname, 0) or 0 for docnum in range(reader.doc_count())]
                assert lengths.of(reader, fieldname)[: reader.doc_count()].tolist() == expected


def test_only_queries_of_words_prefixes_and_booleans_are_scored_over_arrays() -> None:
    words = wq.Or([wq.Term("title", "korea"), wq.Term("body", "korea")])
    prefix = PrefixUnion([wq.Term("words", "the"), wq.Term("words", "then")])
    assert is_array_scorable(words) and is_array_scorable(prefix)
    assert is_array_scorable(wq.And([words, prefix, wq.Not(wq.Term("body", "japan"))]))
    assert is_array_scorable(wq.AndNot(words, prefix))
    assert not is_array_scorable(wq.Phrase("body", ["prime", "minist"]))
    assert not is_array_scorable(wq.And([words, wq.Phrase("body", ["prime", "minist"])]))
    assert not is_array_scorable(wq.And([wq.Not(words)]))  # nothing positive to score
    assert not is_array_scorable(wq.Or([words, prefix], minmatch=2))
    assert not is_array_scorable(wq.DateRange("date", None, None))
