"""The fast paths of search give the answers of the slow ones: the prefix table, prefix unions, the result cache,
estimated counts and the snippet scanner, on the seed articles and (when present) BBC articles."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import query as wq
from whoosh.analysis import StemmingAnalyzer

from search.corpus import Corpus
from search.index import searcher as searching
from search.index.prefix_table import TERMS_PER_PREFIX, table_rows
from search.index.prefix_union import PrefixUnion
from search.index.snippets import MatchTerms, make_snippet, match_spans
from search.index.writer import open_index
from tests.engine_helpers import add
from tests.paths import CORPORA, SEEDS

BBC = CORPORA / "bbc-news"


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_ingest_builds_the_prefix_table_for_the_latest_generation(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    add(index_dir, [SEEDS])
    with Corpus(index_dir) as corpus:
        ix = open_index(index_dir / "search")
        assert corpus.store.prefix_table_generation() == ix.latest_generation()
        with ix.reader() as reader:
            for prefix in ("go", "gov", "sta"):
                terms = corpus.store.prefix_terms(prefix)
                assert terms, prefix
                live = [term.decode() for term in reader.expand_prefix("words", prefix)]
                assert {term for term, _ in terms} <= set(live)
                assert len(terms) == min(len(live), TERMS_PER_PREFIX + 1)
                for term, frequency in terms:
                    assert frequency == reader.doc_frequency("words", term)
                assert [f for _, f in terms] == sorted((f for _, f in terms), reverse=True)
        ix.close()


def test_search_uses_the_table_only_for_the_index_it_describes(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    add(index_dir, [SEEDS])
    with Corpus(index_dir) as corpus:
        assert corpus.search("gov*").total > 0
        generation = corpus.store.prefix_table_generation()
        assert generation is not None
        # a table naming one term for "go": the engine expands to exactly that term
        corpus.store.replace_prefix_table(generation, [("go", [("government", 1)])])
        corpus.engine.forget_results()
        assert corpus.engine.parse("go*").query == PrefixUnion([wq.Term("words", "government")])
        # a table of another generation is ignored: the prefix expands live, to more terms
        corpus.store.replace_prefix_table(generation - 1, [("go", [("government", 1)])])
    with Corpus(index_dir) as corpus:
        assert isinstance(corpus.engine.parse("go*").query, PrefixUnion)
        assert len(list(corpus.engine.parse("go*").query.leaves())) > 1


def test_prefix_union_matches_what_a_plain_union_matches(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    add(index_dir, [SEEDS])
    with Corpus(index_dir) as corpus:
        searcher = corpus.engine._searcher
        for text in ("co*", "st*", "st* OR ja*", "minister st*"):
            parsed = corpus.engine.parse(text).query
            plain = _plain(parsed)
            assert plain != parsed, text  # the query holds a PrefixUnion
            fast = {hit["id"] for hit in searcher.search(parsed, limit=None)}
            slow = {hit["id"] for hit in searcher.search(plain, limit=None)}
            assert fast == slow and fast, text
            assert corpus.search(text).total == len(slow)


def _plain(query: wq.Query) -> wq.Query:
    if isinstance(query, PrefixUnion):
        return wq.Or(list(query.subqueries))
    return query if query.is_leaf() else query.apply(_plain)


def test_table_rows_keep_the_most_frequent_terms(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    for number, words in enumerate(("qwerty0 qwertyall", "qwerty0 qwerty1 qwertyall", "qwerty2 qwertyall")):
        _write(folder, f"{number}.txt", f"Doc {number}\n\nThese words appear: {words}.\n")
    index_dir = tmp_path / "index"
    add(index_dir, [folder])
    ix = open_index(index_dir / "search")
    with ix.reader() as reader:
        rows = dict(table_rows(reader, keep=2))
    ix.close()
    assert rows["qw"] == [("qwertyall", 3), ("qwerty0", 2)]
    assert rows["q"] == rows["qw"] and "qwert" not in rows


def test_cache_answers_again_and_forgets_after_a_write(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    _write(folder, "a.txt", "Zebras\n\nThe zebrafish swam past a zebra.\n")
    index_dir = tmp_path / "index"
    add(index_dir, [folder])
    with Corpus(index_dir) as corpus:
        first = corpus.search("zebra*")
        again = corpus.search("zebra*")
        assert again.hits == first.hits and again.total == first.total == 1
        _write(folder, "b.txt", "More zebras\n\nA zebra herd crossed.\n")
        add(index_dir, [folder])
        after = corpus.search("zebra*")
        assert after.total == 2
        assert corpus.search("herd").total == 1


def test_large_counts_are_estimates_and_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = tmp_path / "index"
    add(index_dir, [SEEDS])
    with Corpus(index_dir) as corpus:
        phrase = '"south korea"'  # a phrase: scored by Whoosh, not over arrays
        exact = corpus.search(phrase, limit=1)
        assert exact.total_is_exact and exact.total == 5
        monkeypatch.setattr(searching, "SCORE_ALL_UP_TO", 0)  # every Whoosh query takes the block-skipping search
        corpus.engine.forget_results()
        assert corpus.search(phrase, limit=1).total_is_exact  # five matches: within the sample, counted
        monkeypatch.setattr(searching, "COUNT_SAMPLE", 4)
        corpus.engine.forget_results()
        estimated = corpus.search(phrase, limit=1)
        assert not estimated.total_is_exact and len(estimated.hits) == 1
        assert estimated.total == 5  # five matches found over the whole index: the extrapolation is exact here
        corpus.engine.forget_results()
        assert corpus.search('"said that"').total_is_exact  # one match: counted
        assert corpus.search("the").total_is_exact  # a word: scored over arrays, always counted


@pytest.fixture(scope="module")
def bbc_sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 BBC articles, indexed without annotation."""
    files = sorted(BBC.rglob("*.txt")) if BBC.is_dir() else []
    if not files:
        pytest.skip("BBC corpus not found")
    index_dir = tmp_path_factory.mktemp("bbc") / "index"
    add(index_dir, random.Random(9).sample(files, 300))
    return index_dir


@pytest.mark.parametrize("limit", [1, 5, 20])
@pytest.mark.parametrize("scorer", ["arrays", "whoosh"])
def test_exact_counts_count_every_match_on_bbc_articles(
    bbc_sample_index: Path, monkeypatch: pytest.MonkeyPatch, limit: int, scorer: str
) -> None:
    if scorer == "whoosh":  # every query through Whoosh's collector, as phrases and date ranges go
        monkeypatch.setattr(searching, "array_top", lambda *args: None)
    queries = ["year", "said", "people", "government", "film", "year people", "music best", "game win*", "uk OR us"]
    queries += ['"last year"', '"the government"', '"said the"', 'film "best actor"']  # phrases: Whoosh scores them
    with Corpus(bbc_sample_index) as corpus:
        for query in queries:
            result = corpus.search(query, limit=limit)
            assert result.total_is_exact, query
            assert result.total == len(corpus.matching_ids(query)), query


def _bbc_texts(count: int) -> list[str]:
    files = sorted(BBC.rglob("*.txt")) if BBC.is_dir() else []
    if not files:
        pytest.skip("BBC corpus not found")
    return [path.read_text(encoding="utf-8", errors="replace") for path in random.Random(3).sample(files, count)]


def test_match_spans_agree_with_the_index_analyzer_on_bbc_text() -> None:
    analyzer = StemmingAnalyzer(stoplist=None)
    rng = random.Random(5)
    for text in _bbc_texts(60):
        stems = [token.text for token in analyzer(text)]
        terms = MatchTerms(frozenset(rng.sample(stems, 3)), frozenset(w.lower() for w in rng.sample(text.split(), 2)))
        expected = [
            (token.startchar, token.endchar)
            for token in analyzer(text, chars=True, keeporiginal=True, removestops=False)
            if token.text in terms.stems or token.original.lower() in terms.words
        ]
        assert match_spans(text, terms) == expected


def test_snippet_of_a_long_body_shows_a_late_match() -> None:
    body = "Filler words here. " * 600 + "The rare okapi appears at last."
    snippet = make_snippet(body, MatchTerms(frozenset(), frozenset({"okapi"})))
    assert "okapi" in snippet.text and snippet.spans
