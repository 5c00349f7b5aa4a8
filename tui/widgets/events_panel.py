"""The events side list: the open article's events by date, or (toggled with `t`) the timeline of every event
in the current results, one line per cluster with its corroboration count ("3 sources").

Each event shows its date, category, agent → target, place and sentence, laid out for the list's width: a field
that does not fit on a line starts the next one, and a line that is still too long ends in "…", so that no field
is cut across lines. The list can be narrowed to one category (events of the category "other" are hidden unless
that category is asked for) and, from the timeline's chart, to one period; `x` clears the period. Whenever the
events it narrows from change (new events, another category), it posts `EventsPanel.Listed`, so that the chart
counts the same events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from search.model import Event
from search.text_safety import strip_escapes
from tui.event_fields import OTHER, agent_of, category_counts, category_of, place_of, shown_in, target_of
from tui.messages import EventChosen
from tui.timeline_buckets import Period

ARTICLE, TIMELINE = "article", "timeline"
#: Longest sentence shown when the width is not known yet (the reader shows it whole).
SENTENCE_CHARS = 150
#: Lines of the sentence shown under an event's fields.
SENTENCE_LINES = 3
GAP = "  "
CATEGORY_STYLE = "#ffaf5f"


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


def event_fields(event: Event, *, with_sources: bool) -> list[Text]:
    """The fields of an event's heading, in order: date, category, (in the timeline) its number of sources,
    agent → target, place (the last two when known)."""
    fields = [Text(event.date or "undated", style="bold"), Text(category_of(event), style=CATEGORY_STYLE)]
    if with_sources:
        count = max(1, len(event.sources))
        fields.append(Text(f"{count} source{'s' if count != 1 else ''}", style="#87d75f" if count > 1 else "dim"))
    who = _who(event)
    if who is not None:
        fields.append(who)
    place = place_of(event)
    if place:
        fields.append(Text(f"in {_clean(place)}", style="italic"))
    return fields


def _who(event: Event) -> Text | None:
    """ "agent → target", "agent", "→ target"; without either, the first actors (as before the roles)."""
    agent, target = agent_of(event), target_of(event)
    if agent or target:
        text = Text(_clean(agent) if agent else "")
        if target:
            text.append(f"{' ' if agent else ''}→ {_clean(target)}")
        return text
    actors = ", ".join(_clean(actor.name) for actor in event.actors[:3])
    return Text(actors) if actors else None


def event_text(event: Event, *, with_sources: bool, width: int | None = None) -> Text:
    """An event's rows: its fields (a field that does not fit starts a line; a line still too wide ends in "…"),
    then its sentence, dimmed, on at most SENTENCE_LINES lines. Without a width: the fields on one line."""
    lines: list[Text] = []
    for field in event_fields(event, with_sources=with_sources):
        if lines and (width is None or cell_len(lines[-1].plain) + len(GAP) + cell_len(field.plain) <= width):
            lines[-1].append(GAP)
            lines[-1].append_text(field)
        else:
            lines.append(field.copy())
    sentence = " ".join(strip_escapes(event.sentence).split())
    if width is None:
        if len(sentence) > SENTENCE_CHARS:
            sentence = sentence[: SENTENCE_CHARS - 1].rsplit(" ", 1)[0] + " …"
        lines.append(Text(sentence, style="dim"))
    else:
        lines += [Text(line, style="dim") for line in wrap_words(sentence, width, SENTENCE_LINES)]
        for line in lines:
            line.truncate(width, overflow="ellipsis")
    return Text("\n").join(lines)


def wrap_words(text: str, width: int, max_lines: int) -> list[str]:
    """`text` wrapped at spaces to `width` cells on at most `max_lines` lines, the last ending in "…" when cut."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and cell_len(line) + 1 + cell_len(words[0]) <= width:
            line += " " + words.pop(0)
        lines.append(line)
    if words and lines:
        last = lines[-1]
        while last and cell_len(last) + 2 > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = f"{last} …"
    return lines


def _clean(name: str) -> str:
    return " ".join(strip_escapes(name).split())


class EventsPanel(OptionList):
    """A list of events; choosing one posts EventChosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="events.down", tooltip="Next event"),
        Binding("up,k", "cursor_up", "Up", show=False, id="events.up", tooltip="Previous event"),
        Binding("x", "clear_period", "All dates", id="events.clear_period", tooltip="Show every period again"),
    ]

    @dataclass
    class Listed(Message):
        """The events the list narrows from changed (new events, another category): what the chart counts."""

        panel: EventsPanel
        scope: str
        events: list[Event]

    @dataclass
    class PeriodCleared(Message):
        """`x` in the list: every date is listed again (the chart shows no bar chosen)."""

        panel: EventsPanel

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(_empty_option(ARTICLE), id=id)  # the empty state built in, not filled in after mount
        self.scope = ARTICLE
        #: Every event of the scope (one per cluster in the timeline), before the category and the period.
        self.scoped: list[Event] = []
        #: The category shown (None: every category but "other") and the period chosen on the chart.
        self.category: str | None = None
        self.period: Period | None = None
        #: The events listed.
        self.events: list[Event] = []
        self._width = 0
        self.border_title = "Events of the article"
        self.border_subtitle = _subtitle(0, 0)

    def show_events(self, events: Sequence[Event], scope: str) -> None:
        """List `events` (the article's, or the results' as a timeline); a period chosen before is dropped."""
        self.scope = scope
        self.scoped = timeline(events) if scope == TIMELINE else list(events)
        self.period = None
        self._announce()
        self._fill()

    def show_category(self, category: str | None) -> None:
        """Narrow to one category (None: every category but "other")."""
        self.category = category
        self._announce()
        self._fill()

    def show_period(self, period: Period | None) -> None:
        """Narrow to the events of a period of the chart (None: every date)."""
        self.period = period
        self._fill()

    def categories(self) -> list[tuple[str, int]]:
        """The categories of the events in scope, with their counts ("other" last)."""
        return category_counts(self.scoped)

    def action_clear_period(self) -> None:
        if self.period is not None:
            self.show_period(None)
            self.post_message(self.PeriodCleared(self))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_period":
            return self.period is not None  # in the footer only when a period is chosen
        return super().check_action(action, parameters)

    @property
    def by_category(self) -> list[Event]:
        return shown_in(self.scoped, self.category)

    def _announce(self) -> None:
        self.post_message(self.Listed(self, self.scope, self.by_category))

    def _fill(self) -> None:
        listed = self.by_category
        self.events = [event for event in listed if self.period.holds(event)] if self.period else listed
        self.border_title = _title(self.scope, self.category, self.period)
        hidden = len(self.scoped) - len(listed) if self.category is None else 0
        self.border_subtitle = _subtitle(len(self.events), hidden)
        self._render_options()
        self.refresh_bindings()

    def _render_options(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        width = self._text_width()
        with_sources = self.scope == TIMELINE
        options = [Option(event_text(event, with_sources=with_sources, width=width)) for event in self.events]
        self.add_options(options or [_empty_option(self.scope, self.category, self.period)])
        if self.events:
            self.highlighted = min(highlighted or 0, len(self.events) - 1)

    def _text_width(self) -> int | None:
        """The cells an option has for its text (None before the list has a size)."""
        width = self.scrollable_content_region.width
        padding = self.get_component_styles("option-list--option").padding.width
        width -= self._get_left_gutter_width() + padding
        return width if width > 8 else None

    def on_resize(self, event: Resize) -> None:
        width = self._text_width() or 0
        if width != self._width:
            self._width = width
            self._render_options()

    @property
    def selected_event(self) -> Event | None:
        index = self.highlighted
        return self.events[index] if index is not None and 0 <= index < len(self.events) else None

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        event = self.selected_event
        if event is not None:
            self.post_message(EventChosen(event))


def _title(scope: str, category: str | None, period: Period | None) -> str:
    title = "Timeline of the results" if scope == TIMELINE else "Events of the article"
    narrowed = [part for part in (category, period.label if period else None) if part]
    return f"{'Timeline' if scope == TIMELINE else 'Events'}: {', '.join(narrowed)}" if narrowed else title


def _subtitle(count: int, hidden: int) -> str:
    other = f" · {hidden} {OTHER} hidden" if hidden else ""
    return f"{count}{other} · K: category"  # `t` is in the footer, `K` only here


def _empty_option(scope: str, category: str | None = None, period: Period | None = None) -> Option:
    if period is not None:
        empty = f"No {category + ' ' if category else ''}events in {period.label}."
    elif category is not None:
        empty = f"No {category} events here."
    else:
        empty = "No events in this article." if scope == ARTICLE else "No events in the results."
    return Option(Text(empty, style="dim italic"), disabled=True)
