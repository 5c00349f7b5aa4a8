"""MLA 9 Works Cited entries and parenthetical citations for news articles.

Core elements in order: Author. "Title." Container, Date, URL. Accessed date (for an undated web page). No
author -> the entry starts with the title; a derived title is a plain description.
"""

from __future__ import annotations

import datetime

from search.cite.item import CitableItem, Name, PartialDate
from search.cite.typography import add_period, quoted, shorten_title, strip_final_period, title_case

MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
UNTITLED = "Untitled document."


def mla_date(date: PartialDate) -> str:
    """28 Mar. 2021 / Mar. 2021 / 2021."""
    text = str(date.year)
    if date.month:
        text = f"{MLA_MONTHS[date.month - 1]} {text}"
        if date.day:
            text = f"{date.day} {text}"
    return text


def _day(day: datetime.date) -> str:
    return mla_date(PartialDate(day.year, day.month, day.day))


def mla_authors(names: tuple[Name, ...]) -> str:
    """Smith, Jane / Smith, Jane, and Ann Doe / Smith, Jane, et al. / a group as written."""
    if len(names) == 1:
        return names[0].inverted
    if len(names) == 2:
        return f"{names[0].inverted}, and {names[1].full}"
    return f"{names[0].inverted}, et al."


def _shown_authors(item: CitableItem) -> tuple[Name, ...]:
    """MLA omits a group author that is also the publishing site."""
    if len(item.authors) == 1 and item.authors[0].is_group and item.authors[0].family == item.source:
        return ()
    return item.authors


def mla_title(item: CitableItem) -> str:
    """“Title in Title Case.” or, for a derived title, the description in sentence case, unquoted."""
    if not item.title:
        return UNTITLED
    if item.title_derived:
        return add_period(item.title)
    return quoted(title_case(item.title), ".")


def mla_works_cited(item: CitableItem) -> str:
    """The Works Cited entry."""
    parts = []
    authors = _shown_authors(item)
    if authors:
        parts.append(add_period(mla_authors(authors)))
    parts.append(mla_title(item))
    container = [x for x in (item.source, mla_date(item.date) if item.date else None, item.url) if x]
    if container:
        parts.append(add_period(", ".join(container)))
    if item.url and item.date is None:
        parts.append(f"Accessed {_day(item.accessed)}.")
    return " ".join(parts)


def mla_in_text_author(item: CitableItem) -> str:
    """The author or short title inside the parentheses."""
    names = _shown_authors(item)
    if names:
        if len(names) == 1:
            return names[0].family
        if len(names) == 2:
            return f"{names[0].family} and {names[1].family}"
        return f"{names[0].family} et al."
    if not item.title:
        return strip_final_period(UNTITLED)
    if item.title_derived:
        return shorten_title(strip_final_period(item.title))
    return quoted(title_case(shorten_title(item.title)))


def mla_in_text(item: CitableItem) -> str:
    """Parenthetical citation: (Smith), (“Short Title”)."""
    return f"({mla_in_text_author(item)})"
