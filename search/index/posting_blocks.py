"""Reading one Whoosh posting list into arrays: its document numbers and weights (term frequencies).

Whoosh's own posting reader gives them a block at a time, ten times faster than a step per posting; any other
matcher is read step by step. Deleted documents stay in (callers mask them): a segment with deletions wraps its
posting reader in a filter, which is unwrapped here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader


def term_postings(reader: IndexReader, fieldname: str, text: str) -> tuple[Any, Any]:
    """Document numbers (int64) and weights (float64) of one term in one segment; empty when it is not there."""
    if (fieldname, text) not in reader:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return postings_arrays(reader.postings(fieldname, text))


def postings_arrays(matcher: Any) -> tuple[Any, Any]:
    """Document numbers (int64) and weights (float64) of the posting list a matcher reads."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if all(hasattr(matcher, name) for name in ("_read_ids", "_read_weights", "_next_block", "_ids", "_weights")):
        return _blocks(matcher)
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64)


def _blocks(matcher: Any) -> tuple[Any, Any]:
    ids: list[Iterable[int]] = []
    weights: list[Iterable[float]] = []
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        ids.append(matcher._ids)
        weights.append(matcher._weights)
        matcher._next_block()
    return _flat(ids, np.int64), _flat(weights, np.float64)


def _flat(blocks: list[Iterable[Any]], dtype: type[Any]) -> Any:
    return np.fromiter((value for block in blocks for value in block), dtype=dtype)
