"""Chicago 17 notes-bibliography: the full note and the bibliography entry for a news article.

Note: Author, “Title,” Source, Month Day, Year, URL. Bibliography: Author. “Title.” Source, Month Day, Year.
URL. An undated web page carries an access date before its URL; the URL is there only when the article has
one (never a local path); no author -> title first;
a derived title is an unquoted description in sentence case.
"""

from __future__ import annotations

import datetime

from search.cite.item import MONTHS, CitableItem, Name, PartialDate
from search.cite.typography import add_period, quoted, strip_final_period, title_case

UNTITLED = "Untitled document"


def chicago_date(date: PartialDate) -> str:
    """March 28, 2021 / March 2021 / 2021."""
    if date.month and date.day:
        return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"
    if date.month:
        return f"{MONTHS[date.month - 1]} {date.year}"
    return str(date.year)


def _day(day: datetime.date) -> str:
    return chicago_date(PartialDate(day.year, day.month, day.day))


def note_authors(names: tuple[Name, ...]) -> str:
    """Jane Smith / Jane Smith and Ann Doe / A, B, and C / A et al. (four or more)."""
    full = [n.full for n in names]
    if len(full) <= 2:
        return " and ".join(full)
    if len(full) == 3:
        return f"{full[0]}, {full[1]}, and {full[2]}"
    return f"{full[0]} et al."


def bibliography_authors(names: tuple[Name, ...]) -> str:
    """Smith, Jane / Smith, Jane, and Ann Doe / up to ten names, the first inverted."""
    shown = [names[0].inverted] + [n.full for n in names[1:10]]
    if len(shown) == 1:
        return shown[0]
    if len(names) > 10:
        return ", ".join(shown[:7]) + ", et al."
    if len(shown) == 2:
        return f"{shown[0]}, and {shown[1]}"
    return ", ".join(shown[:-1]) + ", and " + shown[-1]


def _title(item: CitableItem) -> tuple[str, bool]:
    """The title text and whether it is quoted (a headline) rather than a plain description."""
    if not item.title:
        return UNTITLED, False
    if item.title_derived:
        return strip_final_period(item.title), False
    return title_case(item.title), True


def _access(item: CitableItem) -> str | None:
    return f"accessed {_day(item.accessed)}" if item.url and item.date is None else None


def chicago_note(item: CitableItem) -> str:
    """The full (first) note, without its number."""
    title, is_quoted = _title(item)
    elements: list[tuple[str, bool]] = []
    if item.authors:
        elements.append((note_authors(item.authors), False))
    elements.append((title, is_quoted))
    for extra in (item.source, chicago_date(item.date) if item.date else None, _access(item), item.url):
        if extra:
            elements.append((extra, False))
    out = []
    for i, (text, q) in enumerate(elements):
        last = i == len(elements) - 1
        punct = "." if last else ","
        if q:
            out.append(quoted(text, punct))
        else:
            out.append(add_period(text) if last else text + ",")
    return " ".join(out)


def chicago_bibliography(item: CitableItem) -> str:
    """The bibliography entry."""
    title, is_quoted = _title(item)
    parts = []
    if item.authors:
        parts.append(add_period(bibliography_authors(item.authors)))
    parts.append(quoted(title, ".") if is_quoted else add_period(title))
    publication = [x for x in (item.source, chicago_date(item.date) if item.date else None) if x]
    if publication:
        parts.append(add_period(", ".join(publication)))
    access = _access(item)
    if access:
        parts.append(add_period(access[0].upper() + access[1:]))
    if item.url:
        parts.append(add_period(item.url))
    return " ".join(parts)
