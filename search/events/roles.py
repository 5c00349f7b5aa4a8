"""Who and where: the actors of an event, its agent and target, and its location.

`agent_target` reads who acted and on whom from the parse of the trigger: for a verb, its subject (the "by" agent
in the passive) and its object (the passive subject; else the object of "against", "on", "at", "with", "to");
for a noun trigger, its possessor or named compound ("Russia's attack", "the Bush visit") or "by" X, and "on" /
"against" / "with" / "of" X. Each is the first entity mention inside that phrase, else a nominal head that names
an actor without a name ("officials", "police", "the ministry"), else None (pronouns are not resolved).

Actors are the entity mentions (PERSON, ORG, GPE, NORP) of the event's sentence, by canonical name, with a
role where the parse gives one: subject -> "agent" (passive subject -> "patient"), object -> "patient" (for
meetings and calls "participant"), "with"/"between"/"of" X -> "participant", "by" X -> "agent", possessor or
compound of a noun trigger -> "agent". The location is a GPE/LOC/FAC mention governed by in/at/near (to/into
for visits, arrivals, deliveries; the object of "visit"), on the trigger or its verb, else on another word of the
trigger's clause ("attacked positions near Gaza") or of a participle phrase beside it ("Speaking in London, he
said"); a place named before an election, disaster or war ("the US election", "the Iraq war"); else the
article's dateline ("New Delhi: ...", "WASHINGTON —", Wikinews's "Zimbabwe   Morgan Tsvangirai ..."), except
for visits and arrivals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from search.events.parse import climb, span_root, subjects, verb_of
from search.events.taxonomy import SPEAKER_NOUNS
from search.events.triggers import Candidate
from search.model import Actor, Mention

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: heads of noun phrases that name an actor without a name (plus SPEAKER_NOUNS)
NOMINAL_ACTORS = SPEAKER_NOUNS | frozenset(
    {
        "official",
        "officer",
        "police",
        "policeman",
        "troop",
        "soldier",
        "force",
        "protester",
        "demonstrator",
        "rebel",
        "militant",
        "insurgent",
        "gunman",
        "authority",
        "worker",
        "student",
        "activist",
        "resident",
        "judge",
        "prosecutor",
        "lawyer",
        "opposition",
        "military",
        "navy",
        "prime",
        "chief",
        "head",
        "spokesperson",
        "negotiator",
        "envoy",
        "diplomat",
        "lawmaker",
        "legislator",
        "voter",
        "country",
        "state",
        "nation",
        "regime",
        "firm",
        "bank",
        "manufacturer",
        "airline",
        "carmaker",
    }
)
TARGET_PREPS = frozenset({"against", "on", "at", "with", "to", "upon", "toward", "towards"})
NOUN_TARGET_PREPS = frozenset({"against", "on", "with", "of", "to", "upon"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DATELINE = re.compile(r"\s*(?:\(\w+\)\s*)?[:—–]")
_OPENING_WORD = re.compile(r" (?:The|A|An|On|In|At|Last|This|Police|Officials) ")
_OPENING_PLACE = re.compile(r"[ \t]{2,}[A-Z0-9\"']")


def find_actors(cand: Candidate, seg: Span, seg_mentions: list[Mention], loc: Mention | None) -> tuple[Actor, ...]:
    """The participants of an event: the entity mentions with a role, and those inside the trigger's clause (its
    verb's phrases, not a clause that reports it nor one beside it); not every entity of the sentence."""
    clause = _clause_tokens(cand.token)
    actors: dict[str, Actor] = {}
    for m in seg_mentions:
        if m.label not in ACTOR_LABELS or m is loc:
            continue
        root = span_root(m.start, m.end, seg)
        role = _role(root, cand) if root is not None else None
        if role is None and (root is None or root.i not in clause):
            continue
        old = actors.get(m.entity)
        if old is None or (old.role is None and role is not None):
            actors[m.entity] = Actor(m.entity, m.label, role)
    return tuple(actors.values())


def _clause_tokens(trig: Token) -> set[int]:
    """The token indices of the trigger's clause: its verb's subtree, less the clauses beside or under it that
    report other happenings (conjuncts, adverbial and complement clauses), and the trigger's own phrases."""
    verb = verb_of(trig)
    skip = {t.i for c in verb.children if c.dep_ in ("conj", "advcl", "ccomp", "parataxis") for t in c.subtree}
    inside = {t.i for t in verb.subtree} - skip
    if trig.i != verb.i:
        inside |= {t.i for t in trig.subtree}
    for s in subjects(verb):  # a reported subject ("X, who said") is still the verb's
        inside |= {t.i for t in s.subtree}
    return inside


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
    preps = {"in", "at", "near", "outside", "inside", "across"} | (
        {"to", "into"} if cand.type in ("visit", "arrival", "delivery") else set()
    )
    for m in seg_mentions:
        if m.label not in PLACE_LABELS:
            continue
        root = span_root(m.start, m.end, seg)
        if root is None:
            continue
        if _names_the_place_of(root, cand):
            return m.entity, m
        tok = climb(root)
        if tok.dep_ == "pobj" and tok.head.lower_ in preps and tok.head.head.i in anchors:
            return m.entity, m
        if cand.type == "visit" and tok.dep_ == "dobj" and tok.head.i == trig.i:
            return m.entity, m
    clause = verb_of(trig).i
    for m in seg_mentions:  # "in/at/near X" on a word of the trigger's clause ("attacked positions near Gaza")
        place_root = span_root(m.start, m.end, seg) if m.label in PLACE_LABELS else None
        held = climb(place_root) if place_root is not None else None
        if held is not None and held.dep_ == "pobj" and held.head.lower_ in preps - {"to", "into"}:
            holder = held.head.head
            if _in_clause(verb_of(holder), clause) and holder.ent_type_ not in ("PERSON", "ORG"):
                return m.entity, m
    if dateline and cand.type not in ("visit", "arrival"):
        return dateline, None
    return None, None


#: Event nouns a place's name before them locates ("the Iraq war", "the UK election", "Iraq's election"); other
#: nouns take a name before them as their agent ("Russia's attack", "the Bush visit").
PLACED_BY_NAME = frozenset({"election", "disaster"})


def _names_the_place_of(root: Token, cand: Candidate) -> bool:
    """A place named as a compound of a noun trigger of a happening that has a place ("the Iraq war", "the
    Gujarat earthquake"), or before an election or disaster in the possessive ("Iraq's election")."""
    trig = cand.token
    if trig.pos_ != "NOUN" or root.head.i != trig.i:
        return False
    if root.dep_ in ("compound", "nmod"):
        return cand.type in PLACED_BY_NAME or trig.lemma_.lower() in ("war", "conflict", "crisis", "fighting")
    return root.dep_ == "poss" and cand.type in PLACED_BY_NAME


def _in_clause(verb: Token, clause: int) -> bool:
    """The trigger's clause, or a participle phrase set before or after it ("Speaking in London, he said")."""
    if verb.i == clause:
        return True
    return verb.dep_ == "advcl" and verb.head.i == clause and verb.tag_ in ("VBG", "VBN")


def agent_target(cand: Candidate, seg_mentions: Sequence[Mention]) -> tuple[str | None, str | None]:
    """Who acted and on whom (canonical entity names or nominal heads), from the parse of the trigger."""
    trig = cand.token
    if trig.pos_ == "VERB":
        kids = list(trig.children)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
        if passive:
            agents = [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            targets = [c for c in kids if c.dep_ == "nsubjpass"]
        else:
            agents = subjects(trig)
            targets = [c for c in kids if c.dep_ in ("dobj", "dative")]
            targets += [
                g for c in kids if c.dep_ == "prep" and c.lower_ in TARGET_PREPS for g in c.children if g.dep_ == "pobj"
            ]
    else:
        kids = list(trig.children)
        agents = [c for c in kids if c.dep_ == "poss" or (c.dep_ == "compound" and c.ent_type_ in ACTOR_LABELS)]
        agents += [g for c in kids if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        if not agents:
            verb = verb_of(trig)
            if verb.i != trig.i and climb(trig).dep_ in ("dobj", "pobj"):
                agents = subjects(verb)  # "Russia launched an attack", "X held talks"
        targets = [
            g
            for c in kids
            if c.dep_ == "prep" and c.lower_ in NOUN_TARGET_PREPS
            for g in c.children
            if g.dep_ == "pobj"
        ]
    agent = next((n for n in (_actor_name(t, seg_mentions) for t in agents) if n), None)
    if agent is None and agents and all(t.tag_ == "PRP" for t in agents):
        agent = _reporter(trig, seg_mentions)
    target = next((n for n in (_actor_name(t, seg_mentions) for t in targets) if n and n != agent), None)
    return agent, target


def _reporter(trig: Token, seg_mentions: Sequence[Mention]) -> str | None:
    """Who a pronoun subject is, when its clause is reported by a named one: "Nigeria announced that it will
    withdraw" -> Nigeria (the subject of the clause that holds it)."""
    cur = verb_of(trig)
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or cur.head.i == cur.i:
            return None
        cur = cur.head
        names = [n for n in (_actor_name(t, seg_mentions) for t in subjects(cur)) if n]
        if names:
            return names[0]
    return None


def _actor_name(tok: Token, seg_mentions: Sequence[Mention]) -> str | None:
    """The entity a phrase names (the mention holding its head, else the first inside it), else its nominal
    head when that names an actor ("officials", "the ministry")."""
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    inside = [m for m in seg_mentions if m.label in ACTOR_LABELS and lo <= m.start and m.end <= hi]
    holding = [m for m in inside if m.start <= tok.idx < m.end]
    if holding or inside:
        return (holding or inside)[0].entity
    if tok.lemma_.lower() in NOMINAL_ACTORS and tok.pos_ in ("NOUN", "PROPN"):
        mods = [c.text for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
        return " ".join([*mods, tok.text])
    return None


def find_dateline(text: str, mentions: Sequence[Mention]) -> Mention | None:
    """A place named at the start of a line near the top, followed by a colon or dash ("New Delhi: ...",
    "WASHINGTON —"); or a place opening the text and standing apart from its first sentence, as Wikinews
    writes it ("Zimbabwe      Morgan Tsvangirai, leader of ...", "Brazil Hu Jintao, the President ...", "USA A
    senior official ...")."""
    first = next((m for m in mentions if m.label in PLACE_LABELS), None)
    if first is not None and not text[: first.start].strip():
        if _OPENING_PLACE.match(text, first.end):
            return first
        if any(m.start == first.end + 1 and m.label in ("PERSON", "ORG") for m in mentions):
            return first
        if _OPENING_WORD.match(text, first.end):  # "USA A senior official ...": no sentence goes on so
            return first
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
