"""What kind of event a word reports: its type, CAMEO code and category, in one decision per token.

`classify(tok)` tries, in order:
1. the eleven original types (`search.events.triggers.classify_trigger`); their CAMEO code is the table's code of
   the verb when the verb is coded there ("condemned" -> 111 disapprove, subtype statement), else the type's
   own code (`search.events.categories.LEGACY_CODES`);
2. the news types CAMEO does not code (`search.events.news_types`);
3. a verb CAMEO codes (`search.events.cameo.code_verb`): its type is its category ("demand", "assault"), or
   "comment" for the statement category, which keeps the statement type for the original triggers;
4. any other verb: "other" (kept only with an agent and an attached time expression, `search.events.extraction`).
Words that are modifiers, negated, or not verbs and nouns make no event.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from search.events.cameo import category_of, code_verb
from search.events.cameo_extra import (
    INTRANSITIVE_CODES,
    LIGHT_VERBS,
    NEGATED_COOPERATION,
    NOUN_CODES,
    VERB_CODES,
    intent_code,
    noun_code,
)
from search.events.categories import LEGACY_CODES, NEWS_CATEGORIES, OTHER
from search.events.news_types import (
    APPOINT_WORDS,
    COURT_NOUNS,
    DEATH_WORDS,
    DISASTER_NOUNS,
    ELECTION_NOUNS,
    news_type,
)
from search.events.taxonomy import EVENT_TYPES, STRONG, WEAK
from search.events.triggers import classify_trigger, negated

#: verbs too common for their dictionary default to mean an event: only a pattern of theirs codes them.
SKIP_VERBS = frozenset({"be", "have", "do", "say", "get", "make", "let", "seem", "appear", "become", "need"})
COMMENT = "comment"
#: every noun lemma that can make an event of some type (the original types, the news types, CAMEO's nouns)
NOUN_LEMMAS = frozenset(
    {*STRONG, *WEAK, "conference", "congress", "hold", "conversation", "discussion", "call", "poll", "vote"}
    | {*NOUN_CODES, *(k.split()[-1] for k in NOUN_CODES)}
    | ELECTION_NOUNS
    | APPOINT_WORDS
    | COURT_NOUNS
    | DISASTER_NOUNS
    | DEATH_WORDS
)


@dataclass(frozen=True)
class Kind:
    """The type, CAMEO code and category of a trigger word."""

    type: str
    cameo: str | None
    category: str


def classify(tok: Token) -> Kind | None:
    if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() not in NOUN_LEMMAS:
        return None  # most words: no noun of any type (checked first, for speed)
    legacy = classify_trigger(tok)
    if legacy is not None:
        code = _legacy_code(tok, legacy)
        return Kind(legacy, code, category_of(code) or OTHER)
    if tok.pos_ not in ("VERB", "NOUN", "PROPN") or tok.dep_ in ("compound", "amod"):
        return None
    if negated(tok):
        return _denied(tok)
    news = news_type(tok)
    if news is not None:
        return Kind(news, None, news)
    if tok.pos_ != "VERB":
        noun = _noun_code(tok)
        return _coded(noun) if noun and not _carried(tok) else None
    if tok.lemma_.lower() in SKIP_VERBS or tok.dep_ in ("aux", "auxpass") or _carries_a_trigger(tok):
        return None
    return _coded(_verb_code(tok)) or Kind(OTHER, None, OTHER)


def _carries_a_trigger(verb: Token) -> bool:
    """ "held talks", "signed an agreement", "paid a visit": a light verb whose object is a trigger of the
    original types reports that event, not one of its own."""
    return verb.lemma_.lower() in LIGHT_VERBS | {"sign", "pay", "reach", "hold"} and any(
        c.dep_ == "dobj" and c.lemma_.lower() in STRONG for c in verb.children
    )


def _denied(tok: Token) -> Kind | None:
    """A cooperative act denied ("will not accept any more refugees", "would not meet their demands"): CAMEO
    codes it as a rejection. Other negated words make no event."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() in SKIP_VERBS:
        return None
    code = _verb_code(tok) or ("040" if tok.lemma_.lower() == "meet" else None)
    if code and code.startswith(NEGATED_COOPERATION):
        return Kind("reject", "120", "reject")
    return None


def with_intent(kind: Kind) -> Kind:
    """The kind of an announced intention or threat ("will provide aid", "will attack"): CAMEO's 03 or 13."""
    if kind.cameo is None:
        return kind
    code = intent_code(kind.cameo)
    if code == kind.cameo:
        return kind
    category = category_of(code) or OTHER
    etype = kind.type if kind.type in EVENT_TYPES else (COMMENT if category == "statement" else category)
    return Kind(etype, code, category)


def _coded(code: str | None) -> Kind | None:
    category = category_of(code)
    if not code or not category:
        return None
    return Kind(COMMENT if category == "statement" else category, code, category)


def _legacy_code(tok: Token, legacy: str) -> str:
    """A statement takes the code of its verb where CAMEO has one ("condemned" 111, "urged" 02); the other
    original types their own code."""
    if legacy == "statement" and tok.pos_ == "VERB":
        code = code_verb(tok)
        if code and not code.startswith("04"):
            return code
    return LEGACY_CODES[legacy]


def _noun_code(tok: Token) -> str | None:
    compound = next((c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")), None)
    return noun_code(tok.lemma_.lower(), compound)


def _object_noun(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "dobj":
            return c
        if c.dep_ == "prep" and c.lower_ in ("on", "into", "in"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and _noun_code(obj):
                return obj
    return None


def _verb_code(verb: Token) -> str | None:
    """A light verb takes its object's code ("staged a rally"); a bare verb its intransitive sense
    ("demonstrated"); else the dictionary's code."""
    obj = _object_noun(verb)
    lemma = verb.lemma_.lower()
    if lemma in VERB_CODES:
        return VERB_CODES[lemma]
    if obj is not None and lemma in LIGHT_VERBS and (code := _noun_code(obj)):
        return code
    if obj is None and lemma in INTRANSITIVE_CODES:
        return INTRANSITIVE_CODES[lemma]
    return code_verb(verb)


def _carried(noun: Token) -> bool:
    """An event noun whose light verb reports it ("staged a rally": the event is the verb's)."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return noun.dep_ in ("dobj", "pobj") and head.pos_ == "VERB" and head.lemma_.lower() in LIGHT_VERBS


def is_new_type(etype: str) -> bool:
    """A type beyond the original eleven."""
    return etype not in EVENT_TYPES


def needs_agent(etype: str) -> bool:
    """CAMEO-coded verb events and "other" need an agent to be kept; news types do not."""
    return is_new_type(etype) and etype not in NEWS_CATEGORIES
