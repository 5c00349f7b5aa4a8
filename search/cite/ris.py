"""RIS records (one TY ... ER block) for a news article; every value on one line."""

from __future__ import annotations

from search.cite.item import CitableItem


def _line(tag: str, value: str) -> str:
    printable = "".join(ch if ch.isprintable() else " " for ch in value)
    return f"{tag}  - {' '.join(printable.split())}"


def ris_record(item: CitableItem, note: str | None = None) -> str:
    """TY NEWS record with AU, TI, T2, PY/DA, UR and Y2 (accessed) when there is a URL, N1 notes, ID."""
    lines = [_line("TY", "NEWS")]
    for name in item.authors:
        lines.append(_line("AU", name.inverted))
    if item.title:
        lines.append(_line("TI", f"[{item.title}]" if item.title_derived else item.title))
    if item.source:
        lines.append(_line("T2", item.source))
    if item.date:
        lines.append(_line("PY", f"{item.date.year:04d}"))
        month = f"{item.date.month:02d}" if item.date.month else ""
        day = f"{item.date.day:02d}" if item.date.day else ""
        lines.append(_line("DA", f"{item.date.year:04d}/{month}/{day}/"))
    if item.url:
        lines.append(_line("UR", item.url))
        lines.append(_line("Y2", item.accessed.strftime("%Y/%m/%d/")))
    if item.title_derived:
        lines.append(_line("N1", "Title derived from the first sentence"))
    if note:
        lines.append(_line("N1", note))
    lines.append(_line("ID", item.key_id))
    lines.append("ER  - ")
    return "\n".join(line for line in lines if line.strip()) + "\n"
