"""The `explore` terminal app: ExploreApp and `make_app`, the one factory used by the CLI, the tests and the
screenshot script.

The app is the composition root: nothing imports it but the launcher. It owns the corpus (opened once, shared
by the workers under one lock), the citation style, copying, and the screens: indexing first when needed, then
the main screen. Data goes down (the main screen gets its options and the opened corpus); requests come up as
messages (cite, quote, pick a style), handled here.
"""

from __future__ import annotations

import datetime
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType

from search.settings import SettingsError, load_settings, save_setting
from tui.copying import SystemCopy, copy_everywhere, terminal_supports_osc52
from tui.corpus_opening import Opened, close_unused, opened_within, start_opening
from tui.messages import CiteRequested, CorpusOpened, QuoteRequested, StylePickRequested
from tui.screens.main_screen import MainScreen, ScreenOptions
from tui.shared_corpus import SharedCorpus
from tui.style_names import DEFAULT_STYLE, STYLE_NAMES, STYLES
from tui.widgets.entities_panel import EntitiesPanel
from tui.widgets.events_panel import EventsPanel
from tui.widgets.reader import Reader
from tui.widgets.results_list import ResultsList
from tui.widgets.timeline_chart import TimelineChart

if TYPE_CHECKING:  # Whoosh, citeproc and the modal screens load when first needed, not at startup
    from search.corpus import Corpus
    from search.model import Document


#: Longest wait, before the first frame, for the index to open: the first frame then shows the newest articles
#: instead of an empty list filled in a few frames later (which costs more than the wait).
FIRST_FRAME_WAIT = 0.2


class ExploreApp(App[None]):
    """Search, read and cite a folder of news articles."""

    CSS_PATH = "app.tcss"
    TITLE = "explore"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit explore"),
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Keys and query language"),
        # show=False: the footer docks the palette's key on its right; listed with the others too, it showed twice
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            show=False,
            id="app.command_palette",
            priority=True,
            tooltip="Commands",
        ),
    ]

    def __init__(
        self,
        index_dir: Path,
        *,
        ingest_paths: list[str] | None = None,
        build_seeds_from: Path | None = None,
        show_timing: bool = True,
        system_copy: SystemCopy | None = None,
        osc52: bool | None = None,
        today: datetime.date | None = None,
        keymap: dict[str, str] | None = None,
        model: str | None = None,
        path_base: Path | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        #: A problem found before the app started (a bad keymap file), shown once it runs.
        self.notice = notice
        #: Article paths under this folder are shown relative to it.
        self.path_base = path_base
        self.index_dir = index_dir
        self.ingest_paths = list(ingest_paths or [])
        self.build_seeds_from = build_seeds_from
        #: Show "took N ms" in the search bar (off for deterministic snapshots).
        self.show_timing = show_timing
        self.system_copy = system_copy
        self.osc52 = osc52
        self.today = today
        self.model = model
        self.keymap = dict(keymap or {})
        #: The opened corpus with its lock (None until it is open, or when it cannot be: corpus_error says why).
        self.shared: SharedCorpus | None = None
        self.corpus_error: str | None = None
        self.corpus_lock = threading.Lock()
        self._opening: Future[Opened] | None = None
        self._main: MainScreen | None = None
        self.citation_style = DEFAULT_STYLE
        self._settings_problem: str | None = None
        try:
            settings = load_settings()
            if settings.citation_style in STYLES:
                self.citation_style = settings.citation_style
            self.model = self.model or settings.model
        except SettingsError as error:
            self._settings_problem = str(error)

    # ---- start and stop --------------------------------------------------------------------------------------

    def get_default_screen(self) -> MainScreen:
        """The main screen is the bottom of the stack (not pushed over an empty default screen: one screen less
        to build and draw at startup)."""
        options = ScreenOptions(self.show_timing, self.path_base, self.citation_style, self.opened_before_first_frame)
        self._main = MainScreen(options)
        return self._main

    def on_load(self) -> None:
        if not self.ingest_paths:  # the index opens in a thread while Textual builds the first screen
            self._opening = start_opening(self.index_dir, self.build_seeds_from is not None, self.corpus_lock)

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        if self.notice:
            self.notify(self.notice, title="Keys", severity="warning", markup=False)
        if self._settings_problem:
            self.notify(self._settings_problem, title="Settings", severity="warning", markup=False)
        if self.ingest_paths:
            self._index(self.ingest_paths, ", ".join(self.ingest_paths))

    def opened_before_first_frame(self) -> Opened | None:
        """The opened index, when it comes within FIRST_FRAME_WAIT (the main screen then draws its first frame with
        the listing); else None, and a worker delivers it when it comes (CorpusOpened)."""
        if self._opening is None:
            return None  # indexing first: the index opens after it
        opened = opened_within(self._opening, FIRST_FRAME_WAIT)
        if opened is None:
            self.deliver_opening(self._opening)
        else:
            self._use(opened)
        return opened

    def _index(self, paths: list[str], what: str) -> None:
        from tui.screens.indexing_screen import IndexingScreen

        self.push_screen(IndexingScreen(self.index_dir, paths, what, self.model), self._indexed)

    def _indexed(self, report: str | None) -> None:
        if report:
            self.notify(report, title="Indexing", markup=False)
        self._opening = start_opening(self.index_dir, False, self.corpus_lock)
        self.deliver_opening(self._opening)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def deliver_opening(self, opening: Future[Opened]) -> None:
        """Wait for the index to open (in its thread) and hand it to the app."""
        self.post_message(CorpusOpened(opening.result()))

    @on(CorpusOpened)
    def corpus_opened(self, message: CorpusOpened) -> None:
        self._use(message.opened)
        if self._main is not None and not message.opened.needs_build:
            self._main.corpus_ready(self.shared, self.corpus_error, message.opened.listing)

    def _use(self, opened: Opened) -> None:
        """Keep the opened corpus (or why there is none); with no index yet, build it from the seeds first."""
        if opened.needs_build and self.build_seeds_from is not None:
            self._index([str(self.build_seeds_from)], "the bundled seed articles")
            return
        self.shared, self.corpus_error = opened.shared, opened.reason

    @property
    def corpus(self) -> Corpus | None:
        """The opened corpus, if any."""
        return self.shared.corpus if self.shared is not None else None

    def on_unmount(self) -> None:
        close_unused(self._opening, self.shared)  # the app quit before the index it opened was taken
        # A worker may still hold the corpus (a long facet count): do not make quitting wait for it.
        if self.shared is not None and self.corpus_lock.acquire(timeout=1.0):
            try:
                self.shared.corpus.close()
            finally:
                self.corpus_lock.release()

    # ---- help and styles -------------------------------------------------------------------------------------

    def binding_rows(self) -> list[tuple[str, str, str]]:
        """(keys, description, id) of every binding with an id, after the user's keymap."""
        rows = []
        owners = binding_owners()
        for owner in owners:
            for binding in getattr(owner, "BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    keys = self._keymap.get(binding.id, binding.key)
                    rows.append((keys, binding.tooltip or binding.description, binding.id))
        return rows

    def action_help(self) -> None:
        from tui.screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.binding_rows()))

    @on(StylePickRequested)
    def pick_style(self) -> None:
        from tui.screens.style_picker import StylePicker

        self.push_screen(StylePicker(self.citation_style), self._style_picked)

    def _style_picked(self, style: str | None) -> None:
        if style is None or style not in STYLES:
            return
        self.citation_style = style
        if self._main is not None:
            self._main.citation_style = style
        try:
            save_setting("citation_style", style)
            where = " (remembered)"
        except OSError as error:
            where = f" (not saved: {error})"
        self.notify(f"Citation style: {STYLE_NAMES[style]}{where}", markup=False)

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's Screenshot: Textual saves it in the Downloads folder and fails where there is none (a
        server, a container); then it goes in the current folder."""
        if path is None:
            path = str(screenshot_folder())
        return super().deliver_screenshot(filename, path, time_format)

    # ---- copying ---------------------------------------------------------------------------------------------

    @on(CiteRequested)
    def cite_requested(self, message: CiteRequested) -> None:
        self.copy_citation(message.document, message.style)

    @on(QuoteRequested)
    def quote_requested(self, message: QuoteRequested) -> None:
        self.copy_quote(message.document, message.sentence)

    def copy_citation(self, document: Document, style: str | None = None) -> None:
        from search.cite.citations import cite_document

        style = style or self.citation_style
        try:
            text = cite_document(document, style, accessed=self.today)
        except Exception as error:  # an odd record must not crash the app
            self.notify(f"Cannot cite this article: {error}", severity="error", markup=False)
            return
        note = " The article gives no URL, so the citation has none: add it by hand if you have it."
        self.copy_text(text, f"the {STYLE_NAMES[style]} citation", note if lacks_url(document) else "")

    def copy_quote(self, document: Document, sentence: str) -> None:
        from search.cite.citations import cite_quote

        try:
            text = cite_quote(document, sentence, self.citation_style, accessed=self.today)
        except Exception as error:
            self.notify(f"Cannot cite this quotation: {error}", severity="error", markup=False)
            return
        self.copy_text(text, f"the quotation with its {STYLE_NAMES[self.citation_style]} citation")

    def copy_text(self, text: str, what: str, note: str = "") -> None:
        """Copy through the terminal (OSC 52) and to the system clipboard; show the text when neither works. `note`
        is added to the notification."""
        osc52 = terminal_supports_osc52() if self.osc52 is None else self.osc52
        report = copy_everywhere(text, self.copy_to_clipboard if osc52 else None, self.system_copy)
        if not osc52:
            self._clipboard = text  # what was asked for, even when no clipboard took it
        if report.anywhere:
            self.notify(report.message(what) + note, title=report.title, markup=False)
        else:
            from tui.screens.copy_text_screen import CopyTextScreen

            self.notify(report.message(what), title=report.title, severity="warning", markup=False)
            self.push_screen(CopyTextScreen(what, text))


def lacks_url(document: Document) -> bool:
    """The citation of this article names no URL (the engine's citable item decides: a web address only)."""
    from search.cite.item import item_from_document

    return not item_from_document(document).has_url


def screenshot_folder() -> Path:
    """The Downloads folder when there is one, else the current folder."""
    from platformdirs import user_downloads_path

    downloads = user_downloads_path()
    return downloads if downloads.is_dir() else Path.cwd()


def binding_owners() -> tuple[type, ...]:
    """Every class whose bindings have ids (the app, its screens and widgets): what help lists and a keymap remaps."""
    from tui.screens.copy_text_screen import CopyTextScreen
    from tui.screens.export_screen import ExportScreen
    from tui.screens.help_screen import HelpScreen
    from tui.screens.indexing_screen import IndexingScreen
    from tui.screens.style_picker import StylePicker
    from tui.widgets.reader import FindInput
    from tui.widgets.search_bar import QueryInput

    return (
        ExploreApp,
        QueryInput,
        MainScreen,
        ResultsList,
        Reader,
        FindInput,
        EventsPanel,
        TimelineChart,
        EntitiesPanel,
        HelpScreen,
        ExportScreen,
        IndexingScreen,
        StylePicker,
        CopyTextScreen,
    )


def make_app(
    index_dir: Path,
    *,
    ingest_paths: list[str] | None = None,
    build_seeds_from: Path | None = None,
    show_timing: bool = True,
    system_copy: SystemCopy | None = None,
    osc52: bool | None = None,
    today: datetime.date | None = None,
    keymap: dict[str, str] | None = None,
    model: str | None = None,
    path_base: Path | None = None,
    notice: str | None = None,
) -> ExploreApp:
    """The app for one index folder.

    `ingest_paths` are indexed first (with progress); `build_seeds_from` builds the index from that folder when
    there is none yet. `show_timing=False`, `today` and `osc52` make screens deterministic for snapshots;
    `system_copy` replaces pyperclip (tests). `keymap` maps binding ids to keys. `path_base`: article paths under
    it are shown relative to it (snapshots).
    """
    return ExploreApp(
        index_dir,
        ingest_paths=ingest_paths,
        build_seeds_from=build_seeds_from,
        show_timing=show_timing,
        system_copy=system_copy,
        osc52=osc52,
        today=today,
        keymap=keymap,
        model=model,
        path_base=path_base,
        notice=notice,
    )
