"""Metadata extraction: title, date, source, author and url from an article's header lines, its
furniture and the container's hints, each with the evidence it came from.

Evidence order per field: container hints first (a hint date must still parse), then the text header
(date header, headline line, byline, date line, url line, masthead), then furniture that names the site
(trailing site name, promo, site message, bare domain). A field nothing states stays None.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from search.ingest.furniture import date_line_iso, is_domain, normalise, words
from search.ingest.pubdate import match_date_prefix, parse_date
from search.model import FurnitureBlock, Metadata, Sourced

#: How many non-empty lines after the title are searched for a byline or date line.
HEADER_WINDOW = 6
#: Longest derived title, in characters.
MAX_DERIVED_TITLE = 200
MAX_TITLE_WORDS = 25

_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|bin|al|and|&)){0,5}"
_BYLINE_DATED = re.compile(rf"^(?:[Bb][Yy]:?\s+)?(?P<name>{_NAME})\s*(?:[,|•·]|\s[-–—]\s)\s*(?P<date>.+)$")
_BYLINE = re.compile(rf"^by\s+(?P<name>{_NAME})(?:\s*[,|]\s*(?P<org>{_NAME}))?\.?$", re.IGNORECASE)
_GROUP = re.compile(
    r"^(?:team\s+(?P<a>.+)|(?P<b>.+?)\s+(?:bureau|desk|news\s+desk|web\s+desk|staff|news\s+service))$",
    re.IGNORECASE,
)
_DATE_KEY = re.compile(r"^\s*(?:date|dated|published|pubdate)\s*:?\s+", re.IGNORECASE)
_KEYED = re.compile(r"^\s*(?P<key>title|source|publisher|author|url|link|canonical)\s*:\s*(?P<value>\S.*)$", re.I)
_URL = re.compile(r"^https?://\S+$")
_TWITTER = re.compile(r"pic\.twitter\.com|twitter\.com/\w+/status", re.IGNORECASE)
_PROMO_NAME = re.compile(r"^\(?\s*(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})\s*(?:[–—]|\s-\s|\s+is\s+now\b)")
_SITE_MESSAGE_NAME = re.compile(
    r"^thanks?\s+(?:you\s+)?for\s+(?:visiting|reading)\s+(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "prof", "rep", "sen", "gov", "jr"}
    | {"sr", "inc", "ltd", "co", "corp", "no", "vs", "etc", "rs", "approx"}
)
#: What separates a title from the site name after it, in a page's <title> ("Headline | Site").
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
_KEY_FIELD = {
    "title": "title",
    "source": "source",
    "publisher": "source",
    "author": "author",
    "url": "url",
    "link": "url",
    "canonical": "url",
}


@dataclass(frozen=True)
class Removed:
    """Header text taken out of the body: the line it was on, the text, and why."""

    index: int
    text: str
    reason: str


@dataclass(frozen=True)
class Header:
    """What the top of an article states: the title line and header fields, and what to drop."""

    title: Sourced | None = None
    title_index: int | None = None
    fields: Mapping[str, Sourced] = field(default_factory=dict)
    removed: tuple[Removed, ...] = ()


def is_headline(line: str) -> bool:
    """Headline shape: short, one sentence, not ending with a lone prose period (".." and '."' are fine)."""
    stripped = line.strip()
    if not stripped or words(stripped) > MAX_TITLE_WORDS or len(stripped) > MAX_DERIVED_TITLE:
        return False
    if re.search(r"(?<!\.)\.$", stripped) or stripped.endswith((":", ",", ";")):
        return False
    return not _SENTENCE_END.search(stripped)


def first_sentence(text: str) -> str | None:
    """The first sentence of the first non-empty line, shortened at a word boundary when very long."""
    line = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    if not line:
        return None
    end = len(line)
    for m in _SENTENCE_END.finditer(line):
        before = re.findall(r"[\w.]+$", line[: m.start()])
        token = before[0].split(".")[-1].lower() if before else ""
        if token in _ABBREVIATIONS or len(token) == 1:
            continue
        end = m.end()
        break
    sentence = line[:end].strip()
    if len(sentence) > MAX_DERIVED_TITLE:
        sentence = sentence[:MAX_DERIVED_TITLE].rsplit(" ", 1)[0] + "…"
    return sentence


def group_source(name: str) -> str | None:
    """The organisation behind a group byline ("Team Udayavani" -> "Udayavani"), else None."""
    m = _GROUP.match(name.strip())
    if not m:
        return None
    return (m.group("a") or m.group("b")).strip()


def parse_byline(line: str) -> dict[str, str] | None:
    """Author, source and date from a byline line ("Team X, Mar 28, 2021, 8:45 PM IST", "By Jane Doe")."""
    stripped = line.strip()
    found: dict[str, str] = {}
    dated = _BYLINE_DATED.match(stripped)
    if dated and parse_date(dated.group("date")):
        found = {"author": dated.group("name").strip(), "date": parse_date(dated.group("date")) or ""}
    else:
        plain = _BYLINE.match(stripped)
        if not plain:
            return None
        found = {"author": plain.group("name").strip()}
        if plain.group("org"):
            found["source"] = plain.group("org").strip()
    org = group_source(found["author"])
    if org and "source" not in found:
        found["source"] = org
    return found


def _nonempty(lines: Sequence[str], start: int) -> list[int]:
    return [i for i in range(start, len(lines)) if lines[i].strip()]


def _is_hint_title(line: str, hint: str) -> bool:
    """The line is the container's title: exactly, or with the site's name after a separator in the hint
    ("Bridge reopens" for "Bridge reopens | Coastal Times"). A line that merely begins with the title is a
    paragraph ("Storm hits UK with 100mph winds, ..." for "Storm hits UK") and stays in the body."""
    a, b = normalise(line), normalise(hint)
    if not a:
        return False
    return a == b or (is_headline(line) and any(b.startswith(a + sep) for sep in _TITLE_SEPARATORS))


def _keyed_header(lines: Sequence[str], idx: list[int], fields: dict[str, Sourced], removed: list[Removed]) -> str:
    """Consume leading "key: value" / "date ..." header lines; return text left on the last one."""
    while idx:
        i = idx[0]
        line = lines[i]
        date_key = _DATE_KEY.match(line)
        found = match_date_prefix(line[date_key.end() :]) if date_key else None
        if date_key and found:
            cut = date_key.end() + found.end
            fields.setdefault("date", Sourced(found.iso, "date header"))
            removed.append(Removed(i, line[:cut].strip(), "date line"))
            rest = line[cut:].strip()
            if rest:
                return rest
            idx.pop(0)
            continue
        keyed = _KEYED.match(line)
        if keyed:
            name = _KEY_FIELD[keyed.group("key").lower()]
            fields.setdefault(name, Sourced(keyed.group("value").strip(), f"{name} header"))
            removed.append(Removed(i, line.strip(), "header"))
            idx.pop(0)
            continue
        if _URL.match(line.strip()) and not _TWITTER.search(line):
            fields.setdefault("url", Sourced(line.strip(), "url line"))
            removed.append(Removed(i, line.strip(), "url line"))
            idx.pop(0)
            continue
        break
    return lines[idx[0]].strip() if idx else ""


def _scan_after_title(lines: Sequence[str], idx: list[int], fields: dict[str, Sourced], removed: list[Removed]) -> None:
    """Bylines, date lines and url lines among the first lines after the title."""
    for i in idx[:HEADER_WINDOW]:
        line = lines[i].strip()
        byline = parse_byline(line) if words(line) <= 16 else None
        if byline:
            for name, value in byline.items():
                fields.setdefault(name, Sourced(value, "byline"))
            removed.append(Removed(i, line, "byline"))
        elif iso := date_line_iso(line):
            fields.setdefault("date", Sourced(iso, "date line"))
            removed.append(Removed(i, line, "date line"))
        elif _URL.match(line) and not _TWITTER.search(line):
            fields.setdefault("url", Sourced(line, "url line"))
            removed.append(Removed(i, line, "url line"))
        elif (keyed := _KEYED.match(line)) and not _TWITTER.search(line):
            name = _KEY_FIELD[keyed.group("key").lower()]
            fields.setdefault(name, Sourced(keyed.group("value").strip(), f"{name} header"))
            removed.append(Removed(i, line, "header"))


def read_header(lines: Sequence[str], hint_title: str | None = None) -> Header:
    """Read the title line and header fields from the top of an article's lines."""
    fields: dict[str, Sourced] = {}
    removed: list[Removed] = []
    idx = _nonempty(lines, 0)
    candidate = _keyed_header(lines, idx, fields, removed)
    title: Sourced | None = None
    title_index: int | None = None
    if idx and "title" not in fields:
        i = idx[0]
        on_date_line = bool(removed) and removed[-1].index == i
        follows = idx[1:]
        blank_after = i + 1 < len(lines) and not lines[i + 1].strip()
        if is_domain(candidate) and follows and is_headline(lines[follows[0]]):
            fields.setdefault("source", Sourced(candidate, "masthead"))
            removed.append(Removed(i, candidate, "site name"))
            idx.pop(0)
            i, candidate, follows = idx[0], lines[idx[0]].strip(), idx[1:]
            blank_after = i + 1 < len(lines) and not lines[i + 1].strip()
        if not follows:
            pass  # a lone line is the whole text, not a headline over a body
        elif hint_title is not None:
            if _is_hint_title(candidate, hint_title) and not on_date_line:  # the title is the hint's: a copy
                removed.append(Removed(i, candidate, "repeated headline"))
                idx.pop(0)
        elif _title_shaped(lines, candidate, follows, on_date_line, blank_after):
            title, title_index = Sourced(candidate, "headline line"), i
        if title_index is not None:
            idx.pop(0)
    _scan_after_title(lines, idx, fields, removed)
    if "title" in fields:
        title = fields.pop("title")
    return Header(title, title_index, fields, tuple(removed))


def _title_shaped(
    lines: Sequence[str], candidate: str, follows: Sequence[int], on_date_line: bool, blank_after: bool
) -> bool:
    """The rest of a date-header line, or a headline-shaped line followed by a blank line or a copy."""
    if on_date_line:
        return words(candidate) <= MAX_TITLE_WORDS
    return is_headline(candidate) and (blank_after or _repeated(lines, follows, candidate))


def _repeated(lines: Sequence[str], idx: Sequence[int], candidate: str) -> bool:
    key = normalise(candidate)
    return any(normalise(lines[i]) == key for i in idx[:HEADER_WINDOW])


def furniture_source(blocks: Sequence[FurnitureBlock]) -> Sourced | None:
    """The site name that furniture states, best evidence first; a display name beats a bare domain."""
    found: dict[str, str] = {}
    for block in blocks:
        for line in block.text.split("\n"):
            line = line.strip()
            if block.reason == "site name" and not is_domain(line) and words(line) <= 4:
                found.setdefault("trailing site name", line)
            elif block.reason == "site name" and is_domain(line):
                found.setdefault("domain", re.sub(r"^(?:https?://)?(?:www\.)?|/$", "", line))
            elif block.reason == "promo" and (m := _PROMO_NAME.match(line)):
                found.setdefault("promo", m.group("name").strip())
            elif block.reason == "site message" and (m := _SITE_MESSAGE_NAME.match(line)):
                found.setdefault("site message", m.group("name").strip().rstrip("."))
    for origin in ("trailing site name", "promo", "site message", "domain"):
        if origin in found:
            return Sourced(found[origin], origin)
    return None


def build_metadata(
    header: Header, blocks: Sequence[FurnitureBlock], hints: Mapping[str, Sourced], body: str
) -> Metadata:
    """Combine hints, header evidence and furniture evidence into Metadata with provenance."""
    chosen: dict[str, Sourced] = {}
    for name in ("title", "source", "author", "url"):
        if name in hints and hints[name].value.strip():
            chosen[name] = Sourced(hints[name].value.strip(), hints[name].origin)
    if "date" in hints and (iso := parse_date(hints["date"].value)):
        chosen["date"] = Sourced(iso, hints["date"].origin)
    for name, value in header.fields.items():
        chosen.setdefault(name, value)
    if header.title is not None:
        chosen.setdefault("title", header.title)
    if "source" not in chosen and (site := furniture_source(blocks)):
        chosen["source"] = site
    derived = False
    if "title" not in chosen and (sentence := first_sentence(body)):
        chosen["title"] = Sourced(sentence, "first sentence")
        derived = True
    return Metadata(
        title=_value(chosen, "title"),
        title_derived=derived,
        date=_value(chosen, "date"),
        source=_value(chosen, "source"),
        author=_value(chosen, "author"),
        url=_value(chosen, "url"),
        provenance={name: sourced.origin for name, sourced in chosen.items()},
    )


def _value(chosen: Mapping[str, Sourced], name: str) -> str | None:
    sourced = chosen.get(name)
    return sourced.value if sourced else None
