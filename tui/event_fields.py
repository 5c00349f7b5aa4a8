"""What the app shows of an event: its category, agent, target and place, read the same way everywhere.

The engine stores them on the Event (`category`, `agent`, `target`, `location`); these are plain reads, with one
fallback for indexes built before categories existed (`category` is "" there: the event's `type` stands in).
No Textual here, and no `search.events.categories` (it imports spaCy through the CAMEO table).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.model import Document, Event

#: The category of events the engine could not place: hidden from the events list unless asked for.
OTHER = "other"


def category_of(event: Event) -> str:
    """The event's readable category ("consult/meet", "protest", …); in an older index, its type."""
    return event.category or event.type or OTHER


def agent_of(event: Event) -> str | None:
    """Who acted, when known."""
    return event.agent or None


def target_of(event: Event) -> str | None:
    """On whom or what, when known."""
    return event.target or None


def place_of(event: Event) -> str | None:
    """Where, when known."""
    return event.location or None


def category_counts(events: Iterable[Event]) -> list[tuple[str, int]]:
    """The categories of `events` with their counts, most frequent first (then by name), "other" last."""
    counts = Counter(category_of(event) for event in events)
    ordered = sorted(counts.items(), key=lambda item: (item[0] == OTHER, -item[1], item[0]))
    return ordered


def shown_in(events: Iterable[Event], category: str | None) -> list[Event]:
    """The events of `category`; with None, every category but "other"."""
    if category is None:
        return [event for event in events if category_of(event) != OTHER]
    return [event for event in events if category_of(event) == category]


def article_events(document: Document) -> tuple[list[Event], str | None]:
    """The article's events, and the id of its main event (the one its lead reports), when it has one."""
    # imported when the first article is shown, not at startup: it and its time-expression patterns take 20 ms
    from search.events.main_event import main_event

    events = list(document.annotation.events)
    main = main_event(events, document.body, document.metadata.date)
    return events, main.event_id if main else None
