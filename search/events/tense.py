"""The tense of a trigger, from the parse of its verb (the trigger itself, or the verb a noun trigger hangs
from): "will"/"shall", "to"-infinitives ("is set to", "plans to", "to be held") and "upcoming"/"next" modifiers
-> "future", also for the subject of a plan word ("the talks are set to take place", "the report is due to be
out"); past-tense verbs or auxiliaries -> "past"; present-tense ones -> "present"; otherwise None (read as
past by `timex.resolve`). "The first country to state" takes the tense of its main verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from search.events.parse import first_to, verb_of

FUTURE_HEADS = frozenset(
    {"plan", "expect", "set", "schedule", "due", "go", "intend", "aim", "hope", "want", "propose", "prepare"}
)
FUTURE_MODS = frozenset({"upcoming", "forthcoming", "proposed", "planned", "scheduled", "next", "future"})


def trigger_tense(trigger: Token) -> str | None:
    if any(c.dep_ == "amod" and c.lower_ in FUTURE_MODS for c in trigger.children):
        return "future"
    verb = verb_of(trigger)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll", "wo") for a in auxes):
        return "future"
    if raises_to(verb):
        return "future"
    first = first_to(verb)
    if first is not None:
        return _tense_of(first)
    if any(a.lower_ == "to" for a in auxes) or verb.dep_ == "xcomp":
        if verb.head.lemma_.lower() in FUTURE_HEADS or _tense_of(verb.head) != "past":
            return "future"
        return "past"
    return _tense_of(verb)


def _tense_of(verb: Token) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll", "wo") for a in auxes):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def raises_to(verb: Token) -> bool:
    """'the talks are set to take place', 'the report is due to be out': the subject of `verb` is what a
    "to"-clause under a plan word, passive ("is expected to") or an adjective after "be" ("is due to"), will
    do."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    heads = [verb] if passive else [c for c in verb.children if c.dep_ == "acomp" and verb.lemma_ == "be"]
    return any(
        h.lemma_.lower() in FUTURE_HEADS
        and any(x.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children) for x in h.children)
        for h in heads
    )
