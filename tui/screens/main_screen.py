"""The main screen: search bar on top; results, reader and the events/entities side panes below.

It owns the interaction: search as you type (debounced) in a thread worker, results for an old query dropped,
articles read in a worker, events and entities of the results computed after the hits are shown, and the
responsive layout (one pane at a time below NARROW columns, like tabs; everything side by side above).

It never reaches into the app: what it needs comes down as arguments (ScreenOptions) and with `corpus_ready`
(the opened corpus); what the app does for it (cite, quote, pick a style) goes up as messages.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tui.commands import EventFilters, PaletteContext, ScreenCommands
from tui.event_fields import article_events
from tui.messages import (
    CiteRequested,
    DocumentFailed,
    DocumentLoaded,
    EntityChosen,
    EventChosen,
    Exported,
    FacetsDone,
    HitsFetched,
    LabelToggled,
    OpenHit,
    QuoteRequested,
    SearchDone,
    SearchFailed,
    SnippetsReady,
    StylePickRequested,
)
from tui.widgets.entities_panel import EntitiesPanel, narrowing_clause
from tui.widgets.events_panel import ARTICLE, TIMELINE, EventsPanel
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.reader import Reader
from tui.widgets.results_list import HitsWanted, ResultsList, SnippetsWanted
from tui.widgets.search_bar import SearchBar
from tui.widgets.timeline_chart import TimelineChart

if TYPE_CHECKING:  # the engine's search modules load Whoosh: imported by the workers, off the startup path
    from search.index.results import Hit, SearchResult
    from search.index.snippets import MatchTerms
    from search.model import Event
    from tui.corpus_opening import Opened
    from tui.search_jobs import Found
    from tui.shared_corpus import SharedCorpus

#: Below this many columns one pane is shown at a time; at WIDE and above the side panes get more room.
NARROW, WIDE = 100, 160
#: Search-as-you-type delay, in seconds.
DEBOUNCE = 0.25
PANES = ("results", "reader", "events", "entities")
PANE_TITLES = {"results": "Results", "reader": "Article", "events": "Events", "entities": "Entities"}


LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScreenOptions:
    """What the app hands the main screen when it makes it."""

    #: Show "N ms" in the search bar (off for deterministic snapshots).
    show_timing: bool = True
    #: Article paths under this folder are shown relative to it.
    path_base: Path | None = None
    #: The citation style named in the palette's commands (the app updates it when the user picks another).
    citation_style: str = "apa"
    #: The opened index when it comes before the first frame (else None: corpus_ready follows).
    first_opening: Callable[[], Opened | None] | None = None


def count_text(total: int, exact: bool) -> str:
    """A hit count as shown: "about N" when the engine only estimated it."""
    return str(total) if exact else f"about {total}"


class MainScreen(Screen[None]):
    """Search, results, reader, events and entities."""

    COMMANDS: ClassVar = {ScreenCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", id="search.focus", tooltip="Type a query"),
        Binding("tab", "cycle(1)", "Next pane", show=False, id="pane.next", tooltip="Move to the next pane"),
        Binding(
            "shift+tab",
            "cycle(-1)",
            "Previous pane",
            show=False,
            id="pane.previous",
            tooltip="Move to the previous pane",
        ),
        Binding("n", "hit(1)", "Next hit", id="article.next_hit", tooltip="Next query term in the article"),
        Binding("N", "hit(-1)", "Prev hit", show=False, id="article.previous_hit", tooltip="Previous query term"),
        Binding("e", "entity(1)", "Next entity", show=False, id="article.next_entity", tooltip="Next entity"),
        Binding(
            "E",
            "entity(-1)",
            "Prev entity",
            show=False,
            id="article.previous_entity",
            tooltip="Previous entity in the article",
        ),
        Binding(
            "right_parenthesis",
            "sentence(1)",
            "Next sentence",
            show=False,
            id="article.next_sentence",
            tooltip="Mark the next sentence of the article (y quotes it)",
        ),
        Binding(
            "left_parenthesis",
            "sentence(-1)",
            "Prev sentence",
            show=False,
            id="article.previous_sentence",
            tooltip="Mark the previous sentence of the article",
        ),
        Binding(
            "ctrl+f",
            "find",
            "Find",
            show=False,
            priority=True,  # also from the search box, where ctrl+f would delete a word
            id="article.find",
            tooltip="Find text in the article (n/N: next/previous match)",
        ),
        Binding("c", "cite", "Cite", id="article.cite", tooltip="Copy a citation of the open article"),
        Binding("C", "pick_style", "Style", id="article.citation_style", tooltip="Pick the citation style"),
        Binding("y", "quote", "Quote", id="event.quote", tooltip="Copy the marked sentence (or the event's), cited"),
        Binding("s", "sort", "Sort", id="results.sort", tooltip="Sort the results by date or by relevance"),
        Binding("ctrl+s", "export", "Export", id="results.export", tooltip="Save (export) the results as JSON or CSV"),
        Binding("t", "toggle_scope", "Timeline", id="events.scope", tooltip="Article events / results timeline"),
        Binding("K", "pick_category", "Category", show=False, id="events.category", tooltip="Events of one category"),
        Binding("f", "entities", "Entities", id="entities.panel", tooltip="Show the entities panel"),
        Binding("escape", "to_results", "Results", show=False, id="pane.results", tooltip="Back to the results"),
    ]

    def __init__(self, options: ScreenOptions | None = None) -> None:
        super().__init__(classes="-pane-results")  # styled once with its first pane, not restyled at mount
        self.options = options or ScreenOptions()
        self.citation_style = self.options.citation_style
        self.shared: SharedCorpus | None = None
        self.corpus_problem: str | None = None
        self.generation = 0
        self.query_text = ""
        self.terms: MatchTerms | None = None
        self.scope = ARTICLE
        self.result_events: list[Event] = []
        self.pane = "results"
        #: The order searches ask for ("relevance" or "date", `s` switches), and the order of the list shown.
        self.sort = "relevance"
        self.shown_sort = "relevance"
        self._started = ""
        self._timer: Timer | None = None
        self._show_entities = True
        self._shown = 0  # the generation whose results are on screen
        self._open_first = False
        self._search_opening = False  # the search index is being (or was) opened ahead of the first query
        self._hint, self._hint_at = "", 0.0  # the last hint shown, and when (see `hint`)

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search-bar")
        yield Static("", id="tabs")
        with Horizontal(id="panes"):
            yield ResultsList(id="results")
            yield Reader(id="reader")
            with Vertical(id="side"):
                yield TimelineChart(id="timeline")
                yield EventsPanel(id="events")
                yield EntitiesPanel(id="entities")

    def on_mount(self) -> None:
        self.query_one("#reader", Reader).path_base = self.options.path_base
        self._set_pane("results")
        self.set_focus(self.query_one("#query", Input))
        self.mount(KeysFooter())  # after the focus, so that it is built once, with the search bar's keys
        opened = self.options.first_opening() if self.options.first_opening is not None else None
        if opened is not None and not opened.needs_build:
            self.corpus_ready(opened.shared, opened.reason, opened.listing)

    def corpus_ready(self, shared: SharedCorpus | None, problem: str | None, listing: Found | None = None) -> None:
        """The app opened the index (`shared`) or failed to (`problem`): show its `listing` (made with it, for an
        empty query) or search what is typed so far, or show why not."""
        self.shared, self.corpus_problem = shared, problem
        query = self.query_one("#query", Input).value
        if self.shared is None:
            reason = self.corpus_problem or "no index"
            self.query_one(SearchBar).set_status(reason, error=True)
            self.query_one(ResultsList).empty_text = reason
            self.query_one(ResultsList).refresh()
        elif listing is not None and not query.strip():
            self._started = query
            self.generation += 1
            self._show_found(SearchDone(self.generation, listing.result, listing.terms, listing.snippets, listing.rows))
            self.facets_worker(query, self.generation)  # at once: for the whole corpus they come from the store
        else:
            self.start_search(query)

    # ---- layout ----------------------------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._set_pane(self.pane, event.size.width)

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    def _set_pane(self, pane: str, width: int | None = None) -> None:
        """Show `pane` (and lay out for `width` columns when given), restyling the screen once, not per class."""
        self.pane = pane
        classes = {f"-pane-{name}": name == pane for name in PANES}
        classes["-no-entities"] = not self._show_entities
        if width is not None:
            classes |= {"-narrow": width < NARROW, "-wide": width >= WIDE}
        self.update_classes(classes)
        if self.narrow:  # the tabs line is shown in the narrow layout only (on_resize calls here when it turns narrow)
            self._show_tabs(pane)

    def _show_tabs(self, pane: str) -> None:
        tabs = Text()
        for name in PANES:
            style = "bold reverse" if name == pane else "dim"
            tabs.append(f" {PANE_TITLES[name]} ", style=style)
            tabs.append(" ")
        tabs.append(" tab: next pane", style="dim italic")
        self.query_one("#tabs", Static).update(tabs)

    def _pane_widget(self, pane: str) -> Widget:
        return self.query_one(f"#{pane}")

    def _pane_of(self, widget: Widget | None) -> str | None:
        while widget is not None:
            if widget.id in PANES:
                return widget.id
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        return None

    def show_pane(self, pane: str) -> None:
        """Make a pane visible (in the narrow layout, the only one) and focus it."""
        if pane == "entities":
            self._show_entities = True
        self._set_pane(pane)
        target = self._pane_widget(pane)
        if self.narrow or pane == "entities":
            self.call_after_refresh(target.focus)  # it is being shown: focus once it is displayed
        else:
            target.focus()

    def on_descendant_focus(self) -> None:
        pane = self._pane_of(self.focused)
        if pane is not None and pane != self.pane:
            self._set_pane(pane)

    def action_cycle(self, step: int) -> None:
        order = ["query", *[p for p in PANES if p != "entities" or self._show_entities]]
        focused = self.focused
        current = "query" if focused is not None and focused.id == "query" else self._pane_of(focused)
        index = order.index(current) if current in order else 0
        nxt = order[(index + step) % len(order)]
        if nxt == "query":
            self.action_focus_search()
        else:
            self.show_pane(nxt)

    def action_focus_search(self) -> None:
        self.query_one("#query", Input).focus()

    def action_to_results(self) -> None:
        self.show_pane("results")

    def action_show_pane(self, pane: str) -> None:
        self.show_pane(pane)

    def action_sort(self, order: str | None = None) -> None:
        """Sort the results by `order` ("date": newest first, or "relevance"); by default switch between them."""
        self.sort = order or ("relevance" if self.sort == "date" else "date")
        self.notify("Results newest first" if self.sort == "date" else "Results by relevance", markup=False)
        self.start_search(self.query_one("#query", Input).value)

    def action_clear_query(self) -> None:
        """Empty the search bar: every article, newest first."""
        self.query_one("#query", Input).value = ""
        self.start_search("")

    def palette_context(self) -> PaletteContext:
        """What the command palette's commands depend on (see tui.commands)."""
        reader = self.query_one(Reader)
        document = reader.document
        labels = tuple(sorted({m.label for m in document.annotation.mentions})) if document is not None else None
        return PaletteContext(
            article_labels=labels,
            hidden_labels=frozenset(reader.hidden_labels),
            event_selected=self.query_one(EventsPanel).selected_event is not None,
            article_scope=self.scope == ARTICLE,
            citation_style=self.citation_style,
            sort=self.sort,
            has_results=bool(self.query_one(ResultsList).rows),
            event_filters=self.event_filters(),
        )

    def action_entities(self) -> None:
        panel = self.query_one(EntitiesPanel)
        if self._show_entities and panel.has_focus and not self.narrow:
            self._show_entities = False
            self._set_pane(self.pane)
            self.show_pane("results")
        else:
            self.show_pane("entities")

    # ---- searching -------------------------------------------------------------------------------------------

    @on(Input.Changed, "#query")
    def query_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        if event.value != self._started:
            self._timer = self.set_timer(DEBOUNCE, lambda: self.start_search(event.value))
        if event.value.strip() and not self._search_opening:
            self._search_opening = True
            self.open_search_worker()  # Whoosh loads while the debounce runs, not after it

    @work(thread=True, exclusive=True, exit_on_error=False, group="open-search")
    def open_search_worker(self) -> None:
        """Open the search index ahead of the first query (a failure is reported by that query's search)."""
        from tui.search_jobs import open_search

        if self.shared is not None:
            open_search(self.shared)

    @on(Input.Submitted, "#query")
    def query_submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
        if event.value != self._started or self.query_text != event.value:
            self.start_search(event.value)
        self.show_pane("results")

    def start_search(self, query: str) -> None:
        """Search in a worker; only the newest search's result is shown."""
        if self.shared is None:
            return
        self._started = query
        self.generation += 1
        self.workers.cancel_group(self, "facets")  # the old query's: what they have left to read is skipped
        self.query_one(SearchBar).set_status("searching…")
        self.search_worker(query, self.generation, self.sort)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def search_worker(self, query: str, generation: int, sort: str) -> None:
        from tui.search_jobs import SearchFailure, run_search

        assert self.shared is not None
        found = run_search(self.shared, query, sort=sort)
        if isinstance(found, SearchFailure):
            self.post_message(SearchFailed(generation, query, found.reason))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(SearchDone(generation, found.result, found.terms, found.snippets, found.rows, sort))

    @on(SearchDone)
    def search_done(self, message: SearchDone) -> None:
        if message.generation != self.generation:
            return
        self._show_found(message)
        query = message.result.query
        self.call_after_refresh(self.facets_worker, query, message.generation)  # once the hits are shown

    def _show_found(self, message: SearchDone) -> None:
        result = message.result
        self._shown = message.generation
        self.query_text = result.query
        self.shown_sort = message.sort
        self.terms = message.terms
        results = self.query_one(ResultsList)
        results.set_hits(result.hits, message.snippets, message.rows)
        count = count_text(result.total, result.total_is_exact)
        results.border_title = f"Results ({count})"
        self.query_one(SearchBar).set_status(self._status(result, count))
        reader = self.query_one(Reader)
        if reader.document is not None:
            from tui.search_jobs import article_spans

            reader.term_spans = article_spans(reader.document, self.query_text, self.terms)
            reader.current = None
            reader.refresh_body()
        if self._open_first:
            self._open_first = False
            if result.hits:
                self.post_message(OpenHit(result.hits[0].id))

    def _status(self, result: SearchResult, count: str) -> str:
        status = f"{count} hit{'s' if result.total != 1 else ''}"
        if self.shown_sort == "date" and result.query.strip():
            status += " · newest first"
        if self.options.show_timing:
            status += f" · {result.took_ms:.0f} ms"
        if result.truncated_prefixes:
            status += f" · {', '.join(result.truncated_prefixes)} cut to the most frequent words"
        return status

    @on(SearchFailed)
    def search_failed(self, message: SearchFailed) -> None:
        if message.generation == self.generation:
            self._shown, self._open_first = message.generation, False  # the old results stay, and can be opened
            self.query_one(SearchBar).set_status(message.reason, error=True)

    @work(thread=True, exclusive=True, exit_on_error=False, group="facets")
    def facets_worker(self, query: str, generation: int) -> None:
        from tui.search_jobs import facets

        assert self.shared is not None
        worker = get_current_worker()
        try:
            entities, events = facets(self.shared, query, lambda: worker.is_cancelled)
        except Exception:  # a facet failure leaves the panels as they were (and is logged)
            LOG.warning("events and entities of %r failed", query, exc_info=True)
            return
        if not worker.is_cancelled:
            self.post_message(FacetsDone(generation, entities, events))

    @on(FacetsDone)
    def facets_done(self, message: FacetsDone) -> None:
        if message.generation != self.generation:
            return
        self.query_one(EntitiesPanel).show_entities(message.entities)
        self.result_events = message.events
        if self.scope == TIMELINE:
            self.query_one(EventsPanel).show_events(self.result_events, TIMELINE)

    @on(HitsWanted)
    def hits_wanted(self, message: HitsWanted) -> None:
        # the query and order of the shown list
        self.hits_worker(self.query_text, message.count, message.batch, self.shown_sort)

    @work(thread=True, exclusive=True, exit_on_error=False, group="hits")
    def hits_worker(self, query: str, count: int, batch: int, sort: str) -> None:
        from tui.search_jobs import more_hits

        if self.shared is None:
            return
        try:
            hits: tuple[Hit, ...] | None = more_hits(self.shared, query, count, sort)
        except Exception:  # the list then ends with the hits it has (and the failure is logged)
            LOG.warning("more hits of %r failed", query, exc_info=True)
            hits = None
        if not get_current_worker().is_cancelled:
            self.post_message(HitsFetched(batch, hits, count))

    @on(HitsFetched)
    def hits_fetched(self, message: HitsFetched) -> None:
        results = self.query_one(ResultsList)
        if message.hits is None:
            results.no_more_hits(message.batch)
        else:
            results.add_hits(message.hits, message.count, message.batch)

    @on(SnippetsWanted)
    def snippets_wanted(self, message: SnippetsWanted) -> None:
        hits = self.query_one(ResultsList).hits
        if self.terms is not None:
            self.snippets_worker(hits, self.terms, message.start, message.end, self.generation)

    @work(thread=True, exit_on_error=False, group="snippets")
    def snippets_worker(self, hits: list, terms: MatchTerms, start: int, end: int, generation: int) -> None:
        from tui.search_jobs import snippets_for

        if self.shared is None:
            return
        try:
            snippets = snippets_for(self.shared, hits, terms, start, end)
        except Exception:  # the rows keep their placeholder (and the failure is logged)
            LOG.warning("snippets of rows %d-%d failed", start, end, exc_info=True)
            return
        self.post_message(SnippetsReady(generation, snippets))

    @on(SnippetsReady)
    def snippets_ready(self, message: SnippetsReady) -> None:
        if message.generation == self.generation:
            self.query_one(ResultsList).set_snippets(message.snippets)

    # ---- exporting -------------------------------------------------------------------------------------------

    def action_export(self, fmt: str = "json") -> None:
        """Ask where to export the result list (a new file in the current folder by default), then write it."""
        from tui.exporting import default_export_path
        from tui.screens.export_screen import ExportScreen

        rows = self.query_one(ResultsList).rows
        if not rows or self._shown != self.generation:
            self.hint("No results to export yet.")
            return
        query, sort = self.query_text, self.shown_sort

        def confirmed(path: Path | None) -> None:
            if path is not None:
                self.export_worker(path, query, sort, rows)

        self.app.push_screen(ExportScreen(rows, default_export_path(Path.cwd(), fmt)), confirmed)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def export_worker(self, path: Path, query: str, sort: str, rows: int) -> None:
        from tui.exporting import write_export
        from tui.search_jobs import more_hits

        if self.shared is None:
            return
        try:
            count = write_export(path, more_hits(self.shared, query, rows, sort), query, sort)
        except Exception as error:  # a full disk, a read-only folder, a broken index: said, not raised
            self.post_message(Exported(str(path), 0, f"{type(error).__name__}: {error}"))
            return
        self.post_message(Exported(str(path), count))

    @on(Exported)
    def exported(self, message: Exported) -> None:
        if message.problem is not None:
            self.notify(message.problem, title="Export failed", severity="error", markup=False)
        else:
            rows = f"{message.count} result{'s' if message.count != 1 else ''}"
            self.notify(f"Exported {rows} to {message.path}", title="Export", markup=False)

    # ---- reading ---------------------------------------------------------------------------------------------

    @on(OpenHit)
    def open_hit(self, message: OpenHit) -> None:
        if self._shown != self.generation:  # enter pressed before the new results arrived: open the new first
            self._open_first = True
            return
        self.load_document(message.doc_id, None)
        self.show_pane("reader")

    @work(thread=True, exclusive=True, exit_on_error=False, group="document")
    def load_document(self, doc_id: str, mark: tuple[int, int] | None) -> None:
        from tui.search_jobs import article_spans, no_terms, read_document

        if self.shared is None:
            return
        try:
            document = read_document(self.shared, doc_id)
        except Exception as error:  # unknown id, store trouble: shown, not raised
            self.post_message(DocumentFailed(str(error)))
            return
        spans = article_spans(document, self.query_text, self.terms or no_terms())
        self.post_message(DocumentLoaded(document, spans, mark))

    @on(DocumentLoaded)
    def document_loaded(self, message: DocumentLoaded) -> None:
        document = message.document
        reader = self.query_one(Reader)
        reader.show(document, message.term_spans)
        if self.scope == ARTICLE:
            events, main_id = article_events(document)
            self.query_one(EventsPanel).show_events(events, ARTICLE, main_id=main_id)
        if message.mark is not None:
            reader.go_to(message.mark, mark=True)

    @on(DocumentFailed)
    def document_failed(self, message: DocumentFailed) -> None:
        self.notify(message.reason, title="Cannot open the article", severity="error", markup=False)

    @on(LabelToggled)
    def label_toggled(self, message: LabelToggled) -> None:
        self.toggle_label(message.label)

    def action_toggle_label(self, label: str) -> None:
        self.toggle_label(label)

    def toggle_label(self, label: str) -> None:
        reader = self.query_one(Reader)
        reader.hidden_labels = reader.hidden_labels ^ {label}
        reader.refresh_body()

    def hint(self, message: str) -> None:
        """A warning for a key that cannot act now; the same one again while it is still shown is not stacked."""
        now = time.monotonic()
        if self._hint == message and now - self._hint_at < self.app.NOTIFICATION_TIMEOUT:
            return
        self._hint, self._hint_at = message, now
        self.notify(message, severity="warning", markup=False)

    def action_hit(self, step: int) -> None:
        reader = self.query_one(Reader)
        if reader.document is None:
            self.hint("Open an article first (enter on a result).")
            return
        if reader.finding:
            if reader.find_spans:
                self._step(reader, reader.find_spans, step, "match")
            else:
                self.hint("No match in this article: ctrl+f to find something else, escape to close.")
            return
        if not reader.term_spans:
            if self.query_text.strip():
                self.hint("The query's terms are not in this article.")
            else:
                self.hint("No query: n steps through the query's terms in the article (/ to type one).")
            return
        self._step(reader, reader.term_spans, step, "hit")

    def action_entity(self, step: int) -> None:
        reader = self.query_one(Reader)
        if reader.document is None:
            self.hint("Open an article first (enter on a result).")
            return
        spans = sorted(
            (m.start, m.end) for m in reader.document.annotation.mentions if m.label not in reader.hidden_labels
        )
        if not spans:
            self.hint("No entities shown in this article.")
            return
        self._step(reader, spans, step, "entity")

    def action_find(self) -> None:
        """Open the reader's find bar: typing finds in the article, n/N move between the matches."""
        reader = self.query_one(Reader)
        if reader.document is None:
            self.hint("Open an article first (enter on a result).")
            return
        if self.narrow:
            self._set_pane("reader")
        reader.open_find()

    def action_sentence(self, step: int) -> None:
        """Mark the next (or previous) sentence of the article: `y` then quotes it."""
        from tui.sentences import sentence_spans

        reader = self.query_one(Reader)
        if reader.document is None:
            self.hint("Open an article first (enter on a result).")
            return
        spans = sentence_spans(reader.document.body)
        if spans:
            self._step(reader, spans, step, "sentence", mark=True)

    def _step(self, reader: Reader, spans: list[tuple[int, int]], step: int, what: str, *, mark: bool = False) -> None:
        position = reader.current or reader.mark
        here = position[0] if position else (-1 if step > 0 else 1 << 60)
        if step > 0:
            later = [span for span in spans if span[0] > here]
            span = later[0] if later else spans[0]
        else:
            earlier = [span for span in spans if span[0] < here]
            span = earlier[-1] if earlier else spans[-1]
        reader.go_to(span, mark=mark)
        reader.border_subtitle = f"{what} {spans.index(span) + 1} of {len(spans)}"
        if self.narrow:
            self._set_pane("reader")

    # ---- events and entities ---------------------------------------------------------------------------------

    def action_toggle_scope(self) -> None:
        """The article's events, or the timeline of the results: its chart above the list, focused."""
        self.scope = TIMELINE if self.scope == ARTICLE else ARTICLE
        panel = self.query_one(EventsPanel)
        if self.scope == TIMELINE:
            panel.show_events(self.result_events, TIMELINE)
        else:
            document = self.query_one(Reader).document
            events, main_id = article_events(document) if document else ([], None)
            panel.show_events(events, ARTICLE, main_id=main_id, article_open=document is not None)
        if self.narrow:
            self.show_pane("events")
        if self.scope == TIMELINE:
            self.call_after_refresh(self.query_one(TimelineChart).focus)  # once shown (after show_pane's focus)

    @on(EventsPanel.Listed)
    def events_listed(self, message: EventsPanel.Listed) -> None:
        """The chart counts what the list narrows from, and shows only with the timeline."""
        self.set_class(message.scope == TIMELINE, "-timeline")
        if message.scope == TIMELINE:
            self.query_one(TimelineChart).show_events(message.events, message.period)

    @on(TimelineChart.PeriodChosen)
    def period_chosen(self, message: TimelineChart.PeriodChosen) -> None:
        self.query_one(EventsPanel).show_period(message.period)

    @on(EventsPanel.PeriodCleared)
    def period_cleared(self) -> None:
        self.query_one(TimelineChart).clear_period()

    def action_clear_period(self) -> None:
        self.query_one(EventsPanel).action_clear_period()

    def action_only_category(self, category: str | None) -> None:
        self.query_one(EventsPanel).show_category(category)

    def action_pick_category(self) -> None:
        from tui.screens.category_picker import CategoryChoice, CategoryPicker

        panel = self.query_one(EventsPanel)
        if not panel.scoped:
            self.notify("No events listed: open an article, or press t for the timeline.", severity="warning")
            return

        def picked(choice: CategoryChoice | None) -> None:
            if choice is not None:
                panel.show_category(choice.category)

        self.app.push_screen(CategoryPicker(panel.categories(), panel.category), picked)

    def event_filters(self) -> EventFilters:
        """How the events list is narrowed, for the palette's commands."""
        panel = self.query_one(EventsPanel)
        period = panel.period.label if panel.period else None
        return EventFilters(tuple(panel.categories()), panel.category, period)

    @on(EventChosen)
    def event_chosen(self, message: EventChosen) -> None:
        event = message.event
        reader = self.query_one(Reader)
        span = (event.start, event.end)
        if reader.document is not None and reader.document.id == event.doc_id:
            reader.go_to(span, mark=True)
        else:
            self.load_document(event.doc_id, span)
        if self.narrow:
            self.show_pane("reader")

    @on(EntityChosen)
    def entity_chosen(self, message: EntityChosen) -> None:
        clause = narrowing_clause(message.entity)
        field = self.query_one("#query", Input)
        value = field.value.strip()
        if clause not in value:
            value = f"{value} {clause}".strip()
        self._started = value
        field.value = value
        self.start_search(value)
        self.notify(f"Narrowed the search to {clause}", markup=False)

    # ---- citing ----------------------------------------------------------------------------------------------

    def action_cite(self, style: str | None = None) -> None:
        document = self.query_one(Reader).document
        if document is None:
            self.hint("Open an article first (enter on a result).")
            return
        self.post_message(CiteRequested(document, style))

    def action_pick_style(self) -> None:
        self.post_message(StylePickRequested())

    def action_quote(self) -> None:
        """Copy a sentence as a cited quotation: the article's marked sentence (`(`, `)`), or the one holding the
        current hit or entity; else (or from the events list) the selected event's."""
        from tui.sentences import sentence_around, sentence_text

        panel = self.query_one(EventsPanel)
        reader = self.query_one(Reader)
        position = reader.current or reader.mark
        if reader.document is not None and position is not None and not panel.has_focus:
            span = sentence_around(reader.document.body, position[0])
            if span is not None:
                self.post_message(QuoteRequested(reader.document, sentence_text(reader.document.body, span)))
                return
        event = panel.selected_event
        if event is None:
            self.hint("Select a sentence first: ( and ) in the article, or an event in the events list.")
            return
        document = self.query_one(Reader).document
        if document is not None and document.id == event.doc_id:
            self.post_message(QuoteRequested(document, event.sentence))
        else:
            self.quote_worker(event)

    @work(thread=True, exclusive=True, exit_on_error=False, group="quote")
    def quote_worker(self, event: Event) -> None:
        from tui.search_jobs import read_document

        if self.shared is None:
            return
        try:
            document = read_document(self.shared, event.doc_id)
        except Exception as error:
            self.post_message(DocumentFailed(str(error)))
            return
        self.post_message(QuoteRequested(document, event.sentence))
