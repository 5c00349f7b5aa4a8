"""The main event of an article: who did what to whom, when and where, as a journalist's 5W summary of its lead.

`main_event(events, body, pub_date)` picks, among the events of the lead (the headline and the first paragraph
of at least a dozen words, at most its first two sentences), the one the lead reports: a typed event (not
"other") that has an agent, preferring a happening to a saying (a statement is the main event only when the lead
reports nothing else), dated ones, then the first in the text. Without an event in the lead, the first typed event
of the article with an agent. Its date is the event's own; only when the event has none and the lead dates a
happening to the publication day ("said on Tuesday" in Tuesday's article) is it the publication date. No date is
ever invented.

`main_first(events, main)` orders an article's events with the main event first, for the events list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from search.events.timex import find_timexes, resolve
from search.model import Event

LEAD_WORDS = 12


@dataclass(frozen=True)
class MainEvent:
    """The 5W summary of an article's main event."""

    event_id: str
    who: str | None
    what: str  # the trigger word
    category: str
    whom: str | None
    when: str | None  # ISO date at its granularity
    granularity: str | None
    when_text: str | None
    date_from_publication: bool  # the lead dates it to the publication day; the event itself is undated
    where: str | None
    sentence: str
    summary: str


def lead_span(body: str) -> tuple[int, int]:
    """Character offsets of the lead: from the start to the end of the first paragraph of at least LEAD_WORDS
    words, cut after its second sentence."""
    pos = 0
    for para in re.split(r"(\n\s*\n)", body):
        start, pos = pos, pos + len(para)
        if len(para.split()) < LEAD_WORDS:
            continue
        ends = [m.end() for m in re.finditer(r"[.!?][\"'”’]?\s+(?=[A-Z\"“])", para)]
        cut = ends[1] if len(ends) > 1 else len(para)
        return 0, start + cut
    return 0, len(body)


def main_event(events: Sequence[Event], body: str, pub_date: str | None) -> MainEvent | None:
    """The main event of an article, or None when it has no typed event with an agent."""
    typed = [e for e in events if e.category != "other" and e.agent]
    _, lead_end = lead_span(body)
    in_lead = [e for e in typed if e.start < lead_end]
    pool = in_lead or typed
    if not pool:
        return None
    best = min(pool, key=lambda e: (e.category == "statement" or e.type == "statement", e.date is None, e.start))
    return _summary(best, body[:lead_end], pub_date)


def main_first(events: Sequence[Event], main: MainEvent | None) -> list[Event]:
    """The events with the main event first, the others in their order."""
    if main is None:
        return list(events)
    return sorted(events, key=lambda e: e.id != main.event_id)


def _summary(ev: Event, lead: str, pub_date: str | None) -> MainEvent:
    when, gran, when_text, from_pub = ev.date, ev.granularity, ev.date_text, False
    if when is None and pub_date and _lead_dates_publication_day(lead, pub_date):
        when, gran, from_pub = pub_date[:10], "day", True
    parts = [f"Who: {ev.agent}", f"What: {ev.trigger}" + (f" {ev.target}" if ev.target else "") + f" ({ev.category})"]
    parts.append(f"When: {when or 'not stated'}")
    parts.append(f"Where: {ev.location or 'not stated'}")
    return MainEvent(
        ev.id, ev.agent, ev.trigger, ev.category, ev.target, when, gran, when_text, from_pub, ev.location,
        ev.sentence, "; ".join(parts),
    )  # fmt: skip


def _lead_dates_publication_day(lead: str, pub_date: str) -> bool:
    """A time expression of the lead that resolves, read as past, to the publication day itself."""
    return any(resolve(t.text, pub_date, "past").date == pub_date[:10] for t in find_timexes(lead))
