"""Who spoke: a statement is an event only with a named speaker (an entity, a proper noun, an institution or
office such as "the ministry" or "the spokesman", or a pronoun for one named earlier: "he", "it", "we",
"they") as the subject of its verb or the possessor, compound or "by"/"from"/"of" object of a noun trigger,
or when the statement noun speaks itself ("the tweet said"); "official sources said" is none.
"""

from __future__ import annotations

from spacy.tokens import Token

from search.events.parse import climb, subjects, verb_of
from search.events.roles import ACTOR_LABELS
from search.events.taxonomy import SPEAKER_NOUNS
from search.model import Mention

REPORTING = frozenset({"say", "tell", "add", "report", "announce", "state", "learn", "claim", "confirm", "tweet"})
#: pronouns that stand for a speaker named earlier ("it announced" for a company, "we announce" in a quote)
SPEAKER_PRONOUNS = frozenset({"he", "she", "his", "her", "it", "its", "we", "our", "they", "their", "i", "my"})


def has_speaker(trigger: Token, seg_mentions: list[Mention]) -> bool:
    """The statement `trigger` names who made it, or is a statement noun that speaks itself."""
    return _speaks(trigger) or any(_names_someone(t, seg_mentions) for t in _speakers(trigger))


def _speaks(trigger: Token) -> bool:
    """A statement noun that is itself the speaker: "the tweet said", "the statement added"; not a report,
    which needs a named source ("the BBC's report", not "a report said")."""
    role = climb(trigger)
    if trigger.pos_ == "VERB" or trigger.lemma_.lower() == "report":
        return False
    return role.dep_ == "nsubj" and role.head.lemma_.lower() in REPORTING


def _speakers(trigger: Token) -> list[Token]:
    """The tokens that can name who made a statement: possessor, compound or "by"/"from"/"of" object of
    a noun trigger ("the mediator's testimony", "a statement from the ministry"), and the subject of its
    verb; of a passive verb, only its "by" agent ("the song is set to be confirmed as number one" names what
    is confirmed, not who confirms it)."""
    out: list[Token] = []
    if trigger.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in trigger.children):
        return [g for c in trigger.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if trigger.pos_ != "VERB":
        out += [c for c in trigger.children if c.dep_ in ("poss", "compound")]
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                out += [g for g in c.children if g.dep_ == "pobj"]
    return out + subjects(verb_of(trigger))


def _names_someone(tok: Token, seg_mentions: list[Mention]) -> bool:
    """The phrase headed by `tok` names a person, organisation, country or group (an entity, a proper noun,
    an institution or office such as "the ministry", "the coalition", "the spokesman"), or is a pronoun for
    one ("she", "it", "we", "they")."""
    if tok.lower_ in SPEAKER_PRONOUNS or tok.pos_ == "PROPN" or tok.lemma_.lower() in SPEAKER_NOUNS:
        return True
    near = [t.idx for t in _own_words(tok)]
    return any(m.label in ACTOR_LABELS and any(m.start <= i < m.end for i in near) for m in seg_mentions)


def _own_words(tok: Token) -> list[Token]:
    """The words that say who a noun phrase is: its head, the head's possessor, compounds and appositions,
    and the objects of its prepositions ("two of the generals in the Pentagon", "officials at the ministry");
    not words deeper in a modifier or in a clause on it ("a WSIS campaign goal that calls for ...")."""
    kids = [c for c in tok.children if c.dep_ in ("poss", "compound", "appos", "nmod")]
    objs = [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [tok, *kids, *objs]
