"""Snippets: the passage of a document that best shows why it matched, with the matching words marked.

The words are found the way the index found them: stemmed for ordinary terms, unstemmed for prefixes. Only
the hits that will be shown are snippeted, so the cost stays with the page, not the result set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from whoosh.lang.porter import stem  # a plain module: no Whoosh machinery loads with it

if TYPE_CHECKING:
    from whoosh import query as wq

SNIPPET_CHARS = 220
#: The snippet is looked for in the first SCAN_CHARS characters (and further only when they hold no match):
#: scanning whole long articles cost more than the search itself on prefix queries.
SCAN_CHARS = 4_000
#: The tokens of the index's StemmingAnalyzer (whoosh.analysis.tokenizers.default_pattern, written out so that
#: listing documents needs no Whoosh analysis), lowercased, then Porter-stemmed.
_TOKEN = re.compile(r"[\w\*]+(\.?[\w\*]+)*", re.UNICODE)


@lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    """The stem the index's analyzer gives a lowercase word (cached: the same words recur in every snippet)."""
    return str(stem(word))


@dataclass(frozen=True)
class Snippet:
    """Plain snippet text and the (start, end) character spans of the matched words in it."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def marked(self, before: str = "**", after: str = "**") -> str:
        """The snippet with every matched word wrapped in markers."""
        out, last = [], 0
        for start, end in self.spans:
            out += [self.text[last:start], before, self.text[start:end], after]
            last = end
        out.append(self.text[last:])
        return "".join(out)


@dataclass(frozen=True)
class MatchTerms:
    """What to mark: stems (from title/body terms) and whole lowercase words (from prefix expansions)."""

    stems: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, query: wq.Query) -> MatchTerms:
        stems, words = set(), set()
        for field, text in query.iter_all_terms(phrases=True):
            value = text.decode("utf-8") if isinstance(text, bytes) else str(text)
            if field in ("title", "body"):
                stems.add(value)
            elif field == "words":
                words.add(value)
        return cls(frozenset(stems), frozenset(words))

    def __bool__(self) -> bool:
        return bool(self.stems or self.words)


def match_spans(text: str, terms: MatchTerms) -> list[tuple[int, int]]:
    """Character spans of every word in `text` that the query matched.

    The words are cut and stemmed as the index's analyzer does, without its token objects (a third of a search's
    time went to them).
    """
    if not terms:
        return []
    spans = []
    stems, words = terms.stems, terms.words
    for match in _TOKEN.finditer(text):
        word = match.group().lower()
        if word in words or (stems and _stem(word) in stems):
            spans.append(match.span())
    return spans


def make_snippet(body: str, terms: MatchTerms, width: int = SNIPPET_CHARS) -> Snippet:
    """The window of `body` holding the most distinct matched words, cut at word boundaries."""
    spans = _leading_spans(body, terms)
    if not spans:
        return Snippet(_cut(body, 0, width)[0], ())
    best_start = _densest_window(body, spans, width)
    window_start = max(0, body.rfind(" ", 0, max(0, best_start - width // 5)) + 1)
    if best_start - window_start > width // 3:
        window_start = best_start
    text, offset = _cut(body, window_start, width)
    inner = [(s - offset, e - offset) for s, e in spans if s >= offset and e <= offset + len(text)]
    return Snippet(text, tuple(inner))


def _leading_spans(body: str, terms: MatchTerms) -> list[tuple[int, int]]:
    """Match spans in about the first SCAN_CHARS characters, or in the rest when there are none there."""
    cut = body.find(" ", SCAN_CHARS)  # no token holds a space: cutting there splits no word
    if cut == -1:
        return match_spans(body, terms)
    spans = match_spans(body[:cut], terms)
    return spans or [(start + cut, end + cut) for start, end in match_spans(body[cut:], terms)]


def _densest_window(body: str, spans: list[tuple[int, int]], width: int) -> int:
    """Start of the `width`-character window holding the most distinct matched words (ties: the most matches).

    A two-pointer sweep over the sorted spans: linear in the number of matches.
    """
    counts: dict[str, int] = {}
    best_start, best_score, right = spans[0][0], (-1, -1), 0
    for left, (start, _end) in enumerate(spans):
        while right < len(spans) and (right <= left or spans[right][1] <= start + width):
            word = body[spans[right][0] : spans[right][1]].lower()
            counts[word] = counts.get(word, 0) + 1
            right += 1
        score = (len(counts), right - left)
        if score > best_score:
            best_start, best_score = start, score
        word = body[start:_end].lower()
        counts[word] -= 1
        if not counts[word]:
            del counts[word]
    return best_start


def _cut(body: str, start: int, width: int) -> tuple[str, int]:
    """Up to `width` characters from `start`, ending at a word boundary, whitespace collapsed to single spaces."""
    end = start + width
    if end < len(body):
        space = body.rfind(" ", start, end)
        end = space if space > start else end
    piece = body[start:end]
    flat = piece.replace("\n", " ")
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    return prefix + flat + suffix, start - len(prefix)
