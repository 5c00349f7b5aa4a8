"""What the app shows of an event: its category, agent, target and place, read the same way everywhere.

The engine's Event gains `category`, `cameo`, `agent`, `target` and `place`; until an index stores them (and for
indexes built before), they are read with fallbacks: the category is the event's `type`, the agent and the target
are the first actors in those roles ("agent", "patient"), the place is the `location`. Once every stored event has
the fields, these functions become plain attribute reads. No Textual here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.model import Event

#: The category of events the engine could not place: hidden from the events list unless asked for.
OTHER = "other"


def category_of(event: Event) -> str:
    """The event's readable category ("election", "visit", …), else its type."""
    return getattr(event, "category", None) or event.type or OTHER


def agent_of(event: Event) -> str | None:
    """Who acted, when known."""
    agent = getattr(event, "agent", None)
    return agent if agent else _actor_in(event, "agent")


def target_of(event: Event) -> str | None:
    """On whom or what, when known."""
    target = getattr(event, "target", None)
    return target if target else _actor_in(event, "patient")


def place_of(event: Event) -> str | None:
    """Where, when known."""
    return getattr(event, "place", None) or event.location or None


def _actor_in(event: Event, role: str) -> str | None:
    return next((actor.name for actor in event.actors if actor.role == role), None)


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
