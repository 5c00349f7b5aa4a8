"""The fixed set of event types and the trigger lemmas that signal each one.

Eleven types, no others:

- meeting      talks, meetings, summits, negotiations held between parties ("held talks", "met")
- call         telephone calls ("spoke over telephone", "phone call", "telephoned")
- visit        visits, tours and trips to a place
- arrival      arrivals ("arrived in India")
- agreement    agreements, deals, MoUs, pacts and treaties signed or agreed ("agreed to", "signed")
- statement    statements, announcements, declarations, tweets, press conferences
- review       reviews and assessments of something ("reviewed the progress")
- delivery     deliveries and handovers of goods or equipment
- inauguration inaugurations, openings, launches and unveilings
- exercise     military or joint exercises and drills
- invitation   invitations ("invited delegations to DefExpo")

STRONG triggers make an event on their own. WEAK triggers are common words ("say", "discuss", "open",
"launch", "speak") that make an event only when a time expression is attached to them in the parse, so
that every "said" in a news story does not become an event. "call" is a trigger only in a telephone
context ("phone call", "called ... by telephone"): "called for" and "called on" are not calls.
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
        "assess": "review",
        "open": "inauguration",
        "launch": "inauguration",
        "supply": "delivery",
        "ship": "delivery",
    }
)


def trigger_type(lemma: str, weak: bool = True) -> str | None:
    """The event type a lemma signals, or None; `weak=False` looks at strong triggers only."""
    key = lemma.lower()
    if key in STRONG:
        return STRONG[key]
    return WEAK.get(key) if weak else None
