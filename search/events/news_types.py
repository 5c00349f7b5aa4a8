"""News events CAMEO does not code: elections, appointments, court rulings, economic results, disasters, deaths.

`news_type(tok)` reads a trigger word in its parse:
- election: "election", "referendum", "by-election", "elect", "re-elect", "vote" (the verb, or the noun with "on"
  or a count: "a vote on", "the vote was"), a "poll" that is voted in ("went to the polls").
- appointment: "appoint", "nominate", "resign", "step down", "sworn in", "named" + "as" ("was named as the new
  coach"), and their nouns.
- court ruling: "ruling", "verdict", "sentence", "convict", "acquit", "jail", "imprison", "found guilty", "rule"
  with a court or judge as its subject.
- economy: a figure that moved ("profits rose", "sales fell 5%", "inflation slowed"): a verb of change whose
  subject is an economic noun; or "report"/"post" with such an object ("posted a loss").
- disaster: an earthquake, flood, storm, wildfire, crash, explosion ...: the nouns, when not modifiers.
- death: "die", "death", "pass away", "killed" in the passive without an agent ("was killed in a crash").
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

ELECTION_NOUNS: Final = frozenset({"election", "referendum", "by-election", "plebiscite", "runoff", "run-off"})
ELECTION_VERBS: Final = frozenset({"elect", "re-elect", "reelect", "vote"})
APPOINT_WORDS: Final = frozenset(
    {"appoint", "appointment", "nominate", "nomination", "resign", "resignation", "inaugurate", "reappoint"}
)
COURT_NOUNS: Final = frozenset({"ruling", "verdict", "sentence", "conviction", "acquittal"})
COURT_VERBS: Final = frozenset({"sentence", "convict", "acquit", "jail", "imprison", "overturn", "uphold"})
COURT_SUBJECTS: Final = frozenset({"court", "judge", "tribunal", "jury", "justice", "magistrate"})
ECON_NOUNS: Final = frozenset(
    {
        "profit",
        "profits",
        "loss",
        "revenue",
        "sale",
        "sales",
        "earnings",
        "share",
        "shares",
        "price",
        "prices",
        "inflation",
        "unemployment",
        "economy",
        "gdp",
        "growth",
        "output",
        "export",
        "exports",
        "import",
        "imports",
        "index",
        "rate",
        "rates",
        "stock",
        "stocks",
        "dollar",
        "pound",
        "euro",
        "yen",
        "turnover",
        "deficit",
        "surplus",
        "spending",
    }
)
CHANGE_VERBS: Final = frozenset(
    {
        "rise",
        "fall",
        "drop",
        "climb",
        "jump",
        "surge",
        "soar",
        "slump",
        "plunge",
        "tumble",
        "slide",
        "decline",
        "grow",
        "shrink",
        "increase",
        "decrease",
        "slow",
        "contract",
        "expand",
        "double",
        "halve",
    }
)
RESULT_VERBS: Final = frozenset({"report", "post", "announce", "record", "forecast"})
DISASTER_NOUNS: Final = frozenset(
    {
        "earthquake",
        "quake",
        "flood",
        "flooding",
        "hurricane",
        "typhoon",
        "cyclone",
        "storm",
        "tornado",
        "wildfire",
        "bushfire",
        "tsunami",
        "eruption",
        "landslide",
        "mudslide",
        "avalanche",
        "drought",
        "famine",
        "crash",
        "explosion",
        "blast",
        "derailment",
        "collision",
        "blaze",
        "outbreak",
        "epidemic",
    }
)
DEATH_WORDS: Final = frozenset({"die", "death"})


def news_type(tok: Token) -> str | None:
    """The news category a trigger word reports, or None."""
    lemma = tok.lemma_.lower()
    noun = tok.pos_ in ("NOUN", "PROPN")
    verb = tok.pos_ == "VERB"
    if (noun and lemma in ELECTION_NOUNS) or (verb and lemma in ELECTION_VERBS):
        return "election"
    if (noun and lemma in ("vote", "poll")) and _voted(tok):
        return "election"
    if lemma in APPOINT_WORDS or (verb and _phrasal(tok, {("step", "down"), ("swear", "in")})):
        return "appointment"
    if verb and lemma == "name" and any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
        return "appointment"
    if (noun and lemma in COURT_NOUNS) or (verb and lemma in COURT_VERBS):
        return "court ruling"
    if verb and lemma == "rule" and any(s.lemma_.lower() in COURT_SUBJECTS for s in _subject_heads(tok)):
        return "court ruling"
    if verb and lemma == "find" and any(c.lower_ == "guilty" for c in tok.children):
        return "court ruling"
    if verb and lemma in CHANGE_VERBS and any(s.lower_ in ECON_NOUNS for s in _subject_heads(tok)):
        return "economy"
    if verb and lemma in RESULT_VERBS and any(c.dep_ == "dobj" and c.lower_ in ECON_NOUNS for c in tok.children):
        return "economy"
    if noun and lemma in DISASTER_NOUNS:
        return "disaster"
    if (verb and lemma == "die") or (noun and lemma == "death") or (verb and _phrasal(tok, {("pass", "away")})):
        return "death"
    if verb and lemma == "kill" and tok.tag_ == "VBN" and _passive_without_agent(tok):
        return "death"
    return None


def _phrasal(tok: Token, pairs: set[tuple[str, str]]) -> bool:
    return any((tok.lemma_.lower(), c.lower_) in pairs for c in tok.children if c.dep_ in ("prt", "advmod", "prep"))


def _voted(tok: Token) -> bool:
    """A vote or poll that is voted in: "a vote on", "went to the polls", "the poll was held"."""
    if any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lemma_.lower() == "go"


def _subject_heads(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


def _passive_without_agent(verb: Token) -> bool:
    kids = list(verb.children)
    return any(c.dep_ == "auxpass" for c in kids) and not any(c.dep_ == "agent" for c in kids)
