"""Time expressions: finding them in sentences and resolving them against a publication date."""

from __future__ import annotations

import pytest

from search.events.timex import ResolvedDate, find_timexes, resolve


def texts(sentence: str) -> list[str]:
    return [t.text for t in find_timexes(sentence)]


@pytest.mark.parametrize(
    ("text", "pub", "tense", "expected"),
    [
        # seed 001, published Sunday 2021-03-28
        ("on Friday", "2021-03-28", "past", ResolvedDate("2021-03-26", None, "day")),
        ("from Thursday last", "2021-03-28", "past", ResolvedDate("2021-03-25", None, "day")),
        ("on Sunday", "2021-03-28", "past", ResolvedDate("2021-03-28", None, "day")),
        # seed 004, published Friday 2021-03-26: "on Friday" in a past report is that same day
        ("on Friday", "2021-03-26", "past", ResolvedDate("2021-03-26", None, "day")),
        ("on Friday", "2021-03-26", None, ResolvedDate("2021-03-26", None, "day")),
        ("on Thursday", "2021-03-26", "past", ResolvedDate("2021-03-25", None, "day")),
        ("today", "2021-03-26", "past", ResolvedDate("2021-03-26", None, "day")),
        # future: the next one strictly after publication
        ("on Friday", "2021-03-26", "future", ResolvedDate("2021-04-02", None, "day")),
        ("on Monday", "2021-03-26", "future", ResolvedDate("2021-03-29", None, "day")),
        ("last Friday", "2021-03-26", "past", ResolvedDate("2021-03-19", None, "day")),
        ("next Tuesday", "2021-03-26", None, ResolvedDate("2021-03-30", None, "day")),
        ("Thursday last week", "2021-03-28", None, ResolvedDate("2021-03-18", None, "day")),
        ("yesterday", "2021-03-01", None, ResolvedDate("2021-02-28", None, "day")),
        ("tomorrow", "2020-12-31", "future", ResolvedDate("2021-01-01", None, "day")),
        ("last night", "2008-06-17", None, ResolvedDate("2008-06-16", None, "day")),
        # seed 003: a range within one month
        ("over September 2-6", "2019-09-06", "past", ResolvedDate("2019-09-02", "2019-09-06", "day")),
        ("2-6 September 2019", None, None, ResolvedDate("2019-09-02", "2019-09-06", "day")),
        ("May 19-30", "2008-04-03", "future", ResolvedDate("2008-05-19", "2008-05-30", "day")),
        # explicit dates
        ("September 6, 2019", None, None, ResolvedDate("2019-09-06", None, "day")),
        ("6 September", "2019-09-10", "past", ResolvedDate("2019-09-06", None, "day")),
        ("on 20 December", "2005-01-03", "past", ResolvedDate("2004-12-20", None, "day")),
        ("on November 5", "2005-11-22", None, ResolvedDate("2005-11-05", None, "day")),
        ("in December 2021", None, None, ResolvedDate("2021-12", None, "month")),
        ("December 2021", "2021-03-28", "future", ResolvedDate("2021-12", None, "month")),
        ("In 2019", None, None, ResolvedDate("2019", None, "year")),
        # month alone: nearest sensible year for the tense
        ("in March", "2021-05-10", "past", ResolvedDate("2021-03", None, "month")),
        ("in March", "2021-02-10", "past", ResolvedDate("2020-03", None, "month")),
        ("in March", "2021-05-10", "future", ResolvedDate("2022-03", None, "month")),
        ("in May", "2008-04-03", "future", ResolvedDate("2008-05", None, "month")),
        ("last December", "2005-01-20", None, ResolvedDate("2004-12", None, "month")),
        # periods keep their granularity
        ("last year", "2021-03-28", None, ResolvedDate("2020", None, "year")),
        ("this month", "2021-03-28", None, ResolvedDate("2021-03", None, "month")),
        ("last month", "2021-01-05", None, ResolvedDate("2020-12", None, "month")),
        ("earlier this week", "2021-03-26", None, ResolvedDate("2021-03-22", None, "week")),
        ("this week", "2007-08-10", None, ResolvedDate("2007-08-06", None, "week")),
        ("next week", "2021-03-28", "future", ResolvedDate("2021-03-29", None, "week")),
        ("two days ago", "2021-03-28", None, ResolvedDate("2021-03-26", None, "day")),
        ("last weekend", "2021-03-24", None, ResolvedDate("2021-03-20", "2021-03-21", "day")),
        ("late last year", "2021-03-28", None, ResolvedDate("2020", None, "year")),
        ("at the end of last year", "2005-02-20", None, ResolvedDate("2004", None, "year")),
        ("early this month", "2021-03-28", None, ResolvedDate("2021-03", None, "month")),
    ],
)
def test_resolve(text: str, pub: str | None, tense: str | None, expected: ResolvedDate) -> None:
    assert resolve(text, pub, tense) == expected


@pytest.mark.parametrize(
    "text", ["on Friday", "from Thursday last", "today", "last year", "earlier this week", "in March", "6 September"]
)
def test_relative_needs_publication_date(text: str) -> None:
    assert resolve(text, None, "past") == ResolvedDate(None, None, None)


def test_impossible_date_is_unresolved() -> None:
    assert resolve("February 30, 2021", None, None) == ResolvedDate(None, None, None)
    assert resolve("on 30 February", "2021-03-01", "past") == ResolvedDate(None, None, None)


def test_unknown_text_is_unresolved() -> None:
    assert resolve("soon", "2021-03-01", "past").date is None


def test_find_in_seed_sentences() -> None:
    assert texts(
        "The decisions were taken during delegation-level talks between Defence Minister Rajnath Singh "
        "and his South Korean counterpart Suh Wook on Friday with both sides resolving"
    ) == ["on Friday"]
    assert texts("The South Korean minister was on a three-day visit to India from Thursday last that was") == [
        "from Thursday last"
    ]
    assert texts("visited Japan and the Republic of Korea (ROK) over September 2-6 to strengthen") == [
        "over September 2-6"
    ]
    assert texts("Mr Suh Wook, in New Delhi today.") == ["today"]
    assert texts("the upcoming UN Peacekeeping Ministerial meet in that country in December 2021.") == [
        "in December 2021"
    ]


def test_find_prefers_longest_and_skips_non_dates() -> None:
    assert texts("Earlier this week, on Friday, March 26, 2021, they met.") == [
        "Earlier this week",
        "on Friday, March 26, 2021",
    ]
    assert texts("He may visit in May.") == ["in May"]
    assert texts("he told BBC Radio 4's Today programme") == []
    assert texts("Thursday last week") == ["Thursday last week"]
    assert texts("a 2019-20 budget of 300 people") == []


def test_period_keeps_its_qualifier() -> None:
    assert texts("As part of $3bn in multi-year contracts announced late last year, Sprint will spend") == [
        "late last year"
    ]
    assert texts("Sprint ordered an upgrade to its 3G network at the end of last year.") == ["at the end of last year"]


def test_titles_are_not_dates() -> None:
    assert texts('"No reliable source would ever speak about this, certainly not to the Sunday Times," Kam said') == []
    assert texts('Mr. Hadley said on the ABC News program "This Week."') == []
    assert texts("John Howard told ABC's World Today that the laws are constitutional.") == []
    assert texts("On Thursday Bush met Putin; the Sunday meeting was cancelled. Today the Tories said") == [
        "On Thursday",
        "Sunday",
        "Today",
    ]
