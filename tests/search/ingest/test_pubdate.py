"""Publication-date parsing: explicit formats, no time-zone shifting, impossible dates refused."""

from __future__ import annotations

import pytest

from search.ingest.pubdate import match_date_prefix, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Mar 28, 2021, 8:45 PM IST", "2021-03-28"),
        ("Mar 28, 2021, 11:45 PM IST", "2021-03-28"),  # IST late evening: still the 28th as written
        ("Sept. 6, 2019", "2019-09-06"),
        ("September 6, 2019", "2019-09-06"),
        ("6 September 2019", "2019-09-06"),
        ("6th of September, 2019", "2019-09-06"),
        ("Friday, September 6, 2019", "2019-09-06"),
        ("Sep 6 2019", "2019-09-06"),
        ("2019-09-06", "2019-09-06"),
        ("2019/09/06", "2019-09-06"),
        ("2021-03-26T23:30:00+05:30", "2021-03-26"),
        ("2021-03-26T23:30:00Z", "2021-03-26"),
        ("2021-03-26 23:30:00", "2021-03-26"),
        ("Sat, 13 Nov 2004 23:10:00 -0800", "2004-11-13"),  # RFC 2822, not shifted to UTC
        ("March 3rd, 2020 at 10.30 a.m.", "2020-03-03"),
        ("September 2019", "2019-09"),
        ("Sept 2019", "2019-09"),
        ("2019-09", "2019-09"),
        ("2019", "2019"),
        ("  2019-09-06  ", "2019-09-06"),
        ("February 29, 2020", "2020-02-29"),
    ],
)
def test_parse_date_formats(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "",
        "junk",
        "Published on",
        "February 30, 2020",
        "Feb 30 2020",
        "2019-02-30",
        "2019-13",
        "2019-13-01",
        "February 29, 2019",
        "32 March 2020",
        "12",
        "1066",
        "3000",
        "06/09/2019",  # day/month order is ambiguous: refused
        "September 6, 2019 was a Friday",
        "Rajnath Singh (@rajnathsingh) September 5, 2019",
        "2019 World Cup",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


def test_prefix_match_stops_at_the_date() -> None:
    found = match_date_prefix(" 2021-03-26 Rajnath Singh described the talks")
    assert found is not None
    assert found.iso == "2021-03-26"
    assert " 2021-03-26 Rajnath Singh"[found.end :].strip().startswith("Rajnath")


def test_prefix_match_refuses_impossible_date() -> None:
    assert match_date_prefix("2021-02-30 headline") is None
    assert match_date_prefix("Rajnath Singh 2021-03-26") is None
