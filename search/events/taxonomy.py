"""The fixed set of event types and the trigger lemmas that signal each one.

Eleven types, no others:

- meeting      talks, meetings, summits, conferences, negotiations held between parties ("held talks", "met")
- call         telephone calls ("spoke over telephone", "phone call", "she called me last week")
- visit        visits, tours and trips of a traveller (a person, organisation or country) to a place or host
               ("visited Japan", "on a three-day visit to India"); not a band's concert tour or a team's away trip
- arrival      arrivals ("arrived in India")
- agreement    agreements, deals, contracts, MoUs, pacts and treaties signed or agreed ("agreed to", "signed")
- statement    statements by a named speaker (a person, organisation, country or group): announcements,
               declarations, testimony, tweets, press conferences, public calls for something ("called for",
               "called on X to"), criticism ("slammed", "condemned")
- review       reviews and assessments of something ("reviewed the progress")
- delivery     deliveries and handovers of goods or equipment
- inauguration inaugurations, openings, launches and unveilings
- exercise     military or joint exercises and drills
- invitation   invitations ("invited delegations to DefExpo")

STRONG triggers make an event on their own. WEAK triggers are common words ("say", "discuss", "open",
"launch", "speak") that make an event only when a time expression is attached to them in the parse, so
that every "said" in a news story does not become an event. "call" is a call only in a telephone context
("phone call", "called ... by telephone", "called me"), and a weak statement trigger when it is a public
call ("called for", "called on X to"). The word lists below rule out other senses: titles of documents
("the Wellington Declaration"), music and sport senses of visits ("tour", "trip" near "concert", "coach").
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

EVENT_TYPES: Final = (
    "meeting",
    "call",
    "visit",
    "arrival",
    "agreement",
    "statement",
    "review",
    "delivery",
    "inauguration",
    "exercise",
    "invitation",
)

#: lemma -> type, for triggers that make an event on their own (verbs or nouns).
STRONG: Final = MappingProxyType(
    {
        "meet": "meeting",
        "meeting": "meeting",
        "talk": "meeting",
        "talks": "meeting",
        "summit": "meeting",
        "conference": "meeting",  # "press conference" is a statement (events.py)
        "congress": "meeting",  # not the legislature (events.py)
        "symposium": "meeting",
        "negotiation": "meeting",
        "deliberation": "meeting",
        "confer": "meeting",
        "phone": "call",
        "telephone": "call",
        "phonecall": "call",
        "phone-call": "call",
        "visit": "visit",
        "tour": "visit",
        "trip": "visit",
        "arrive": "arrival",
        "arrival": "arrival",
        "agree": "agreement",
        "agreement": "agreement",
        "sign": "agreement",
        "mou": "agreement",
        "memorandum": "agreement",
        "pact": "agreement",
        "accord": "agreement",
        "treaty": "agreement",
        "deal": "agreement",
        "announce": "statement",
        "announcement": "statement",
        "statement": "statement",
        "declare": "statement",
        "declaration": "statement",
        "tweet": "statement",
        "testimony": "statement",
        "review": "review",
        "deliver": "delivery",
        "delivery": "delivery",
        "hand": "delivery",  # only "hand over" (checked in events.py)
        "inaugurate": "inauguration",
        "inauguration": "inauguration",
        "unveil": "inauguration",
        "exercise": "exercise",
        "drill": "exercise",
        "wargame": "exercise",
        "invite": "invitation",
        "invitation": "invitation",
    }
)

#: lemma -> type, for triggers that make an event only with an attached time expression.
WEAK: Final = MappingProxyType(
    {
        "say": "statement",
        "tell": "statement",
        "state": "statement",
        "discuss": "meeting",
        "discussion": "meeting",
        "conversation": "meeting",
        "speak": "statement",
        "call": "statement",  # only "called for", "called on X to" (events.py)
        "slam": "statement",
        "criticise": "statement",
        "criticize": "statement",
        "condemn": "statement",
        "urge": "statement",
        "warn": "statement",
        "testify": "statement",
        "remark": "statement",
        "reply": "statement",
        "deny": "statement",
        "confirm": "statement",
        "concede": "statement",
        "admit": "statement",
        "acknowledge": "statement",
        "report": "statement",  # only with a named source (event_speakers.py)
        "address": "statement",  # only a speech to an audience (event_senses.py)
        "assess": "review",
        "open": "inauguration",
        "opening": "inauguration",
        "launch": "inauguration",
        "supply": "delivery",  # verbs only (events.py)
        "ship": "delivery",  # verbs only: a ship is a vessel
        "contract": "agreement",
    }
)

#: nouns that name a document when a proper noun precedes them ("the Wellington Declaration", "the Kyoto
#: Protocol"): the name is not a report of the declaration being made.
DOCUMENT_NOUNS: Final = frozenset(
    {"declaration", "agreement", "accord", "treaty", "pact", "memorandum", "statement", "protocol"}
)

#: lemmas of sentence words that put "tour", "trip" and "visit" in their music or sport senses.
PERFORMANCE_CONTEXT: Final = frozenset(
    {
        "concert",
        "gig",
        "album",
        "band",
        "singer",
        "song",
        "stage",
        "dancer",
        "show",
        "fan",
        "festival",
        "match",
        "game",
        "team",
        "squad",
        "coach",
        "fixture",
        "season",
        "league",
        "cup",
        "tournament",
        "championship",
        "striker",
        "goal",
        "olympic",
        "olympics",
    }
)


def trigger_type(lemma: str, weak: bool = True) -> str | None:
    """The event type a lemma signals, or None; `weak=False` looks at strong triggers only."""
    key = lemma.lower()
    if key in STRONG:
        return STRONG[key]
    return WEAK.get(key) if weak else None


#: heads of noun phrases that name who makes a statement without a named entity: institutions and offices
#: ("the ministry said", "a 39-nation coalition passed a declaration"). Not "sources", "officials",
#: "analysts" or "reports": attribution, not a speaker.
SPEAKER_NOUNS: Final = frozenset(
    {
        "government",
        "ministry",
        "department",
        "coalition",
        "council",
        "committee",
        "commission",
        "parliament",
        "senate",
        "party",
        "union",
        "association",
        "alliance",
        "federation",
        "company",
        "firm",
        "group",
        "court",
        "police",
        "army",
        "embassy",
        "bank",
        "agency",
        "board",
        "cabinet",
        "administration",
        "president",
        "minister",
        "premier",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chairman",
        "chairwoman",
        "leader",
        "secretary",
        "ambassador",
        "governor",
        "mayor",
        "director",
        "delegate",
        "delegation",
        "senator",
    }
)
