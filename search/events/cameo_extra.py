"""The project's own additions to the CAMEO verb dictionary: event nouns, light verbs, intransitive senses and
intentions.

The PETRARCH2 dictionary codes verbs only, and some of its group defaults fit a verb's transitive sense but not
its bare one ("demonstrate" defaults to 053, demonstrate support; "they demonstrated" is a protest). Here:
- `NOUN_CODES`: nouns that name a CAMEO event ("a demonstration", "a hunger strike", "the bombing", "sanctions").
  A light verb with such an object ("staged a rally", "began a hunger strike", "carried out an attack") takes the
  noun's code; the noun elsewhere is a trigger of its own.
- `INTRANSITIVE_CODES`: a verb without an object ("Albanians demonstrated on Tuesday").
- `intent_code(code)`: CAMEO codes intentions and threats apart from acts ("will provide aid" is 033, express
  intent to provide aid; "will attack" is 138, threaten with military force): a future or willing act of
  cooperation becomes its intent code, a future act of protest, sanction, coercion or force a threat.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

NOUN_CODES: Final = MappingProxyType(
    {
        "demonstration": "141",
        "protest": "141",
        "rally": "141",
        "march": "141",
        "sit-in": "141",
        "hunger strike": "142",
        "missile strike": "195",
        "drone strike": "195",
        "military strike": "190",
        "strike": "143",
        "walkout": "143",
        "boycott": "143",
        "blockade": "144",
        "riot": "145",
        "sanction": "163",
        "embargo": "163",
        "arrest": "173",
        "detention": "173",
        "crackdown": "175",
        "deportation": "174",
        "expulsion": "174",
        "kidnapping": "181",
        "abduction": "181",
        "bombing": "183",
        "assassination": "186",
        "attack": "190",
        "raid": "190",
        "offensive": "190",
        "invasion": "192",
        "occupation": "192",
        "clash": "190",
        "fighting": "190",
        "airstrike": "195",
        "air strike": "195",
        "shelling": "194",
        "massacre": "202",
        "investigation": "090",
        "probe": "090",
        "inquiry": "090",
        "ceasefire": "0871",
        "truce": "0871",
        "withdrawal": "0874",
        "threat": "130",
        "ultimatum": "1313",
        "accusation": "112",
        "criticism": "111",
        "condemnation": "111",
        "aid": "070",
        "donation": "071",
        "appeal": "020",
        "demand": "100",
        "rejection": "120",
        "veto": "120",
        "apology": "055",
        "pardon": "0841",
        "amnesty": "0841",
        "mediation": "043",
    }
)

#: verbs that carry the event their object names ("staged a rally", "launched an attack", "imposed sanctions")
LIGHT_VERBS: Final = frozenset(
    {
        "stage",
        "hold",
        "begin",
        "start",
        "continue",
        "organize",
        "organise",
        "launch",
        "carry",
        "mount",
        "call",
        "wage",
        "end",
        "conduct",
        "impose",
        "announce",
        "lead",
        "make",
        "issue",
        "declare",
        "open",
        "order",
        "go",
        "join",
        "resume",
        "step",
    }
)

#: verbs whose dictionary coding misses their plain sense: refusals are rejections (CAMEO 12)
VERB_CODES: Final = MappingProxyType(
    {
        "refuse": "120",
        "decline": "120",
        "reject": "120",
        "dismiss": "120",
        "oppose": "120",
        "renege": "120",
        "rebuff": "120",
        "spurn": "120",
        "snub": "120",
        "defy": "120",
        "violate": "120",
        "veto": "120",
        "demand": "100",
        "insist": "100",
    }
)
#: a cooperative act denied ("will not accept refugees") is a rejection
NEGATED_COOPERATION: Final = ("03", "04", "05", "06", "07", "08")

INTRANSITIVE_CODES: Final = MappingProxyType(
    {"demonstrate": "141", "protest": "141", "rally": "141", "march": "141", "riot": "145"}
)

#: codes of acts of cooperation -> the code of the intent to do them
_INTENT: Final = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "057": "030", "0871": "0354"}
_FORCE: Final = ("14", "15", "16", "17", "18", "19", "20")


def noun_code(lemma: str, compound: str | None = None) -> str | None:
    """The code of an event noun ("hunger strike" with its compound modifier, else the noun alone)."""
    if compound and f"{compound} {lemma}" in NOUN_CODES:
        return NOUN_CODES[f"{compound} {lemma}"]
    return NOUN_CODES.get(lemma)


def intent_code(code: str) -> str:
    """The code of the intention to do what `code` says, or a threat for an act of force; else `code`."""
    for prefix in (code[:4], code[:3], code[:2]):
        if prefix in _INTENT:
            return _INTENT[prefix]
    if code[:2] in _FORCE:
        return "138" if code[:2] in ("18", "19", "20") else "130"
    return code
