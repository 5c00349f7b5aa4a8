"""The reader: an article's metadata header, the entity legend, the body (entities coloured, query terms
highlighted) and the page furniture folded away; it can jump to a span and mark it (hits, entities, events).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Collapsible, Static

from search.model import Document
from search.text_safety import strip_escapes
from tui.widgets.article_body import Paragraph, line_within, paragraphs, styled_body
from tui.widgets.legend import Legend


class Reader(VerticalScroll, can_focus=True):
    """Shows one document; `n`/`N` and `e`/`E` (bound on the screen) move between hits and entities."""

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

    # ---- content ---------------------------------------------------------------------------------------------

    def show(self, document: Document, term_spans: list[tuple[int, int]]) -> None:
        """Show a new document from its top."""
        self.document = document
        self.term_spans = term_spans
        self.mark = None
        self.current = None
        self.border_subtitle = ""  # "hit 3 of 9": of the article that was open
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
        text = styled_body(
            document.body, document.annotation.mentions, self.hidden_labels, self.term_spans, self.mark, self.current
        )
        self._paragraphs = paragraphs(text)
        joined = Text("\n\n").join(paragraph.text for paragraph in self._paragraphs)
        self.query_one("#reader-body", Static).update(joined)

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
