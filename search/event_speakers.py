"""Who spoke: a statement is an event only with a named speaker (an entity, a proper noun, an institution or
office such as "the ministry" or "the spokesman", "he"/"she") as the subject of its verb or the possessor,
compound or "by"/"from"/"of" object of a noun trigger, or when the statement noun speaks itself ("the tweet
said"); "official sources said" is none.
"""

from __future__ import annotations

from spacy.tokens import Token

from search.event_actors import ACTOR_LABELS
from search.event_parse import climb, subjects, verb_of
from search.event_types import SPEAKER_NOUNS
from search.model import Mention

REPORTING = frozenset({"say", "tell", "add", "report", "announce", "state", "learn", "claim", "confirm", "tweet"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "his", "her"})


def has_speaker(trigger: Token, seg_mentions: list[Mention]) -> bool:
    """The statement `trigger` names who made it, or is a statement noun that speaks itself."""
    return _speaks(trigger) or any(_names_someone(t, seg_mentions) for t in _speakers(trigger))


def _speaks(trigger: Token) -> bool:
    """A statement noun that is itself the speaker: "the tweet said", "the statement added"."""
    role = climb(trigger)
    return trigger.pos_ != "VERB" and role.dep_ == "nsubj" and role.head.lemma_.lower() in REPORTING


def _speakers(trigger: Token) -> list[Token]:
    """The tokens that can name who made a statement: possessor, compound or "by"/"from"/"of" object of
    a noun trigger ("the mediator's testimony", "a statement from the ministry"), and the subject of its
    verb."""
    out: list[Token] = []
    if trigger.pos_ != "VERB":
        out += [c for c in trigger.children if c.dep_ in ("poss", "compound")]
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                out += [g for g in c.children if g.dep_ == "pobj"]
    return out + subjects(verb_of(trigger))


def _names_someone(tok: Token, seg_mentions: list[Mention]) -> bool:
    """The phrase headed by `tok` names a person, organisation, country or group (an entity, a proper noun,
    an institution or office such as "the ministry", "the coalition", "the spokesman"), or is "he"/"she"."""
    if tok.lower_ in SPEAKER_PRONOUNS or tok.pos_ == "PROPN" or tok.lemma_.lower() in SPEAKER_NOUNS:
        return True
    left, right = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    return any(m.label in ACTOR_LABELS and left <= m.start and m.end <= right for m in seg_mentions)
