"""A worker job for the tests: annotate_chunk, except that a chunk holding DEATH_MARK kills its worker process
(as the kernel's out-of-memory killer would). Imported by the spawned workers, so it lives in a module of its own."""

from __future__ import annotations

import os
import signal

from search.model import Annotation
from search.nlp.workers import Item, annotate_chunk

DEATH_MARK = "Zorblaxian-ultrahazard"


def annotate_or_die(job: tuple[str | None, list[Item]]) -> list[Annotation]:
    _, items = job
    if any(DEATH_MARK in body for _, body, _ in items):
        os.kill(os.getpid(), signal.SIGKILL)
    return annotate_chunk(job)
