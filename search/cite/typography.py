"""Typography shared by the citation styles: title case, nested quotes, closing punctuation, shortening."""

from __future__ import annotations

import re

#: Words MLA 9 and Chicago 17 lowercase inside a title (articles, prepositions, coordinating conjunctions, "to").
SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "but",
        "or",
        "nor",
        "for",
        "so",
        "yet",
        "as",
        "at",
        "by",
        "from",
        "in",
        "into",
        "of",
        "off",
        "on",
        "onto",
        "over",
        "per",
        "than",
        "to",
        "up",
        "upon",
        "via",
        "vs",
        "with",
    ]
)
OPEN_QUOTES = "“‘\"'"
CLOSE_QUOTES = "”’\"'"
TERMINAL = ".?!"

_WORD = re.compile(r"[^\s]+")


def _cap_word(word: str) -> str:
    """Capitalize the first letter of each hyphen part, leaving words that already hold capitals alone."""
    parts = word.split("-")
    out = []
    for part in parts:
        letters = [i for i, ch in enumerate(part) if ch.isalpha()]
        core = part.strip(OPEN_QUOTES + CLOSE_QUOTES + ".,;:?!()[]")
        if not letters or any(ch.isupper() for ch in part) or "." in core or "@" in part:
            out.append(part)
            continue
        i = letters[0]
        out.append(part[:i] + part[i].upper() + part[i + 1 :])
    return "-".join(out)


def title_case(title: str) -> str:
    """MLA/Chicago headline capitalization; small words stay lower unless first, last, after a colon or
    opening a quoted title within the title."""
    words = _WORD.findall(title)
    out = []
    for i, word in enumerate(words):
        bare = word.strip(OPEN_QUOTES + CLOSE_QUOTES + ",;:.?!()[]").lower()
        first = i == 0 or words[i - 1].endswith((":", "—", "?", "!")) or word[0] in '“‘"'
        last = i == len(words) - 1
        if bare in SMALL_WORDS and not first and not last and word == word.lower():
            out.append(word)
        else:
            out.append(_cap_word(word))
    return " ".join(out)


def flip_quotes(text: str) -> str:
    """Double quotes inside a quoted title or quotation become single ones (straight or typographic)."""
    text = text.replace("“", "‘").replace("”", "’")
    out = []
    opening = True
    for i, ch in enumerate(text):
        if ch == '"':
            prev = text[i - 1] if i else " "
            opening = prev.isspace() or prev in "([{—–-‘"
            out.append("‘" if opening else "’")
        else:
            out.append(ch)
    return "".join(out)


def ends_terminal(text: str) -> bool:
    """True when the text already ends in . ? or ! (looking through closing quotes and brackets)."""
    return text.rstrip(CLOSE_QUOTES + ")]").endswith(tuple(TERMINAL))


def strip_final_period(text: str) -> str:
    """Drop one trailing period (not ? or !), keeping any closing quotes after it."""
    body = text.rstrip(CLOSE_QUOTES)
    tail = text[len(body) :]
    if body.endswith(".") and not body.endswith(("...", ". . .", "…")):
        body = body[:-1]
    return body + tail


def put_inside(text: str, punct: str) -> str:
    """Add `punct` (American style) inside any closing quotes; a ? or ! already there absorbs it."""
    if not punct:
        return text
    body = text.rstrip(CLOSE_QUOTES)
    tail = text[len(body) :]
    if body.endswith(tuple(TERMINAL)):
        return text
    return body + punct + tail


def add_period(text: str) -> str:
    """End an element with a period (inside closing quotes) unless it already ends in . ? or !."""
    return put_inside(text, ".")


def quoted(text: str, punct: str = "") -> str:
    """Wrap in typographic double quotes, flipping inner doubles, with `punct` placed inside."""
    return "“" + put_inside(flip_quotes(text), punct) + "”"


def shorten_title(title: str, words: int = 5) -> str:
    """A short title for in-text citations: the first few words, not ending on a small word or comma."""
    parts = title.split()
    if len(parts) <= words + 1:
        return title
    short = parts[:words]
    while len(short) > 1 and short[-1].strip(",;:").lower() in SMALL_WORDS:
        short.pop()
    return " ".join(short).rstrip(",;:—-")


def truncate_words(text: str, limit: int, ellipsis: str) -> str:
    """Keep at most `limit` words, cut at a word boundary, marking the cut with `ellipsis`."""
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    kept = " ".join(words[:limit]).rstrip(",;:—–-")
    return f"{kept} {ellipsis}"
