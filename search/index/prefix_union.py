"""How the terms a prefix expands to are matched and scored: one union, loaded into an array, scored cheaply.

A two-letter prefix matches most of a corpus. Whoosh's default union is a tree of matchers stepping document by
document (ten times slower on such unions), and BM25F reads every matching document's field length to score it.
PrefixUnion loads the postings into an array and scores each posting with BM25's saturated term frequency times
the term's idf, without the length normalisation (b = 0): the same scale as the words' BM25F scores, half the cost.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh import scoring

#: BM25's term-frequency saturation (Whoosh's default).
K1 = 1.2


def saturated(idf: Any, frequency: Any) -> Any:
    """idf * tf * (K1 + 1) / (tf + K1), for one posting or (NumPy) arrays of them."""
    return idf * frequency * (K1 + 1) / (frequency + K1)


class _SaturatedScorer(scoring.BaseScorer):
    """idf * tf * (K1 + 1) / (tf + K1): BM25 with b = 0, so no document length is read."""

    def __init__(self, idf: float) -> None:
        self._idf = idf

    def supports_block_quality(self) -> bool:
        return False

    def score(self, matcher: Any) -> float:
        return float(saturated(self._idf, matcher.weight()))


class SaturatedFrequency(scoring.WeightingModel):
    """The weighting of prefix unions (see the module docstring)."""

    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> scoring.BaseScorer:
        return _SaturatedScorer(searcher.idf(fieldname, text))


_WEIGHTING = SaturatedFrequency()


class PrefixUnion(wq.Or):
    """The union of the terms a prefix expands to, matched from an array and scored with SaturatedFrequency."""

    matcher_type = wq.Or.ARRAY_MATCHER

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        context = context if context is not None else searcher.context()
        if context.weighting is not None:  # None: an unscored search (sorted by date)
            context = context.set(weighting=_WEIGHTING)
        return super().matcher(searcher, context)
