"""The BBC News corpus: 2,225 files give 2,127 documents and 98 duplicates (ingest time without NLP printed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.corpus import Corpus
from tests.engine_helpers import add

CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")


@pytest.mark.volume
def test_bbc_duplicates_and_ingest_time(bbc_dir: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    summary = add(index_dir, [bbc_dir / name for name in CATEGORIES])
    print(f"\nBBC ingest without NLP: {summary.files_read} files in {summary.seconds:.1f} s")
    assert summary.files_read == 2225
    assert (summary.added, summary.duplicates, len(summary.skipped)) == (2127, 98, 0)
    with Corpus(index_dir) as corpus:
        assert corpus.count() == 2127
        multi = [doc for doc in corpus.summaries() if len(doc.paths) > 1]
        assert sum(len(doc.paths) - 1 for doc in multi) == 98
        pound = [doc for doc in corpus.summaries() if any(p.endswith("sport/199.txt") for p in doc.paths)]
        assert len(pound) == 1 and "£" in corpus.document(pound[0].id).body
