"""The events side list: the open article's events by date, or (toggled with `t`) the timeline of every event
in the current results, one line per cluster with its corroboration count ("3 sources").

Each event shows its date, category, agent → target, place and sentence, laid out for the list's width: a field
that does not fit on a line starts the next one, and a line that is still too long ends in "…", so that no field
is cut across lines. The list can be narrowed to one category (events of the category "other" are hidden unless
that category is asked for) and, from the timeline's chart, to one period; `x` clears the period. Whenever the
events it narrows from change (new events, another category), it posts `EventsPanel.Listed`, so that the chart
counts the same events. It lists at most LIST_LIMIT events and says how many more there are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Span, Text
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
#: The empty list's state before any article is open (the scope is still ARTICLE).
NO_ARTICLE = "no article"
#: How the article's main event is marked, first in its list.
MAIN_MARK, MAIN_STYLE = "main event", "reverse"
#: Longest sentence shown when the width is not known yet (the reader shows it whole).
SENTENCE_CHARS = 150
#: Most events listed at once: an option list builds every row it holds (about a millisecond each), so a timeline
#: of a whole corpus (thousands of events) is narrowed with the chart or a category instead.
LIST_LIMIT = 400
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


#: A piece of a row: its text and style.
Piece = tuple[str, str]


def event_fields(event: Event, *, with_sources: bool, main: bool = False) -> list[Piece]:
    """The fields of an event's heading, in order: (for the article's main event) "main event", date, category,
    (in the timeline) its number of sources, agent → target, place (the last two when known)."""
    fields = [(MAIN_MARK, MAIN_STYLE)] if main else []
    fields += [(event.date or "undated", ""), (_clean(category_of(event)), CATEGORY_STYLE)]
    if with_sources:
        count = max(1, len(event.sources))
        fields.append((f"{count} source{'s' if count != 1 else ''}", "#87d75f" if count > 1 else "dim"))
    who = _who(event)
    if who:
        fields.append((who, ""))
    place = place_of(event)
    if place:
        fields.append((f"in {_clean(place)}", "italic"))
    return [(text, f"bold {style}".strip()) for text, style in fields]  # the heading in bold, as the sentence is dim


def _who(event: Event) -> str:
    """ "agent → target", "agent", "→ target"; without either, the first actors (as before the roles)."""
    agent, target = agent_of(event), target_of(event)
    if agent or target:
        return " ".join(
            part for part in (_clean(agent) if agent else "", f"→ {_clean(target)}" if target else "") if part
        )
    return ", ".join(_clean(actor.name) for actor in event.actors[:3])


def event_text(event: Event, *, with_sources: bool, width: int | None = None, main: bool = False) -> Text:
    """An event's rows: its fields (a field that does not fit starts a line; a line still too wide ends in "…"),
    then its sentence, dimmed, on at most SENTENCE_LINES lines. Without a width: the fields on one line.

    Built as one Text with spans (a list of thousands of events is built at once: a Text per field cost twice as
    much)."""
    lines: list[list[Piece]] = []
    used = 0
    for field in event_fields(event, with_sources=with_sources, main=main):
        cells = cell_len(field[0])
        if lines and (width is None or used + len(GAP) + cells <= width):
            lines[-1] += [(GAP, ""), field]
            used += len(GAP) + cells
        else:
            lines.append([field])
            used = cells
    sentence = " ".join(strip_escapes(event.sentence).split())
    if width is None:
        if len(sentence) > SENTENCE_CHARS:
            sentence = sentence[: SENTENCE_CHARS - 1].rsplit(" ", 1)[0] + " …"
        lines.append([(sentence, "dim")])
    else:
        lines = [_fit(line, width) for line in lines]
        lines += [[(line, "dim")] for line in wrap_words(sentence, width, SENTENCE_LINES)]
    return _assemble(lines)


def _fit(line: list[Piece], width: int) -> list[Piece]:
    """A line cut to `width` cells, ending in "…" when cut."""
    if sum(cell_len(text) for text, _ in line) <= width:
        return line
    fitted: list[Piece] = []
    room = width - 1
    for text, style in line:
        if cell_len(text) > room:
            cut = set_cell_size(text, room).rstrip()
            fitted.append((cut + "…", style))
            break
        fitted.append((text, style))
        room -= cell_len(text)
    return fitted


def _assemble(lines: list[list[Piece]]) -> Text:
    plain: list[str] = []
    spans: list[Span] = []
    at = 0
    for number, line in enumerate(lines):
        if number:
            plain.append("\n")
            at += 1
        for text, style in line:
            if style:
                spans.append(Span(at, at + len(text), style))
            plain.append(text)
            at += len(text)
    return Text("".join(plain), spans=spans)


def wrap_words(text: str, width: int, max_lines: int) -> list[str]:
    """`text` wrapped at spaces to `width` cells on at most `max_lines` lines, the last ending in "…" when cut."""
    lines: list[str] = []
    words = text.split()
    index = 0
    while index < len(words) and len(lines) < max_lines:
        line, used = words[index], cell_len(words[index])
        index += 1
        while index < len(words) and used + 1 + (cells := cell_len(words[index])) <= width:
            line, used = f"{line} {words[index]}", used + 1 + cells
            index += 1
        lines.append(line if used <= width else set_cell_size(line, width - 1) + "…")
    if index < len(words) and lines:
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
        """The events the list narrows from changed (new events, another category): what the chart counts, and the
        period still chosen (None after new events)."""

        panel: EventsPanel
        scope: str
        events: list[Event]
        period: Period | None

    @dataclass
    class PeriodCleared(Message):
        """`x` in the list: every date is listed again (the chart shows no bar chosen)."""

        panel: EventsPanel

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(_empty_option(NO_ARTICLE), id=id)  # the empty state built in, not filled in after mount
        self.scope = ARTICLE
        #: The article's main event (listed first), and whether an article is open at all.
        self.main_id: str | None = None
        self.article_open = False
        #: Every event of the scope (one per cluster in the timeline), before the category and the period.
        self.scoped: list[Event] = []
        #: The category shown (None: every category but "other") and the period chosen on the chart.
        self.category: str | None = None
        self.period: Period | None = None
        #: The events listed (at most LIST_LIMIT), and how many more match.
        self.events: list[Event] = []
        self.more = 0
        #: Events of the category "other" not listed (every category but that one is shown).
        self.hidden = 0
        self._width = 0
        self.border_title = "Events of the article"
        self.border_subtitle = _subtitle("0", 0)

    def show_events(
        self, events: Sequence[Event], scope: str, *, main_id: str | None = None, article_open: bool = True
    ) -> None:
        """List `events` (the article's, or the results' as a timeline); a period chosen before is dropped.
        `main_id`: the article's main event, listed first and marked; `article_open` False: no article yet."""
        self.scope = scope
        self.scoped = timeline(events) if scope == TIMELINE else list(events)
        self.main_id = main_id if scope == ARTICLE else None
        if self.main_id is not None:
            self.scoped.sort(key=lambda event: event.id != self.main_id)  # stable: the others keep their order
        self.article_open = article_open
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

    def action_cursor_up(self) -> None:
        """Up; from the first event of the timeline, up to its chart."""
        if self.scope == TIMELINE and not self.highlighted:
            self.screen.focus_previous()  # the chart is just before the list
        else:
            super().action_cursor_up()

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
        self.post_message(self.Listed(self, self.scope, self.by_category, self.period))

    def _fill(self) -> None:
        listed = self.by_category
        matching = [event for event in listed if self.period.holds(event)] if self.period else listed
        self.events = matching[:LIST_LIMIT]
        self.more = len(matching) - len(self.events)
        self.border_title = _title(self.scope, self.category, self.period)
        self.hidden = len(self.scoped) - len(listed) if self.category is None else 0
        count = f"{len(self.events)} of {len(matching)}" if self.more else str(len(matching))
        self.border_subtitle = _subtitle(count, self.hidden)
        self._render_options()
        self.refresh_bindings()

    def _render_options(self, *, keep_cursor: bool = False) -> None:
        """Build the rows for the list's width, the cursor on the first (or, when the width changed, where it was)."""
        highlighted = self.highlighted if keep_cursor else 0
        self.clear_options()
        width = self._text_width()
        with_sources = self.scope == TIMELINE
        options = [
            Option(event_text(event, with_sources=with_sources, width=width, main=event.id == self.main_id))
            for event in self.events
        ]
        if self.more:
            note = f"… {self.more} more: choose a period on the chart, or a category (K)"
            options.append(Option(Text(note, style="dim italic"), disabled=True))
        scope = self.scope if self.scope == TIMELINE or self.article_open else NO_ARTICLE
        self.add_options(options or [_empty_option(scope, self.category, self.period, self.hidden)])
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
            self._render_options(keep_cursor=True)

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


def _subtitle(count: str, hidden: int) -> str:
    other = f" · {hidden} {OTHER} hidden" if hidden else ""
    return f"{count}{other} · K: category"  # `t` is in the footer, `K` only here


def _empty_option(scope: str, category: str | None = None, period: Period | None = None, hidden: int = 0) -> Option:
    if period is not None:
        empty = f"No {category + ' ' if category else ''}events in {period.label}."
    elif category is not None:
        empty = f"No {category} events here."
    elif hidden:
        empty = f"Only {OTHER} events here ({hidden}): K shows them."
    elif scope == NO_ARTICLE:
        empty = "No article open: enter on a result shows its events."
    else:
        empty = "No events in this article." if scope == ARTICLE else "No events in the results."
    return Option(Text(empty, style="dim italic"), disabled=True)
