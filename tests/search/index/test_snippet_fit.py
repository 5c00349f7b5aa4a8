"""Snippets fitted to the width a results pane gives them: the first matched word is in view, near the middle.

Issue 19: in a narrow pane `Blair` showed "…for May, angry Labour MPs this …", the match cut off. The snippet is
chosen for SNIPPET_CHARS characters; `Snippet.fit(width)` re-cuts it around its first match for a narrower view.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.index.snippets import MatchTerms, Snippet, make_snippet

BLAIR = MatchTerms(frozenset({"blair"}), frozenset())


def _matched(snippet: Snippet) -> list[str]:
    return [snippet.text[start:end] for start, end in snippet.spans]


@pytest.mark.parametrize("width", [20, 30, 40, 60, 100])
def test_the_first_match_is_in_view_and_centred_on_bbc_politics(bbc_dir: Path, width: int) -> None:
    for number in ("001", "002", "005", "013"):
        body = (bbc_dir / "politics" / f"{number}.txt").read_text(encoding="utf-8")
        snippet = make_snippet(body, BLAIR)
        assert snippet.spans[0][0] > 40  # the 220-character snippet starts well before its first match
        fitted = snippet.fit(width)
        assert len(fitted.text) <= width
        assert fitted.spans and _matched(fitted)[0] == "Blair", fitted.text
        start, end = fitted.spans[0]
        middle = (start + end) / 2
        assert abs(middle - len(fitted.text) / 2) <= width / 4, (fitted.text, fitted.spans)
        assert fitted.text.startswith("…")
        core = fitted.text.strip("…")
        assert core in " ".join(snippet.text.split()), "cut from the snippet's own text"


def test_cut_at_word_boundaries_with_single_spaces() -> None:
    snippet = Snippet(
        "…the party said.  Prime Minister Tony Blair has yet to name the date of the election…", ((38, 43),)
    )
    fitted = snippet.fit(30)
    assert fitted.text == "…Minister Tony Blair has yet…"
    assert _matched(fitted) == ["Blair"]
    assert fitted.marked() == "…Minister Tony **Blair** has yet…"


def test_later_matches_in_view_keep_their_marks() -> None:
    text = "Blair and Brown met; Blair left first while the rest of the cabinet stayed on for lunch and talks"
    snippet = Snippet(text, ((0, 5), (21, 26)))
    fitted = snippet.fit(40)
    assert fitted.text.startswith("Blair and Brown") and _matched(fitted) == ["Blair", "Blair"]


def test_a_snippet_that_fits_is_unchanged_and_one_without_matches_keeps_its_start() -> None:
    snippet = Snippet("Tony Blair spoke.", ((5, 10),))
    assert snippet.fit(80) == snippet
    plain = Snippet("No match in this rather long passage of plain article text at all", ())
    assert plain.fit(20) == Snippet("No match in this…", ())


def test_a_word_longer_than_the_width_is_cut_and_still_marked() -> None:
    snippet = Snippet("see Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch station", ((4, 62),))
    fitted = snippet.fit(12)
    assert len(fitted.text) <= 12 and fitted.spans and fitted.text[fitted.spans[0][0]] == "L"
    assert Snippet("Blair", ((0, 5),)).fit(0) == Snippet("", ())


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.text(alphabet="ab …\n", min_size=1, max_size=9), min_size=1, max_size=40),
    width=st.integers(min_value=1, max_value=80),
)
def test_any_snippet_fits_its_width_and_keeps_its_first_match(words: list[str], width: int) -> None:
    text = " ".join(words)
    found = [m.span() for m in re.finditer(r"b+", text)]
    snippet = Snippet(text, tuple(found))
    fitted = snippet.fit(width)
    assert len(fitted.text) <= width
    assert all(0 <= s < e <= len(fitted.text) and set(fitted.text[s:e]) == {"b"} for s, e in fitted.spans)
    if found and len(text) > width and width > 2:
        assert fitted.spans, (text, fitted)
