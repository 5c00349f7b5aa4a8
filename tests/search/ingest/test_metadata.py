"""Metadata extraction on the seed articles (expectations written by hand) and on header shapes."""

from __future__ import annotations

import pytest

from search.ingest.cleaning import clean_record
from search.ingest.metadata import first_sentence, is_headline, parse_byline
from search.model import Metadata, RawRecord, Sourced
from tests.paths import SEEDS


def seed_meta(prefix: str) -> Metadata:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return clean_record(RawRecord(str(path), path.read_text(encoding="utf-8"), "txt")).metadata


def test_seed_000_trailing_site_name_beats_domain() -> None:
    meta = seed_meta("000")
    assert meta.title == "Rajnath Singh and South Korean Defence Minister discuss ‘bilateral defence cooperation’"
    assert not meta.title_derived
    assert meta.date is None  # "Published on" with no date: nothing to read
    assert meta.source == "PSU Watch"
    assert meta.author is None
    assert meta.url is None
    assert meta.provenance == {"title": "headline line", "source": "trailing site name"}


def test_seed_001_group_byline() -> None:
    meta = seed_meta("001")
    assert meta.title == "India, S Korea agree to go for joint production, export of military hardware"
    assert not meta.title_derived
    assert meta.date == "2021-03-28"  # 8:45 PM IST stays on the 28th
    assert meta.author == "Team Udayavani"
    assert meta.source == "Udayavani"
    assert meta.url is None
    assert meta.provenance == {"title": "headline line", "date": "byline", "author": "byline", "source": "byline"}


def test_seed_002_derived_title_and_no_invented_fields() -> None:
    meta = seed_meta("002")
    assert meta.title == (
        "Defence Minister Rajnath Singh on Thursday held bilateral talks with his South Korean counterpart "
        "Jeong Kyeong-Doo where they reviewed defence cooperation between both countries."
    )
    assert meta.title_derived
    assert meta.date is None  # tweet dates (September 5/6, 2019) are not the publication date
    assert meta.source is None  # "(With agency inputs)" names no source
    assert meta.author is None
    assert meta.url is None  # never a pic.twitter.com link
    assert meta.provenance == {"title": "first sentence"}


def test_seed_003_date_line_not_teaser_dates() -> None:
    meta = seed_meta("003")
    assert meta.title == "India strengthens defence ties with Japan, South Korea"
    assert not meta.title_derived
    assert meta.date == "2019-09-06"  # not the "April 26, 2024" teaser dates
    assert meta.source is None
    assert meta.author is None
    assert meta.provenance == {"title": "headline line", "date": "date line"}


def test_seed_004_date_header_then_headline() -> None:
    meta = seed_meta("004")
    assert meta.title == 'Rajnath Singh described the talks as "excellent."'
    assert not meta.title_derived
    assert meta.date == "2021-03-26"
    assert meta.source is None
    assert meta.author is None
    assert meta.provenance == {"date": "date header", "title": "headline line"}


def test_hints_win_over_text() -> None:
    text = "A Headline Here\n\nTeam Udayavani, Mar 28, 2021, 8:45 PM IST\n\nBody text of the story.\n"
    hints = {
        "title": Sourced("Hinted title", "json:title"),
        "date": Sourced("2021-03-27T22:00:00Z", "json:date"),
        "source": Sourced("Hinted Source", "json:source"),
        "url": Sourced("https://example.org/a", "html:meta"),
    }
    meta = clean_record(RawRecord("x.json#1", text, "json", hints)).metadata
    assert meta.title == "Hinted title"
    assert meta.date == "2021-03-27"
    assert meta.source == "Hinted Source"
    assert meta.author == "Team Udayavani"  # no author hint: the byline still counts
    assert meta.url == "https://example.org/a"
    assert meta.provenance["date"] == "json:date"
    assert meta.provenance["author"] == "byline"


def test_unparseable_hint_date_is_not_used() -> None:
    hints = {"date": Sourced("last Tuesday", "json:date"), "title": Sourced("T", "json:title")}
    meta = clean_record(RawRecord("x.json#1", "Some body sentence here.", "json", hints)).metadata
    assert meta.date is None
    assert "date" not in meta.provenance


def test_hint_title_matching_first_line_removes_it_from_body() -> None:
    text = "Storm hits coast\n\nA storm hit the coast on Monday.\n"
    hints = {"title": Sourced("Storm hits coast", "html:meta")}
    article = clean_record(RawRecord("a.html", text, "html", hints))
    assert article.body == "A storm hit the coast on Monday."
    assert article.metadata.provenance["title"] == "html:meta"


def test_keyed_header_url_and_masthead_domain() -> None:
    text = (
        "example-news.com\n\nCity council approves budget\n\n"
        "URL: https://example-news.com/budget\n\nThe council voted on Monday.\n"
    )
    meta = clean_record(RawRecord("a.txt", text, "txt")).metadata
    assert meta.title == "City council approves budget"
    assert meta.source == "example-news.com"
    assert meta.provenance["source"] == "masthead"
    assert meta.url == "https://example-news.com/budget"


def test_published_on_date_line_and_by_line() -> None:
    text = "Port strike ends\n\nBy Jane Doe\nPublished on 4 May 2022\n\nWorkers returned on Tuesday.\n"
    article = clean_record(RawRecord("a.txt", text, "txt"))
    assert article.metadata.author == "Jane Doe"
    assert article.metadata.source is None
    assert article.metadata.date == "2022-05-04"
    assert article.body == "Workers returned on Tuesday."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Team Udayavani, Mar 28, 2021, 8:45 PM IST",
            {"author": "Team Udayavani", "source": "Udayavani", "date": "2021-03-28"},
        ),
        ("By Jane Doe", {"author": "Jane Doe"}),
        ("By Jane Doe, Reuters", {"author": "Jane Doe", "source": "Reuters"}),
        (
            "Express News Service | Sept. 6, 2019",
            {"author": "Express News Service", "source": "Express", "date": "2019-09-06"},
        ),
        ("New Delhi: In a significant move, India and South Korea agreed.", None),
        ("Rajnath Singh (@rajnathsingh) September 5, 2019", None),
    ],
)
def test_parse_byline(line: str, expected: dict[str, str] | None) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("India strengthens defence ties with Japan, South Korea", True),
        ("Rivals of the £400 Apple...", True),
        ("Why did the talks fail?", True),
        ("Defence Minister Rajnath Singh on Thursday held bilateral talks with his counterpart.", False),
        ("It rained. Then it stopped", False),
        ("", False),
    ],
)
def test_is_headline(line: str, expected: bool) -> None:
    assert is_headline(line) is expected


def test_first_sentence_skips_abbreviations() -> None:
    assert first_sentence("Mr. J. Smith met Dr. Jones in the U.S. on Friday. Then he left.") == (
        "Mr. J. Smith met Dr. Jones in the U.S. on Friday."
    )
    assert first_sentence("\n\n") is None


STORM = (
    "Storm Ciaran hits UK with 100mph winds, leaving 150,000 homes in Cornwall without power on Thursday."
    "\n\nThe Met Office issued an amber warning."
)


def test_a_first_paragraph_that_begins_with_the_title_stays_in_the_body() -> None:
    hints = {"title": Sourced("Storm Ciaran hits UK", "json:title")}
    article = clean_record(RawRecord("storm.json#1", STORM, "json", hints))
    assert article.body == STORM
    assert article.metadata.title == "Storm Ciaran hits UK"


def test_a_line_that_is_exactly_the_hint_title_is_dropped_into_furniture() -> None:
    hints = {"title": Sourced("Storm Ciaran hits UK", "json:title")}
    article = clean_record(RawRecord("storm.json#1", "Storm Ciaran hits UK\n\n" + STORM, "json", hints))
    assert article.body == STORM
    blocks = [(block.text, block.reason) for block in article.furniture]
    assert blocks == [("Storm Ciaran hits UK", "repeated headline")]


@pytest.mark.parametrize(
    "title",
    ["Storm Ciaran hits UK", "Storm Ciaran hits UK with 100mph winds", "Met Office warning", "Cornwall"],
)
def test_whatever_cleaning_removes_is_in_the_furniture(title: str) -> None:
    text = f"{title}\n\n{STORM}\n\nStorm Ciaran hits UK\n\nShare this article"
    article = clean_record(RawRecord("storm.json#1", text, "json", {"title": Sourced(title, "json:title")}))
    kept = article.body.split("\n") + [line for block in article.furniture for line in block.text.split("\n")]
    for line in filter(None, text.split("\n")):
        assert line in kept, line
