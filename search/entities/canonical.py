"""Canonical entities: from raw NER spans of one document to mentions that name one entity each.

Pure functions on strings and offsets (no spaCy here). Rules:
- spans are trimmed: a leading article ("the"), a possessive ("'s", "’"), stray punctuation and anything
  after a line break go, and so does junk the model ran on into: lower-case words at the end ("Condoleezza
  Rice  began"), anything after a spaced dash ("George Bush - March"), wiki infobox markers; for people,
  titles and honorifics ("Mr", "Shri", "Gen", "Defence Minister", "His Excellency", "Raksha Mantri") go too,
  and the offsets move with the text, so body[start:end] == text;
- obvious model errors are dropped: a span that is only a title ("the Raksha Mantri"), a lone common noun
  (the caller flags it from the part-of-speech tag), a span without letters;
- within a document, a name the article gives as a PERSON is a PERSON wherever it recurs (a person's name
  tagged GPE is relabelled), and a surname alone links to the full name given earlier; when two people
  share it, the one named more often so far wins ("Mr Singh" stays Rajnath Singh after "Karambir Singh");
  a word that is no one's surname but starts a full name links to it too: a given name ("Saddam" ->
  Saddam Hussein) or a family name written first ("Hu" -> Hu Jintao); a full name without the middle
  initials another full name of the article has is that person ("George Bush" -> George W. Bush), unless
  the article names two people with the same first and last names;
- a canonical name has single spaces ("Microsoft  Corporation" -> "Microsoft Corporation");
- across documents, `entity_key` is the identity: case, spacing, hyphens, accents, honorifics, articles and
  possessives do not count, and common country aliases map to one name ("ROK", "S Korea" -> South Korea).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from search.entities.places import COUNTRIES, places_within
from search.model import Mention

#: NER labels kept as entities; numeric and temporal labels (DATE, MONEY, ...) are not entities.
ENTITY_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)

#: Labels of proper names, which end in a capitalised word (an EVENT, a WORK_OF_ART or a LAW may not).
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC"})

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
#: A spaced dash: no name runs across one ("George Bush - March 27, 2008").
_SPACED_DASH = re.compile(r"\s[-–—]+\s")
#: Wiki infobox markers left in the text, which the model takes for the end of a name.
_WIKI_JUNK = re.compile(r"^\w*Info(?:box|section)\w*$")
#: A middle initial ("W.", "H", "J.R.").
_INITIAL = re.compile(r"^(?:[A-Z]\.?){1,3}$")
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


def trim(body: str, start: int, end: int, *, strip_titles: bool, name: bool = True) -> tuple[int, int] | None:
    """Offsets of the name inside body[start:end], or None when nothing name-like is left; `name` is False for
    spans that may end in a lower-case word ("the Iraq war" as an EVENT)."""
    text = body[start:end]
    lines = [m for m in re.finditer(r"[^\n]+", text) if any(ch.isalpha() for ch in m.group())]
    if not lines:
        return None
    start, end = start + lines[0].start(), start + lines[0].end()
    start, end = _strip_edges(body, start, end)
    dash = _SPACED_DASH.search(body, start, end)
    if dash and any(ch.isalpha() for ch in body[start : dash.start()]):
        end = dash.start()
    if body.count("(", start, end) > body.count(")", start, end):
        end = body.rindex("(", start, end)  # "Institute for Fiscal Studies (IFS" -> the name before it
    start = _strip_leading_words(body, start, end, ARTICLES)
    end = _strip_trailing_junk_words(body, start, end, lower=name)
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


#: Lower-case words that cannot end any entity span ("European Union - the").
_TRAILING_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "or", "in", "on", "at", "to"})


def _junk_tail(token: str, lower: bool) -> bool:
    """A word that cannot end a name: a score ("7-5"), a function word, a wiki infobox marker, and with
    `lower` any lower-case word ("began": names end in a capitalised word, though "da" and "de" may come
    inside one)."""
    if _SCORE.match(token) or token in _TRAILING_FUNCTION_WORDS or _WIKI_JUNK.match(token):
        return True
    return lower and token.isalpha() and token.islower()


def _strip_trailing_junk_words(body: str, start: int, end: int, *, lower: bool = True) -> int:
    """Move `end` before trailing scores ("Czech Republic 7-5 6-3"), lower-case words ("Condoleezza Rice
    began", "EU - the") and infobox markers ("Saddam Hussein Infobox")."""
    tokens = list(_TOKEN.finditer(body, start, end))
    while len(tokens) > 1 and _junk_tail(tokens[-1].group(), lower):
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
    candidates = _with_places_in_events(_candidates(body, spans))
    person_keys = {entity_key(c.text) for c in candidates if c.label == "PERSON"}
    person_keys |= {_surname(c.text) for c in candidates if c.label == "PERSON"}
    candidates = [_retitle(body, c, person_keys) for c in candidates]
    linked = _harmonise_labels(_link_people(candidates))
    forms: dict[str, Counter[str]] = {}
    fallback: dict[str, Counter[str]] = {}
    for candidate, key in linked:
        own = entity_key(candidate.text) == key  # a surname alone never becomes the display form
        (forms if own else fallback).setdefault(key, Counter())[" ".join(candidate.text.split())] += 1
    display = {key: choose_display(forms.get(key) or counter) for key, counter in {**fallback, **forms}.items()}
    return [Mention(c.text, c.label, c.start, c.end, display[key]) for c, key in linked]


def _candidates(body: str, spans: Iterable[RawSpan]) -> list[_Candidate]:
    out = []
    for span in sorted(spans, key=lambda s: s.start):
        if span.label not in ENTITY_LABELS or span.common:
            continue
        if is_title_only(body[span.start : span.end]):
            continue
        offsets = trim(body, span.start, span.end, strip_titles=span.label == "PERSON", name=span.label in NAME_LABELS)
        if not offsets:
            continue
        text = body[offsets[0] : offsets[1]]
        if span.label == "PERSON" and not is_person_like(text):
            continue
        display = alias_display(text)
        label = ("ORG" if display in ORG_ALIASES else "GPE") if display else span.label
        out.append(_Candidate(text, label, *offsets))
    return out


#: Place names looked for inside EVENT spans, besides the article's own places: countries and their aliases.
_KNOWN_PLACES = frozenset(COUNTRIES) | frozenset(
    name
    for display, aliases in COUNTRY_ALIASES.items()
    if display not in ORG_ALIASES
    for name in (display, *aliases)
    if name[:1].isupper()
)


def _with_places_in_events(candidates: list[_Candidate]) -> list[_Candidate]:
    """The candidates, and a place for each place name inside an EVENT ("Iraq" in "the Iraq war"), so that an
    article about the war is found by `place:Iraq`; the EVENT stays, the place is nested in it."""
    events = [c for c in candidates if c.label == "EVENT"]
    if not events:
        return candidates
    known = _KNOWN_PLACES | {c.text for c in candidates if c.label in ("GPE", "LOC")}
    nested = [
        _Candidate(event.text[s:e], "GPE", event.start + s, event.start + e)
        for event in events
        for s, e in places_within(event.text, known)
        if (s, e) != (0, len(event.text))
    ]
    return sorted(candidates + nested, key=lambda c: (c.start, -c.end)) if nested else candidates


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
    """Each candidate with its entity key, after person relabelling and name linking.

    A lone word links to a person whose full name ends with it: one named before it if any, else one
    named later in the article; when no full name ends with it, to one that starts with it (a given name,
    or a family name written first). A lone ORG word links to the one longer ORG it starts. A word the model
    tagged as something else (GPE, ORG...) links only when
    the article tags it as a person at least a third as often as it tags it otherwise ("Singh" tagged GPE
    twice after "Rajnath Singh" thrice: yes; "India" ten times against one junk "RMO India": no).
    A full name lacking the middle initials of another links to it (see `_middle_initial_keys`).
    """
    people = [c for c in candidates if c.label == "PERSON" and len(c.text.split()) > 1]
    full_names = {entity_key(c.text) for c in people}
    fuller = _middle_initial_keys(people)
    by_surname, by_first = _names_by(people, _surname), _names_by(people, _first_name)
    as_person = Counter(_surname(c.text) for c in candidates if c.label == "PERSON")
    lone_person = Counter(entity_key(c.text) for c in candidates if c.label == "PERSON" and len(c.text.split()) == 1)
    alone = Counter(entity_key(c.text) for c in candidates if c.label != "PERSON" and len(c.text.split()) == 1)
    org_heads = _org_heads(candidates)
    trust = _Trust(as_person, lone_person, alone)
    seen: Counter[str] = Counter()
    out = []
    for candidate in candidates:
        key = entity_key(candidate.text)
        if key in full_names:
            candidate = _as_person(candidate)
            key = fuller.get(key, key)
        elif len(candidate.text.split()) == 1 and (
            names := _full_names_of(candidate, key, by_surname, by_first, trust)
        ):
            names = list(dict.fromkeys(fuller.get(name, name) for name in names))
            key = max(names, key=lambda k: (seen[k], -names.index(k)))
            candidate = _as_person(candidate)
        elif candidate.label == "ORG" and key in org_heads:
            key = org_heads[key]
        seen[key] += 1
        out.append((candidate, key))
    return out


@dataclass(frozen=True)
class _Trust:
    """How often an article tags a word as a person (as a surname or alone; alone only) and otherwise."""

    as_person: Counter[str]
    lone_person: Counter[str]
    alone: Counter[str]

    def surname(self, candidate: _Candidate, key: str) -> bool:
        return candidate.label == "PERSON" or SURNAME_TRUST * self.as_person[key] >= self.alone[key]

    def given_name(self, candidate: _Candidate, key: str) -> bool:
        """A word is taken for a given name only when tagged a person alone often enough ("Ontario" tagged GPE,
        beside an "Ontario Greens" the model took for a person, is not one)."""
        return candidate.label == "PERSON" or SURNAME_TRUST * self.lone_person[key] >= self.alone[key] > 0


#: A name part (surname or first name) -> where the article first names each full name with it, and their keys,
#: in that order.
_NamesByPart = dict[str, tuple[list[int], list[str]]]


def _full_names_of(
    candidate: _Candidate, key: str, by_surname: _NamesByPart, by_first: _NamesByPart, trust: _Trust
) -> list[str]:
    """Keys of the full names a lone word may stand for: those it ends (surname), else those it starts."""
    names = _named_by(key, candidate.start, by_surname) if trust.surname(candidate, key) else []
    if not names and trust.given_name(candidate, key):
        names = _named_by(key, candidate.start, by_first)
    return names


def _named_by(word: str, position: int, index: _NamesByPart) -> list[str]:
    """Keys of the full names with `word` as the indexed part: those named before `position` if any, else all of
    them, in the order the article first names them."""
    starts, keys = index.get(word, ([], []))
    return keys[: bisect_left(starts, position)] or list(keys)


def _names_by(people: Sequence[_Candidate], part: Callable[[str], str]) -> _NamesByPart:
    """Full names indexed by a part of them (so that linking lone words is not quadratic in a long article's
    mentions: a 5 MB article spent minutes there)."""
    found: _NamesByPart = {}
    for person in sorted(people, key=lambda p: p.start):
        starts, keys = found.setdefault(part(person.text), ([], []))
        key = entity_key(person.text)
        if key not in keys:
            starts.append(person.start)
            keys.append(key)
    return found


def _middle_initial_keys(people: Sequence[_Candidate]) -> dict[str, str]:
    """Key of a full name -> key of the one name of the article with the same first and last names and
    middle initials ("George Bush" -> "George W. Bush"); two such names ("George H. W. Bush" and "George W.
    Bush") leave the short one alone, and never merge with each other."""
    by_ends: dict[tuple[str, str], set[str]] = {}
    plain: dict[tuple[str, str], str] = {}
    for person in people:
        words = person.text.split()
        ends = (_squash(words[0]), _squash(words[-1]))
        middle = words[1:-1]
        if not middle:
            plain[ends] = entity_key(person.text)
        elif all(_INITIAL.match(word) for word in middle):
            by_ends.setdefault(ends, set()).add(entity_key(person.text))
    return {short: next(iter(by_ends[ends])) for ends, short in plain.items() if len(by_ends.get(ends, ())) == 1}


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


def _first_name(name: str) -> str:
    return _squash(name.split()[0])


def _as_person(candidate: _Candidate) -> _Candidate:
    if candidate.label == "PERSON":
        return candidate
    return _Candidate(candidate.text, "PERSON", candidate.start, candidate.end)
