"""Names on general news (issue 19): variants of one person within an article, junk spans, spacing.

Pure rules on hand-made spans shaped like spaCy's output on Wikinews and BBC text; the measured effect on the real
corpora is in test_alias_pairs.py.
"""

from __future__ import annotations

from search.entities.canonical import RawSpan, canonicalise
from search.model import Mention


def spans_for(body: str, *names: tuple[str, str]) -> list[RawSpan]:
    """A span for every occurrence of each (text, label), in text order."""
    out = []
    for text, label in names:
        start = body.find(text)
        while start != -1:
            out.append(RawSpan(text, label, start, start + len(text)))
            start = body.find(text, start + 1)
    return sorted(out, key=lambda s: s.start)


def by_text(mentions: list[Mention]) -> dict[str, str]:
    return {m.text: m.entity for m in mentions}


def test_a_middle_initial_variant_is_the_same_person_in_one_article() -> None:
    body = "George W. Bush met Tony Blair. Later George Bush said the talks went well, and Bush left."
    mentions = canonicalise(body, spans_for(body, ("George W. Bush", "PERSON"), ("George Bush", "PERSON"),
                                            ("Tony Blair", "PERSON"), ("Bush", "PERSON")))  # fmt: skip
    names = [m.entity for m in mentions if m.text != "Tony Blair"]
    assert set(names) == {"George W. Bush"}, mentions


def test_two_different_middle_initials_stay_two_people() -> None:
    body = "George H. W. Bush called his son George W. Bush. George Bush senior was proud."
    mentions = canonicalise(body, spans_for(body, ("George H. W. Bush", "PERSON"), ("George W. Bush", "PERSON")))
    assert {m.entity for m in mentions} == {"George H. W. Bush", "George W. Bush"}


def test_a_given_name_alone_joins_the_full_name_given_in_the_article() -> None:
    body = "Saddam Hussein appeared in court. Saddam told the judge he was still president."
    mentions = canonicalise(body, spans_for(body, ("Saddam Hussein", "PERSON"), ("Saddam", "PERSON")))
    assert set(by_text(mentions).values()) == {"Saddam Hussein"}


def test_family_name_first_names_take_the_family_name_alone() -> None:
    body = (
        "Hu Jintao met Chen Shui-bian's rival Lien Chan. Hu said the visit was historic; Lien agreed. "
        "Chen was not invited, and Hu left. Lien smiled."
    )
    spans = spans_for(body, ("Hu Jintao", "PERSON"), ("Chen Shui-bian", "PERSON"), ("Lien Chan", "PERSON"),
                      ("Hu", "PERSON"), ("Chen", "PERSON"))  # fmt: skip
    first, second = body.index("Lien agreed"), body.index("Lien smiled")
    spans += [RawSpan("Lien", "GPE", first, first + 4), RawSpan("Lien", "PERSON", second, second + 4)]
    mentions = canonicalise(body, sorted(spans, key=lambda span: span.start))
    names = by_text(mentions)
    assert names["Hu"] == "Hu Jintao" and names["Chen"] == "Chen Shui-bian"
    assert {m.entity for m in mentions if m.text == "Lien"} == {"Lien Chan"}  # tagged GPE once, PERSON once


def test_a_place_is_not_taken_for_a_given_name() -> None:
    """Wikinews: "Ontario Greens" tagged PERSON made every "Ontario" (GPE) a person."""
    body = "The Ontario Greens won a seat. Ontario voted on Tuesday, and Ontario counted the ballots."
    spans = spans_for(body, ("Ontario Greens", "PERSON"), ("Ontario", "GPE"))
    spans = [span for span in spans if not (span.label == "GPE" and body.startswith("Ontario Greens", span.start))]
    mentions = canonicalise(body, spans)
    assert [m.entity for m in mentions if m.text == "Ontario"] == ["Ontario", "Ontario"]


def test_a_surname_still_wins_over_a_given_name() -> None:
    body = "Gordon Brown praised Tony Blair. Brown said Blair had his support."
    names = by_text(canonicalise(body, spans_for(body, ("Gordon Brown", "PERSON"), ("Tony Blair", "PERSON"),
                                                 ("Brown", "PERSON"), ("Blair", "PERSON"))))  # fmt: skip
    assert names["Brown"] == "Gordon Brown" and names["Blair"] == "Tony Blair"


def test_a_double_space_never_reaches_a_name() -> None:
    body = "The deal made Microsoft  Corporation richer, and Microsoft Corporation said so."
    mentions = canonicalise(body, spans_for(body, ("Microsoft  Corporation", "ORG"), ("Microsoft Corporation", "ORG")))
    assert {m.entity for m in mentions} == {"Microsoft Corporation"}
    assert all(body[m.start : m.end] == m.text for m in mentions)


def test_junk_after_a_name_is_cut() -> None:
    body = (
        "The US   Condoleezza Rice  began a trip. Image of George Bush - March 27, 2008. Saddam Hussein Infobox here."
    )
    spans = spans_for(body, ("Condoleezza Rice  began", "PERSON"), ("George Bush - March", "PERSON"),
                      ("Saddam Hussein Infobox", "PERSON"))  # fmt: skip
    names = [m.entity for m in canonicalise(body, spans)]
    assert names == ["Condoleezza Rice", "George Bush", "Saddam Hussein"]


def test_lowercase_inside_a_name_is_kept() -> None:
    body = "Luiz Inacio Lula da Silva met Charles de Gaulle's grandson."
    spans = spans_for(body, ("Luiz Inacio Lula da Silva", "PERSON"), ("Charles de Gaulle", "PERSON"))
    assert [m.entity for m in canonicalise(body, spans)] == ["Luiz Inacio Lula da Silva", "Charles de Gaulle"]


def test_a_country_inside_an_event_is_a_place_of_the_article() -> None:
    """BBC: "opposition to the Iraq war" is one EVENT; `place:Iraq` must still find the article."""
    body = "He lost trust over the Iraq war. Athens hosted the Athens Olympics. The World Cup went on."
    spans = spans_for(body, ("the Iraq war", "EVENT"), ("the Athens Olympics", "EVENT"), ("The World Cup", "EVENT"))
    spans.append(RawSpan("Athens", "GPE", body.index("Athens"), body.index("Athens") + 6))
    mentions = canonicalise(body, spans)
    assert [(m.text, m.label) for m in mentions] == [
        ("Iraq war", "EVENT"), ("Iraq", "GPE"), ("Athens", "GPE"), ("Athens Olympics", "EVENT"), ("Athens", "GPE"),
        ("World Cup", "EVENT"),
    ]  # fmt: skip
    assert all(body[m.start : m.end] == m.text for m in mentions)
