"""Long articles are annotated in pieces (issue 16): past spaCy's own limit (nlp.max_length, lowered here so the
test stays fast; tests/search/ingest/test_long_articles_volume.py runs the real sizes), with offsets into the whole
body, the same entities and events as one parse would give, time expressions resolved against the publication
date in every piece, and the article's dateline carried to later pieces. A failure of one document (its events,
its parse) is its own: it keeps what did not fail and says what failed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from search.ingest.cleaning import clean_record
from search.model import Annotation, RawRecord
from search.nlp import annotate
from search.nlp.annotate import annotate_batch

PUB_DATE = "2019-09-06"
#: The last paragraph: its events must resolve "on Tuesday" against the publication date, in a later piece.
LAST = "Defence Minister Rajnath Singh on Tuesday held talks with Jeong Kyeong-Doo in Seoul."


def body_of(seed_paths: list[Path]) -> str:
    bodies = [clean_record(RawRecord(str(p), p.read_text(encoding="utf-8"), "txt")).body for p in seed_paths]
    return "New Delhi: " + "\n\n".join(bodies) + "\n\n" + LAST


def test_past_the_model_limit_gives_what_one_parse_gives(
    nlp: Any, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    body = body_of(seed_paths)
    whole = annotate_batch([("long", body, PUB_DATE)], nlp)[0]
    monkeypatch.setattr(nlp, "max_length", 4000)  # the article is now past spaCy's limit: [E088] before issue 16
    assert len(body) > 3 * nlp.max_length
    pieced = annotate_batch([("short", "A short one.", None), ("long", body, PUB_DATE)], nlp)[1]
    assert pieced.problems == ()
    assert all(body[m.start : m.end] == m.text for m in pieced.mentions)
    assert all(body[e.start : e.end] == e.sentence for e in pieced.events)
    assert pieced.mentions == whole.mentions
    assert pieced.events == whole.events
    last = [e for e in pieced.events if e.start >= len(body) - len(LAST)]
    assert last and all(e.date == "2019-09-03" for e in last), last  # the Tuesday before 6 September 2019


def test_a_later_piece_takes_the_article_dateline(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    filler = "\n\n".join(["The talks went on for many hours without any result at all."] * 80)
    body = f"Seoul: The talks began.\n\n{filler}\n\nThe minister visited the troops on Tuesday."
    whole = annotate_batch([("d", body, PUB_DATE)], nlp)[0]
    monkeypatch.setattr(nlp, "max_length", 1000)
    pieced = annotate_batch([("d", body, PUB_DATE)], nlp)[0]
    assert pieced.events == whole.events


def test_failed_event_extraction_keeps_the_entities(
    nlp: Any, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = annotate.extract_events

    def broken(doc: Any, mentions: Any, doc_id: str, *args: Any) -> Any:
        if doc_id == "bad":
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc, mentions, doc_id, *args)

    monkeypatch.setattr(annotate, "extract_events", broken)
    body = body_of(seed_paths[:1])
    good, bad = annotate_batch([("good", body, PUB_DATE), ("bad", body, PUB_DATE)], nlp)
    assert good.events and not good.problems
    assert bad.mentions == good.mentions and bad.events == ()
    assert bad.problems == ("event extraction failed (RecursionError: maximum recursion depth exceeded)",)
    monkeypatch.setattr(nlp, "max_length", 500)  # the same in pieces
    pieced = annotate_batch([("bad", body, PUB_DATE)], nlp)[0]
    assert pieced.mentions and pieced.events == () and pieced.problems == bad.problems


def test_a_document_that_breaks_the_parse_costs_only_itself(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    real = nlp.make_doc

    def make_doc(text: str) -> Any:
        if "POISON" in text:
            raise ValueError("cannot tokenise this")
        return real(text)

    monkeypatch.setattr(nlp, "make_doc", make_doc)
    items = [("a", "Rajnath Singh visited Seoul.", None), ("b", "POISON", None), ("c", "Jeong met Singh.", None)]
    first, poisoned, last = annotate_batch(items, nlp)
    assert first.mentions and last.mentions
    assert poisoned == Annotation(problems=("annotation failed (ValueError: cannot tokenise this)",))


def test_a_surname_in_a_later_piece_names_the_person_of_an_earlier_one(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    filler = "\n\n".join(["The talks went on for many hours without any result at all."] * 40)
    body = f"Rajnath Singh arrived in Seoul.\n\n{filler}\n\nSingh met Jeong Kyeong-Doo in Seoul on Tuesday."
    monkeypatch.setattr(nlp, "max_length", 1000)
    note = annotate_batch([("d", body, PUB_DATE)], nlp)[0]
    [meeting] = [e for e in note.events if e.trigger == "met"]
    assert meeting.start > 1000 and "Rajnath Singh" in {actor.name for actor in meeting.actors}, meeting
    assert {m.entity for m in note.mentions if m.text == "Singh"} == {"Rajnath Singh"}
