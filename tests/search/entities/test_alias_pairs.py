"""Alias merging measured on a hand list of name pairs from BBC News and Wikinews (tests/data/entity_alias_pairs.tsv).

A pair merges when the two names end up as one entity: within an article by canonical.py, across articles by
the corpus-wide aliases (worked out here from tests/data/person_documents.tsv, the PERSON statistics of both
corpora, see alias_snapshot.py). Precision and recall of merging are printed and held at what was measured:
`pytest -m volume tests/search/entities/test_alias_pairs.py -s`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from search.entities.aliases import corpus_aliases
from search.entities.canonical import entity_key
from search.model import Mention
from search.nlp.annotate import find_mentions
from tests.paths import DATA
from tests.search.entities.alias_snapshot import SNAPSHOT, corpus_records

PAIRS = DATA / "entity_alias_pairs.tsv"
#: What was measured when the list was made (issue 19); the test fails when merging gets worse.
MIN_PRECISION = 1.0
MIN_RECALL = 0.9


def read_pairs() -> list[tuple[str, str, str, str, bool]]:
    rows = []
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            doc_a, name_a, doc_b, name_b, merge, _why = line.split("\t")
            rows.append((doc_a, name_a, doc_b, name_b, merge == "1"))
    return rows


def read_snapshot() -> dict[str, tuple[int, int]]:
    counts = {}
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, people, other = line.rsplit("\t", 2)
            counts[name] = (int(people), int(other))
    return counts


def final_key(mentions: list[Mention], name: str, aliases: dict[str, str]) -> str | None:
    """The entity key the article's first mention written `name` ends up with, or None (no such mention)."""
    for mention in mentions:
        if " ".join(mention.text.split()) == name:
            entity = aliases.get(entity_key(mention.entity), mention.entity)
            return entity_key(entity)
    return None


@pytest.mark.volume  # about a minute: parses the 60-odd articles of the list
def test_alias_merging_precision_and_recall(nlp: Any, bbc_dir: Path, wikinews_path: Path) -> None:
    pairs = read_pairs()
    wanted = {doc for a, _, b, _, _ in pairs for doc in (a, b)}
    bodies = dict(corpus_records(bbc_dir, wikinews_path, wanted))
    assert set(bodies) == wanted
    mentions = {ref: find_mentions(doc) for ref, doc in zip(bodies, nlp.pipe(bodies.values()), strict=True)}
    aliases = corpus_aliases(read_snapshot())
    outcome = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    wrong = []
    for doc_a, name_a, doc_b, name_b, merge in pairs:
        key_a, key_b = final_key(mentions[doc_a], name_a, aliases), final_key(mentions[doc_b], name_b, aliases)
        merged = key_a is not None and key_a == key_b
        outcome[("t" if merged == merge else "f") + ("p" if merged else "n")] += 1
        if merged != merge:
            wrong.append(f"{name_a} ({doc_a}) / {name_b} ({doc_b}): {'merged' if merged else 'apart'}")
    precision = outcome["tp"] / max(1, outcome["tp"] + outcome["fp"])
    recall = outcome["tp"] / max(1, outcome["tp"] + outcome["fn"])
    print(f"\nalias merging on {len(pairs)} pairs: precision {precision:.2f}, recall {recall:.2f}, {outcome}")
    print("\n".join(wrong))
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, wrong
