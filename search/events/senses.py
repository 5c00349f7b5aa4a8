"""Which sense a many-sense trigger word has, read from its arguments in the parse.

- "address" is a speech (a statement) when its object, or the object of "an address to", is an audience: a
  person, group or institution ("addressed the staff", "an address to the nation"), not an issue ("addressed
  the problem").
- "launch" and "open" are inaugurations unless what starts is a process ("launched an inquiry", "opened an
  investigation", "opened fire"): beginning an activity is not opening or unveiling something.
- "discuss" is a meeting when there is someone to discuss with ("discussed it with Blair", "the two leaders
  discussed", "they discussed"); one speaker discussing a topic ("Bush today discussed the war on terror" in
  a speech) makes a statement.
"""

from __future__ import annotations

from spacy.tokens import Token

from search.events.parse import prep_objects
from search.events.taxonomy import SPEAKER_NOUNS

#: entity labels of who can be spoken to (or speak)
PEOPLE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: heads of noun phrases that name an audience
AUDIENCE_NOUNS = frozenset(
    {
        "audience",
        "crowd",
        "nation",
        "staff",
        "employee",
        "worker",
        "student",
        "supporter",
        "voter",
        "member",
        "delegate",
        "troop",
        "soldier",
        "reporter",
        "journalist",
        "assembly",
        "conference",
        "congress",
        "convention",
        "rally",
        "meeting",
        "summit",
        "session",
        "forum",
        "gathering",
        "people",
        "public",
        "country",
    }
)
#: what is begun, not opened or unveiled, when it is "launched" or "opened"
PROCESS_NOUNS = frozenset(
    {
        "inquiry",
        "investigation",
        "probe",
        "review",
        "audit",
        "case",
        "proceeding",
        "lawsuit",
        "suit",
        "action",
        "appeal",
        "challenge",
        "bid",
        "attack",
        "offensive",
        "assault",
        "raid",
        "strike",
        "fire",
        "crackdown",
        "hunt",
        "manhunt",
        "search",
        "hearing",
        "trial",
        "talk",
        "negotiation",
        "discussion",
        "dialogue",
        "debate",
        "consultation",
    }
)
GROUP_WORDS = frozenset({"they", "we", "both", "two", "leaders", "sides", "parties", "ministers"})


def is_speech(tok: Token) -> bool:
    """'addressed the staff', 'an address to the nation': an audience is spoken to."""
    if tok.pos_ == "VERB":
        return any(c.dep_ == "dobj" and _is_audience(c) for c in tok.children)
    return any(_is_audience(o) for o in prep_objects(tok, ("to",)))


def _is_audience(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return tok.ent_type_ in PEOPLE_LABELS or lemma in AUDIENCE_NOUNS or lemma in SPEAKER_NOUNS


def starts_a_process(tok: Token) -> bool:
    """'launched an inquiry', 'the inquiry was launched', 'the launch of an investigation', 'opened fire'."""
    if tok.pos_ == "VERB":
        started = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        started = prep_objects(tok, ("of",))
    return any(c.lemma_.lower() in PROCESS_NOUNS for c in started)


def discussed_with_someone(tok: Token) -> bool:
    """'discussed trade with Blair', 'Blair and Bush discussed', 'the two leaders discussed', 'they discussed'."""
    if prep_objects(tok, ("with", "between", "among")):
        return True
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(
        s.tag_ in ("NNS", "NNPS") or s.lower_ in GROUP_WORDS or any(c.dep_ == "conj" for c in s.children)
        for s in subjects
    )
