"""Every time expression of a parsed document, found and, where it names a date, resolved.

`document_timexes(doc, pub_date)` returns the dates, times, durations and sets of a text as `FoundTimex`
items: the expression as written, its TimeML type ("DATE", "TIME", "DURATION", "SET") and, for dates, the
resolved date (`search.events.timex.resolve`) with the tense read from the clause that holds it
(`clause_tense`), and a TimeML-style value ("2013-03-22", "2013-W12", "2013-03", "2013"). Durations and sets
("for three years", "every Monday") are marked as such and never turned into dates. Nothing is invented: an
expression that cannot be placed has no date and no value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from search.events.timex import UNRESOLVED, ResolvedDate, Timex, find_timexes, resolve


@dataclass(frozen=True)
class FoundTimex:
    """A time expression of a document: offsets into doc.text, TimeML type, resolved date and value."""

    text: str
    start: int
    end: int
    type: str
    value: str | None
    date: ResolvedDate


def document_timexes(doc: Doc, pub_date: str | None) -> list[FoundTimex]:
    """The time expressions of `doc` in text order: the patterns of `search.events.timex`, then spaCy's DATE and
    TIME entities and the words `OWN` finds where no pattern matched (longest first on overlap)."""
    found: list[FoundTimex] = []
    for sent in doc.sents:
        for tx in find_timexes(sent.text):
            start, end = tx.start + sent.start_char, tx.end + sent.start_char
            every = re.search(r"(?i)\b(?:every|each)\s+$", doc.text[max(0, start - 8) : start])
            if every:  # "every Monday": a set, not a date
                start -= len(every.group(0))
                text = doc.text[start:end]
                found.append(FoundTimex(text, start, end, "SET", _set_value(text.lower()), UNRESOLVED))
            else:
                found.append(_dated(doc, tx.text, start, end, pub_date))
    extra = [
        part
        for e in doc.ents
        if e.label_ in ("DATE", "TIME") and not _is_age(e)
        for part in _parts(doc.text, e.start_char, e.end_char)
    ]
    extra += [(m.start(), m.end()) for m in OWN.finditer(doc.text)]
    for start, end in sorted(extra, key=lambda se: se[0] - se[1]):
        start, end = _trim(doc.text, start, end)
        if end <= start or any(f.start < end and start < f.end for f in found):
            continue
        found.append(_classified(doc, doc.text[start:end], start, end, pub_date))
    return sorted(found, key=lambda f: f.start)


def _dated(doc: Doc, text: str, start: int, end: int, pub_date: str | None) -> FoundTimex:
    tense = clause_tense(_head_token(doc, start, end))
    when = resolve(text, pub_date, tense)
    value = timeml_value(when)
    part = PART_OF_DAY.search(text.lower())
    if part and when.granularity == "day" and value:  # "Friday afternoon", "this morning": a time of that day
        return FoundTimex(text, start, end, "TIME", f"{value}T{_PARTS[part.group(1)]}", when)
    return FoundTimex(text, start, end, "DATE", value, when)


PART_OF_DAY = re.compile(r"\b(morning|afternoon|evening|night|tonight)\b")
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_SPLIT = re.compile(
    r"(?P<a>(?:1[89]|20)\d\d)\s*[-–/]\s*(?P<b>\d\d(?:\d\d)?)|between\s+(?P<c>.+?)\s+and\s+(?P<d>.+)", re.I
)


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A spaCy entity as one or two expressions: "2009-2010" and "between 12 and 18 months" are two; a bare
    two-digit number ("Smith, 48,") is an age, none."""
    chunk = text[start:end]
    if re.fullmatch(r"\d\d", chunk.strip()):
        return []
    m = _SPLIT.fullmatch(chunk.strip())
    if not m:
        return [(start, end)]
    off = start + (len(chunk) - len(chunk.lstrip()))
    names = ("a", "b") if m["a"] else ("c", "d")
    return [(off + m.start(n), off + m.end(n)) for n in names]


def _classified(doc: Doc, text: str, start: int, end: int, pub_date: str | None) -> FoundTimex:
    """A time expression no date pattern matched: a set, a duration, a reference to now, past or future, a bare
    year or decade, a time of day, or a date a pattern resolves with a preposition ("June" as "in June")."""
    low = " ".join(text.lower().split())
    if SET.fullmatch(low):
        return FoundTimex(text, start, end, "SET", _set_value(low), UNRESOLVED)
    refs = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF", "the past": "PAST_REF"}
    refs |= {"the future": "FUTURE_REF", "recently": "PAST_REF", "at the time": "PAST_REF"}
    if low in refs:
        return FoundTimex(text, start, end, "DATE", refs[low], UNRESOLVED)
    dur = DURATION.fullmatch(low)
    if dur:
        return FoundTimex(text, start, end, "DURATION", _duration_value(dur), UNRESOLVED)
    if re.fullmatch(r"(?:1[89]|20)\d\d", low):
        return FoundTimex(text, start, end, "DATE", low, ResolvedDate(low, None, "year"))
    if m := re.fullmatch(r"(?:the\s+)?((?:1[89]|20)\d)0'?s", low):
        return FoundTimex(text, start, end, "DATE", m.group(1), UNRESOLVED)
    shared = re.match(r"\s+(?:and|to|or)\s+\S+\s+(second|minute|hour|day|week|month|year)s?\b", doc.text[end:])
    if low.isdigit() and shared:  # "between 12 and 18 months": 12 months
        unit = shared.group(1)
        value = f"PT{low}{_UNIT[unit]}" if unit in ("second", "minute", "hour") else f"P{low}{_UNIT[unit]}"
        return FoundTimex(text, start, end, "DURATION", value, UNRESOLVED)
    if m := re.fullmatch(r"(?:the\s+)?(\d+)(?:st|nd|rd|th)\s+century", low):
        return FoundTimex(text, start, end, "DATE", f"{int(m.group(1)) - 1:02d}", UNRESOLVED)
    if re.fullmatch(r"\d\d", low) and re.search(r"(?:1[89]|20)\d\d\s*[-–/]\s*$", doc.text[max(0, start - 6) : start]):
        century = doc.text[start - 5 : start - 3] if start >= 5 else None
        if century and century.isdigit():  # "1957-58": the second year of a range
            return FoundTimex(text, start, end, "DATE", century + low, ResolvedDate(century + low, None, "year"))
    season = _season(low, pub_date)
    if season:
        return FoundTimex(text, start, end, "DATE", season, UNRESOLVED)
    if TIME_OF_DAY.search(low):
        return FoundTimex(text, start, end, "TIME", None, UNRESOLVED)
    tense = clause_tense(_head_token(doc, start, end))
    plain = re.sub(r"(?i)\b(?:fiscal|financial|calendar|school|academic)\s+", "", text)
    for prefix in ("", "in ", "on "):
        when = resolve(prefix + plain, pub_date, tense)
        if when.date:
            return FoundTimex(text, start, end, "DATE", timeml_value(when), when)
    return FoundTimex(text, start, end, "DATE", None, UNRESOLVED)


_NUMS = "|".join(["a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])
_NUMS += "|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|\\d+(?:\\.\\d+)?"
_VAGUE = "several|few|a few|many|some|recent|the|these|those|coming|past|next|last|first|following|previous"
DURATION = re.compile(
    rf"(?:(?:almost|nearly|about|around|more than|over|less than|at least|a mere|just|only|the|some)\s+)*"
    rf"(?:(?:past|next|last|first|following|previous|coming|recent)\s+)?"
    rf"(?P<num>{_NUMS}|{_VAGUE})?[\s-]*"
    r"(?P<unit>second|minute|hour|day|week|month|year|decade|century|fortnight)(?P<plural>s)?'?"
    r"(?:\s+(?:long|earlier|later|before|after|from\s+now))?"
)
SET = re.compile(
    r"(?:every|each|per)\s+(?:\w+\s+)?(?:day|week|month|year|season|morning|evening|night|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|summer|winter)|annually|yearly|weekly|daily|monthly|hourly"
)
TIME_OF_DAY = re.compile(r"\d\s*(?:a\.?m\.?|p\.?m\.?)|\d:\d\d|\bnoon\b|\bmidnight\b|o'clock")
#: words spaCy does not tag that TimeML counts as time expressions
OWN = re.compile(
    r"\b(?:[Nn]ow|[Cc]urrently|[Nn]owadays|[Rr]ecently|(?:every|each)\s+(?:day|week|month|year|morning|evening|"
    r"night|season|summer|winter)|annually|yearly|weekly|daily|monthly)\b"
)
_UNIT = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y"}
_WORD_NUM = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight"])}
_WORD_NUM |= {"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}
_WORD_NUM |= {"forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "a": 1, "an": 1}


def _duration_value(m: re.Match[str]) -> str:
    """The TimeML value of a duration: "P3Y", "PT24H", "P10Y" for a decade, "PXM" for "months"."""
    raw = (m["num"] or "").strip()
    unit = m["unit"]
    if raw.replace(".", "").isdigit():
        n: str = raw
    elif raw in _WORD_NUM:
        n = str(_WORD_NUM[raw])
    elif raw in ("", "the", "past", "next", "last", "first", "following", "previous", "coming") and not m["plural"]:
        n = "1"
    else:
        n = "X"
    if unit == "decade":
        return f"P{n}DE" if n == "X" else f"P{int(n) * 10}Y"
    if unit == "century":
        return f"P{n}CE" if n == "X" else f"P{int(n) * 100}Y"
    if unit == "fortnight":
        return f"P{n}W" if n == "X" else f"P{int(n) * 2}W"
    code = _UNIT[unit]
    return f"PT{n}{code}" if unit in ("second", "minute", "hour") else f"P{n}{code}"


def _set_value(low: str) -> str:
    """TimeML's value of a set: "XXXX" every year, "XXXX-XX" every month, "XXXX-WXX" every week, "XXXX-XX-XX"
    every day, "XXXX-XX-XXTMO" every morning, "XXXX-WXX-1" every Monday."""
    for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")):
        if name in low:
            return f"XXXX-WXX-{i + 1}"
    for word, part in _PARTS.items():
        if word in low:
            return f"XXXX-XX-XXT{part}"
    for word, value in (("year", "XXXX"), ("annual", "XXXX"), ("month", "XXXX-XX"), ("week", "XXXX-WXX")):
        if word in low:
            return value
    for word, code in (("summer", "SU"), ("winter", "WI"), ("spring", "SP"), ("autumn", "FA"), ("season", "WI")):
        if word in low:
            return f"XXXX-{code}"
    return "XXXX-XX-XX"


_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}


def _season(low: str, pub_date: str | None) -> str | None:
    """ "last summer" -> "2012-SU" (published 2013); "this winter", "next spring"."""
    m = re.fullmatch(r"(last|this|next|the)\s+(spring|summer|autumn|fall|winter)", low)
    if not m or not pub_date or len(pub_date) < 4 or not pub_date[:4].isdigit():
        return None
    year = int(pub_date[:4]) + {"last": -1, "next": 1}.get(m.group(1), 0)
    return f"{year}-{_SEASONS[m.group(2)]}"


def _is_age(ent: Span) -> bool:
    """ "58 years old", "a 12-year-old": an age, not a time."""
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return "old" in ent.text.lower() or (nxt is not None and nxt.lower_ in ("old", "-old"))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without edge punctuation, nor an age spaCy ran in ("40, eight years from now")."""
    lead = re.match(r"\d\d,\s+(?=\D)", text[start:end])
    if lead:
        start += lead.end()
    while end > start and text[end - 1] in " ,.;:'\"":
        end -= 1
    while start < end and text[start] in " ,.;:'\"":
        start += 1
    return start, end


def entity_timexes(seg: Span, taken: list[tuple[int, int]], dates: Sequence[Span]) -> list[Timex]:
    """spaCy's DATE entities (`dates`, the document's) inside a sentence that name a date no pattern found
    ("2010", "June", "the 2009-2010 season"'s years), at document offsets; not durations, sets, references to
    now, ages or times of day."""
    out: list[Timex] = []
    for ent in dates:
        if not (seg.start <= ent.start and ent.end <= seg.end) or _is_age(ent):
            continue
        chunk, base = ent.text, ent.start_char  # offsets inside the entity's own text: doc.text is costly
        for a0, b0 in _parts(chunk, 0, len(chunk)):
            a1, b1 = _trim(chunk, a0, b0)
            text, start, end = chunk[a1:b1], base + a1, base + b1
            low = " ".join(text.lower().split())
            if end <= start or any(a < end and start < b for a, b in taken):
                continue
            if SET.fullmatch(low) or DURATION.fullmatch(low) or TIME_OF_DAY.search(low) or not ANCHORED.search(text):
                continue
            out.append(Timex(text, start, end, "entity"))
    return out


#: a year, a month or a weekday: what makes an entity a date an event can take ("the first month of the year" is not)
ANCHORED = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\b|"
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
)


def resolve_entity(text: str, pub_date: str | None, tense: str | None) -> ResolvedDate:
    """Resolve a date entity's text: as written, else as "in X" or "on X" ("2010", "June", "this fiscal year")."""
    plain = re.sub(r"(?i)\b(?:fiscal|financial|calendar|school|academic)\s+", "", text)
    for prefix in ("", "in ", "on "):
        when = resolve(prefix + plain, pub_date, tense)
        if when.date:
            return when
    return UNRESOLVED


def _head_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def clause_tense(tok: Token | None) -> str | None:
    """The tense of the clause a token sits in (its nearest verb)."""
    if tok is None:
        return None
    from search.events.tense import trigger_tense

    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            break
        cur = cur.head
    return trigger_tense(cur)


def timeml_value(when: ResolvedDate) -> str | None:
    """The TimeML value of a resolved date: a day, an ISO week ("2013-W12"), a month or a year."""
    if when == UNRESOLVED or when.date is None:
        return None
    if when.granularity == "week":
        from datetime import date

        year, week, _ = date.fromisoformat(when.date).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if when.granularity == "day" and when.date_end and when.date_end != when.date:
        return when.date  # a range: its first day
    return when.date


def sentence_span(doc: Doc, start: int) -> Span | None:
    """The sentence holding a character offset."""
    for sent in doc.sents:
        if sent.start_char <= start < sent.end_char:
            return sent
    return None
