"""Attaching time expressions to triggers.

A trigger's time expression is one attached to the trigger or its verb in the parse, one hanging from the
trigger itself first; also through a temporal clause ("said, when asked today"), from the clause a subjectless
participle or "by saying" belongs to ("went on a tirade, saying"), and from a clause that realises a noun
trigger ("a deal reached in April"). For a strong trigger, the only time expression of the sentence if none is
attached and no other trigger has it attached; weak triggers ("said", "discussed") need an attached one. A time
expression that dates a reference point ("since his death in June 2000"), a trigger that is one ("ahead of the
meeting") or a subject noun of a verb not about its course ("contracts will be quoted from Monday") gives no
date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from search.events.parse import climb, first_to, span_root, verb_of
from search.events.speakers import REPORTING
from search.events.tense import raises_to
from search.events.timex import Timex, find_timexes
from search.events.timex_names import inside_name
from search.events.timexes import entity_timexes
from search.events.triggers import GATHERING_VERBS, Candidate, is_strong

REALISE_VERBS = frozenset(
    {
        "hold",
        "take",
        "reach",
        "strike",
        "sign",
        "seal",
        "conclude",
        "agree",
        "announce",
        "schedule",
        "set",
        "plan",
        "begin",
        "start",
        "happen",
        "occur",
        "make",
        "pay",
        "conduct",
        "undertake",
        "convene",
        "issue",
        "release",
        "publish",
        "deliver",
        "give",
    }
)
COURSE_VERBS = GATHERING_VERBS | REALISE_VERBS | {"be", "collapse", "break", "fail", "last", "come", "go", "get"}
#: nouns that measure out a happening rather than name another one ("a round of talks", "the end of the visit")
PART_NOUNS = frozenset(
    {"round", "series", "day", "week", "session", "part", "start", "end", "beginning", "course", "stage", "phase"}
)
DEADLINE_BEFORE = re.compile(r"(?i)\bby\s+$")
QUANTITY_LABELS = frozenset({"MONEY", "QUANTITY", "CARDINAL", "PERCENT"})
#: prepositions that make a noun trigger a reference point of its clause, not its happening ("lashed out on
#: Thursday ahead of the meeting", "have not resumed since the summit")
RELATIVE_PREPS = frozenset({"before", "after", "since", "following", "ahead", "prior", "until", "pending"})


def segment_timexes(seg: Span, dates: Sequence[Span] = ()) -> list[Timex]:
    """The time expressions of a sentence that can date a happening, at document offsets; not the date stamp
    after a tweet's signature ("— Name (@handle) June 3, 2020"), nor a deadline ("a loss of half the staff
    by early next year", "a goal of 50% access by 2015"), which bounds a happening without dating it, nor a
    time word inside a name ("the Good Friday Agreement", `search.events.timex_names`). `dates`: the document's
    DATE entities, which add the dates no pattern found (`search.events.timexes.entity_timexes`)."""
    text = seg.text
    found = [
        Timex(t.text, t.start + seg.start_char, t.end + seg.start_char, t.kind)
        for t in find_timexes(text)
        if "(@" not in text[max(0, t.start - 40) : t.start]  # tweet signature stamp, not an event date
        and not _is_deadline(t, text)
    ]
    found += [t for t in entity_timexes(seg, [(t.start, t.end) for t in found], dates) if not _is_deadline_at(t, seg)]
    return sorted((t for t in found if not inside_name(t, seg)), key=lambda t: t.start)


PERIOD_BEFORE = re.compile(r"(?i)\b(?:by|for|of|through|until|till|over|within|than|per)\s+(?:the\s+)?$")


def _is_deadline_at(tx: Timex, seg: Span) -> bool:
    """A deadline or a period covered, at document offsets ("by 2015", "the report for March", "figures of
    2010"): bounds or scopes a happening without dating it."""
    local = tx.start - seg.start_char
    return bool(PERIOD_BEFORE.search(seg.text[max(0, local - 16) : local]))


def _is_deadline(tx: Timex, text: str) -> bool:
    """'by 2015', 'by early next year': the expression or the word before it is "by"."""
    return tx.text.lower().startswith("by ") or bool(DEADLINE_BEFORE.search(text[max(0, tx.start - 10) : tx.start]))


def candidate(
    tok: Token, etype: str, seg: Span, timexes: list[Timex], attached: list[Timex], claimed: set[Timex]
) -> Candidate | None:
    """A trigger with its time expression: the one attached to it, or for a strong trigger the only one of
    the sentence when its clause governs the trigger and no other trigger has it attached ("talks on
    Thursday where they reviewed ..." does not date the review)."""
    strong = is_strong(tok, etype)
    if attached:
        return Candidate(tok, etype, strong, attached[0])
    if not strong:
        return None
    if _is_topic(tok) or _is_reference_point(tok):
        return Candidate(tok, etype, strong, None)
    if len(timexes) == 1 and timexes[0] not in claimed and not _buried(tok) and _governs(timexes[0], tok, seg):
        return Candidate(tok, etype, strong, timexes[0])
    return Candidate(tok, etype, strong, None)


def attached_to(trigger: Token, seg: Span, timexes: list[Timex]) -> list[Timex]:
    """The time expressions attached to `trigger`, those that hang from the trigger itself first ("the
    mediator's Wednesday testimony" on Thursday is Wednesday's)."""
    found = [t for t in timexes if _attached(t, trigger, seg)]
    return sorted(found, key=lambda t: not _hangs_from(t, trigger, seg))


def _governs(tx: Timex, trigger: Token, seg: Span) -> bool:
    """Fallback attachment: the clause verb the time expression modifies dominates the trigger, and is
    not a reporting verb ("sources said on Sunday" dates the saying, not the event); the time expression
    does not date a reference point ("since his death in June 2000")."""
    root = span_root(tx.start, tx.end, seg)
    cur = root
    for _ in range(8):
        if cur is None or cur.head.i == cur.i or not seg.start <= cur.head.i < seg.end:
            return True  # no clause verb inside the segment (the parse ran across a line break)
        cur = cur.head
        if cur.dep_ == "prep" and cur.lower_ in RELATIVE_PREPS:
            return False
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return cur.lemma_.lower() not in REPORTING and cur.is_ancestor(trigger)
    return False


def _buried(trigger: Token) -> bool:
    """A noun trigger inside another noun's phrase ("brought a lawsuit in 2005 on the basis of the
    agreement", "a lawsuit over the deal"): the clause's time is that noun's, not the trigger's. Not when
    the noun only measures out the trigger ("a round of talks", "the first day of the summit", "part of $3bn
    in contracts"), nor when the clause is a copula with no happening of its own ("that was one of the
    messages at the congress last week")."""
    cur = climb(trigger)
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        head = cur.head
        if head.pos_ in ("NOUN", "PROPN", "PRON") and not _measures(head):
            return verb_of(head).lemma_.lower() != "be"
        cur = head
    return False


def _measures(noun: Token) -> bool:
    return noun.lemma_.lower() in PART_NOUNS or noun.ent_type_ in QUANTITY_LABELS


def _hangs_from(tx: Timex, trigger: Token, seg: Span) -> bool:
    root = span_root(tx.start, tx.end, seg)
    return (
        root is not None
        and trigger.is_ancestor(root)
        and verb_of(root).i == verb_of(trigger).i
        and (root.head.i == trigger.i or (root.head.head.i == trigger.i and root.head.pos_ == "ADP"))
    )


def _attached(tx: Timex, trigger: Token, seg: Span) -> bool:
    """True when the time expression hangs from the trigger or one of its anchors (`_anchors`), directly
    or through a temporal clause ("said, when asked about it today"); or from a clause that realises a
    noun trigger ("a deal reached in April", "a summit set to take place in May"). Not when it dates a
    reference point on the way ("since his death in June 2000") or the trigger is one ("ahead of the
    meeting"), nor a subject noun by a verb not about its course ("contracts will be quoted from Monday")."""
    root = span_root(tx.start, tx.end, seg)
    if root is None:
        return False
    anchors = _anchors(trigger)
    cur = root
    for _ in range(8):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i in anchors:
            return cur.i == trigger.i or not (_is_topic(trigger) or _is_reference_point(trigger) or _buried(trigger))
        if cur.dep_ == "prep" and cur.lower_ in RELATIVE_PREPS:
            return False  # "since Hafez Assad's death in June 2000, talks have not resumed"
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            if _is_temporal_clause(cur) or (cur.dep_ == "xcomp" and raises_to(_clause_of(cur))):
                continue
            return _realises(cur, trigger)
    return False


def _is_topic(trigger: Token) -> bool:
    """A noun trigger that is the subject of a verb not about its course: "contracts will have to be quoted
    from Monday", "the agreement was criticised on Monday" (but "the summit begins on 16 December", "the
    talks were held on Friday")."""
    role = climb(trigger)
    return (
        trigger.pos_ != "VERB" and role.dep_ in ("nsubj", "nsubjpass") and role.head.lemma_.lower() not in COURSE_VERBS
    )


def _is_reference_point(trigger: Token) -> bool:
    """A noun trigger its clause is timed against ("ahead of the meeting", "after the talks", "since the
    summit"): the clause's time expression is not the trigger's."""
    cur = trigger
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        if cur.dep_ == "pobj" and cur.head.lower_ in RELATIVE_PREPS:
            return True
        if cur.dep_ == "pobj" and cur.head.lower_ in ("of", "to") and cur.head.head.lower_ in RELATIVE_PREPS:
            return True
        cur = cur.head
    return False


def _anchors(trigger: Token) -> set[int]:
    """The trigger, the verb a noun trigger hangs from, and the clause a subjectless participle or a
    "by"-manner clause belongs to ("went on a tirade, saying", "responded by saying"), or the main verb of
    "the first country to state"."""
    verb = verb_of(trigger)
    anchors = {trigger.i, verb.i}
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not has_subject:
        anchors.add(verb.head.i)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "by" and verb.head.head.i != verb.head.i:
        anchors.add(verb.head.head.i)
    first = first_to(verb)
    if first is not None:
        anchors.add(first.i)
    return anchors


def _clause_of(xcomp: Token) -> Token:
    """The verb an infinitive complement belongs to, also through an adjective ("is due to be out")."""
    head = xcomp.head
    return head.head if head.dep_ == "acomp" else head


def _is_temporal_clause(verb: Token) -> bool:
    """An adverbial clause that shares the time of its main clause ("when asked", "as he left")."""
    return verb.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as", "while") for c in verb.children
    )


def _realises(verb: Token, trigger: Token) -> bool:
    """A participle or relative clause on a noun trigger that says it happened ("reached", "held", "signed",
    "set to take place")."""
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and len(chain) < 4:
        chain.append(chain[-1].head)
    top = chain[-1]
    return (
        top.dep_ in ("acl", "relcl")
        and top.head.i == trigger.i
        and any(v.lemma_.lower() in REALISE_VERBS for v in chain)
    )
