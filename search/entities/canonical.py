"""Canonical entities: from raw NER spans of one document to mentions that name one entity each.

Pure functions on strings and offsets (no spaCy here). Rules:
- spans are trimmed: a leading article ("the"), a possessive ("'s", "’"), stray punctuation and anything
  after a line break go; for people, titles and honorifics ("Mr", "Shri", "Gen", "Defence Minister",
  "His Excellency", "Raksha Mantri") go too, and the offsets move with the text, so body[start:end] == text;
- obvious model errors are dropped: a span that is only a title ("the Raksha Mantri"), a lone common noun
  (the caller flags it from the part-of-speech tag), a span without letters;
- within a document, a name the article gives as a PERSON is a PERSON wherever it recurs (a person's name
  tagged GPE is relabelled), and a surname alone links to the full name given earlier; when two people
  share it, the one named more often so far wins ("Mr Singh" stays Rajnath Singh after "Karambir Singh");
- across documents, `entity_key` is the identity: case, spacing, hyphens, accents, honorifics, articles and
  possessives do not count, and common country aliases map to one name ("ROK", "S Korea" -> South Korea).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from search.model import Mention

#: NER labels kept as entities; numeric and temporal labels (DATE, MONEY, ...) are not entities.
ENTITY_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)

#: Honorifics: never part of a name, stripped from every entity key.
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "shri", "shree", "smt", "shrimati", "his", "her", "excellency"}
    | {"hon", "honourable", "honorable", "rev", "reverend", "sir", "dame", "mister"}
)

#: Titles of office or rank: stripped from the front of a PERSON span (not from organisations, so
#: "General Motors" and "Air France" keep their names).
TITLE_WORDS = HONORIFICS | frozenset(
    {"president", "vice", "prime", "minister", "defence", "defense", "foreign", "home", "finance", "chief"}
    | {"secretary", "chancellor", "senator", "sen", "rep", "representative", "governor", "gov", "mayor"}
    | {"raksha", "mantri", "pm", "gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major"}
    | {"capt", "captain", "adm", "admiral", "marshal", "air", "navy", "army", "commander", "cmdr"}
    | {"sgt", "sergeant", "brig", "brigadier", "inspector", "det", "detective", "judge", "justice"}
    | {"professor", "prof", "coach", "manager", "boss", "chairman", "chairwoman", "ceo", "deputy"}
    | {"shadow", "national", "state", "of", "ex", "former", "late", "envoy", "ambassador", "spokesman"}
)

#: Words that may not start a name even though they are not titles: a leading article.
ARTICLES = frozenset({"the", "a", "an"})

#: Display name -> aliases. Keys of aliases (see `entity_key`) map to the display name.
COUNTRY_ALIASES: Mapping[str, tuple[str, ...]] = {
    "South Korea": ("ROK", "RoK", "R.O.K.", "Republic of Korea", "S Korea", "S. Korea", "Korea Republic"),
    "North Korea": ("DPRK", "Democratic People's Republic of Korea", "N Korea", "N. Korea"),
    "United States": ("US", "U.S.", "USA", "U.S.A.", "United States of America", "America", "the States"),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain"),
    "China": ("PRC", "People's Republic of China", "Mainland China"),
    "Russia": ("Russian Federation",),
    "United Arab Emirates": ("UAE", "U.A.E."),
    "European Union": ("EU", "E.U."),
    "United Nations": ("UN", "U.N."),
    "India": ("Republic of India", "Bharat"),
}

#: Aliases that name organisations rather than countries.
ORG_ALIASES = frozenset({"European Union", "United Nations"})

_APOSTROPHES = "'’‘”`"
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}]s?$", re.IGNORECASE)
_LEAD_JUNK = re.compile(r"^[\W_]+")
_TRAIL_JUNK = re.compile(r"(?:[\s\"'’‘“”`,;:!?\-–—(\[{/=<>|*#~^+_]|(?<=[a-z]{3})\.)+$")
_TOKEN = re.compile(r"\S+")
_SCORE = re.compile(r"^\(?\d+[-–]\d+\)?$|^[-–—]$")


#: A lone word tagged non-PERSON links to a person's surname when PERSON tags * this >= other tags.
SURNAME_TRUST = 3


@dataclass(frozen=True)
class RawSpan:
    """One NER span as the model gave it; `common` marks a lone common noun (from its POS tag)."""

    text: str
    label: str
    start: int
    end: int
    common: bool = False


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose: most names, and the cost of entity keys at corpus scale
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _word(token: str) -> str:
    """A token as compared with the title lists: folded, without dots or commas."""
    return _fold(token).strip(".,")


def _squash(text: str) -> str:
    return "".join(ch for ch in _fold(text) if ch.isalnum())


def _strip_for_key(name: str) -> str:
    name = _POSSESSIVE.sub("", name.strip())
    tokens = name.split()
    while tokens and (_word(tokens[0]) in HONORIFICS or _word(tokens[0]) in ARTICLES):
        tokens = tokens[1:]
    return " ".join(tokens)


_ALIAS_KEYS: Mapping[str, str] = {
    _squash(_strip_for_key(alias)): display
    for display, aliases in COUNTRY_ALIASES.items()
    for alias in (display, *aliases)
}


def entity_key(name: str) -> str:
    """The corpus-wide identity of a name: equal keys are one entity.

    Case, accents, spaces, hyphens and dots do not count; honorifics, a leading "the" and a possessive
    are dropped; a country alias becomes its country ("ROK" and "the Republic of Korea's" -> "southkorea").
    """
    squashed = _squash(_strip_for_key(name))
    alias = _ALIAS_KEYS.get(squashed)
    return _squash(alias) if alias else squashed


def alias_display(name: str) -> str | None:
    """The display name of a country alias ("RoK" -> "South Korea"), else None."""
    return _ALIAS_KEYS.get(_squash(_strip_for_key(name)))


def is_title_only(text: str) -> bool:
    """True when every word of `text` is an article, honorific or title ("the Raksha Mantri")."""
    words = [_word(token) for token in text.split()]
    return bool(words) and all(w in TITLE_WORDS or w in ARTICLES for w in words)


def trim(body: str, start: int, end: int, *, strip_titles: bool) -> tuple[int, int] | None:
    """Offsets of the name inside body[start:end], or None when nothing name-like is left."""
    text = body[start:end]
    lines = [m for m in re.finditer(r"[^\n]+", text) if any(ch.isalpha() for ch in m.group())]
    if not lines:
        return None
    start, end = start + lines[0].start(), start + lines[0].end()
    start, end = _strip_edges(body, start, end)
    if body.count("(", start, end) > body.count(")", start, end):
        end = body.rindex("(", start, end)  # "Institute for Fiscal Studies (IFS" -> the name before it
    start = _strip_leading_words(body, start, end, ARTICLES)
    end = _strip_trailing_junk_words(body, start, end)
    if strip_titles:
        start = _after_last_honorific(body, start, end)
        start = _strip_leading_words(body, start, end, TITLE_WORDS | ARTICLES)
    possessive = _POSSESSIVE.search(body[start:end])
    if possessive and (possessive.group() != "'" or body[start:end].endswith("s'")):
        end = start + possessive.start()
    start, end = _strip_edges(body, start, end)
    segment = body[start:end]
    if not is_name_like(segment) or (strip_titles and is_title_only(segment)):
        return None
    return start, end


def is_name_like(text: str) -> bool:
    """A name has a letter, and a capital unless its script has no case ("26th", "geo" are not names)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    return any(ch.isupper() for ch in letters) or not any(ch.islower() for ch in letters)


def is_person_like(text: str) -> bool:
    """A person's name has no digits and no "/", "@", "#" ("K-9 Thunder" tagged PERSON is not one)."""
    return not any(ch.isdigit() or ch in "/@#&" for ch in text)


def _strip_edges(body: str, start: int, end: int) -> tuple[int, int]:
    text = body[start:end]
    lead = _LEAD_JUNK.match(text)
    if lead:
        start += lead.end()
    trail = _TRAIL_JUNK.search(body[start:end])
    if trail:
        end = start + trail.start()
    return start, max(start, end)


#: Lower-case words that cannot end a name ("European Union - the").
_TRAILING_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "or", "in", "on", "at", "to"})


def _strip_trailing_junk_words(body: str, start: int, end: int) -> int:
    """Move `end` before trailing scores ("Czech Republic 7-5 6-3") or function words ("EU - the")."""
    tokens = list(_TOKEN.finditer(body, start, end))
    while len(tokens) > 1 and (_SCORE.match(tokens[-1].group()) or tokens[-1].group() in _TRAILING_FUNCTION_WORDS):
        tokens.pop()
    return tokens[-1].end() if tokens else end


def _after_last_honorific(body: str, start: int, end: int) -> int:
    """Move `start` past the last honorific of a person span ("Describing Mr Jackson" -> "Jackson")."""
    tokens = list(_TOKEN.finditer(body, start, end))
    for index in range(len(tokens) - 2, 0, -1):
        if _word(tokens[index].group()) in HONORIFICS - {"his", "her"}:
            return tokens[index + 1].start()
    return start


def _strip_leading_words(body: str, start: int, end: int, words: frozenset[str]) -> int:
    """Move `start` past leading words in `words`, leaving at least one word."""
    tokens = list(_TOKEN.finditer(body, start, end))
    index = 0
    while index < len(tokens) - 1 and _word(tokens[index].group()) in words:
        index += 1
    return tokens[index].start() if tokens else start


def choose_display(forms: Mapping[str, int]) -> str:
    """The display form among surface forms with counts: a country's own name, else the most frequent,
    then the one not in capitals, then the one with most words, then the longest, then alphabetical."""
    for form in forms:
        display = alias_display(form)
        if display:
            return display
    return max(forms, key=lambda f: (forms[f], not f.isupper(), len(f.split()), len(f), f))


@dataclass(frozen=True)
class _Candidate:
    text: str
    label: str
    start: int
    end: int


def canonicalise(body: str, spans: Iterable[RawSpan]) -> list[Mention]:
    """The mentions of one document, trimmed, filtered and linked to their canonical entity names."""
    candidates = _candidates(body, spans)
    person_keys = {entity_key(c.text) for c in candidates if c.label == "PERSON"}
    person_keys |= {_surname(c.text) for c in candidates if c.label == "PERSON"}
    candidates = [_retitle(body, c, person_keys) for c in candidates]
    linked = _harmonise_labels(_link_people(candidates))
    forms: dict[str, Counter[str]] = {}
    fallback: dict[str, Counter[str]] = {}
    for candidate, key in linked:
        own = entity_key(candidate.text) == key  # a surname alone never becomes the display form
        (forms if own else fallback).setdefault(key, Counter())[candidate.text] += 1
    display = {key: choose_display(forms.get(key) or counter) for key, counter in {**fallback, **forms}.items()}
    return [Mention(c.text, c.label, c.start, c.end, display[key]) for c, key in linked]


def _candidates(body: str, spans: Iterable[RawSpan]) -> list[_Candidate]:
    out = []
    for span in sorted(spans, key=lambda s: s.start):
        if span.label not in ENTITY_LABELS or span.common:
            continue
        if is_title_only(body[span.start : span.end]):
            continue
        offsets = trim(body, span.start, span.end, strip_titles=span.label == "PERSON")
        if not offsets:
            continue
        text = body[offsets[0] : offsets[1]]
        if span.label == "PERSON" and not is_person_like(text):
            continue
        display = alias_display(text)
        label = ("ORG" if display in ORG_ALIASES else "GPE") if display else span.label
        out.append(_Candidate(text, label, *offsets))
    return out


def _retitle(body: str, candidate: _Candidate, person_keys: set[str]) -> _Candidate:
    """A non-PERSON span that is a person's name or surname behind titles ("Raksha Mantri Shri Rajnath
    Singh" tagged WORK_OF_ART, "Mr Singh" tagged GPE) becomes that person."""
    if candidate.label == "PERSON":
        return candidate
    offsets = trim(body, candidate.start, candidate.end, strip_titles=True)
    if offsets and (offsets[0], offsets[1]) != (candidate.start, candidate.end):
        text = body[offsets[0] : offsets[1]]
        if entity_key(text) in person_keys:
            return _Candidate(text, "PERSON", *offsets)
    return candidate


def _link_people(candidates: Sequence[_Candidate]) -> list[tuple[_Candidate, str]]:
    """Each candidate with its entity key, after person relabelling and surname linking.

    A lone word links to a person whose full name ends with it: one named before it if any, else one
    named later in the article. A lone ORG word links to the one longer ORG it starts. A word the model
    tagged as something else (GPE, ORG...) links only when
    the article tags it as a person at least a third as often as it tags it otherwise ("Singh" tagged GPE
    twice after "Rajnath Singh" thrice: yes; "India" ten times against one junk "RMO India": no).
    """
    people = [c for c in candidates if c.label == "PERSON" and len(c.text.split()) > 1]
    full_names = {entity_key(c.text) for c in people}
    by_surname = _full_names_by_surname(people)
    as_person = Counter(_surname(c.text) for c in candidates if c.label == "PERSON")
    alone = Counter(entity_key(c.text) for c in candidates if c.label != "PERSON" and len(c.text.split()) == 1)
    org_heads = _org_heads(candidates)
    seen: Counter[str] = Counter()
    out = []
    for candidate in candidates:
        key = entity_key(candidate.text)
        if key in full_names:
            candidate = _as_person(candidate)
        elif len(candidate.text.split()) == 1 and (
            candidate.label == "PERSON" or SURNAME_TRUST * as_person[key] >= alone[key]
        ):
            starts, keys = by_surname.get(key, ([], []))
            names = keys[: bisect_left(starts, candidate.start)] or keys  # named before it, else later
            if names:
                key = max(names, key=lambda k: (seen[k], -names.index(k)))
                candidate = _as_person(candidate)
        elif candidate.label == "ORG" and key in org_heads:
            key = org_heads[key]
        seen[key] += 1
        out.append((candidate, key))
    return out


def _full_names_by_surname(people: Sequence[_Candidate]) -> dict[str, tuple[list[int], list[str]]]:
    """Surname -> the full names ending with it, in the order the article first names them, with where it does
    (so that linking a surname is not quadratic in a long article's mentions)."""
    found: dict[str, tuple[list[int], list[str]]] = {}
    for person in sorted(people, key=lambda p: p.start):
        starts, keys = found.setdefault(_surname(person.text), ([], []))
        key = entity_key(person.text)
        if key not in keys:
            starts.append(person.start)
            keys.append(key)
    return found


def _org_heads(candidates: Sequence[_Candidate]) -> dict[str, str]:
    """First word -> key of the one multi-word ORG it starts ("Cairn" -> "Cairn Energy"), when only one."""
    heads: dict[str, set[str]] = {}
    for c in candidates:
        if c.label == "ORG" and len(c.text.split()) > 1 and not c.text.split()[0].isupper():
            heads.setdefault(_squash(c.text.split()[0]), set()).add(entity_key(c.text))
    return {head: next(iter(keys)) for head, keys in heads.items() if len(keys) == 1}


def _harmonise_labels(linked: list[tuple[_Candidate, str]]) -> list[tuple[_Candidate, str]]:
    """One label per entity in a document: the most frequent one, ties to the first seen ("Cairn" tagged
    ORG four times and PERSON three times is an ORG)."""
    labels: dict[str, Counter[str]] = {}
    for candidate, key in linked:
        labels.setdefault(key, Counter())[candidate.label] += 1
    best = {key: counter.most_common(1)[0][0] for key, counter in labels.items()}
    return [(replace(c, label=best[key]) if c.label != best[key] else c, key) for c, key in linked]


def _surname(name: str) -> str:
    return _squash(name.split()[-1])


def _as_person(candidate: _Candidate) -> _Candidate:
    if candidate.label == "PERSON":
        return candidate
    return _Candidate(candidate.text, "PERSON", candidate.start, candidate.end)
