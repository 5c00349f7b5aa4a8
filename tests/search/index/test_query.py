"""The query language on the seed articles: AND, phrases, OR, NOT, prefixes, fields, dates, and errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from search.corpus import Corpus
from search.index.query import PREFIX_LIMIT, QueryError
from tests.engine_helpers import add
from tests.paths import SEEDS

# Seed documents by file, to name expected hits.
S000, S001, S002, S003, S004 = (
    "000_9699eda67973eca3",
    "001_9ab57d95e1388eab",
    "002_28b6f37ceb517a93",
    "003_8a208b8c6a59272c",
    "004_278f6c5eeedf8e69",
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    index_dir = tmp_path_factory.mktemp("query") / "index"
    add(index_dir, [SEEDS])
    with Corpus(index_dir) as opened:
        yield opened


def hits(corpus: Corpus, query: str) -> set[str]:
    """The seed files (stems) whose documents match `query`."""
    result = corpus.search(query, limit=50)
    assert result.total == len(result.hits)
    return {Path(hit.summary.paths[0]).stem for hit in result.hits}


def test_words_and_by_default(corpus: Corpus) -> None:
    assert hits(corpus, "Japan") == {S003}
    assert hits(corpus, "Wook") == {S001, S004}
    assert hits(corpus, "Wook excellent") == {S004}
    assert hits(corpus, "Japan Wook") == set()


def test_stemming(corpus: Corpus) -> None:
    assert hits(corpus, "tweeted") == hits(corpus, "tweet") | hits(corpus, "tweeted")
    assert S002 in hits(corpus, "tweets")


def test_exact_phrase(corpus: Corpus) -> None:
    assert hits(corpus, '"joint production"') == {S000, S001, S004}
    assert hits(corpus, '"production joint"') == set()
    assert hits(corpus, '"Special Strategic Partnership"') == {S002}


def test_or(corpus: Corpus) -> None:
    assert hits(corpus, "Japan OR Wook") == {S001, S003, S004}


def test_not_and_minus(corpus: Corpus) -> None:
    assert hits(corpus, "Korea") == {S000, S001, S002, S003, S004}
    assert hits(corpus, "Korea NOT Japan") == {S000, S001, S002, S004}
    assert hits(corpus, "Korea -Japan") == {S000, S001, S002, S004}
    assert hits(corpus, "Korea -Wook -Japan") == {S000, S002}


def test_hyphenated_word_is_not_a_not(corpus: Corpus) -> None:
    assert hits(corpus, "Kyeong-Doo") == {S000, S002}
    assert hits(corpus, "Korea Kyeong-Doo") == {S000, S002}  # a NOT would have given 001, 003, 004


def test_prefix_is_unstemmed(corpus: Corpus) -> None:
    assert hits(corpus, "defen*") == {S000, S001, S002, S003, S004}
    # "discussions" stems to "discuss": only an unstemmed prefix can match the whole typed word
    assert hits(corpus, "discussions*") == {S000, S001, S002, S004}  # not 003, which only has "discuss"
    assert hits(corpus, "kyeongd*") == {S002}  # Kyeongdoo, spelled once without the hyphen
    assert corpus.search("defen*").truncated_prefixes == ()


def test_fields(corpus: Corpus) -> None:
    assert hits(corpus, "title:Japan") == {S003}
    assert hits(corpus, "title:excellent") == {S004}
    assert hits(corpus, "title:Wook") == set()  # in the body, not the title
    assert hits(corpus, "source:Udayavani") == {S001}
    assert hits(corpus, 'source:"PSU Watch"') == {S000}


def test_dates(corpus: Corpus) -> None:
    assert hits(corpus, "date:2019") == {S003}
    assert hits(corpus, "date:2019-09") == {S003}
    assert hits(corpus, "date:2019-09-06") == {S003}
    assert hits(corpus, "date:[2019-09-01 TO 2019-09-30]") == {S003}
    assert hits(corpus, "date:[2021-03-27 TO 2021-03-31]") == {S001}
    assert hits(corpus, "date:>2020") == {S001, S004}
    assert hits(corpus, "date:2021 Wook") == {S001, S004}
    assert hits(corpus, "date:2020") == set()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("colour:red", "unknown field 'colour'"),
        ('"bilateral defence', "unbalanced quote"),
        ("(Korea OR Japan", "unbalanced parenthesis"),
        ("Korea)", "unbalanced parenthesis"),
        ("date:2019-13", "cannot read a date"),
        ("date:yesterday", "cannot read a date"),
        ("date:[2019 TO 2020", "unbalanced brackets"),
        ("title:", "nothing after title"),
    ],
)
def test_malformed_queries(corpus: Corpus, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(")) as caught:
        corpus.search(query)
    assert "\n" not in str(caught.value)


def test_snippet_marks_terms(corpus: Corpus) -> None:
    (hit,) = corpus.search("Takeshi").hits
    assert "**Takeshi**" in hit.snippet.marked()
    (hit,) = corpus.search("kyeongd*").hits
    assert "**Kyeongdoo**" in hit.snippet.marked()


def test_sort_by_date(corpus: Corpus) -> None:
    dates = [hit.summary.metadata.date for hit in corpus.search("Korea", sort="date", limit=10).hits]
    assert dates[:3] == ["2021-03-28", "2021-03-26", "2019-09-06"]
    assert dates[3:] == [None, None]


def test_empty_query_is_everything_newest_first(corpus: Corpus) -> None:
    result = corpus.search("", limit=10)
    assert result.total == 5
    assert result.hits[0].summary.metadata.date == "2021-03-28"


def test_prefix_expansion_is_bounded(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    extra = PREFIX_LIMIT + 36
    words = [f"zyx{index:03d}" for index in range(extra)]
    for number, chunk in enumerate(range(0, extra, 10)):
        text = f"Word list {number}\n\nThe list holds " + " ".join(words[chunk : chunk + 10]) + " and more.\n"
        (folder / f"{number:02d}.txt").write_text(text)
    # one word in every document: the most frequent term must survive the cut
    (folder / "common.txt").write_text("Common\n\nOnly the common words zyx000 live here.\n")
    index_dir = tmp_path / "index"
    add(index_dir, [folder])
    with Corpus(index_dir) as corpus:
        result = corpus.search("zyx*", limit=50)
        assert result.truncated_prefixes == ("zyx*",)
        assert any(Path(hit.summary.paths[0]).name == "common.txt" for hit in result.hits)
        assert 0 < result.total <= corpus.count()
        assert corpus.search("zyx00*").truncated_prefixes == ()
        assert corpus.search("zyx00*").total == 2  # 00.txt and common.txt


def test_long_lived_engine_sees_replaced_documents(tmp_path: Path) -> None:
    """The app keeps one searcher: after a re-add, the replaced text must not be found any more."""
    folder = tmp_path / "docs"
    folder.mkdir()
    story = folder / "story.txt"
    story.write_text("Storm story\n\nThe storm flattened the aardvark enclosure.\n")
    index_dir = tmp_path / "index"
    add(index_dir, [folder])
    with Corpus(index_dir) as corpus:
        assert corpus.search("aardvark").total == 1
        story.write_text("Storm story\n\nThe storm flattened the pangolin enclosure.\n")
        add(index_dir, [folder])
        assert corpus.search("aardvark").total == 0
        assert corpus.search("pangolin").total == 1
        assert corpus.count() == 1


def test_engine_on_an_empty_index(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    index_dir = tmp_path / "index"
    add(index_dir, [folder])
    with Corpus(index_dir) as corpus:
        assert corpus.search("anything").total == 0
        (folder / "a.txt").write_text("First\n\nThe first quokka arrives.\n")
        add(index_dir, [folder])
        assert corpus.search("quokka").total == 1


@pytest.mark.parametrize("query", ["*", "body:*", "title:*", "**", "korea OR *", "(*)"])
def test_a_bare_star_is_every_article_newest_first_from_the_store(
    corpus: Corpus, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`*` walked every word of the field in Whoosh (22-50 s at 100,000 articles): the store answers it now."""
    engine = corpus.engine
    engine.forget_results()

    def walked(*args: object, **kwargs: object) -> None:
        raise AssertionError("Whoosh searched every term for `*`")

    monkeypatch.setattr(engine._searcher, "search", walked)
    monkeypatch.setattr(engine._searcher, "search_with_collector", walked)
    result = corpus.search(query, limit=3)
    newest = corpus.search("", limit=3)
    assert result.total == 5 and result.total_is_exact
    assert [hit.id for hit in result.hits] == [hit.id for hit in newest.hits]


def test_a_star_beside_words_adds_nothing(corpus: Corpus) -> None:
    """Whoosh's normalize() let an Every swallow an And: `Takeshi *` listed every article."""
    assert hits(corpus, "Takeshi *") == hits(corpus, "Takeshi") != hits(corpus, "*")
    assert hits(corpus, "title:* Takeshi") == hits(corpus, "Takeshi")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("person:*", "person:* would match every article with any person"),
        ("date:[TO]", "a date range needs a date"),
        ('date:"TO"', "cannot read a date: write it without quotes"),
        ('korea -def*}date:"">', "cannot read a date"),
        ('{source:date:"korea"^', "cannot read a date"),
        ('date:Title:"x=Title:"', "cannot read a date"),
        ("*ing", "'*ing': a pattern must start with a letter"),
        ("korea body:?orea", "'?orea': a pattern must start with a letter"),
        ("<>", "cannot read the query: AND, OR and NOT need a word"),
        ("a NOT NOT b", "cannot read the query: AND, OR and NOT need a word"),
        pytest.param("NOT " * 200 + "a", "cannot read the query", id="200 NOTs"),
        ("date:[2019-01-01T00 TO 2020]", "cannot read a date"),
        pytest.param("(" * 400 + "a" + ")" * 400, "too many parentheses inside each other", id="nested"),
        pytest.param("a" * 100_000, "the query is 100,000 characters long: at most 1,000 are read", id="long"),
    ],
)
def test_query_errors_never_name_internal_exceptions(corpus: Corpus, query: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        corpus.search(query)
    said = str(caught.value)
    assert message in said and "\n" not in said
    assert not any(name in said for name in ("Exception", "Error", "IndexError", "RecursionError"))


def test_a_phrase_in_a_field_without_positions_matches_its_words(corpus: Corpus) -> None:
    """Whoosh failed at search time ("Phrase search: 'url' field has no positions"), blamed on the search index."""
    assert hits(corpus, 'url:"example com"') == set()
    assert hits(corpus, 'url:"/*a{NOT-"') == set()


def test_an_open_date_range_may_say_star(corpus: Corpus) -> None:
    assert hits(corpus, "date:[* TO 2020]") == hits(corpus, "date:[TO 2020]") == {S003}
    assert hits(corpus, "date:[2021 TO *]") == hits(corpus, "date:>2020") == {S001, S004}


def test_random_queries_work_or_say_why_in_words(corpus: Corpus) -> None:
    """Queries made of the language's pieces at random: each is answered or refused with a QueryError in words (a
    query Whoosh failed on at search time was reported as a damaged search index)."""
    import random

    atoms = ["korea", "india", '"', "(", ")", "*", "?", "-", "OR", "AND", "NOT", "or", "title:", "date:", "person:",
             "[", "]", "TO", "2019", ">", "<", "^", "~", ":", " ", " ", "{", "}", "\\", "'", "/", "source:", "url:",
             "2021-03", "*a", "def*", "Title:", "x", "."]  # fmt: skip
    chance = random.Random(5)
    for _ in range(3000):
        query = "".join(chance.choice(atoms) for _ in range(chance.randint(1, 9)))
        try:
            corpus.search(query, limit=3)
        except QueryError as error:
            said = str(error)
            assert "Error" not in said and "Exception" not in said and "\n" not in said, (query, said)
