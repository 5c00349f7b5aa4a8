"""The events side list: the open article's events by date, or (toggled with `t`) the timeline of every event
in the current results, one line per cluster with its corroboration count ("3 sources").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from search.model import Event
from search.text_safety import strip_escapes
from tui.messages import EventChosen

ARTICLE, TIMELINE = "article", "timeline"
#: Longest sentence shown in the list (the reader shows it whole).
SENTENCE_CHARS = 150


def timeline(events: Sequence[Event]) -> list[Event]:
    """One event per cluster (the first by date), in date order, unresolved last."""
    seen: set[str] = set()
    chosen = []
    for event in events:
        key = event.cluster or event.id
        if key not in seen:
            seen.add(key)
            chosen.append(event)
    return chosen


def event_text(event: Event, *, with_sources: bool) -> Text:
    """Date, type, actors, then (in the timeline) the corroboration count, then the sentence, dimmed."""
    text = Text(event.date or "undated", style="bold")
    text.append(f"  {event.type}", style="#ffaf5f")
    actors = ", ".join(strip_escapes(actor.name) for actor in event.actors[:3])
    if actors:
        text.append(f"  {actors}")
    if with_sources:
        count = max(1, len(event.sources))
        text.append(f"  ({count} source{'s' if count != 1 else ''})", style="#87d75f" if count > 1 else "dim")
    text.append("\n")
    sentence = " ".join(strip_escapes(event.sentence).split())
    if len(sentence) > SENTENCE_CHARS:
        sentence = sentence[: SENTENCE_CHARS - 1].rsplit(" ", 1)[0] + " …"
    text.append(sentence, style="dim")
    return text


class EventsPanel(OptionList):
    """A list of events; choosing one posts EventChosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="events.down", tooltip="Next event"),
        Binding("up,k", "cursor_up", "Up", show=False, id="events.up", tooltip="Previous event"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(_empty_option(ARTICLE), id=id)  # the empty state built in, not filled in after mount
        self.scope = ARTICLE
        self.events: list[Event] = []
        self.border_title = "Events of the article"
        self.border_subtitle = _subtitle(0, ARTICLE)

    def show_events(self, events: Sequence[Event], scope: str) -> None:
        self.scope = scope
        self.events = timeline(events) if scope == TIMELINE else list(events)
        self.border_title = "Timeline of the results" if scope == TIMELINE else "Events of the article"
        self.border_subtitle = _subtitle(len(self.events), scope)
        self.clear_options()
        with_sources = scope == TIMELINE
        options = [Option(event_text(event, with_sources=with_sources)) for event in self.events]
        self.add_options(options or [_empty_option(scope)])
        if self.events:
            self.highlighted = 0

    @property
    def selected_event(self) -> Event | None:
        index = self.highlighted
        return self.events[index] if index is not None and 0 <= index < len(self.events) else None

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        event = self.selected_event
        if event is not None:
            self.post_message(EventChosen(event))


def _subtitle(count: int, scope: str) -> str:
    return f"{count} · t: {'article' if scope == TIMELINE else 'timeline'}"


def _empty_option(scope: str) -> Option:
    empty = "No events in this article." if scope == ARTICLE else "No events in the results."
    return Option(Text(empty, style="dim italic"), disabled=True)
