"""What a run of `add` is asked to do (IngestOptions) and what it did (IngestSummary)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from search.ingest.discover import Skipped


@dataclass(frozen=True)
class IngestOptions:
    follow_symlinks: bool = False
    prune: bool = False
    wait_seconds: float = 0.0
    entity_edits: str | None = None  # the user's entity edits file (default: entities.toml in the index)


@dataclass(frozen=True)
class AnnotationFailed:
    """A document indexed without (part of) its annotation: what failed for it and why."""

    path: str
    id: str
    reason: str


@dataclass
class IngestSummary:
    """What a run of `add` did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    removed: int = 0
    annotated: int = 0
    files_read: int = 0
    words: int = 0
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    cancelled: bool = False
    annotation_failed: list[AnnotationFailed] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "removed": self.removed,
            "annotated": self.annotated,
            "files_read": self.files_read,
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "skipped": [{"path": skip.path, "reason": skip.reason} for skip in self.skipped],
            "gone": self.gone,
            "cancelled": self.cancelled,
            "annotation_failed": [
                {"path": failed.path, "id": failed.id, "reason": failed.reason} for failed in self.annotation_failed
            ],
        }
