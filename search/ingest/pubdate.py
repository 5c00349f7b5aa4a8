"""Publication-date parsing: written date expressions -> ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.

Small explicit parsers, no guessing: the date is kept as written (a trailing time and zone such as
"8:45 PM IST" is accepted and ignored, never converted), impossible dates (Feb 30) and junk give None,
and numeric day/month orders other than year-first are refused as ambiguous.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MIN_YEAR = 1800
MAX_YEAR = 2100

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?\s+)"
_ORD = r"(?:st|nd|rd|th)?"
_TIME = (
    r"(?:(?:[,\s]+|T)(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:\s*(?:[ap]\.?m\.?))?"
    r"(?:\s*(?:Z|[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}|\(?[A-Z]{2,5}\)?))?)"
)

_FORMS = (
    ("ymd", r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    ("mdy", rf"(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})"),
    ("dmy", rf"(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>\d{{4}})"),
    ("my", rf"(?P<mon>{_MONTH}),?\s+(?P<y>\d{{4}})"),
    ("ym", r"(?P<y>\d{4})-(?P<m>\d{2})"),
    ("y", r"(?P<y>\d{4})"),
)

_COMPILED = tuple(
    (name, re.compile(rf"\s*{_WEEKDAY}?{body}(?P<time>{_TIME})?(?![\w-])", re.IGNORECASE)) for name, body in _FORMS
)


@dataclass(frozen=True)
class DateMatch:
    """A date found at the start of a string: its ISO value and where the expression ends."""

    iso: str
    end: int


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return False
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _iso(form: str, m: re.Match[str]) -> str | None:
    """The ISO string for one regex match, or None when the date does not exist."""
    year = int(m.group("y"))
    groups = m.groupdict()
    month: int | None = None
    if groups.get("mon"):
        month = _MONTHS[groups["mon"].lower()[:3]]
    elif groups.get("m"):
        month = int(groups["m"])
    day = int(groups["d"]) if groups.get("d") else None
    if form in ("y", "ym", "my") and m.group("time"):
        return None  # a time needs a day
    if not _valid(year, month, day):
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def match_date_prefix(text: str) -> DateMatch | None:
    """The date expression that starts `text` (leading spaces allowed), with any trailing time/zone."""
    for form, regex in _COMPILED:
        m = regex.match(text)
        if m:
            iso = _iso(form, m)
            return DateMatch(iso, m.end()) if iso else None
    return None


def parse_date(text: str) -> str | None:
    """`text` when it is wholly one date expression, as ISO at its stated granularity; else None.

    Accepts ISO dates and datetimes, RFC 2822 ("Sat, 13 Nov 2004 10:00:00 +0000"), "Mar 28, 2021, 8:45
    PM IST", "Sept. 6, 2019", "6 September 2019", "September 2019", "2019-09", "2019".
    """
    stripped = text.strip()
    found = match_date_prefix(stripped) if stripped else None
    if found is None or stripped[found.end :].strip() not in ("", "."):
        return None
    return found.iso
