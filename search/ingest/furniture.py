"""Page-furniture rules: which lines of an article are site chrome rather than article text.

Rules look at line shapes and positions, never at one site's exact strings: a trailing list of other
headlines under a section header ("Top News", "Recent Articles"...), ad-blocker notices, channel and
follow-us promos, share prompts, empty "Published on" stubs, a trailing logo / site-name / domain block,
repeated copies of the headline, credit lines and whole-line dates. `mark_furniture` returns one reason
(or None for article text) per line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from search.ingest.pubdate import parse_date

#: Short lines that open a list of other stories.
_SECTION_HEADER = re.compile(
    r"^(?:top|latest|recent|related|more|trending|popular|most\s+(?:read|popular|viewed|shared)"
    r"|editor'?s?\s+picks?|recommended|must\s+(?:watch|read)|don'?t\s+miss|also\s+read|read\s+(?:more|next)"
    r"|you\s+may\s+(?:also\s+)?like|further\s+reading|in\s+case\s+you\s+missed)\b[\w\s'’:&-]{0,40}$",
    re.IGNORECASE,
)
_AD_BLOCKER = re.compile(
    r"ad[\s-]?blocker|whitelist|allowlist|disable\s+your\s+ad|turn\s+off\s+your\s+ad", re.IGNORECASE
)
_PROMO = re.compile(
    r"\bis\s+now\s+on\s+(?:telegram|whatsapp|google\s+news|instagram|youtube)"
    r"|\bjoin\s+(?:our|us\s+on|the)\b.{0,60}\b(?:telegram|whatsapp|channel|group|community)\b"
    r"|\bfollow\s+us\s+on\b|\bsubscribe\s+to\s+our\b|\bsign\s+up\s+for\s+our\b"
    r"|\bclick\s+here\s+to\s+(?:join|subscribe|download|follow)\b|\bdownload\s+(?:our|the)\b.{0,40}\bapp\b",
    re.IGNORECASE,
)
_SITE_MESSAGE = re.compile(r"^thanks?\s+(?:you\s+)?for\s+(?:visiting|reading)\b.{0,60}$", re.IGNORECASE)
_SHARE = re.compile(
    r"^(?:share(?:\s+this(?:\s+(?:article|story|post))?)?|share\s+(?:on|via)\s+\w+|tweet|email|print"
    r"|copy\s+link|whatsapp|facebook|twitter|linkedin)[\s:|]*$",
    re.IGNORECASE,
)
_STUB = re.compile(
    r"^(?:first\s+)?(?:published|updated|posted|last\s+updated|modified)(?:\s+(?:on|at))?\s*:?$", re.IGNORECASE
)
_DATED_STUB = re.compile(
    r"^(?:first\s+)?(?:published|updated|posted|last\s+updated|modified)(?:\s+(?:on|at))?\s*:?\s*(?P<date>.+)$",
    re.IGNORECASE,
)
_LOGO = re.compile(r"^(?:[\w .'-]{0,30}\s)?logo$", re.IGNORECASE)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12}/?$", re.IGNORECASE)
_SITE_NAME = re.compile(r"^[A-Z0-9][\w&'’.-]*(?:\s+[\w&'’.-]+){0,4}$")
_CREDIT = re.compile(
    r"^\(\s*(?:with\s+(?:\w+\s+){0,3}inputs?(?:\s+from\s+[^)]{1,60})?|inputs?\s+from\s+[^)]{1,60}"
    r"|agencies|with\s+agencies)\s*\)\.?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")

#: Reasons a line keeps even inside a headline-list section (they say more than "headline list").
_SPECIFIC = frozenset({"ad-blocker notice", "promo", "site message", "logo", "site name"})


def normalise(text: str) -> str:
    """Casefolded text with unified quotes and single spaces, for comparing lines."""
    text = re.sub(r"[‘’‛′`]", "'", text)
    text = re.sub(r"[“”„″]", '"', text)
    return " ".join(text.split()).casefold()


def words(text: str) -> int:
    """Number of word tokens in `text`."""
    return len(_WORD.findall(text))


def is_domain(line: str) -> bool:
    """True when the whole line is a bare domain or site address ("psuwatch.com")."""
    return bool(_DOMAIN.match(line.strip())) and "." in line


def date_line_iso(line: str) -> str | None:
    """The ISO date when the whole line is a date, optionally after "Published on"/"Updated:"."""
    stripped = line.strip()
    if stripped.isdigit():
        return None
    m = _DATED_STUB.match(stripped)
    return parse_date(stripped) or (parse_date(m.group("date")) if m else None)


def is_date_line(line: str) -> bool:
    """True when the whole line is a date (see `date_line_iso`)."""
    return date_line_iso(line) is not None


def line_reason(line: str, title_key: str | None) -> str | None:
    """The furniture reason for one line judged on its own, or None."""
    stripped = line.strip()
    if not stripped:
        return None
    n = words(stripped)
    if title_key is not None and normalise(stripped) == title_key:
        return "repeated headline"
    if _AD_BLOCKER.search(stripped) and n <= 40:
        return "ad-blocker notice"
    if _PROMO.search(stripped) and n <= 60:
        return "promo"
    if _SITE_MESSAGE.match(stripped):
        return "site message"
    if _SHARE.match(stripped):
        return "share prompt"
    if _STUB.match(stripped):
        return "empty stub"
    if _LOGO.match(stripped):
        return "logo"
    if is_domain(stripped):
        return "site name"
    if _CREDIT.match(stripped):
        return "credit line"
    if is_date_line(stripped):
        return "date line"
    return None


def _is_list_item(line: str) -> bool:
    """Shape of a teaser line: short, and not a finished prose sentence."""
    stripped = line.strip()
    return words(stripped) <= 25 and not re.search(r"[.!?][\"”’)]?$", stripped)


def _list_start(lines: Sequence[str], start: int) -> int | None:
    """Index of the section header that opens a trailing list of other stories, or None.

    The header must be followed, to the end of the text, by lines of which most are teaser-shaped. Each line is
    judged once, from the end (a header recurring through a long text made one scan of the rest per header: hours
    for a 50 MB article).
    """
    headers = [i for i in range(start, len(lines)) if _is_section_header(lines[i])]
    if not headers:
        return None
    rest, teaser = [0] * (len(lines) + 1), [0] * (len(lines) + 1)  # non-empty and teaser lines from each line on
    for i in range(len(lines) - 1, headers[0], -1):
        line = lines[i]
        filled = bool(line.strip())
        rest[i] = rest[i + 1] + filled
        teaser[i] = teaser[i + 1] + (filled and bool(_is_list_item(line) or line_reason(line, None)))
    for i in headers:
        if rest[i + 1] >= 2 and teaser[i + 1] >= 0.7 * rest[i + 1]:
            return i
    return None


def _is_section_header(line: str) -> bool:
    header = line.strip()
    return bool(_SECTION_HEADER.match(header)) and words(header) <= 5


def _is_site_name(line: str) -> bool:
    """Shape of a bare site name: up to four words, capitalised, no sentence punctuation."""
    return bool(_SITE_NAME.match(line)) and words(line) <= 4 and not re.search(r"[.!?,:;]$", line)


def _site_block(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Mark a trailing block of logo / site name / domain lines (needs a logo or domain to count)."""
    block: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        stripped = lines[i].strip()
        if not stripped or reasons[i] not in (None, "logo", "site name"):
            continue
        if reasons[i] is not None or _is_site_name(stripped):
            block.append(i)
            continue
        break
    if any(reasons[i] in ("logo", "site name") for i in block):
        for i in block:
            reasons[i] = reasons[i] or "site name"


def mark_furniture(lines: Sequence[str], start: int, title: str | None) -> list[str | None]:
    """One furniture reason per line (None = article text); lines before `start` are left as None."""
    title_key = normalise(title) if title else None
    reasons: list[str | None] = [None] * len(lines)
    for i in range(start, len(lines)):
        reasons[i] = line_reason(lines[i], title_key)
    list_at = _list_start(lines, start)
    if list_at is not None:
        for i in range(list_at, len(lines)):
            if lines[i].strip() and reasons[i] not in _SPECIFIC:
                reasons[i] = "headline list"
    _site_block(lines, reasons)
    return reasons
