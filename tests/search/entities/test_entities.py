"""Canonical entities: pure rules (keys, trimming, linking) and their effect on the seed articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from search.entities.canonical import RawSpan, canonicalise, entity_key, is_title_only, trim
from search.ingest.cleaning import clean_record
from search.model import Mention, RawRecord
from search.nlp.annotate import find_mentions


def seed_mentions(nlp: Any, path: Path) -> list[Mention]:
    body = clean_record(RawRecord(str(path), path.read_text(encoding="utf-8"), "txt")).body
    mentions = find_mentions(nlp(body))
    assert all(body[m.start : m.end] == m.text for m in mentions)
    return mentions


@pytest.mark.parametrize(
    "variants",
    [
        [
            "Jeong Kyeong-Doo",
            "Jeong Kyeongdoo",
            "JeongKyeong-Doo",
            "Mr Jeong Kyeong-doo",
            "His Excellency Mr. Jeong Kyeongdoo",
        ],
        ["ROK", "RoK", "Republic of Korea", "the Republic of Korea's", "S Korea", "South Korea", "South Korea’s"],
        ["US", "U.S.", "United States", "the United States"],
        ["Shri Rajnath Singh", "Rajnath Singh", "rajnath  singh", "Mr Rajnath Singh's"],
    ],
)
def test_variants_share_one_key(variants: list[str]) -> None:
    assert len({entity_key(v) for v in variants}) == 1


def test_distinct_names_keep_distinct_keys() -> None:
    keys = [entity_key(n) for n in ("Rajnath Singh", "Karambir Singh", "South Korea", "North Korea", "Korea")]
    assert len(set(keys)) == len(keys)
    assert entity_key("General Motors") != entity_key("Motors")


def test_trim_moves_offsets_with_the_text() -> None:
    body = "talks with the Republic of Korea's minister and Raksha Mantri Shri Rajnath Singh."
    start = body.index("the Republic")
    s, e = trim(body, start, start + len("the Republic of Korea's"), strip_titles=False) or (0, 0)
    assert body[s:e] == "Republic of Korea"
    start = body.index("Raksha")
    s, e = trim(body, start, body.index("."), strip_titles=True) or (0, 0)
    assert body[s:e] == "Rajnath Singh"


def test_title_only_spans() -> None:
    assert is_title_only("the Raksha Mantri")
    assert is_title_only("Defence")
    assert not is_title_only("Defence Ministry of India")


def test_surname_links_to_the_person_named_most_so_far() -> None:
    body = "Rajnath Singh met Rajnath Singh's aide Karambir Singh. Mr Singh said so."
    spans = [
        RawSpan("Rajnath Singh", "PERSON", 0, 13),
        RawSpan("Rajnath Singh's", "PERSON", 18, 33),
        RawSpan("Karambir Singh", "PERSON", 39, 53),
        RawSpan("Mr Singh", "GPE", 55, 63),
    ]
    mentions = canonicalise(body, spans)
    assert [m.entity for m in mentions] == ["Rajnath Singh", "Rajnath Singh", "Karambir Singh", "Rajnath Singh"]
    assert mentions[-1].text == "Singh" and mentions[-1].label == "PERSON"


def test_common_noun_and_junk_spans_are_dropped() -> None:
    body = "Certification by Defence and the 26th was ok."
    spans = [
        RawSpan("Certification", "ORG", 0, 13, common=True),
        RawSpan("Defence", "ORG", 17, 24),
        RawSpan("the 26th", "EVENT", 29, 37),
    ]
    assert canonicalise(body, spans) == []


def test_seed_variants_collapse(nlp: Any, seed_paths: list[Path]) -> None:
    by_seed = {p.name[:3]: seed_mentions(nlp, p) for p in seed_paths}
    everything = [m for ms in by_seed.values() for m in ms]
    for name, forms in {
        "Rajnath Singh": {"Rajnath Singh", "Singh"},
        "Jeong Kyeong-Doo": {"Jeong Kyeong-Doo", "Jeong Kyeongdoo", "JeongKyeong-Doo"},
        "South Korea": {"ROK", "RoK", "Republic of Korea", "South Korea"},
    }.items():
        seen = {m.text for m in everything if entity_key(m.entity) == entity_key(name)}
        assert forms <= seen, (name, seen)
        assert {m.entity for m in everything if m.text in forms - {"Singh"}} == {name}
    singh = [m for m in everything if m.text == "Singh"]
    assert singh and all(m.entity == "Rajnath Singh" and m.label == "PERSON" for m in singh)
    karambir = [m for m in by_seed["004"] if "Karambir" in m.text]
    assert [m.entity for m in karambir] == ["Karambir Singh"]
    assert not any(m.entity == "Raksha Mantri" or m.text.startswith(("Mr", "Shri", "the ")) for m in everything)


@pytest.mark.parametrize(
    ("raw", "name"),
    [("Australia===", "Australia"), ("China.<", "China"), ("United Nations==", "United Nations"), ("U.S.", "U.S.")],
)
def test_wiki_markup_left_around_a_name_is_trimmed(raw: str, name: str) -> None:
    """Wikinews bodies keep heading and link debris ("==Australia==="); it is not part of the name."""
    from search.entities.canonical import trim

    span = trim(raw, 0, len(raw), strip_titles=True)
    assert span is not None and raw[span[0] : span[1]] == name
