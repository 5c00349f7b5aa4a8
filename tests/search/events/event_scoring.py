"""Scoring dated events against hand-made expectations: shared by the event tests and the held-out tests."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from search.events.extraction import extract_events
from search.events.taxonomy import EVENT_TYPES
from search.model import Event, Mention
from tests.paths import CORPORA, DATA

EXPECTED = json.loads((DATA / "events_expected.json").read_text())
BBC = Path(os.environ.get("EXPLORE_BBC", CORPORA / "bbc-news"))
WIKINEWS = Path(os.environ.get("EXPLORE_WIKINEWS", CORPORA / "wikinews" / "wikinews.jsonl"))


def events_of(nlp: Language, text: str, doc_id: str, pub: str | None) -> list[Event]:
    """The events of the eleven original types: the types the expectations of these tests were written for
    (the types beyond them, issue 15, are tested in test_taxonomy.py)."""
    return [e for e in all_events_of(nlp, text, doc_id, pub) if e.type in EVENT_TYPES]


def all_events_of(nlp: Language, text: str, doc_id: str, pub: str | None) -> list[Event]:
    doc = nlp(text)
    mentions = [Mention(e.text, e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
    return extract_events(doc, mentions, doc_id, pub)


# --- precision and recall of dated events ---------------------------------------------------------


def _gold_key(doc: str, item: dict[str, str | None]) -> tuple[str, str, str | None, str | None]:
    return doc, str(item["type"]), item["date"], item["granularity"]


def _sys_key(e: Event) -> tuple[str, str, str | None, str | None]:
    return e.doc_id, e.type, e.date, e.granularity


def score(gold: dict[str, list[dict[str, str | None]]], system: dict[str, list[Event]]) -> tuple[float, float]:
    """Dated events (those with a time expression), de-duplicated per document by (type, date,
    granularity); unresolved ones also need overlapping time-expression text."""
    g = {
        (*_gold_key(d, i), str(i["date_text"]).lower() if i["date"] is None else None)
        for d, items in gold.items()
        for i in items
    }
    s = {
        (*_sys_key(e), str(e.date_text).lower() if e.date is None else None)
        for evs in system.values()
        for e in evs
        if e.date_text
    }

    def same(a: tuple, b: tuple) -> bool:
        if a[:4] != b[:4]:
            return False
        return a[4] is None or b[4] is None or a[4] in b[4] or b[4] in a[4]

    tp_s = sum(1 for x in s if any(same(x, y) for y in g))
    tp_g = sum(1 for y in g if any(same(x, y) for x in s))
    return tp_s / max(1, len(s)), tp_g / max(1, len(g))


@dataclass(frozen=True)
class SampleScores:
    """Precision and recall of dated events on a BBC part, a Wikinews part, and both pooled."""

    bbc: tuple[float, float]
    wikinews: tuple[float, float]
    pooled: tuple[float, float]


def score_sample(
    label: str,
    gold: dict[str, dict[str, list[dict[str, str | None]]]],
    bbc: dict[str, list[Event]],
    wikinews: dict[str, list[Event]],
) -> SampleScores:
    """Score a sample's BBC and Wikinews parts against `gold` (keys "bbc", "wikinews") and print the three figures."""
    pooled = score({**gold["bbc"], **gold["wikinews"]}, {**bbc, **wikinews})
    scores = SampleScores(score(gold["bbc"], bbc), score(gold["wikinews"], wikinews), pooled)
    (p_bbc, r_bbc), (p_wn, r_wn), (p_all, r_all) = scores.bbc, scores.wikinews, scores.pooled
    print(
        f"{label}: BBC dated events P={p_bbc:.2f} R={r_bbc:.2f}; Wikinews P={p_wn:.2f} R={r_wn:.2f}; "
        f"pooled P={p_all:.2f} R={r_all:.2f}"
    )
    return scores
