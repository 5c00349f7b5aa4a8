"""Event categories: the public CAMEO taxonomy, the news types CAMEO does not code, and their display order.

Every event has a `category` (a readable name) and, when CAMEO codes it, a `cameo` code; its `type` is the
subtype. The eleven original types keep their names as subtypes and map onto CAMEO codes (`LEGACY_CODES`).
News readers expect events CAMEO does not code; they get categories of their own (`NEWS_CATEGORIES`): their
`type` is the category ("election", "death", ...). A verb with an agent that fits no type is "other": stored and
searchable, hidden from lists unless asked for.

`event_category(ev)` reads an event's category, also of events stored before categories existed.
`CATEGORY_ORDER` is the display order (CAMEO's order, then the news categories, "other" last);
`group_by_period(events, unit)` counts a list's dated events per day, week, month or year, for a bar chart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from types import MappingProxyType
from typing import Final

from search.events.cameo import CAMEO_CATEGORIES, category_of
from search.model import Event

#: the eleven original types -> the CAMEO code that holds them.
LEGACY_CODES: Final = MappingProxyType(
    {
        "meeting": "040",  # consult
        "call": "041",  # discuss by telephone
        "visit": "042",  # make a visit
        "arrival": "042",
        "agreement": "057",  # sign formal agreement
        "statement": "010",  # make a public statement
        "review": "040",
        "delivery": "060",  # material cooperation
        "inauguration": "010",
        "exercise": "150",  # demonstrate military power
        "invitation": "036",  # express intent to meet or negotiate
    }
)

#: categories of news events CAMEO does not code; the type of such an event is its category.
NEWS_CATEGORIES: Final = ("election", "appointment", "court ruling", "economy", "disaster", "death")
OTHER: Final = "other"
CATEGORY_ORDER: Final = (*CAMEO_CATEGORIES.values(), *NEWS_CATEGORIES, OTHER)


def category_for(etype: str, code: str | None) -> str:
    """The category of an event of type `etype` with CAMEO code `code`."""
    if etype in NEWS_CATEGORIES or etype == OTHER:
        return etype
    return category_of(code) or OTHER


def code_for_legacy(etype: str) -> str | None:
    return LEGACY_CODES.get(etype)


def event_category(ev: Event) -> str:
    """An event's category; for one stored before categories existed (category ""), its type's."""
    return ev.category or category_for(ev.type, ev.cameo or LEGACY_CODES.get(ev.type))


def period_start(iso: str, unit: str) -> str | None:
    """The first day of the day/week/month/year that holds an ISO date (at least a year), as ISO text; None when
    the date is coarser than the unit ("2021" has no month)."""
    parts = iso.split("-")
    if unit == "year":
        return parts[0]
    if unit == "month":
        return f"{parts[0]}-{parts[1]}" if len(parts) >= 2 else None
    if len(parts) < 3:
        return None
    day = date.fromisoformat(iso[:10])
    if unit == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    return day.isoformat()


def group_by_period(events: Iterable[Event], unit: str = "day") -> list[tuple[str, int]]:
    """(period start, number of events) for the dated events, in time order; `unit` is "day", "week", "month"
    or "year". An event dated coarser than the unit (a month when counting days) is left out, never guessed."""
    if unit not in ("day", "week", "month", "year"):
        raise ValueError(f"unknown period: {unit}")
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    counts: Counter[str] = Counter()
    for ev in events:
        if not ev.date or rank.get(ev.granularity or "", 9) > rank[unit]:
            continue
        if (key := period_start(ev.date, unit)) is not None:
            counts[key] += 1
    return sorted(counts.items())


def sort_key(category: str) -> int:
    """Position of a category in `CATEGORY_ORDER` (unknown ones just before "other")."""
    return CATEGORY_ORDER.index(category) if category in CATEGORY_ORDER else len(CATEGORY_ORDER) - 1
