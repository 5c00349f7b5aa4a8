"""Snippets: the passage of a document that best shows why it matched, with the matching words marked.

The words are found the way the index found them: stemmed for ordinary terms, unstemmed for prefixes. Only
the hits that will be shown are snippeted, so the cost stays with the page, not the result set. A snippet is cut
for SNIPPET_CHARS characters; a view narrower than that calls `Snippet.fit(width)`, which re-cuts it around its
first matched word, so the match is never off the edge of a narrow results pane.
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

    def fit(self, width: int) -> Snippet:
        """This snippet in at most `width` characters: whole words around the first match, added one at a time
        on the side that has less (so the match sits in the middle), whitespace as single spaces, "…" where text
        was cut. Without a match, the start of the snippet. A snippet that fits is returned as it is."""
        if len(self.text) <= width:
            return self
        if width <= 0:
            return Snippet("", ())
        text, spans, lead, trail = _flat_core(self)
        marks = width > 2  # room for an ellipsis at each end, unless there is hardly room for a word
        start, end = _window(text, spans[0] if spans else None, width - 2 if marks else width)
        lead, trail = marks and (lead or start > 0), marks and (trail or end < len(text))
        shift = start - (1 if lead else 0)
        kept = tuple((max(s, start) - shift, min(e, end) - shift) for s, e in spans if s < end and e > start)
        return Snippet(("…" if lead else "") + text[start:end] + ("…" if trail else ""), kept)


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


def _flat_core(snippet: Snippet) -> tuple[str, list[tuple[int, int]], bool, bool]:
    """The snippet's text without its edge ellipses and with whitespace runs as one space, its spans moved to
    match, and whether it had a leading and a trailing ellipsis."""
    text = snippet.text
    lead, trail = text.startswith("…"), len(text) > 1 and text.endswith("…")
    begin, stop = (1 if lead else 0), len(text) - (1 if trail else 0)
    out: list[str] = []
    position = [0] * (len(text) + 1)  # index in `text` -> index in the flat text
    for index in range(begin, stop):
        position[index] = len(out)
        ch = text[index]
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
    for index in range(stop, len(text) + 1):
        position[index] = len(out)
    spans = [(position[s], position[e]) for s, e in snippet.spans if begin <= s < e <= stop]
    return "".join(out), [(s, e) for s, e in spans if s < e], lead, trail


def _window(text: str, match: tuple[int, int] | None, budget: int) -> tuple[int, int]:
    """The (start, end) of whole words of `text` within `budget` characters, grown from the matched word."""
    words = [m.span() for m in re.finditer(r"\S+", text)]
    if not words:
        return 0, 0
    if match is None:
        index = 0
    else:
        index = next((i for i, (_s, e) in enumerate(words) if e > match[0]), len(words) - 1)
    start, end = words[index]
    if match is not None:
        start, end = min(start, match[0]), max(end, match[1])
    if end - start > budget:
        start = match[0] if match is not None else start
        return start, start + budget
    centre = (match[0] + match[1]) / 2 if match is not None else start
    left, right = index - 1, index + 1
    while True:
        can_left = left >= 0 and end - words[left][0] <= budget
        can_right = right < len(words) and words[right][1] - start <= budget
        if not (can_left or can_right):
            return start, end
        if can_left and (not can_right or centre - start <= end - centre):
            start, left = words[left][0], left - 1
        else:
            end, right = words[right][1], right + 1


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
