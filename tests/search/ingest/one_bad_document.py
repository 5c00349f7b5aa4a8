"""Helpers for the tests of issue 16 (one document never costs the others): a folder of good articles, each with a
word of its own, and the check that every one of them is searchable after a run."""

from __future__ import annotations

from pathlib import Path

from search.corpus import Corpus
from tests.paths import SEEDS

#: Good articles written by `good_folder`.
GOOD = 5


def marker(number: int) -> str:
    """The word only good article `number` holds."""
    return f"Quokkaword{number}"


def good_folder(folder: Path, count: int = GOOD) -> Path:
    """`count` good articles (the seeds, each with its own marker word) in `folder`, created if needed."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for number in range(count):
        text = seeds[number % len(seeds)].read_text(encoding="utf-8")
        text = text.replace("\n\n", f"\n\n{marker(number)} was there.\n\n", 1)
        (folder / f"good{number:02}.txt").write_text(text, encoding="utf-8")
    return folder


def assert_good_ones_searchable(index_dir: Path, count: int = GOOD) -> None:
    with Corpus(index_dir) as corpus:
        for number in range(count):
            hits = corpus.search(marker(number)).hits
            assert len(hits) == 1, f"good article {number} is not searchable"


def long_article(chars: int, *, single_line: bool = False, mark: str = "Wombatword") -> str:
    """A real-looking article of exactly `chars` characters: the seeds' paragraphs over and over (on one line when
    `single_line`), with `mark` near the start and at the end."""
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    paragraphs = [" ".join(p.split()) for text in seeds for p in text.split("\n\n") if p.strip()]
    sep = " " if single_line else "\n\n"
    head = f"A very long report{sep}{mark} opens it.{sep}"
    tail = f"{sep}{mark} closes it."
    parts = [head]
    size = len(head) + len(tail)
    number = 0
    while size < chars:
        paragraph = paragraphs[number % len(paragraphs)] + sep
        parts.append(paragraph)
        size += len(paragraph)
        number += 1
    body = "".join(parts)[: chars - len(tail)] + tail
    assert len(body) == chars
    return body
