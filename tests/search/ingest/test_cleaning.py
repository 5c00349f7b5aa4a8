"""Cleaning: furniture leaves the body and is kept with a reason; article content (tweets, statements,
BBC prose) stays. Seed expectations are written by hand; the corpora tests skip when absent."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from search.ingest.cleaning import clean_record
from search.model import CleanArticle, RawRecord, Sourced
from tests.paths import CORPORA, SEEDS

BBC = Path(os.environ.get("EXPLORE_BBC", CORPORA / "bbc-news"))
WIKINEWS = Path(os.environ.get("EXPLORE_WIKINEWS", CORPORA / "wikinews" / "wikinews.jsonl"))


def seed(prefix: str) -> tuple[str, CleanArticle]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, clean_record(RawRecord(str(path), text, "txt"))


def furniture_text(article: CleanArticle) -> str:
    return "\n".join(block.text for block in article.furniture)


def reasons(article: CleanArticle) -> set[str]:
    return {block.reason for block in article.furniture}


def read_bbc(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def assert_faithful(text: str, article: CleanArticle) -> None:
    """Every body line is a line of the source text (stripped), in order."""
    source_lines = [line.strip() for line in text.split("\n")]
    pos = 0
    for line in article.body.split("\n"):
        if not line:
            continue
        pos = source_lines.index(line, pos) + 1
    assert article.body == article.body.strip()
    assert "\n\n\n" not in article.body
    assert all(line == line.rstrip() for line in article.body.split("\n"))


def test_seed_000_repeated_headline_stub_promo_and_site_block() -> None:
    text, article = seed("000")
    assert_faithful(text, article)
    for junk in ("Telegram", "psuwatch.com", "Published on", "\nlogo", "PSU Watch"):
        assert junk not in article.body
    assert "psuwatch.com" in furniture_text(article)
    assert {"repeated headline", "empty stub", "promo", "logo", "site name"} <= reasons(article)
    assert "discuss ‘bilateral defence cooperation’" not in article.body  # headline is title, not body
    assert article.body.startswith("Defence Minister Rajnath Singh on Friday spoke over telephone")
    assert "• Both countries discuss" in article.body  # summary bullets are content
    assert "said a press statement issued by the Ministry of Defence." in article.body
    assert article.body.endswith("joint production of various land and naval systems.")


def test_seed_001_lists_promo_ad_blocker_and_byline() -> None:
    text, article = seed("001")
    assert_faithful(text, article)
    furniture = furniture_text(article)
    for junk in (
        "Telegram",
        "Ad Blocker",
        "Gautam Adani",
        "Latest Additions",
        "Top News",
        "MUST WATCH",
        "Related Articles",
        "whitelist",
        "Thanks for visiting",
        "Team Udayavani",
        "8:45 PM",
    ):
        assert junk not in article.body
        assert junk in furniture
    assert {"byline", "promo", "headline list", "ad-blocker notice"} <= reasons(article)
    assert article.body.startswith("New Delhi: In a significant move")
    assert article.body.endswith("representatives of industry chamber FICCI.")
    assert "“There were extensive discussions on it,” said a source." in article.body
    assert article.body.count("\n\n") == 14  # 15 paragraphs, breaks kept


def test_seed_002_tweets_and_statements_stay() -> None:
    text, article = seed("002")
    assert_faithful(text, article)
    assert "pic.twitter.com/eKLY0jlV7x — Rajnath Singh (@rajnathsingh) September 5, 2019" in article.body
    assert "pic.twitter.com/0ixZVIDaoy" in article.body
    assert article.body.count("(@DefenceMinIndia) September 6, 2019") == 3
    assert '"Raksha Mantri Shri Rajnath Singh had official talks' in article.body
    assert article.body.startswith("Defence Minister Rajnath Singh on Thursday held bilateral talks")
    assert "(With agency inputs)" not in article.body
    assert [(b.text, b.reason) for b in article.furniture] == [("(With agency inputs)", "credit line")]


def test_seed_003_recent_articles_teasers_and_date_line() -> None:
    text, article = seed("003")
    assert_faithful(text, article)
    furniture = furniture_text(article)
    for junk in (
        "Tesla",
        "Recent Articles",
        "Read More",
        "April 26, 2024",
        "World Energy Congress",
        "September 6, 2019",
    ):
        assert junk not in article.body
        assert junk in furniture
    assert {"date line", "headline list"} == reasons(article)
    assert article.body.startswith("Raksha Mantri, Shri Rajnath Singh, met with the Defence Ministers")
    assert "India is gradually becoming a manufacturing hub" in article.body  # highlights are content
    assert article.body.endswith("in the geo-political-economic space.")


def test_seed_004_date_header_split_from_headline() -> None:
    text, article = seed("004")
    assert_faithful(text, article)
    assert [(b.text, b.reason) for b in article.furniture] == [("date 2021-03-26", "date line")]
    assert article.body.startswith("India and South Korea on Friday explored new avenues")
    assert 'In a tweet, Mr Singh described the talks as "excellent".' in article.body
    assert "2021-03-26" not in article.body


def test_rules_generalise_to_other_sites() -> None:
    text = (
        "Floods close mountain pass\n\n"
        "By Ana Ruiz | 14 July 2023\n\n"
        "Heavy rain closed the pass on Friday.\n\n"
        "Officials said it would reopen next week.\n\n"
        "Follow us on Twitter for the latest updates.\n\n"
        "Share this article\n\n"
        "Trending Now\n\n"
        "Election results due tonight\n\n"
        "Markets rally on rate cut hopes\n\n"
        "Please disable your ad blocker to support our journalism.\n\n"
        "valleytimes.net"
    )
    article = clean_record(RawRecord("x.txt", text, "txt"))
    assert article.body == "Heavy rain closed the pass on Friday.\n\nOfficials said it would reopen next week."
    assert {"byline", "promo", "share prompt", "headline list", "ad-blocker notice", "site name"} <= reasons(article)
    meta = article.metadata
    assert (meta.title, meta.date, meta.author, meta.source) == (
        "Floods close mountain pass",
        "2023-07-14",
        "Ana Ruiz",
        "valleytimes.net",
    )
    assert meta.provenance["source"] == "domain"


def test_prose_mentioning_promo_words_is_kept() -> None:
    text = (
        "Messaging app grows\n\n"
        "Telegram said its channel feature grew fast this year, and rivals followed.\n\n"
        "More users joined than expected.\n\n"
        "Analysts expect growth to continue."
    )
    article = clean_record(RawRecord("x.txt", text, "txt"))
    assert article.furniture == ()
    assert article.body.count("\n\n") == 2


def test_wikinews_records_keep_text_and_hints() -> None:
    if not WIKINEWS.is_file():
        pytest.skip("Wikinews corpus absent")
    with WIKINEWS.open(encoding="utf-8") as handle:
        records = [json.loads(next(handle)) for _ in range(50)]
    for i, rec in enumerate(records):
        hints = {k: Sourced(rec[k], f"json:{k}") for k in ("title", "date", "source") if rec.get(k)}
        article = clean_record(RawRecord(f"wikinews.jsonl#{i + 1}", rec["text"], "json", hints))
        assert article.body == rec["text"].strip()  # artefacts left as they are
        assert article.metadata.title == rec["title"]
        assert article.metadata.date == (rec["date"] or None)
        if rec["date"]:
            assert article.metadata.provenance["date"] == "json:date"


def bbc_files() -> list[Path]:
    return sorted(BBC.glob("*/*.txt")) if BBC.is_dir() else []


def check_bbc(path: Path) -> float:
    """Clean one BBC file, check the invariants, and return body words / (file words - title words)."""
    text = read_bbc(path)
    article = clean_record(RawRecord(str(path), text, "txt"))
    line1 = text.split("\n")[0].strip()
    meta = article.metadata
    assert meta.title == line1, path
    assert not meta.title_derived
    assert (meta.date, meta.source, meta.author, meta.url) == (None, None, None, None), path
    assert article.body, path
    assert not article.body.startswith(line1 + "\n"), path
    return len(article.body.split()) / max(1, len(text.split()) - len(line1.split()))


def test_bbc_sample() -> None:
    files = bbc_files()
    if not files:
        pytest.skip("BBC corpus absent")
    sample = files[:: max(1, len(files) // 20)][:20]
    ratios = [check_bbc(path) for path in sample]
    assert min(ratios) >= 0.9


@pytest.mark.volume
def test_bbc_all_files() -> None:
    files = bbc_files()
    if not files:
        pytest.skip("BBC corpus absent")
    ratios = {path: check_bbc(path) for path in files}
    short = [path for path, ratio in ratios.items() if ratio < 0.9]
    assert len(files) == 2225
    assert len(short) <= 5, short


def test_a_long_text_with_recurring_section_headers_is_judged_line_by_line_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A header such as "Related news" recurring through a long text (whole-issue dumps, the 50 MB volume article)
    made one scan of the rest of the text per header: hours. Each line is now judged once, with the answer of the
    scan (checked against it on a short text)."""
    from search.ingest import furniture

    def scanned(lines: list[str], start: int) -> int | None:  # the scan, one per header, as it was
        for i in range(start, len(lines)):
            if not furniture._is_section_header(lines[i]):
                continue
            rest = [line for line in lines[i + 1 :] if line.strip()]
            teaser = sum(1 for line in rest if furniture._is_list_item(line) or furniture.line_reason(line, None))
            if len(rest) >= 2 and teaser >= 0.7 * len(rest):
                return i
        return None

    story = "The minister spoke to reporters in the capital on Friday about the new agreement.\n\n"
    teasers = "Short teaser one\n\nShort teaser two\n\n"
    for body in ((story * 3 + "Related news\n\n") * 8 + teasers * 5, (story + "More stories\n\n" + teasers) * 6):
        lines = body.split("\n")
        assert furniture._list_start(lines, 0) == scanned(lines, 0)
    calls: list[str] = []
    real = furniture._is_list_item
    monkeypatch.setattr(furniture, "_is_list_item", lambda line: calls.append(line) or real(line))
    body = (story * 3 + "Related news\n\n") * 300 + teasers * 5
    article = clean_record(RawRecord("long.txt", "A long report\n\n" + body, "txt"))
    assert len(calls) <= body.count("\n") + 2, f"{len(calls)} line checks for {body.count(chr(10))} lines"
    assert article.body.count("The minister spoke") >= 800
