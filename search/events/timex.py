"""Time expressions: find them in a sentence and resolve them against a publication date.

Pure functions, no NLP model. `find_timexes(text)` returns the time expressions of a sentence as written,
with the preposition that makes them dates ("on Friday", "in March", "in 2019"); `resolve(text, pub_date,
tense)` turns one expression into a `ResolvedDate` (ISO start, ISO end for ranges, granularity).

Granularity and ISO form: "day" -> "2021-03-26"; "week" -> the ISO date of the week's Monday; "month" ->
"2021-03"; "year" -> "2021". Ranges ("September 2-6", "last weekend") are "day" with `date_end` set.

Resolution rules (`tense` is "past", "present", "future" or None; None and "present" read as news past):
- weekday alone ("on Friday"): past -> the weekday on or before publication (same day if the article is
  published on that weekday); future -> the first one strictly after publication.
  "last Friday" / "Friday last" -> strictly before; "next Friday" / "coming Friday" -> strictly after;
  "Friday of last week" -> that weekday in the previous ISO week.
- today, tonight, this morning -> publication day; yesterday, last night -> the day before; tomorrow -> after.
- last/this/next week|month|year, earlier/later this week|month|year -> that calendar period; a qualifier
  ("late last year", "at the end of last year", "early this month") is kept in the text, not in the date.
- "N days/weeks/months/years ago" -> publication minus N, at that granularity.
- month alone ("in March"): past -> the latest March not after the publication month; future -> the first
  not before it; "last March" / "next March" -> strictly before / after the publication month.
- day and month without a year: the year that puts it nearest to publication, within the tense (two days of
  slack for past/future, since publication dates lag events); with a weekday ("Monday, December 6"), the year
  nearest publication in which that day is that weekday, whatever the tense.
- "since X" always reads X as past ("has been trying to take it over since December").
- explicit dates with a year ("September 6, 2019", "December 2021", "in 2019") resolve without a
  publication date; everything relative needs one and stays unresolved (all None) without it.
Names that look like dates are not time expressions: "the Sunday Times", ABC's "This Week", "World Today".
Never invents a date: an expression it cannot place resolves to all None.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAY_NAMES = frozenset(calendar.day_name)
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_FULL_MONTH = "|".join(name for name in calendar.month_name if name)
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?P<month>{_FULL_MONTH}|{_ABBR_MONTH})"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DASH = r"\s*(?:-|–|—|to|until|through|and)\s*"
_NUM = r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_END = r"(?![\w-])"
_PREP = r"(?i:(?:on|in|over|since|from|by|until|till|during|of|for|at|between)\s+)?"

#: (kind, pattern); every pattern is tried, the longest non-overlapping matches win.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", rf"\b(?P<year>\d{{4}})-(?P<mon>\d\d)-(?P<day>\d\d){_END}"),
    ("range_md", rf"\b{_PREP}{_MONTH}\s+{_DAY}{_DASH}{_DAY2}(?:,?\s+{_YEAR})?{_END}"),
    ("range_dm", rf"\b{_PREP}(?:the\s+)?{_DAY}{_DASH}{_DAY2}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?{_END}"),
    ("date_md", rf"\b{_PREP}(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?{_END}"),
    ("date_dm", rf"\b{_PREP}(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?{_END}"),
    (
        "month_year",
        rf"\b{_PREP}(?i:(?:early|late|mid-?|the\s+end\s+of|the\s+start\s+of)\s*)?"
        rf"{_MONTH}(?:,|\s+of)?\s+{_YEAR}{_END}",
    ),
    (
        "month",
        rf"\b(?i:(?P<mod>in|since|during|until|by|last|this|next|early|late|mid-?|earlier\s+in|"
        rf"later\s+in)\s*){_MONTH}{_END}(?!\s+\d)",
    ),
    (
        "year",
        rf"\b(?i:(?:in|during|since|until|by|early|late|mid-?|the\s+end\s+of|the\s+start\s+of)"
        rf"\s*(?:the\s+year\s+)?){_YEAR}{_END}(?!\s*[-–/]\s*\d)",
    ),
    ("weekday_week", rf"\b{_PREP}{_WEEKDAY}\s+(?i:(?:of\s+)?(?P<wmod>last|this|next)\s+week){_END}"),
    (
        "weekday",
        rf"\b{_PREP}(?i:(?P<mod>last|this|next|coming|past)\s+)?{_WEEKDAY}"
        rf"(?i:\s+(?P<post>last|next)(?!\s+(?:week|month|year|weekend)))?"
        rf"(?i:\s+(?:morning|afternoon|evening|night))?{_END}",
    ),
    (
        "relday",
        r"(?i:\b(?P<rel>(?:earlier\s+|later\s+)?today|(?:earlier\s+|late\s+)?tonight|yesterday|"
        r"tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
        r"this\s+(?:morning|afternoon|evening)|last\s+night)\b)(?!\s+(?:programme|program|show))",
    ),
    (
        "period",
        r"(?i:\b(?:(?:early|late|mid-?|(?:at\s+)?the\s+(?:end|start|beginning|middle)\s+of)\s*)?"
        r"(?P<pmod>earlier\s+this|later\s+this|earlier\s+in\s+the|later\s+in\s+the|"
        r"last|this|next)\s+(?P<unit>week|weekend|month|year)\b)",
    ),
    ("ago", rf"(?i:\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b)"),
)
_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple((k, re.compile(p)) for k, p in _PATTERNS)

#: Words or characters a pattern cannot match without. One quick search for each rules out most patterns for most
#: sentences before they run (the patterns' optional prepositions make them slow to fail).
_CLUES: dict[str, re.Pattern[str]] = {
    "digit": re.compile(r"\d"),
    "month": re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),  # the names are capitalised
    "weekday": re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
    "relday": re.compile(r"(?i:today|night|yesterday|tomorrow|morning|afternoon|evening)"),
    "period": re.compile(r"(?i:week|month|year)"),
    "ago": re.compile(r"(?i:ago)"),
}
_NEEDS: dict[str, frozenset[str]] = {
    "iso": frozenset({"digit"}),
    "range_md": frozenset({"month", "digit"}),
    "range_dm": frozenset({"month", "digit"}),
    "date_md": frozenset({"month", "digit"}),
    "date_dm": frozenset({"month", "digit"}),
    "month_year": frozenset({"month", "digit"}),
    "month": frozenset({"month"}),
    "year": frozenset({"digit"}),
    "weekday_week": frozenset({"weekday", "period"}),
    "weekday": frozenset({"weekday"}),
    "relday": frozenset({"relday"}),
    "period": frozenset({"period"}),
    "ago": frozenset({"ago"}),
}


@dataclass(frozen=True)
class Timex:
    """A time expression as written in a text, with its character offsets."""

    text: str
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class ResolvedDate:
    """An ISO date at its granularity; all None when the expression cannot be placed."""

    date: str | None = None
    date_end: str | None = None
    granularity: str | None = None


UNRESOLVED = ResolvedDate()


def find_timexes(text: str) -> list[Timex]:
    """The time expressions in `text`, longest first on overlap, in text order; titles that look like dates
    ("the Sunday Times", ABC's "This Week", "World Today") are not time expressions."""
    clues = {clue for clue, rx in _CLUES.items() if rx.search(text)}
    found = [
        Timex(m.group(0), m.start(), m.end(), kind)
        for kind, rx in _COMPILED
        if _NEEDS[kind] <= clues
        for m in rx.finditer(text)
        if not _is_title(text, m)
    ]
    found.sort(key=lambda t: (-(t.end - t.start), t.start))
    chosen: list[Timex] = []
    for t in found:
        if all(t.end <= c.start or t.start >= c.end for c in chosen):
            chosen.append(t)
    return sorted(chosen, key=lambda t: t.start)


def _is_title(text: str, m: re.Match[str]) -> bool:
    """A weekday, "today" or a period written as part of a name: "the Sunday Times", "World Today",
    "This Week" (the unit capitalised)."""
    groups = m.groupdict()
    if groups.get("unit") and groups["unit"][0].isupper() and "pmod" in groups:
        return True
    word = m.group(0)
    if not word[:1].isupper() or m.start() == 0:
        return False
    before = text[max(0, m.start() - 40) : m.start()]
    if groups.get("rel") and word.startswith("Today"):
        return bool(re.search(r"[A-Z][\w'’]*\s+$", before))
    if groups.get("weekday") and word.split()[0] in WEEKDAY_NAMES:
        after = text[m.end() : m.end() + 20]
        return bool(re.search(r"\bthe\s+$", before)) and bool(re.match(r"\s+[A-Z][a-z]", after))
    return False


def resolve(text: str, pub_date: str | None, tense: str | None = None) -> ResolvedDate:
    """Resolve one time expression against an ISO publication date (YYYY-MM-DD) and the report's tense."""
    pub = _parse_pub(pub_date)
    cleaned = text.strip()
    if cleaned.lower().startswith("since "):
        tense = "past"  # "since December" reaches back, whatever the clause's tense
    for kind, rx in _COMPILED:
        m = rx.fullmatch(cleaned)
        if m:
            try:
                return _RESOLVERS[kind](m, pub, tense)
            except ValueError:  # impossible calendar date such as February 30
                return UNRESOLVED
    return UNRESOLVED


def _parse_pub(pub_date: str | None) -> date | None:
    if not pub_date or len(pub_date) < 10:
        return None
    try:
        return date.fromisoformat(pub_date[:10])
    except ValueError:
        return None


def _month_num(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _day(d: date) -> ResolvedDate:
    return ResolvedDate(d.isoformat(), None, "day")


def _week(d: date) -> ResolvedDate:
    return ResolvedDate((d - timedelta(days=d.weekday())).isoformat(), None, "week")


def _month(year: int, month: int) -> ResolvedDate:
    return ResolvedDate(f"{year:04d}-{month:02d}", None, "month")


def _year(year: int) -> ResolvedDate:
    return ResolvedDate(f"{year:04d}", None, "year")


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _is_future(tense: str | None) -> bool:
    return tense == "future"


def _res_iso(m: re.Match[str], pub: date | None, tense: str | None) -> ResolvedDate:
    return _day(date(int(m["year"]), int(m["mon"]), int(m["day"])))


def _pick_year(month: int, day: int, pub: date, tense: str | None) -> date:
    """The occurrence of month/day nearest to `pub` that fits the tense (two days' slack)."""
    candidates = [date(pub.year + k, month, day) for k in (-1, 0, 1) if _valid(pub.year + k, month, day)]
    slack = timedelta(days=2)
    if tense == "future":
        fitting = [c for c in candidates if c >= pub - slack]
        return min(fitting)
    if tense == "past":
        fitting = [c for c in candidates if c <= pub + slack]
        return max(fitting)
    return min(candidates, key=lambda c: (abs((c - pub).days), c > pub))


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


def _explicit_day(m: re.Match[str], pub: date | None, tense: str | None, day_group: str) -> date | None:
    month, day = _month_num(m["month"]), int(m[day_group])
    if m["year"]:
        return date(int(m["year"]), month, day)
    if pub is None:
        return None
    if not any(_valid(pub.year + k, month, day) for k in (-1, 0, 1)):
        raise ValueError("no such day")
    weekday = m.groupdict().get("weekday")
    if weekday:  # "Monday, December 6": the year nearest publication in which it is a Monday
        wd = WEEKDAYS[weekday.lower()]
        fits = [
            date(pub.year + k, month, day)
            for k in (-1, 0, 1)
            if _valid(pub.year + k, month, day) and date(pub.year + k, month, day).weekday() == wd
        ]
        if fits:
            return min(fits, key=lambda c: abs((c - pub).days))
    return _pick_year(month, day, pub, tense)


def _res_date(m: re.Match[str], pub: date | None, tense: str | None) -> ResolvedDate:
    d = _explicit_day(m, pub, tense, "day")
    return UNRESOLVED if d is None else _day(d)


def _res_range(m: re.Match[str], pub: date | None, tense: str | None) -> ResolvedDate:
    first = _explicit_day(m, pub, tense, "day")
    if first is None:
        return UNRESOLVED
    last = date(first.year, first.month, int(m["day2"]))
    if last < first:
        return UNRESOLVED
    return ResolvedDate(first.isoformat(), last.isoformat(), "day")


def _res_month_year(m: re.Match[str], pub: date | None, tense: str | None) -> ResolvedDate:
    return _month(int(m["year"]), _month_num(m["month"]))


def _res_month(m: re.Match[str], pub: date | None, tense: str | None) -> ResolvedDate:
    if pub is None:
        return UNRESOLVED
    month = _month_num(m["month"])
    mod = m["mod"].lower()
    if mod == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif mod == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif mod == "this":
        year = pub.year
    elif _is_future(tense) or mod in ("until", "by"):
        year = pub.year if month >= pub.month else pub.year + 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return _month(year, month)


def _res_year(m: re.Match[str], pub: date | None, tense: str | None) -> ResolvedDate:
    return _year(int(m["year"]))


def _res_weekday(m: re.Match[str], pub: date | None, tense: str | None) -> ResolvedDate:
    if pub is None:
        return UNRESOLVED
    wd = WEEKDAYS[m["weekday"].lower()]
    mod = (m["mod"] or m["post"] or "").lower()
    back = (pub.weekday() - wd) % 7  # days back to the weekday on or before pub
    ahead = (wd - pub.weekday()) % 7 or 7  # days ahead to the first one strictly after pub
    if mod in ("last", "past"):
        return _day(pub - timedelta(days=back or 7))
    if mod in ("next", "coming"):
        return _day(pub + timedelta(days=ahead))
    if _is_future(tense):
        if mod == "this" and back == 0:
            return _day(pub)
        return _day(pub + timedelta(days=ahead))
    return _day(pub - timedelta(days=back))


def _res_weekday_week(m: re.Match[str], pub: date | None, tense: str | None) -> ResolvedDate:
    if pub is None:
        return UNRESOLVED
    monday = pub - timedelta(days=pub.weekday())
    shift = {"last": -7, "this": 0, "next": 7}[m["wmod"].lower()]
    return _day(monday + timedelta(days=shift + WEEKDAYS[m["weekday"].lower()]))


_REL_DAYS = {
    "today": 0,
    "earlier today": 0,
    "later today": 0,
    "tonight": 0,
    "earlier tonight": 0,
    "late tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def _res_relday(m: re.Match[str], pub: date | None, tense: str | None) -> ResolvedDate:
    if pub is None:
        return UNRESOLVED
    key = " ".join(m["rel"].lower().split())
    return _day(pub + timedelta(days=_REL_DAYS[key]))


def _res_period(m: re.Match[str], pub: date | None, tense: str | None) -> ResolvedDate:
    if pub is None:
        return UNRESOLVED
    mod = m["pmod"].lower().split()[0]
    shift = {"last": -1, "next": 1}.get(mod, 0)
    unit = m["unit"].lower()
    if unit == "week":
        return _week(pub + timedelta(weeks=shift))
    if unit == "weekend":
        saturday = pub - timedelta(days=pub.weekday()) + timedelta(days=5 + 7 * shift)
        return ResolvedDate(saturday.isoformat(), (saturday + timedelta(days=1)).isoformat(), "day")
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, shift))
    return _year(pub.year + shift)


def _res_ago(m: re.Match[str], pub: date | None, tense: str | None) -> ResolvedDate:
    if pub is None:
        return UNRESOLVED
    raw = m["num"].lower()
    n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = m["unit"].lower()
    if unit == "day":
        return _day(pub - timedelta(days=n))
    if unit == "week":
        return _week(pub - timedelta(weeks=n))
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, -n))
    return _year(pub.year - n)


_RESOLVERS = {
    "iso": _res_iso,
    "range_md": _res_range,
    "range_dm": _res_range,
    "date_md": _res_date,
    "date_dm": _res_date,
    "month_year": _res_month_year,
    "month": _res_month,
    "year": _res_year,
    "weekday_week": _res_weekday_week,
    "weekday": _res_weekday,
    "relday": _res_relday,
    "period": _res_period,
    "ago": _res_ago,
}
