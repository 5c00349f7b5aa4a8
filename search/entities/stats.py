"""Entities across the corpus: one summary per canonical entity, most frequent first.

Mentions of many documents are grouped by `entity_key` of their canonical name, so "Jeong Kyeongdoo" in
one article and "Jeong Kyeong-Doo" in another are one entity. The display name is chosen over the whole
corpus (`choose_display` over every document's canonical name), the label is the most frequent one.
Labels stay spaCy's; the search fields group them: PERSON -> person, ORG -> org, GPE/LOC/FAC -> place.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from search.entities.canonical import choose_display, entity_key
from search.model import Mention

#: spaCy label -> search field.
SEARCH_FIELDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass(frozen=True)
class EntitySummary:
    """One canonical entity: its name, label, other surface forms, mention count and document count."""

    name: str
    label: str
    aliases: tuple[str, ...]
    count: int
    docs: int

    def to_json(self) -> dict[str, Any]:
        """The `entities` command's JSON object."""
        return {
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "count": self.count,
            "docs": self.docs,
        }


def search_field_for(label: str) -> str | None:
    """The search field ("person", "org", "place") a label is indexed under, or None."""
    return SEARCH_FIELDS.get(label.upper())


def label_matches(label: str, wanted: str) -> bool:
    """True when `label` is `wanted`, as a spaCy label ("GPE") or a search field ("place"), any case."""
    wanted_upper = wanted.upper()
    return label.upper() == wanted_upper or search_field_for(label) == wanted.lower()


def display_names(mentions: Iterable[Mention]) -> dict[str, str]:
    """Entity key -> corpus-wide display name, from the canonical names documents gave."""
    forms: dict[str, Counter[str]] = {}
    for mention in mentions:
        forms.setdefault(entity_key(mention.entity), Counter())[mention.entity] += 1
    return {key: choose_display(counter) for key, counter in forms.items()}


def summarise(documents: Iterable[tuple[str, Sequence[Mention]]], label: str | None = None) -> list[EntitySummary]:
    """Summaries of the entities mentioned in (doc_id, mentions) pairs, most frequent first.

    `label` keeps only entities whose label matches (spaCy label or search field, see `label_matches`).
    """
    names: defaultdict[str, Counter[str]] = defaultdict(Counter)
    labels: defaultdict[str, Counter[str]] = defaultdict(Counter)
    surfaces: defaultdict[str, Counter[str]] = defaultdict(Counter)
    docs: defaultdict[str, set[str]] = defaultdict(set)
    keys: dict[str, str] = {}  # canonical name -> entity key: names repeat across mentions, the key is worked out once
    for doc_id, mentions in documents:
        for mention in mentions:
            key = keys.get(mention.entity)
            if key is None:
                key = keys[mention.entity] = entity_key(mention.entity)
            names[key][mention.entity] += 1
            labels[key][mention.label] += 1
            surfaces[key][mention.text] += 1
            docs[key].add(doc_id)
    summaries = [_summary(names[k], labels[k], surfaces[k], len(docs[k])) for k in names]
    if label:
        summaries = [s for s in summaries if label_matches(s.label, label)]
    return sorted(summaries, key=lambda s: (-s.count, -s.docs, s.name.casefold()))


def _summary(names: Counter[str], labels: Counter[str], surfaces: Counter[str], docs: int) -> EntitySummary:
    name = choose_display(names)
    best_label = max(labels, key=lambda lab: (labels[lab], lab == "PERSON", lab))
    aliases = tuple(f for f, _ in sorted(surfaces.items(), key=lambda kv: (-kv[1], kv[0])) if f != name)
    return EntitySummary(name, best_label, aliases, sum(labels.values()), docs)
