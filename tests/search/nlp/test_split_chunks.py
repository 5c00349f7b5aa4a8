"""How a write group is cut into worker chunks (search.nlp.workers.split_chunks): full chunks while there is work
for every worker, smaller ones when a group (a run's last) is too small to keep them all busy, long articles alone."""

from __future__ import annotations

import pytest

from search.nlp import workers
from search.nlp.workers import CHUNK_DOCS, split_chunks


def _items(count: int, long_at: tuple[int, ...] = ()) -> list[tuple[str, str, str | None]]:
    return [
        (f"d{n}", "x" * (workers.PIECE_CHARS + 1) if n in long_at else "A short story.", None) for n in range(count)
    ]


@pytest.mark.parametrize(
    ("count", "workers_", "sizes"),
    [
        (200, 2, [CHUNK_DOCS] * 12 + [8]),  # a full group: full chunks
        (16, 2, [8, 8]),  # a run's last group: one chunk per worker, not one worker parsing it all
        (17, 2, [9, 8]),
        (3, 4, [1, 1, 1]),
        (16, 1, [16]),
        (40, 100, [1] * 40),
    ],
)
def test_a_group_gives_every_worker_a_share(count: int, workers_: int, sizes: list[int]) -> None:
    items = _items(count)
    chunks = split_chunks(items, workers_)
    assert [len(chunk) for chunk in chunks] == sizes
    assert [item for chunk in chunks for item in chunk] == items, "in order, every item once"


def test_a_long_article_is_alone_in_its_chunk() -> None:
    items = _items(6, long_at=(2,))
    assert [[doc_id for doc_id, _, _ in chunk] for chunk in split_chunks(items, 2)] == [
        ["d0", "d1"],
        ["d2"],
        ["d3", "d4", "d5"],
    ]
