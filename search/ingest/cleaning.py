"""The "clean" stage of ingest: one RawRecord in, one CleanArticle out.

Reads the header (title line, date header, byline, date line), marks page furniture line by line, and
builds the body from the remaining lines, kept verbatim apart from outer whitespace, with one blank line
between paragraphs, so entity offsets can index into it. Metadata comes from hints, header and furniture.
"""

from __future__ import annotations

from collections.abc import Sequence

from search.ingest.furniture import mark_furniture
from search.ingest.metadata import Header, build_metadata, read_header
from search.model import CleanArticle, FurnitureBlock, RawRecord

_TITLE = "title"


def _line_roles(lines: Sequence[str], header: Header) -> list[str | None]:
    """Per line: None for body, "title" for the headline line, else a furniture reason."""
    start = header.title_index + 1 if header.title_index is not None else 0
    title = header.title.value if header.title else None
    roles = mark_furniture(lines, start, title)
    if header.title_index is not None:
        roles[header.title_index] = _TITLE
    for removed in header.removed:
        if roles[removed.index] != _TITLE:
            roles[removed.index] = removed.reason
    return roles


def _furniture_text(lines: Sequence[str], header: Header, i: int) -> str:
    """The text of line `i` that furniture keeps (only the removed part of a shared title line)."""
    parts = [r.text for r in header.removed if r.index == i]
    return parts[0] if parts and i == header.title_index else lines[i].strip()


def _blocks(lines: Sequence[str], roles: Sequence[str | None], header: Header) -> tuple[FurnitureBlock, ...]:
    """Group consecutive furniture lines with the same reason (blank lines between them allowed)."""
    blocks: list[FurnitureBlock] = []
    texts: list[str] = []
    reason: str | None = None
    removed_on_title = {r.index for r in header.removed if r.index == header.title_index}
    for i, line in enumerate(lines):
        role = roles[i]
        if not line.strip():
            continue
        if role == _TITLE and i in removed_on_title:
            role = next(r.reason for r in header.removed if r.index == i)
        if role is None or role == _TITLE:
            if texts and reason:
                blocks.append(FurnitureBlock("\n".join(texts), reason))
            texts, reason = [], None
            continue
        if role != reason and texts and reason:
            blocks.append(FurnitureBlock("\n".join(texts), reason))
            texts = []
        reason = role
        texts.append(_furniture_text(lines, header, i))
    if texts and reason:
        blocks.append(FurnitureBlock("\n".join(texts), reason))
    return tuple(blocks)


def _body(lines: Sequence[str], roles: Sequence[str | None]) -> str:
    """Body lines, stripped, with removed lines acting as paragraph breaks and blank runs collapsed."""
    out: list[str] = []
    for line, role in zip(lines, roles, strict=True):
        text = line.strip() if role is None else ""
        if text or (out and out[-1]):
            out.append(text)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def clean_record(record: RawRecord) -> CleanArticle:
    """Split a record's text into body, furniture and metadata."""
    lines = record.text.split("\n")
    hint_title = record.hints["title"].value if "title" in record.hints else None
    header = read_header(lines, hint_title)
    roles = _line_roles(lines, header)
    body = _body(lines, roles)
    furniture = _blocks(lines, roles, header)
    metadata = build_metadata(header, furniture, record.hints, body)
    return CleanArticle(body=body, furniture=furniture, metadata=metadata)
