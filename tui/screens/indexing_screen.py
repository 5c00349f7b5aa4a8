"""Indexing before the app opens (first run: the seed articles; `explore PATH`: that folder), with progress.

The ingest runs in a thread worker that takes the worker's cancellation; progress arrives as replaceable
messages bound to a ProgressBar. Escape cancels (what was committed stays indexed).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from search.text_safety import one_line
from tui.messages import IndexFailed, IndexFinished, IndexProgress
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from search.ingest.discover import Skipped


class _WorkerCancelled:
    """Ingest's cancel event, backed by the current worker's cancellation."""

    def __init__(self) -> None:
        self._worker = get_current_worker()

    def is_set(self) -> bool:
        return self._worker.is_cancelled


class IndexingScreen(Screen[str | None]):
    """Runs ingest; dismisses with a one-line report, or None when it failed (the reason was notified)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="indexing.cancel", tooltip="Stop indexing"),
    ]

    def __init__(self, index_dir: Path, paths: list[str], what: str, model: str | None) -> None:
        super().__init__()
        self._index_dir = index_dir
        self._paths = paths
        self._what = what
        self._model = model

    def compose(self) -> ComposeResult:
        with Vertical(id="indexing-box"):
            yield Static(f"Indexing {self._what} into {self._index_dir}", id="indexing-title")
            yield ProgressBar(total=None, id="indexing-bar", show_eta=False)
            yield Static("Finding files…", id="indexing-what")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.run_ingest()

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def run_ingest(self) -> None:
        from search.ingest.pipeline import IngestOptions, ingest
        from search.nlp.workers import LazyAnnotator

        annotator = LazyAnnotator(self._model, os.cpu_count() or 1)  # big batches go to worker processes
        factory = None
        try:
            annotator.check()
            factory = lambda: annotator  # noqa: E731
        except Exception as error:  # ModelMissing: index without entities and events, and say so
            self.post_message(IndexProgress(0, 0, f"no NLP model ({error}); indexing without entities"))
        try:
            summary = ingest(
                self._index_dir,
                self._paths,
                IngestOptions(),
                annotator_factory=factory,
                progress=self._progress,
                cancel=_WorkerCancelled(),
            )
        except Exception as error:  # a locked or unwritable index: say why, keep the app alive
            self.post_message(IndexFailed(str(error) or type(error).__name__))
            return
        finally:
            annotator.close()  # stops its worker processes
        state = "cancelled after" if summary.cancelled else "indexed"
        counts = f"{summary.added} new, {summary.unchanged} unchanged, {len(summary.skipped)} skipped"
        report = f"{self._what}: {state} {counts}{skip_reasons(summary.skipped)}"
        self.post_message(IndexFinished(report))

    def _progress(self, done: int, total: int, what: str) -> None:
        self.post_message(IndexProgress(done, total, what))

    @on(IndexProgress)
    def show_progress(self, message: IndexProgress) -> None:
        bar = self.query_one(ProgressBar)
        if message.total:
            bar.update(total=message.total, progress=message.done)
        else:  # a step of unknown length (see ingest's phases): the bar pulses rather than freezing at 90%
            bar.update(total=None)
        self.query_one("#indexing-what", Static).update(message.what)

    @on(IndexFinished)
    def finished(self, message: IndexFinished) -> None:
        self.dismiss(message.report)

    @on(IndexFailed)
    def failed(self, message: IndexFailed) -> None:
        self.app.notify(message.reason, title="Indexing failed", severity="error", markup=False, timeout=10)
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "index")
        self.query_one("#indexing-what", Static).update("Cancelling after the current batch…")


#: Skipped files named with their reason in the report; the rest are counted (`explore add` lists them all).
SKIPS_SHOWN = 3


def skip_reasons(skipped: Sequence[Skipped]) -> str:
    """The first skipped files with why, for the report: ": a.pdf (not a supported file type), … and 2 more"."""
    if not skipped:
        return ""
    named = [f"{os.path.basename(skip.path) or skip.path} ({skip.reason})" for skip in skipped[:SKIPS_SHOWN]]
    more = len(skipped) - len(named)
    tail = f", and {more} more (explore add lists them all)" if more else ""
    return one_line(": " + "; ".join(named) + tail)
