"""The app's blocking work: facets read the corpus under its lock but sum the mentions up without it, so a search
typed while the entities of a large result are counted does not wait for the counting."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

import tui.search_jobs
from search.corpus import Corpus
from search.entities.stats import EntitySummary
from search.model import Mention
from tui.search_jobs import facets
from tui.shared_corpus import SharedCorpus


def test_facets_sum_up_the_mentions_without_holding_the_corpus(
    seed_index: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir, _ = seed_index
    corpus = Corpus(index_dir)
    lock = threading.Lock()
    held_while_summing: list[bool] = []
    summarise = tui.search_jobs.summarise

    def watched(documents: Iterable[tuple[str, Sequence[Mention]]], label: str | None = None) -> list[EntitySummary]:
        held_while_summing.append(lock.locked())
        return summarise(documents, label)

    monkeypatch.setattr(tui.search_jobs, "summarise", watched)
    try:
        entities, events = facets(SharedCorpus(corpus, lock), "korea")
        assert held_while_summing == [False]
        assert entities == corpus.entities("korea")  # the same summary as the `entities` command gives
        assert events == corpus.events("korea") and events
        assert any(entity.name == "Rajnath Singh" for entity in entities)
    finally:
        corpus.close()


def test_facets_cancelled_by_a_newer_search_skip_what_is_left(seed_index: tuple[Path, Path]) -> None:
    index_dir, _ = seed_index
    corpus = Corpus(index_dir)
    try:
        assert facets(SharedCorpus(corpus, threading.Lock()), "korea", lambda: True) == ([], [])
    finally:
        corpus.close()
