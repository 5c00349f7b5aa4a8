"""Finding event triggers: which words of a sentence report an event of which type (by lemma, see
`search.events.taxonomy`, with the parse ruling out other senses), and whether a trigger is strong.

A trigger is a verb or noun that is not a modifier and not negated (nor a noun subject of a negated verb:
"peace talks have not resumed"). "call" is a call with a telephone or a person as its object, and a statement
when it is a public call ("called for", "called on X to"); "conference" and "congress" are meetings unless a
press conference (a statement) or an institution ("Congress passed the bill").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from search.events.parse import climb
from search.events.senses import discussed_with_someone, is_speech, starts_a_process
from search.events.taxonomy import DOCUMENT_NOUNS, EVENT_TYPES, STRONG, trigger_type
from search.events.timex import Timex

PHONE_WORDS = frozenset({"phone", "telephone", "telephonic", "telephonically", "phonecall", "video"})
MEET_NON_EVENTS = frozenset(
    {
        "target",
        "demand",
        "expectation",
        "need",
        "requirement",
        "standard",
        "criterion",
        "deadline",
        "cost",
        "goal",
        "obligation",
        "condition",
        "criteria",
        "end",
        "challenge",
        "rule",
        "test",
        "threshold",
        "limit",
        "quota",
        "pledge",
        "commitment",
    }
)
PERSON_PRONOUNS = frozenset({"me", "him", "her", "us", "them", "you"})
GATHERING_VERBS = frozenset(
    {"begin", "open", "start", "end", "close", "conclude", "take", "convene", "meet", "run", "continue", "resume"}
)


@dataclass(frozen=True)
class Candidate:
    """A trigger word with its event type, its strength and the time expression that dates it (if any)."""

    token: Token
    type: str
    strong: bool
    timex: Timex | None


def classify_trigger(tok: Token) -> str | None:
    if tok.pos_ not in ("VERB", "NOUN", "PROPN") or tok.dep_ in ("compound", "amod"):
        return None
    if negated(tok):
        return None
    lemma = tok.lemma_.lower()
    if lemma == "talk" and tok.pos_ == "VERB" and not any(c.lower_ == "with" for c in tok.children):
        return None
    if lemma in ("sign", "state", "confer", "deliver", "inaugurate", "invite") and tok.pos_ != "VERB":
        return None
    if lemma == "exercise" and tok.pos_ == "VERB":
        return None
    if lemma == "meet" and any(c.dep_ == "dobj" and c.lemma_.lower() in MEET_NON_EVENTS for c in tok.children):
        return None
    if lemma == "hand" and not any(c.dep_ == "prt" and c.lower_ == "over" for c in tok.children):
        return None
    if lemma == "call":
        if _is_phone_talk(tok) or _calls_someone(tok):
            return "call"
        return "statement" if _calls_for(tok) else None
    if (lemma in ("deal", "accord") and tok.pos_ == "VERB") or tok.lower_ == "according":
        return None
    if lemma in ("ship", "supply", "phone", "telephone") and tok.pos_ != "VERB":
        return None  # a vessel, a stock, a device ("access to telephones"): "phone call" has "call" as head
    if lemma in ("review", "visit", "tour", "drill") and tok.tag_ == "VBG" and tok.dep_ == "amod":
        return None
    if tok.pos_ == "PROPN" and lemma in DOCUMENT_NOUNS and any(c.dep_ == "compound" for c in tok.children):
        return None  # "the Wellington Declaration" names a document
    if lemma == "address" and not is_speech(tok):
        return None
    if lemma in ("launch", "open", "opening") and starts_a_process(tok):
        return None
    if lemma == "discuss" and tok.pos_ == "VERB" and not discussed_with_someone(tok):
        return "statement"
    if lemma in ("conference", "congress"):
        return _gathering(tok)
    if _is_phone_talk(tok):
        return "call"
    return trigger_type(lemma)


def is_strong(tok: Token, etype: str) -> bool:
    """Strong triggers make an event on their own; weak ones ("said", a CAMEO comment verb, "other") need an
    attached time expression. The types beyond the original eleven are strong but for "comment" and "other"."""
    if etype not in EVENT_TYPES:
        return etype not in ("comment", "other")
    return tok.lemma_.lower() in STRONG or etype == "call"


def negated(tok: Token) -> bool:
    """Negated, or a noun subject of a negated verb ("peace talks have not resumed")."""
    return any(c.dep_ == "neg" for c in tok.children) or _negated_subject(tok)


def _negated_subject(tok: Token) -> bool:
    """'Peace talks have not resumed', 'the agreement was never signed', 'ended without a deal': a noun
    trigger whose verb or preposition denies it."""
    role = climb(tok)
    if tok.pos_ != "VERB" and role.dep_ == "pobj" and role.head.lower_ == "without":
        return True  # "the meeting ended without a deal"
    return (
        tok.pos_ != "VERB" and role.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "neg" for c in role.head.children)
    )


def _calls_someone(tok: Token) -> bool:
    """'She called me last week': a person as the object and nothing that makes it naming ("called him a
    liar"), summoning ("called on", "called for") or cancelling ("called off")."""
    if tok.pos_ != "VERB":
        return False
    kids = list(tok.children)
    if any(c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp") for c in kids):
        return False
    if any(c.dep_ in ("prep", "prt", "mark") and c.lower_ in ("for", "on", "upon", "off", "in") for c in kids):
        return False
    return any(c.dep_ == "dobj" and (c.lower_ in PERSON_PRONOUNS or c.ent_type_ == "PERSON") for c in kids)


def _calls_for(tok: Token) -> bool:
    """A public call: 'called for lower taxes', 'called today for courts to be tougher', 'called on the
    minister to explain'."""
    if tok.pos_ != "VERB":
        return False
    kids = list(tok.children)
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in kids):
        return True
    clauses = [c for c in kids if c.dep_ in ("advcl", "xcomp")]
    if any(g.dep_ == "mark" and g.lower_ == "for" for c in clauses for g in c.children):
        return True
    summons = any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in kids)
    return summons and any(g.dep_ == "aux" and g.lower_ == "to" for c in clauses for g in c.children)


def _gathering(tok: Token) -> str | None:
    """'conference' and 'congress': a press conference is a statement; a gathering that is the subject of
    anything but its own course ("Congress passed the bill") is an institution, not a meeting; so is a
    bare capitalised "Congress"."""
    mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
    if mods & {"press", "news"}:
        return "statement"
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() not in GATHERING_VERBS:
        return None
    if tok.lemma_.lower() == "congress" and tok.text[:1].isupper() and not mods:
        return None
    return "meeting"


def _is_phone_talk(tok: Token) -> bool:
    """'spoke over telephone', 'telephonic conversation', 'phone call'."""
    lemma = tok.lemma_.lower()
    if lemma in ("speak", "talk", "conversation", "call", "discussion", "talks", "hold"):
        for c in tok.children:
            if c.lower_ in PHONE_WORDS:
                return True
            if c.dep_ == "prep" and any(g.lower_ in PHONE_WORDS for g in c.children):
                return True
    return False
