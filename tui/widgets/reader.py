"""The reader: an article's metadata header, the entity legend, the body (entities coloured, query terms
highlighted) and the page furniture folded away; it can jump to a span and mark it (hits, entities, events).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Collapsible, Input, Static

from search.model import Document
from search.text_safety import strip_escapes
from tui.widgets.article_body import Paragraph, line_within, paragraphs, styled_body
from tui.widgets.in_order_input import InOrderInput
from tui.widgets.legend import Legend


class FindInput(InOrderInput):
    """The reader's find bar (ctrl+f): typing finds, enter goes to the next match, escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close find", id="find.close", tooltip="Close the find bar"),
    ]

    def action_close(self) -> None:
        reader = self.parent
        if isinstance(reader, Reader):
            reader.close_find()


class Reader(VerticalScroll, can_focus=True):
    """Shows one document; `n`/`N` and `e`/`E` (bound on the screen) move between hits and entities; ctrl+f finds
    text in it (`n`/`N` then move between the matches)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"reader--mark"}
    DEFAULT_CSS = """
    Reader > .reader--mark {
        background: $primary 35%;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Down", show=False, id="reader.down", tooltip="Scroll the article down"),
        Binding("up,k", "scroll_up", "Up", show=False, id="reader.up", tooltip="Scroll the article up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self.hidden_labels: frozenset[str] = frozenset()
        self.term_spans: list[tuple[int, int]] = []
        self.mark: tuple[int, int] | None = None
        self.current: tuple[int, int] | None = None
        #: What the find bar looks for (None: closed), and where it is in the body.
        self.find_text: str | None = None
        self.find_spans: list[tuple[int, int]] = []
        self._paragraphs: list[Paragraph] = []
        #: Paths under this folder are shown relative to it (deterministic screenshots); None: as stored.
        self.path_base: Path | None = None
        self.border_title = "Article"

    def compose(self) -> ComposeResult:
        yield Static(Text("Open an article from the results (enter).", style="dim italic"), id="reader-header")
        legend = Legend(id="legend")
        legend.display = False  # until an article is open
        yield legend
        yield Static("", id="reader-body")
        find = FindInput(placeholder="Find in the article (enter: next, escape: close)", id="find")
        find.display = False
        yield find

    # ---- content ---------------------------------------------------------------------------------------------

    def show(self, document: Document, term_spans: list[tuple[int, int]]) -> None:
        """Show a new document from its top."""
        self.document = document
        self.term_spans = term_spans
        self.mark = None
        self.current = None
        self.border_subtitle = ""  # "hit 3 of 9": of the article that was open
        if self.find_text is not None:
            self.find_spans = find_spans(document.body, self.find_text)
        self.query_one("#reader-header", Static).update(header_text(document, self.path_base))
        self._show_furniture(document)
        self.refresh_body()
        self.scroll_home(animate=False)

    def _show_furniture(self, document: Document) -> None:
        """The furniture, folded, at the end (mounted on first use: it is not part of the first screen)."""
        found = self.query("#furniture")
        if not document.furniture:
            found.remove()
            return
        blocks = Text()
        for block in document.furniture:
            blocks.append(f"[{block.reason}] ", style="dim italic")
            blocks.append(strip_escapes(block.text) + "\n\n")
        title = f"Page furniture set aside ({len(document.furniture)} blocks) — click or enter to unfold"
        if found:
            furniture = self.query_one("#furniture", Collapsible)
            furniture.collapsed = True
            furniture.title = title
            furniture.query_one("#furniture-text", Static).update(blocks)
        else:
            self.mount(Collapsible(Static(blocks, id="furniture-text"), title=title, id="furniture"))

    def refresh_body(self) -> None:
        """Redraw the body after a change of hidden labels, mark or current span."""
        document = self.document
        if document is None:
            return
        legend = self.query_one(Legend)
        labels = {mention.label for mention in document.annotation.mentions}
        legend.display = True
        legend.show_labels(labels, self.hidden_labels)
        mentions = document.annotation.mentions
        mark_style = self.get_component_rich_style("reader--mark")  # the theme's: readable on light themes too
        text = styled_body(document.body, mentions, self.hidden_labels, self.steps, self.mark, self.current, mark_style)
        self._paragraphs = paragraphs(text)
        joined = Text("\n\n").join(paragraph.text for paragraph in self._paragraphs)
        self.query_one("#reader-body", Static).update(joined)

    # ---- finding ---------------------------------------------------------------------------------------------

    @property
    def finding(self) -> bool:
        return self.find_text is not None

    @property
    def steps(self) -> list[tuple[int, int]]:
        """What `n`/`N` step through and what is highlighted: the find bar's matches while it is open, else the
        query's terms."""
        return self.find_spans if self.finding else self.term_spans

    def open_find(self) -> None:
        """Show the find bar and focus it (its text selected, to type a new one)."""
        find = self.query_one("#find", FindInput)
        find.display = True
        self.find_text = find.value
        find.focus()

    def close_find(self) -> None:
        """Hide the find bar: the query's terms are highlighted again."""
        self.find_text = None
        self.find_spans = []
        self.current = None
        self.border_subtitle = ""
        self.query_one("#find", FindInput).display = False
        self.refresh_body()
        self.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "find" or self.find_text is None:
            return
        event.stop()
        self.find_text = event.value
        body = self.document.body if self.document is not None else ""
        self.find_spans = find_spans(body, event.value)
        self.current = None
        count = len(self.find_spans)
        self.border_subtitle = f"{count} match{'es' if count != 1 else ''}" if event.value else ""
        if self.find_spans:
            self.go_to(self.find_spans[0])
            self.border_subtitle = f"match 1 of {count}"
        else:
            self.refresh_body()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "find":
            event.stop()
            self.focus()  # n and N now step through the matches

    # ---- moving ----------------------------------------------------------------------------------------------

    def go_to(self, span: tuple[int, int], *, mark: bool = False) -> None:
        """Scroll so the span is near the top third, and mark it (event) or make it current (hit, entity)."""
        if mark:
            self.mark = span
            self.current = None
        else:
            self.current = span
        self.refresh_body()
        self.call_after_refresh(self._scroll_to_offset, span[0])

    def _scroll_to_offset(self, offset: int) -> None:
        body = self.query_one("#reader-body", Static)
        width = max(10, body.content_region.width)
        line = 0
        for paragraph in self._paragraphs:
            if paragraph.start + len(paragraph.text.plain) < offset:
                line += len(paragraph.text.wrap(self.app.console, width)) + 1
                continue
            line += line_within(paragraph.text, offset - paragraph.start, width)
            break
        target = body.virtual_region.y + line
        height = self.scrollable_content_region.height
        if self.scroll_y <= target < self.scroll_y + height - 2:
            return  # already in view: keep the page still
        self.scroll_to(y=max(0, target - height // 3), animate=False)


def shown_path(path: str, base: Path | None) -> str:
    """The path relative to `base` when it lies under it, else as stored."""
    if base is not None:
        try:
            return str(Path(path).relative_to(base))
        except ValueError:
            return path
    return path


def header_text(document: Document, path_base: Path | None = None) -> Text:
    """Title, then source, author, date and path or URL, as safe Text."""
    meta = document.metadata
    text = Text(strip_escapes(meta.title or "(untitled)"), style="bold")
    text.append("\n")
    rows = [
        ("Source", meta.source),
        ("Author", meta.author),
        ("Date", meta.date),
        ("URL" if meta.url else "Path", meta.url or shown_path(document.path, path_base)),
    ]
    for name, value in rows:
        text.append(f"{name}: ", style="dim")
        text.append(strip_escapes(value) if value else "—")
        text.append("\n")
    text.append(f"{document.words} words · id {document.id}", style="dim")
    return text


def find_spans(body: str, text: str) -> list[tuple[int, int]]:
    """Where `text` is in `body`, any case (nothing for blank text)."""
    if not text.strip():
        return []
    return [(match.start(), match.end()) for match in re.finditer(re.escape(text), body, re.IGNORECASE)]
