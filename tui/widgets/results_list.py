"""The result list: a virtualised view of every hit (only the visible rows are drawn; hits and snippets come on
demand).

Each hit takes ROW_HEIGHT lines: the title, "source · date", the snippet with the query terms highlighted, a gap.
A search arrives with its first page of hits and the number of rows it has; when rows not fetched yet come into
view (scrolling, `end`) the list asks for them with `HitsWanted`, and the app answers with `add_hits`. Hits arrive
without snippets beyond the first page; when rows without a snippet come into view the list asks for them with
`SnippetsWanted`, and the app answers with `set_snippets`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from search.text_safety import strip_escapes
from tui.messages import OpenHit
from tui.styling import TERM_STYLE

if TYPE_CHECKING:
    from search.index.results import Hit
    from search.index.snippets import Snippet

ROW_HEIGHT = 4


@dataclass
class HitsWanted(Message):
    """The first `count` hits of the list's result set number `batch` are wanted (rows scrolled into view)."""

    batch: int
    count: int


@dataclass
class SnippetsWanted(Message):
    """Rows `start`..`end` (exclusive) are visible but have no snippet yet."""

    start: int
    end: int


class ResultsList(ScrollView, can_focus=True):
    """Every hit of the current search; the cursor row is highlighted, `enter` opens it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"results-list--cursor", "results-list--cursor-blurred"}
    DEFAULT_CSS = """
    ResultsList {
        overflow-x: hidden;
    }
    ResultsList > .results-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    ResultsList > .results-list--cursor-blurred {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor(1)", "Down", show=False, id="results.down", tooltip="Next result"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="results.up", tooltip="Previous result"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="results.page_down", tooltip="Next page of results"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="results.page_up", tooltip="Previous page of results"),
        Binding("home", "jump(0)", "First", show=False, id="results.first", tooltip="First result"),
        Binding("end", "jump(-1)", "Last", show=False, id="results.last", tooltip="Last result"),
        Binding("enter", "open", "Open", id="results.open", tooltip="Open the selected article"),
    ]

    cursor: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hits: list[Hit] = []
        self._snippets: dict[int, Snippet] = {}
        self._asked: set[int] = set()
        self._rows = 0  # rows shown: the hits fetched and those still to fetch
        self._hits_asked = 0  # rows asked for with HitsWanted
        self._batch = 0  # which result set is shown: answers for an older one are dropped
        self._open_pending = False  # `enter` on a row whose hit is still being fetched
        self.empty_text = "No results."
        self.border_title = "Results"
        #: The width, base style and cursor style of the paint under way.
        self._paint: tuple[int, Style, Style] | None = None

    @property
    def hits(self) -> list[Hit]:
        return self._hits

    @property
    def rows(self) -> int:
        """How many rows the list shows (hits fetched or still to fetch)."""
        return self._rows

    @property
    def selected(self) -> Hit | None:
        return self._hits[self.cursor] if 0 <= self.cursor < len(self._hits) else None

    def set_hits(self, hits: Sequence[Hit], snippets: dict[int, Snippet], rows: int | None = None) -> None:
        """Show a new result set from its top: `hits` fetched so far of `rows` in all (default: just these)."""
        self._batch += 1
        self._hits = list(hits)
        self._rows = max(len(self._hits), rows or 0)
        self._hits_asked = len(self._hits)
        self._open_pending = False
        self._snippets = dict(snippets)
        self._asked = set(snippets)
        self._size_to_rows()
        self.set_reactive(ResultsList.cursor, 0)
        self.scroll_to(y=0, animate=False)
        self.refresh()

    @property
    def result_set(self) -> int:
        """Which result set is shown (set_hits counts them); HitsWanted and add_hits carry it."""
        return self._batch

    def add_hits(self, hits: Sequence[Hit], count: int, batch: int | None = None) -> None:
        """The first hits of result set `batch` (default: the shown one), `count` asked for: they replace the list's
        hits (fewer than asked: there are no more)."""
        if (batch is not None and batch != self._batch) or count <= len(self._hits):
            return  # for another result set, or an older, smaller fetch
        if [hit.id for hit in hits[: len(self._hits)]] != [hit.id for hit in self._hits]:
            self._snippets, self._asked = {}, set()  # the index changed in between: snippets by row are stale
        self._hits = list(hits)
        if len(self._hits) < count:
            self._rows = len(self._hits)  # the total was an estimate, or the index shrank
            self._size_to_rows()
            self.cursor = min(self.cursor, max(0, self._rows - 1))
        self._hits_asked = max(self._hits_asked, len(self._hits))
        if self._open_pending and self.selected is not None:
            self._open_pending = False
            self.action_open()
        self.refresh()

    def no_more_hits(self, batch: int | None = None) -> None:
        """Fetching more hits of result set `batch` failed: the list ends with the hits it holds."""
        if batch is not None and batch != self._batch:
            return
        self._rows = self._hits_asked = len(self._hits)
        self._open_pending = False
        self._size_to_rows()
        self.cursor = min(self.cursor, max(0, self._rows - 1))
        self.refresh()

    def _size_to_rows(self) -> None:
        # No width: rows are cut to the view, never scrolled sideways (a virtual width of the widget's width, which
        # includes the vertical scrollbar, showed a horizontal scrollbar and cost a second layout at startup).
        self.virtual_size = Size(0, max(1, self._rows) * ROW_HEIGHT)

    def set_snippets(self, snippets: dict[int, Snippet]) -> None:
        self._snippets.update(snippets)
        self.refresh()

    # ---- movement --------------------------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if self._rows:
            self.cursor = max(0, min(self._rows - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self._view_size.height // ROW_HEIGHT))

    def action_jump(self, row: int) -> None:
        if self._rows:
            self.cursor = row if row >= 0 else self._rows - 1

    def action_open(self) -> None:
        if self.selected is not None:
            self.post_message(OpenHit(self.selected.id))
        elif self.cursor < self._rows:
            self._open_pending = True  # its hit is on the way: open it when it comes

    def watch_cursor(self, old: int, new: int) -> None:
        top = new * ROW_HEIGHT
        height = self._view_size.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif top + ROW_HEIGHT > self.scroll_y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False)
        self.refresh()

    def on_click(self, event: Click) -> None:
        if not self._rows:
            return
        row = (int(self.scroll_y) + event.y) // ROW_HEIGHT
        if 0 <= row < self._rows:
            if row == self.cursor and event.chain > 1:
                self.action_open()
            self.cursor = row

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ---- drawing ---------------------------------------------------------------------------------------------

    @property
    def _view_size(self) -> Size:
        """The rows and columns the list draws in: inside the border, beside the scrollbar.

        Worked out from the size Textual gave the widget at layout, not from its screen region
        (`scrollable_content_region`): looking the region up for every line cost 40 ms on the first frame.
        """
        return self.container_size - self.scrollbar_gutter.totals

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint = self._paint_styles()  # once per paint, not per line: they walk the DOM
        return super().render_lines(crop)

    def _paint_styles(self) -> tuple[int, Style, Style]:
        """The width, the base style, and the cursor row's style (the theme's block cursor, so that it reads on
        light themes too)."""
        cursor = "results-list--cursor" if self.has_focus else "results-list--cursor-blurred"
        return self._view_size.width, self.rich_style, self.get_component_rich_style(cursor)

    def render_line(self, y: int) -> Strip:
        width, base, cursor = self._paint if self._paint is not None else self._paint_styles()
        line = int(self.scroll_y) + y
        row, part = divmod(line, ROW_HEIGHT)
        if not self._rows:
            text = Text(self.empty_text if line == 0 else "", style="italic dim")
            return self._strip(text, width, base)
        if row >= self._rows:
            return Strip.blank(width, base)
        if row >= len(self._hits):
            self._want_hits(row)
        else:
            self._want_snippet(row, y)
        style = base
        if row == self.cursor and part < ROW_HEIGHT - 1:
            style = base + cursor
        return self._strip(self._row_text(row, part), width, style)

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.truncate(max(1, width - 1), overflow="ellipsis")
        rendered = text.render(self.app.console)
        segments = [Segment(" ", style), *(Segment(s.text, style + s.style if s.style else style) for s in rendered)]
        return Strip(segments).adjust_cell_length(width, style)

    def _row_text(self, row: int, part: int) -> Text:
        if row >= len(self._hits):
            return Text(f"{row + 1}. …", style="dim") if part == 0 else Text("")
        hit = self._hits[row]
        meta = hit.summary.metadata
        if part == 0:
            title = strip_escapes(meta.title or "(untitled)")
            return Text(f"{row + 1}. {title}", style="bold")
        if part == 1:
            bits = [strip_escapes(meta.source or "unknown source"), meta.date or "undated"]
            return Text(" · ".join(bits), style="dim")
        if part == 2:
            snippet = self._snippets.get(row)
            if snippet is None:
                return Text("…", style="dim")
            width = self._paint[0] if self._paint is not None else self._view_size.width
            return snippet_in_width(snippet, width - 2)  # the row's margin and its cut
        return Text("")

    def _want_hits(self, row: int) -> None:
        if row < self._hits_asked:
            return
        visible = self._view_size.height // ROW_HEIGHT + 2
        count = min(self._rows, max(row + visible + 20, 2 * self._hits_asked))  # doubling: few fetches to the end
        self.post_message(HitsWanted(self._batch, count))
        self._hits_asked = count

    def _want_snippet(self, row: int, y: int) -> None:
        if row in self._asked:
            return
        visible = self._view_size.height // ROW_HEIGHT + 2
        start = row
        end = min(len(self._hits), row + max(visible, 20))
        self._asked.update(range(start, end))
        self.post_message(SnippetsWanted(start, end))


def snippet_text(snippet: Snippet) -> Text:
    """The snippet as rich Text (never markup), query terms highlighted, escapes stripped."""
    raw = snippet.text
    clean = strip_escapes(raw)
    text = Text(clean.replace("\n", " "))
    if clean == raw:
        for start, end in snippet.spans:
            text.stylize(TERM_STYLE, start, end)
    return text


def snippet_in_width(snippet: Snippet, width: int) -> Text:
    """The snippet as drawn in a row `width` cells wide: cut by the engine around its first match (Snippet.fit),
    so the match shows whatever the width of the results pane."""
    if width <= 10:
        return snippet_text(snippet)
    return snippet_text(snippet.fit(width))
