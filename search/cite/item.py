"""The citable item: what a citation may say about a Document, and nothing it does not state.

Owns the reading of a Document's metadata into names (personal or group), a partial date and a URL. The URL
is the article's own http(s) URL from its metadata, or none: the local file an article was read from is where
this machine keeps a copy, not where a reader finds the work, so no citation ever names a path.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from search.cite.typography import strip_final_period
from search.model import Document

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

#: Words that make a byline a group author ("Team Udayavani", "PTI Bureau", "Staff Reporter").
GROUP_WORDS = frozenset(
    [
        "team",
        "staff",
        "desk",
        "bureau",
        "news",
        "agency",
        "agencies",
        "correspondent",
        "correspondents",
        "reporter",
        "reporters",
        "editor",
        "editors",
        "editorial",
        "press",
        "network",
        "service",
        "services",
        "online",
        "web",
        "digital",
        "media",
        "times",
        "post",
        "daily",
        "ministry",
        "government",
        "office",
        "department",
        "board",
        "council",
        "committee",
        "association",
        "society",
        "institute",
        "university",
        "group",
        "company",
        "inc",
        "ltd",
        "corporation",
        "pti",
        "ani",
        "ians",
        "reuters",
        "afp",
        "ap",
    ]
)

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEB_URL = re.compile(r"^https?://[^\s/?#]+\S*$", re.IGNORECASE)
_SPLIT_NAMES = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|\s*;\s*|,\s*)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Name:
    """One author: a person (given + family) or a group (literal, written as given)."""

    family: str
    given: str = ""
    is_group: bool = False

    @property
    def full(self) -> str:
        """The name in reading order ("Jane Smith", "Team Udayavani")."""
        return f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """Family name first ("Smith, Jane"); a group stays as written."""
        return self.family if self.is_group or not self.given else f"{self.family}, {self.given}"

    @property
    def initials(self) -> str:
        """APA's given-name initials ("J. A.", "J.-P.")."""
        parts = []
        for word in self.given.split():
            pieces = [p for p in word.split("-") if p]
            parts.append("-".join(f"{p[0]}." for p in pieces))
        return " ".join(parts)


@dataclass(frozen=True)
class PartialDate:
    """A date at the granularity the article gives: year, year+month or a full day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def parts(self) -> list[int]:
        """CSL date-parts for this date."""
        return [p for p in (self.year, self.month, self.day) if p is not None]


@dataclass(frozen=True)
class CitableItem:
    """Everything a citation may print, each None when the document does not state it.

    `url` is an http(s) URL or None; `accessed` is printed only with a URL (the date the page was seen).
    """

    key_id: str
    title: str | None
    title_derived: bool
    authors: tuple[Name, ...]
    source: str | None
    date: PartialDate | None
    url: str | None
    accessed: datetime.date

    @property
    def has_url(self) -> bool:
        """True when the citation names a URL (the app says so when it does not)."""
        return self.url is not None


def clean(value: str | None) -> str | None:
    """Collapse whitespace; an empty or blank value becomes None."""
    if value is None:
        return None
    text = " ".join(value.split())
    return text or None


def web_url(value: str | None) -> str | None:
    """An http(s) URL as given (whitespace trimmed), else None: a path, file: URL or bare host is no URL."""
    text = (value or "").strip()
    return text if _WEB_URL.match(text) else None


def parse_date(value: str | None) -> PartialDate | None:
    """Read an ISO YYYY, YYYY-MM or YYYY-MM-DD date; anything else (or an impossible date) is None."""
    match = _DATE.match((value or "").strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        datetime.date(year if year > 0 else 1, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _is_group(byline: str, source: str | None) -> bool:
    words = re.findall(r"[^\W\d_]+", byline.lower())
    if not words or len(words) == 1 or len(words) > 4 or any(ch.isdigit() for ch in byline):
        return True
    if any(w in GROUP_WORDS for w in words):
        return True
    return bool(source and source.lower() in byline.lower())


def _person(name: str) -> Name:
    words = name.split()
    return Name(family=words[-1], given=" ".join(words[:-1]))


def parse_authors(byline: str | None, source: str | None = None) -> tuple[Name, ...]:
    """Read a byline into authors; a byline that does not look like personal names is one group author."""
    text = clean(byline)
    if text is None:
        return ()
    text = re.sub(r"^by\s+", "", text, flags=re.IGNORECASE)
    names = [n for n in _SPLIT_NAMES.split(text) if n]
    if not names or any(_is_group(n, source) for n in names):
        return (Name(family=text, is_group=True),)
    return tuple(_person(n) for n in names)


def item_from_document(doc: Document, accessed: datetime.date | None = None) -> CitableItem:
    """The citable item for a stored document; `accessed` (default today) dates the reading of its URL."""
    meta = doc.metadata
    source = clean(meta.source)
    title = clean(meta.title)
    return CitableItem(
        key_id=doc.id,
        title=strip_final_period(title) if title else None,
        title_derived=bool(meta.title_derived and title),
        authors=parse_authors(meta.author, source),
        source=source,
        date=parse_date(meta.date),
        url=web_url(meta.url),
        accessed=accessed or datetime.date.today(),
    )
