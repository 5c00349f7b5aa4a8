"""Corpus-wide aliases of people: a name an article gives short ("Bush", "George Bush") and the full name the
corpus gives it ("George W. Bush"), when the corpus leaves little doubt who is meant.

Within one article canonical.py links "Bush" to the "George W. Bush" it names; an article that only says "Bush"
cannot. This step runs once at the end of an ingest, over every stored document's canonical names (like event
clustering), and yields entity key -> full name; the aliases are applied like the user's entity edits (they
come first, the user's edits after them), to the search index and to what `show` and `entities` read. Nothing
is re-parsed and the stored names stay as each article gave them, so the aliases can change as the corpus grows.

Why here and not at query time: the search index holds entity names, not their statistics, and `person:Bush`
cannot tell an article about Laura Bush from one saying "Bush"; deciding once per ingest costs one pass over
the stored names (2 s for the 8,500 articles of BBC News and Wikinews here, after spaCy's hour over them) and
re-indexes only the documents whose names an alias changed, and searching stays as fast as it was.

Rules, on the number of documents that give each canonical PERSON name:
- a full name without middle initials joins the one full name with them and the same first and last names
  ("George Bush" -> "George W. Bush") when that one has at least DOMINANCE of the documents of all such
  names, MIN_DOCS documents and at least half as many as the short one;
- a lone word joins the full name it ends (or, when none ends with it, the one it starts: "Saddam", "Hu")
  when that name has at least DOMINANCE of the documents of all full names ending (starting) with it,
  MIN_DOCS documents, and at least a quarter as many as the lone word ("Oscar", the award the model took for a
  person, stays apart from an "Oscar Pistorius" named twice), unless the corpus gives the word as a place or an
  organisation in at least as many documents ("Toulouse", the rugby club, is not Stephen Toulouse), or the
  word starts full names in as many documents as the chosen name has ("John" is not Elton John).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from search.entities.canonical import choose_display, entity_key
from search.model import Mention

if TYPE_CHECKING:
    from search.store import Store

#: Share of the documents the chosen full name must hold among the candidates.
DOMINANCE = 0.75
#: Documents the chosen full name must appear in.
MIN_DOCS = 3
#: The store's meta key holding the aliases in force (JSON: entity key -> full name).
ALIASES_META = "entity_aliases"

_INITIAL = re.compile(r"^(?:[A-Z]\.?){1,3}$")


def _squash(word: str) -> str:
    return entity_key(word)


def names_of(mentions: Iterable[Mention]) -> list[tuple[str, str]]:
    """The (label, canonical name) pairs of a document's mentions, as `person_documents` takes them."""
    return [(mention.label, mention.entity) for mention in mentions]


def person_documents(documents: Iterable[Iterable[tuple[str, str]]]) -> dict[str, tuple[int, int]]:
    """Canonical one-word or PERSON name (its corpus-wide display form) -> how many documents give it as a
    person, and how many give it (one word) with another label; from each document's (label, name) pairs."""
    forms: defaultdict[str, Counter[str]] = defaultdict(Counter)
    people: Counter[str] = Counter()
    others: Counter[str] = Counter()
    keys: dict[str, str] = {}  # names repeat across documents: each key is worked out once
    for names in documents:
        as_person: set[str] = set()
        as_other: set[str] = set()
        for label, name in names:
            if label == "PERSON" or " " not in name.strip():
                key = keys.get(name)
                if key is None:
                    key = keys[name] = entity_key(name)
                forms[key][name] += 1
                (as_person if label == "PERSON" else as_other).add(key)
        people.update(as_person)
        others.update(as_other)
    return {choose_display(forms[key]): (people[key], others[key]) for key in people if key}


def corpus_aliases(name_docs: Mapping[str, tuple[int, int]]) -> dict[str, str]:
    """Entity key of a short name -> the full name it stands for, from `person_documents` counts."""
    elsewhere = {name: counts[1] for name, counts in name_docs.items()}
    as_person = {name: counts[0] for name, counts in name_docs.items()}
    full = {name: count for name, count in as_person.items() if len(name.split()) > 1}
    aliases = _middle_initial_aliases(full)
    resolved: Counter[str] = Counter()
    for name, count in full.items():
        resolved[aliases.get(entity_key(name), name)] += count
    by_last: defaultdict[str, list[str]] = defaultdict(list)
    by_first: defaultdict[str, list[str]] = defaultdict(list)
    for name in resolved:
        words = name.split()
        by_last[_squash(words[-1])].append(name)
        by_first[_squash(words[0])].append(name)
    for name, count in as_person.items():
        if len(name.split()) != 1:
            continue
        key = entity_key(name)
        as_given = sum(resolved[full_name] for full_name in by_first.get(key, []))
        candidates = by_last.get(key) or by_first.get(key) or []
        chosen = _dominant(candidates, resolved)
        if not chosen or resolved[chosen] < MIN_DOCS or 4 * resolved[chosen] < count or elsewhere[name] >= count:
            continue
        if chosen in by_last.get(key, []) and as_given >= resolved[chosen]:
            continue  # as common a given name as a surname: "John"
        aliases[key] = chosen
    return aliases


def _middle_initial_aliases(full: Mapping[str, int]) -> dict[str, str]:
    """Key of "George Bush" -> "George W. Bush" (see the module's rules)."""
    plain: dict[tuple[str, str], list[str]] = defaultdict(list)
    initialled: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in full:
        words = name.split()
        ends = (_squash(words[0]), _squash(words[-1]))
        middle = words[1:-1]
        if not middle:
            plain[ends].append(name)
        elif all(_INITIAL.match(word) for word in middle):
            initialled[ends].append(name)
    aliases = {}
    for ends, names in plain.items():
        chosen = _dominant(initialled.get(ends, []), full)
        for name in names:
            if chosen and full[chosen] >= MIN_DOCS and 2 * full[chosen] >= full[name]:
                aliases[entity_key(name)] = chosen
    return aliases


def _dominant(candidates: Sequence[str], docs: Mapping[str, int]) -> str | None:
    """The candidate with at least DOMINANCE of their documents, if any."""
    if not candidates:
        return None
    best = max(candidates, key=lambda name: (docs[name], name))
    total = sum(docs[name] for name in candidates)
    return best if docs[best] >= DOMINANCE * total else None


def stored_aliases(store: Store) -> dict[str, str]:
    """The aliases in force for an index (none before the first ingest that made them)."""
    raw = store.meta(ALIASES_META)
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def refresh_aliases(store: Store) -> dict[str, str]:
    """Work the aliases out again from every stored document, save them, and journal for the search index the
    documents whose entity names they change (those naming a key whose alias appeared, went or moved)."""
    aliases = corpus_aliases(person_documents(names for _, names in store.entity_names()))
    before = stored_aliases(store)
    changed = {key for key in before.keys() | aliases.keys() if before.get(key) != aliases.get(key)}
    if not changed:
        return aliases
    affected = [
        doc_id for doc_id, names in store.entity_names() if any(entity_key(name) in changed for _, name in names)
    ]
    store.mark_pending(affected)
    store.set_meta(ALIASES_META, json.dumps(aliases, ensure_ascii=False, sort_keys=True))
    return aliases
