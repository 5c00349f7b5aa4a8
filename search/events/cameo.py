"""CAMEO codes for event verbs, from the shipped table `cameo_verbs.tsv` (derived by `search.events.cameo_table`
from the PETRARCH2 verb dictionary, MIT, see CAMEO_NOTICE.txt), and the readable categories of the codes.

`code_verb(verb, table)` reads a verb token of a parse: its lemma (or "lemma particle", "call off") names the
verb's groups in the table; a pattern of a group applies when every word after its `*` is a lemma (or a stem of
one) to the right of the verb in its clause (its object, "(preposition noun)" phrases) and every word before it a
lemma to the left; only the verb's own phrases count, not a clause it reports; the most specific applying
pattern gives the code, else the verb's default code (not for the common verbs of `PATTERN_ONLY`), else none.

`category_of(code)` gives the top-level CAMEO category in words ("statement", "appeal", ... "mass violence").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Final

from spacy.tokens import Token

TABLE_PATH: Final = Path(__file__).with_name("cameo_verbs.tsv")

#: CAMEO top-level codes and their readable categories, in CAMEO order.
CAMEO_CATEGORIES: Final = MappingProxyType(
    {
        "01": "statement",
        "02": "appeal",
        "03": "intent to cooperate",
        "04": "consult/meet",
        "05": "diplomatic cooperation",
        "06": "material cooperation",
        "07": "aid",
        "08": "yield",
        "09": "investigate",
        "10": "demand",
        "11": "disapprove",
        "12": "reject",
        "13": "threaten",
        "14": "protest",
        "15": "force posture",
        "16": "reduce relations",
        "17": "coerce",
        "18": "assault",
        "19": "fight",
        "20": "mass violence",
    }
)

Elements = tuple[frozenset[str], ...]
#: words a pattern made of nothing else does not apply on (the dictionary's "* (IN)" would code every "began in")
FUNCTION_WORDS: Final = frozenset(
    [
        "in",
        "on",
        "at",
        "to",
        "from",
        "with",
        "by",
        "for",
        "of",
        "against",
        "into",
        "over",
        "about",
        "after",
        "before",
        "under",
        "up",
        "down",
        "out",
        "off",
        "the",
        "a",
        "an",
    ]
)


@dataclass(frozen=True)
class Pattern:
    code: str
    pre: Elements
    post: Elements
    rank: int = 0  # its line in the table: the dictionary's order breaks ties


@dataclass(frozen=True)
class CameoTable:
    """Verb -> its groups and default code; group -> its patterns (most specific first)."""

    groups: Mapping[str, tuple[str, ...]]
    defaults: Mapping[str, str]
    patterns: Mapping[str, tuple[Pattern, ...]]
    #: group -> word -> the group's patterns whose first object element has that word (to try only those)
    by_word: Mapping[str, Mapping[str, tuple[Pattern, ...]]]
    #: group -> its patterns with words before the verb only
    pre_only: Mapping[str, tuple[Pattern, ...]]


def _elements(cell: str) -> Elements:
    return tuple(frozenset(part.split("|")) for part in cell.split())


@lru_cache(maxsize=1)
def load_table(path: Path = TABLE_PATH) -> CameoTable:
    groups: dict[str, list[str]] = {}
    defaults: dict[str, str] = {}
    patterns: dict[str, list[Pattern]] = {}
    for rank, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        cols = line.split("\t")
        if cols[0] == "V" and len(cols) == 4:
            groups.setdefault(cols[1], []).append(cols[2])
            if cols[3] != "-":
                defaults.setdefault(cols[1], cols[3])
        elif cols[0] == "P" and len(cols) == 5:
            pat = Pattern(cols[2], _elements(cols[3]), _elements(cols[4]), rank)
            if any(e - FUNCTION_WORDS for e in (*pat.pre, *pat.post)):  # "* (IN)" alone says nothing
                patterns.setdefault(cols[1], []).append(pat)
    ordered = {g: tuple(sorted(ps, key=_specificity)) for g, ps in patterns.items()}
    by_word: dict[str, dict[str, list[Pattern]]] = {}
    for group, pats in ordered.items():
        index = by_word.setdefault(group, {})
        for pat in pats:
            for word in pat.post[0] if pat.post else ():
                index.setdefault(word, []).append(pat)
    return CameoTable(
        MappingProxyType({v: tuple(gs) for v, gs in groups.items()}),
        MappingProxyType(defaults),
        ordered,
        MappingProxyType({g: {w: tuple(ps) for w, ps in idx.items()} for g, idx in by_word.items()}),
        MappingProxyType({g: tuple(p for p in ps if not p.post) for g, ps in ordered.items()}),
    )


def _specificity(pat: Pattern) -> int:
    return -(len(pat.pre) + len(pat.post))


def verb_key(verb: Token, table: CameoTable) -> str | None:
    """The table's name of a verb token: "lemma particle" for a phrasal verb the table has, else the lemma."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if c.dep_ == "prt" and f"{lemma} {c.lower_}" in table.groups:
            return f"{lemma} {c.lower_}"
    return lemma if lemma in table.groups else None


#: verbs too common for their dictionary default to mean an event ("take" is not a seizure, "go" not a
#: consultation, "hold" not a confinement): only a pattern of theirs codes them.
PATTERN_ONLY = frozenset(
    {
        "take",
        "go",
        "come",
        "leave",
        "hold",
        "give",
        "see",
        "face",
        "lead",
        "expect",
        "plan",
        "pay",
        "seek",
        "allow",
        "return",
        "keep",
        "put",
        "set",
        "use",
        "show",
        "win",
        "open",
        "start",
        "move",
        "bring",
        "send",
        "add",
        "find",
        "look",
        "run",
        "turn",
        "meet",
        "think",
        "believe",
        "feel",
        "know",
        "consider",
        "want",
        "wish",
        "hope",
        "need",
        "rule",
        "control",
        "pass",
    }
)


#: the phrases of a verb its patterns may read: its object, particles, prepositional phrases and complements, not a
#: clause it reports ("demanded that the government end curbs" is not "end")
OWN_PHRASES = frozenset(
    {"dobj", "dative", "prep", "prt", "attr", "oprd", "acomp", "xcomp", "agent", "npadvmod", "advmod", "pobj"}
)


def code_verb(verb: Token, table: CameoTable | None = None) -> str | None:
    """The CAMEO code of a verb token in its clause, or None when the table does not code it; the verbs of
    `PATTERN_ONLY` only by a pattern."""
    table = table or load_table()
    key = verb_key(verb, table)
    if key is None:
        return None
    near = [t for c in verb.children if c.dep_ in OWN_PHRASES and c.i > verb.i for t in c.subtree]
    right = _with_stems({t.lemma_.lower() for t in near} | {t.lower_ for t in near})
    left: set[str] | None = None  # read only for a pattern with words before the verb
    best: Pattern | None = None
    for group in table.groups[key]:
        index = table.by_word.get(group, {})
        tried = {id(p): p for w in right if w in index for p in index[w]}
        tried.update((id(p), p) for p in table.pre_only.get(group, ()))
        for pat in sorted(tried.values(), key=lambda p: (_specificity(p), p.rank)):
            if best is not None and _specificity(pat) >= _specificity(best):
                break
            if not all(e & right for e in pat.post):
                continue
            if pat.pre and left is None:
                before = [t for t in verb.sent if t.i < verb.i]
                left = _with_stems({t.lemma_.lower() for t in before} | {t.lower_ for t in before})
            if all(e & (left or set()) for e in pat.pre):
                best = pat
                break
    if best is not None and (best.pre or best.post):
        return best.code
    return None if key in PATTERN_ONLY else table.defaults.get(key)


def _with_stems(words: set[str]) -> set[str]:
    """The words and their stems of at least five letters: a pattern word is present as a word or as the stem of
    one (the dictionary writes "COOPERAT" for cooperate, cooperation, cooperative)."""
    return words | {w[:k] for w in words for k in range(5, len(w))}


def category_of(code: str | None) -> str | None:
    """The readable top-level category of a CAMEO code ("112" -> "disapprove")."""
    return CAMEO_CATEGORIES.get(code[:2]) if code else None
