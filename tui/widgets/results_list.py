"""The result list: a virtualised view of every hit (only the visible rows are drawn; snippets come on demand).

Each hit takes ROW_HEIGHT lines: the title, "source · date", the snippet with the query terms highlighted, a gap.
Hits arrive without snippets beyond the first page; when rows without a snippet come into view the list asks for
them with `SnippetsWanted`, and the app answers with `set_snippets`.
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
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from search.text_safety import strip_escapes
from tui.messages import OpenHit
from tui.styling import TERM_STYLE

if TYPE_CHECKING:
    from search.searching import Hit
    from search.snippets import Snippet

ROW_HEIGHT = 4


@dataclass
class SnippetsWanted(Message):
    """Rows `start`..`end` (exclusive) are visible but have no snippet yet."""

    start: int
    end: int


class ResultsList(ScrollView, can_focus=True):
    """Every hit of the current search; the cursor row is highlighted, `enter` opens it."""

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
        self.empty_text = "No results."

    @property
    def hits(self) -> list[Hit]:
        return self._hits

    @property
    def selected(self) -> Hit | None:
        return self._hits[self.cursor] if 0 <= self.cursor < len(self._hits) else None

    def set_hits(self, hits: Sequence[Hit], snippets: dict[int, Snippet]) -> None:
        """Show a new result set from its top."""
        self._hits = list(hits)
        self._snippets = dict(snippets)
        self._asked = set(snippets)
        self.virtual_size = Size(self.size.width, max(1, len(self._hits)) * ROW_HEIGHT)
        self.set_reactive(ResultsList.cursor, 0)
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def set_snippets(self, snippets: dict[int, Snippet]) -> None:
        self._snippets.update(snippets)
        self.refresh()

    # ---- movement --------------------------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if self._hits:
            self.cursor = max(0, min(len(self._hits) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.scrollable_content_region.height // ROW_HEIGHT))

    def action_jump(self, row: int) -> None:
        if self._hits:
            self.cursor = row if row >= 0 else len(self._hits) - 1

    def action_open(self) -> None:
        if self.selected is not None:
            self.post_message(OpenHit(self.selected.id))

    def watch_cursor(self, old: int, new: int) -> None:
        top = new * ROW_HEIGHT
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif top + ROW_HEIGHT > self.scroll_y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False)
        self.refresh()

    def on_click(self, event: Click) -> None:
        if not self._hits:
            return
        row = (int(self.scroll_y) + event.y) // ROW_HEIGHT
        if 0 <= row < len(self._hits):
            if row == self.cursor and event.chain > 1:
                self.action_open()
            self.cursor = row

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, max(1, len(self._hits)) * ROW_HEIGHT)

    # ---- drawing ---------------------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        row, part = divmod(line, ROW_HEIGHT)
        base = self.rich_style
        if not self._hits:
            text = Text(self.empty_text if line == 0 else "", style="italic dim")
            return self._strip(text, width, base)
        if row >= len(self._hits):
            return Strip.blank(width, base)
        self._want_snippet(row, y)
        style = base
        if row == self.cursor and part < ROW_HEIGHT - 1:
            style = base + Style(bgcolor="#264f78" if self.has_focus else "#333842")
        return self._strip(self._row_text(row, part), width, style)

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.truncate(max(1, width - 1), overflow="ellipsis")
        rendered = text.render(self.app.console)
        segments = [Segment(" ", style), *(Segment(s.text, style + s.style if s.style else style) for s in rendered)]
        return Strip(segments).adjust_cell_length(width, style)

    def _row_text(self, row: int, part: int) -> Text:
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
            return snippet_text(snippet) if snippet is not None else Text("…", style="dim")
        return Text("")

    def _want_snippet(self, row: int, y: int) -> None:
        if row in self._asked:
            return
        visible = self.scrollable_content_region.height // ROW_HEIGHT + 2
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
