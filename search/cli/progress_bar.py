"""The command line's progress bar: drawn on stderr when it is a terminal, silent otherwise.

Ingest reports progress in bytes, so the bar shows a percentage, the time so far and left, and the file being read.
When ingest names a step whose length it cannot know (the last articles being parsed while the index is merged,
grouping events, finishing the index), the bar pulses and shows no estimate rather than a frozen one.
"""

from __future__ import annotations

import os
import sys
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from search.text_safety import one_line


class ProgressBar:
    """A context manager whose `update(done, total, what)` matches ingest's progress callback."""

    def __init__(self, label: str, console: Console | None = None) -> None:
        console = console or Console(stderr=True)
        self._enabled = console.is_terminal if console.file is not sys.stderr else sys.stderr.isatty()
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[what]}", style="dim", markup=False),  # a file name is text, never markup
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task(label, total=None, what="")

    def __enter__(self) -> ProgressBar:
        if self._enabled:
            self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._enabled:
            self._progress.stop()

    def update(self, done: int, total: int, what: str = "") -> None:
        """Bytes `done` of `total` and the file just written; with no total, a finishing step named by `what`."""
        if not self._enabled:
            return
        if not total:  # a step of unknown length: no percentage, no estimate (the bar pulses)
            task = next(task for task in self._progress.tasks if task.id == self._task)
            task.total = None  # Rich's update() cannot unset a total; the clock of the run goes on
            self._progress.update(self._task, what=one_line(what))
            return
        name = os.path.basename(what)[-40:]
        self._progress.update(self._task, completed=done, total=total, what=one_line(name))
