"""Property tests: any query string gives results or a clear QueryError; any bytes as a file give a document or
a skip reason. Profiles ("ci", "nightly") come from tests/hypothesis_profiles.py via HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.corpus import Corpus
from search.index.query import QueryError
from search.ingest.discover import FoundFile
from search.ingest.readers import FileReadError, read_file
from search.store import Store
from tests import hypothesis_profiles  # noqa: F401  (registers and loads the profile)
from tests.engine_helpers import add
from tests.paths import SEEDS

_QUERY_PIECES = ["title:", "date:", "OR", "NOT", "AND", "TO", "person:", "date:>", "date:[2019 TO 2020]", "nosuch:"]
QUERY_ALPHABET = st.sampled_from([*"abcdeAB019 \"()[]*:-+^~?\\/.,'<>=\x00\x1b\u00e9\u2028", *_QUERY_PIECES])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    index_dir = tmp_path_factory.mktemp("fuzz") / "index"
    add(index_dir, [SEEDS])
    with Corpus(index_dir) as opened:
        yield opened


@given(st.one_of(st.text(max_size=60), st.lists(QUERY_ALPHABET, max_size=12).map("".join)))
def test_any_query_gives_results_or_a_clear_error(corpus: Corpus, text: str) -> None:
    try:
        result = corpus.search(text, limit=5)
    except QueryError as error:
        message = str(error)
        assert message and "\n" not in message
        return
    assert result.total >= len(result.hits)


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "json"])
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=600).map(str.encode)))
def test_any_bytes_give_a_document_or_a_reason(fmt: str, data: bytes) -> None:
    found = FoundFile(f"/fuzz/file.{fmt}", fmt, len(data), 0)
    try:
        result = read_file(found, data)
    except FileReadError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert result.records
    for record in result.records:
        assert record.text.strip()
        assert "\x00" not in record.text and "\x1b" not in record.text and "\r" not in record.text
    assert all(problem and "\n" not in problem for problem in result.problems)


def test_any_bytes_through_ingest(tmp_path: Path) -> None:
    """A handful of hostile files through the whole ingest: each file is a document or a skip."""
    folder = tmp_path / "fuzz"
    folder.mkdir()
    samples = [b"\xff\xfe\x00", b"\x00" * 100, b"{" * 5000, b"<html>" * 1000, bytes(range(256)), b"ok text here"]
    for number, sample in enumerate(samples):
        for ext in ("txt", "html", "jsonl"):
            (folder / f"{number}.{ext}").write_bytes(sample)
    summary = add(tmp_path / "index", [folder])
    skipped = {skip.path for skip in summary.skipped}
    store = Store(tmp_path / "index" / "documents.sqlite")
    try:
        indexed = set(store.files())
    finally:
        store.close()
    assert indexed | skipped == {str(path) for path in folder.iterdir()}
    assert indexed and skipped
