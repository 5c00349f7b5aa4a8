"""Exporting the result list to a file: JSON or CSV (by the file's extension), one row per hit in the list's order,
with the fields of `explore list --json` that identify and cite an article. No Textual here.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from search.index.results import Hit

FIELDS = ("rank", "id", "title", "source", "author", "date", "url", "path", "words", "score")
FORMATS = ("json", "csv")


def hit_row(rank: int, hit: Hit) -> dict[str, Any]:
    """One exported row: the hit's rank (from 1), its metadata, and its relevance score (0 when sorted by date)."""
    summary = hit.summary
    meta = summary.metadata
    return {
        "rank": rank,
        "id": hit.id,
        "title": meta.title,
        "source": meta.source,
        "author": meta.author,
        "date": meta.date,
        "url": meta.url,
        "path": summary.paths[0] if summary.paths else None,
        "words": summary.words,
        "score": round(hit.score, 4),
    }


def export_format(path: Path) -> str:
    """ "csv" for a .csv file, else "json"."""
    return "csv" if path.suffix.lower() == ".csv" else "json"


def write_export(path: Path, hits: Sequence[Hit], query: str, sort: str) -> int:
    """Write `hits` to `path` (JSON or CSV by its extension); the number of rows written. Raises OSError."""
    rows = [hit_row(rank, hit) for rank, hit in enumerate(hits, 1)]
    if export_format(path) == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows({key: "" if value is None else value for key, value in row.items()} for row in rows)
    else:
        data = {"query": query, "sort": sort, "count": len(rows), "hits": rows}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(rows)


def default_export_path(folder: Path, fmt: str) -> Path:
    """A file in `folder` that does not exist yet: explore-results.json, explore-results-2.json, …"""
    number = 1
    while True:
        name = "explore-results" + (f"-{number}" if number > 1 else "") + f".{fmt}"
        if not (folder / name).exists():
            return folder / name
        number += 1
