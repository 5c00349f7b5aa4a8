"""Who and where: the actors of an event and its location.

Actors are the entity mentions (PERSON, ORG, GPE, NORP) of the event's sentence, by canonical name, with a
role where the parse gives one: subject -> "agent" (passive subject -> "patient"), object -> "patient" (for
meetings and calls "participant"), "with"/"between"/"of" X -> "participant", "by" X -> "agent", possessor or
compound of a noun trigger -> "agent". The location is a GPE/LOC/FAC mention governed by in/at (to/into for
visits, arrivals, deliveries; the object of "visit"), else the article's dateline ("New Delhi: ..."), except
for visits and arrivals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from search.events.parse import climb, span_root, verb_of
from search.events.triggers import Candidate
from search.model import Actor, Mention

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DATELINE = re.compile(r"\s*(?:\(\w+\)\s*)?[:—–]")


def find_actors(cand: Candidate, seg: Span, seg_mentions: list[Mention], loc: Mention | None) -> tuple[Actor, ...]:
    actors: dict[str, Actor] = {}
    for m in seg_mentions:
        if m.label not in ACTOR_LABELS or m is loc:
            continue
        root = span_root(m.start, m.end, seg)
        role = _role(root, cand) if root is not None else None
        old = actors.get(m.entity)
        if old is None or (old.role is None and role is not None):
            actors[m.entity] = Actor(m.entity, m.label, role)
    return tuple(actors.values())


def _role(root: Token, cand: Candidate) -> str | None:
    trig = cand.token
    verb = verb_of(trig)
    tok = climb(root)
    head = tok.head
    if tok.dep_ in ("nsubj", "agent") and head.i in (trig.i, verb.i):
        return "agent"
    if tok.dep_ == "nsubjpass" and head.i in (trig.i, verb.i):
        return "patient"
    if tok.dep_ == "dobj" and head.i == trig.i:
        return "participant" if cand.type in ("meeting", "call") else "patient"
    if tok.dep_ == "poss" and head.i == trig.i:
        return "agent"
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.i in (trig.i, verb.i):
        prep = head.lower_
        if prep in ("with", "between", "among", "of"):
            return "participant"
        if prep == "by":
            return "agent"
    if root.dep_ == "compound" and root.head.i == trig.i:
        return "agent"
    return None


def find_location(
    cand: Candidate, seg: Span, seg_mentions: list[Mention], dateline: str | None
) -> tuple[str | None, Mention | None]:
    trig = cand.token
    anchors = {trig.i, verb_of(trig).i}
    preps = {"in", "at"} | ({"to", "into"} if cand.type in ("visit", "arrival", "delivery") else set())
    for m in seg_mentions:
        if m.label not in PLACE_LABELS:
            continue
        root = span_root(m.start, m.end, seg)
        if root is None:
            continue
        tok = climb(root)
        if tok.dep_ == "pobj" and tok.head.lower_ in preps and tok.head.head.i in anchors:
            return m.entity, m
        if cand.type == "visit" and tok.dep_ == "dobj" and tok.head.i == trig.i:
            return m.entity, m
    if dateline and cand.type not in ("visit", "arrival"):
        return dateline, None
    return None, None


def find_dateline(text: str, mentions: Sequence[Mention]) -> Mention | None:
    """A place named at the start of a line near the top, followed by a colon or dash ("New Delhi: ...")."""
    for m in mentions:
        if m.start > 1500:
            break
        if m.label not in PLACE_LABELS:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        if text[line_start : m.start].strip():
            continue
        if _DATELINE.match(text, m.end):
            return m
    return None
