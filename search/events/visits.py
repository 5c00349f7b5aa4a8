"""Whether a visit, trip or tour is a real visit: it needs a traveller and a place or host ("Singh visited
Japan", "on a three-day visit to India", "his trip to Israel"), and no concert or sports words in its sentence
("her Onyx Hotel tour" and "Saturday's trip to France" are not visits).
"""

from __future__ import annotations

from spacy.tokens import Token

from search.events.parse import prep_objects, subjects, verb_of
from search.events.roles import ACTOR_LABELS, PLACE_LABELS
from search.events.taxonomy import PERFORMANCE_CONTEXT

TRAVEL_VERBS = frozenset({"pay", "make", "undertake", "begin", "start", "end", "conclude", "complete", "cut", "embark"})


def is_real_visit(trigger: Token) -> bool:
    """A visit, tour or trip with a traveller and a destination, not in a concert or sports sentence."""
    return _is_journey(trigger) and not _performance_sense(trigger)


def _is_journey(trigger: Token) -> bool:
    """A visit needs a traveller and a place or host: "Singh visited Japan", "on a three-day visit to
    India", "his trip to Israel"."""
    if trigger.pos_ == "VERB":
        kids = list(trigger.children)
        destination = any(c.dep_ == "dobj" for c in kids) or any(
            c.dep_ == "prep" and c.lower_ in ("to", "in", "into", "around") for c in kids
        )
        return destination and bool(subjects(trigger))
    return _traveller(trigger) and _destination(trigger)


def _traveller(noun: Token) -> bool:
    """Who travels: the possessor ("his trip"; not "Saturday's trip"), a named compound ("the Bush visit"),
    "by"/"of" someone, an agent ("a trip undertaken by the deputy president"), or the subject of the verb
    that carries the trip ("paid a visit", "was on a visit", "said during a visit")."""
    if any(c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME") for c in noun.children):
        return True
    if any(c.dep_ == "compound" and c.ent_type_ in ACTOR_LABELS for c in noun.children):
        return True
    if any(g.ent_type_ not in PLACE_LABELS for g in prep_objects(noun, ("by", "of"))):
        return True
    if any(c.dep_ == "acl" and any(g.dep_ == "agent" for g in c.children) for c in noun.children):
        return True
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    carried = (noun.dep_ == "dobj" and noun.head.lemma_.lower() in TRAVEL_VERBS) or (
        noun.dep_ == "pobj" and noun.head.lower_ in ("on", "during", "in")
    )
    return carried and verb.pos_ in ("VERB", "AUX") and bool(subjects(verb))


def _destination(noun: Token) -> bool:
    """Where to: "to"/"into" anything ("a visit to the flood-hit areas"), a named place "of"/"in"/"around"
    or as a compound ("a tour of Asia", "the Japan visit"), or a named place the carrying verb goes to
    ("arrived in India on a visit")."""
    if prep_objects(noun, ("to", "into")):
        return True
    if any(g.ent_type_ in PLACE_LABELS for g in prep_objects(noun, ("of", "in", "around"))):
        return True
    if any(c.dep_ == "compound" and c.ent_type_ in PLACE_LABELS for c in noun.children):
        return True
    verb = verb_of(noun)
    return verb.i != noun.i and any(g.ent_type_ in PLACE_LABELS for g in prep_objects(verb, ("to", "in", "into")))


def _performance_sense(trigger: Token) -> bool:
    """A tour or trip of a band or a team: music or sport nouns in the same sentence."""
    return any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in PERFORMANCE_CONTEXT for t in trigger.sent)
