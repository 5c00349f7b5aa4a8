"""Pieces of a long text (search.nlp.pieces): they cover the text exactly, none is longer than the limit, and cuts
fall at paragraphs, then line breaks, then sentence ends, then spaces; hard only where there is none."""

from __future__ import annotations

import pytest

from search.nlp.pieces import pieces


def _texts(text: str, limit: int) -> list[str]:
    spans = pieces(text, limit)
    assert "".join(text[start:end] for start, end in spans) == text
    assert all(start < end or len(text) == 0 for start, end in spans)
    assert all(end - start <= limit for start, end in spans)
    assert [start for start, _ in spans[1:]] == [end for _, end in spans[:-1]]
    return [text[start:end] for start, end in spans]


def test_short_text_is_one_piece() -> None:
    assert pieces("", 10) == [(0, 0)]
    assert pieces("A short article.", 100) == [(0, 16)]


def test_cut_after_a_paragraph_before_a_sentence() -> None:
    paragraph = "The minister spoke. Then she left for Delhi on Tuesday. " * 3
    text = "\n\n".join([paragraph.strip()] * 6)
    for piece in _texts(text, 400)[:-1]:
        assert piece.endswith("\n\n")


def test_cut_at_a_sentence_when_a_line_has_no_paragraphs() -> None:
    text = " ".join(f"Sentence number {n} ends here." for n in range(500))
    assert "\n" not in text
    for piece in _texts(text, 1000)[:-1]:
        assert piece.endswith(". ")


def test_cut_at_a_space_then_hard() -> None:
    words = " ".join(["word"] * 1000)
    assert all(piece.endswith(" ") for piece in _texts(words, 333)[:-1])
    letters = "x" * 2500
    assert [len(piece) for piece in _texts(letters, 1000)] == [1000, 1000, 500]


def test_hard_cut_keeps_a_letter_with_its_accent() -> None:
    text = "e\u0301" * 1000  # e + combining acute accent
    for piece in _texts(text, 101):
        assert not piece.startswith("\u0301")


def test_limit_must_allow_a_piece() -> None:
    with pytest.raises(ValueError):
        pieces("text", 1)
