"""APA 7 references and parenthetical citations for news articles (newspaper article / webpage on a news site).

Missing parts follow the manual: no date -> "n.d."; no author -> the title moves to the author position;
no title -> a bracketed description; the URL ends the reference when the article has one (never a path).
"""

from __future__ import annotations

from search.cite.item import MONTHS, CitableItem, Name, PartialDate
from search.cite.typography import add_period, quoted, shorten_title, strip_final_period, title_case

UNTITLED = "[Untitled document]"


def apa_date(date: PartialDate | None) -> str:
    """(2021, March 28) style date, without the parentheses; "n.d." when there is none."""
    if date is None:
        return "n.d."
    text = str(date.year)
    if date.month:
        text += f", {MONTHS[date.month - 1]}"
        if date.day:
            text += f" {date.day}"
    return text


def _ref_name(name: Name) -> str:
    if name.is_group or not name.given:
        return name.family
    return f"{name.family}, {name.initials}"


def apa_authors(names: tuple[Name, ...]) -> str:
    """Reference-list authors: "Smith, J.", "Smith, J., & Doe, A.", up to 20 joined with "&"."""
    refs = [_ref_name(n) for n in names[:20]]
    if len(refs) == 1:
        return refs[0]
    return ", ".join(refs[:-1]) + ", & " + refs[-1]


def apa_title(item: CitableItem) -> str:
    """The title element: the headline as given, or a bracketed description for a derived one."""
    if not item.title:
        return UNTITLED
    if item.title_derived:
        return f"[{strip_final_period(item.title)}]"
    return item.title


def apa_reference(item: CitableItem) -> str:
    """The reference-list entry: Author. (Date). Title. Site Name. URL-or-retrieval."""
    title = apa_title(item)
    group_names = {n.family for n in item.authors if n.is_group}
    parts = []
    if item.authors:
        parts += [add_period(apa_authors(item.authors)), f"({apa_date(item.date)}).", add_period(title)]
    else:
        parts += [add_period(title), f"({apa_date(item.date)})."]
    if item.source and item.source not in group_names:
        parts.append(add_period(item.source))
    if item.url:
        parts.append(item.url)
    return " ".join(parts)


def apa_in_text_author(item: CitableItem) -> str:
    """The author (or short title) part of a parenthetical citation."""
    names = item.authors
    if names:
        if len(names) == 1:
            return names[0].family
        if len(names) == 2:
            return f"{names[0].family} & {names[1].family}"
        return f"{names[0].family} et al."
    if not item.title:
        return UNTITLED
    if item.title_derived:
        return f"[{shorten_title(strip_final_period(item.title))}]"
    return quoted(title_case(shorten_title(item.title)), ",")


def apa_in_text(item: CitableItem) -> str:
    """Parenthetical citation: (Author, 2021), (“Short Title,” n.d.)."""
    who = apa_in_text_author(item)
    joiner = " " if who.endswith("”") else ", "
    return f"({who}{joiner}{apa_date_year(item.date)})"


def apa_date_year(date: PartialDate | None) -> str:
    """The year for in-text citations, or "n.d."."""
    return str(date.year) if date else "n.d."
