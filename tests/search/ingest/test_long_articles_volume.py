"""Long articles at their real sizes through `explore add` (issue 16), each beside good articles that must all be
searchable afterwards: 1,000,116 characters (just past spaCy's one-million limit) in paragraphs and on one line,
a 2.4 MB single line, and a 50 MB article. Minutes each on two cores (the 50 MB one: about an hour and a half),
so marked volume: run with `-m volume`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.engine_helpers import run
from tests.search.ingest.one_bad_document import assert_good_ones_searchable, good_folder, long_article

pytestmark = [pytest.mark.volume, pytest.mark.usefixtures("isolated_config")]


@pytest.mark.parametrize(
    ("chars", "single_line"),
    [(1_000_116, False), (1_000_116, True), (2_400_000, True), (50_000_000, False)],
    ids=["1000116-paragraphs", "1000116-one-line", "2.4MB-one-line", "50MB"],
)
def test_a_long_article_beside_good_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nlp: Any, chars: int, single_line: bool
) -> None:
    folder = good_folder(tmp_path / "articles")
    body = long_article(chars, single_line=single_line)
    assert len(body) == chars and (("\n" in body) != single_line)
    (folder / "long.txt").write_text(body, encoding="utf-8")
    del body
    index = tmp_path / "index"
    code, out, err = run(capsys, "--index", str(index), "add", str(folder), "--jobs", "1", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["added"], summary["annotated"], summary["skipped"], summary["annotation_failed"]) == (6, 6, [], [])
    assert_good_ones_searchable(index)
    code, out, _ = run(capsys, "--index", str(index), "search", "wombatword", "--json")
    [hit] = json.loads(out)["hits"]
    code, out, _ = run(capsys, "--index", str(index), "show", hit["id"], "--json")
    shown = json.loads(out)
    assert shown["entities"] and shown["events"], "the long article has its entities and events"
