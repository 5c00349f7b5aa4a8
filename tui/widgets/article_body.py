"""Turning an article body into styled rich Text paragraphs: entities by type, query terms, a marked span.

Pure functions (no widgets), so the styling can be tested on its own. Article text is untrusted: it becomes
`rich.text.Text` (never markup) after `blank_escapes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from search.model import Mention
from search.text_safety import blank_escapes
from tui.styling import CURRENT_STYLE, MARK_STYLE, TERM_STYLE, label_style


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the body: where it starts in the body, and its styled text."""

    start: int
    text: Text


def styled_body(
    body: str,
    mentions: Iterable[Mention],
    hidden_labels: frozenset[str],
    term_spans: Sequence[tuple[int, int]],
    mark: tuple[int, int] | None = None,
    current: tuple[int, int] | None = None,
    mark_style: Style = MARK_STYLE,
) -> Text:
    """The whole body as Text; offsets are the body's (escapes are stripped only where they would shift nothing)."""
    safe = blank_escapes(body)
    text = Text(safe)
    if mark is not None:
        text.stylize(mark_style, *mark)
    for mention in mentions:
        if mention.label not in hidden_labels:
            text.stylize(label_style(mention.label), mention.start, mention.end)
    for start, end in term_spans:
        text.stylize(TERM_STYLE, start, end)
    if current is not None:
        text.stylize(CURRENT_STYLE, *current)
    return text


def paragraphs(text: Text) -> list[Paragraph]:
    """The body split at newlines, each piece with its start offset; blank pieces are dropped."""
    result = []
    start = 0
    for piece in text.split("\n", allow_blank=True):
        if piece.plain.strip():
            result.append(Paragraph(start, piece))
        start += len(piece.plain) + 1
    return result


def line_within(paragraph: Text, offset: int, width: int) -> int:
    """Roughly which wrapped line of a paragraph (at `width` cells) holds character `offset` of it."""
    if width <= 0:
        return 0
    seen = 0
    for number, line in enumerate(paragraph.plain and _wrap(paragraph.plain, width)):
        seen += len(line)
        if offset < seen:
            return number
    return 0


def _wrap(plain: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in plain.split(" "):
        candidate = f"{current} {word}" if current else word
        if len(candidate) > width and current:
            lines.append(current + " ")
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines
