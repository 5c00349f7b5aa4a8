"""The time-expression patterns run only when a sentence has the clues they need (a digit, a month's name, "ago"...).
Skipping them must never change what is found: checked against running every pattern on every sentence of real
text, in its own case and in lower and upper case."""

from __future__ import annotations

import json
import re
from itertools import islice
from pathlib import Path

import pytest

from search.events import timex
from search.events.timex import find_timexes

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_BREAK.split(text) if part.strip()]


def _found(texts: list[str]) -> list[list[tuple[str, int, int, str]]]:
    return [[(t.text, t.start, t.end, t.kind) for t in find_timexes(text)] for text in texts]


def _assert_clues_change_nothing(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    texts = texts + [text.lower() for text in texts] + [text.upper() for text in texts]
    with_clues = _found(texts)
    monkeypatch.setattr(timex, "_NEEDS", {kind: frozenset() for kind in timex._NEEDS})
    every_pattern = _found(texts)
    assert sum(map(len, every_pattern)) > len(texts) // 20  # real text, with time expressions in it
    differing = [text for text, a, b in zip(texts, with_clues, every_pattern, strict=True) if a != b]
    assert differing == []


def test_every_pattern_names_its_clues() -> None:
    assert {kind for kind, _ in timex._PATTERNS} == set(timex._NEEDS)
    assert set().union(*timex._NEEDS.values()) <= set(timex._CLUES)


def test_clues_change_nothing_on_the_seeds(seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [s for path in seed_paths for s in _sentences(path.read_text(encoding="utf-8"))]
    _assert_clues_change_nothing(texts, monkeypatch)


def test_clues_change_nothing_on_bbc_and_wikinews(
    bbc_dir: Path, wikinews_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(bbc_dir.glob("*/*.txt"))[::10]  # 223 articles from every category
    texts = [s for path in files for s in _sentences(path.read_text(encoding="latin-1"))]
    with wikinews_path.open(encoding="utf-8") as lines:
        texts += [s for line in islice(lines, 300) for s in _sentences(json.loads(line)["text"])]
    _assert_clues_change_nothing(texts, monkeypatch)
