"""Clustering skips clusters that share no actor word with an event; the clusters are those of comparing every
member, on random events whose actors overlap in every way the matching rules know (full names, surnames, orgs,
countries, empty names)."""

from __future__ import annotations

import random

import pytest

from search.events import clusters
from search.model import Actor, Event

PEOPLE = ["Rajnath Singh", "Singh", "Jeong Kyeong-doo", "Jeong", "Moon Jae-in", "Narendra Modi", "Modi", ""]
ORGS = ["Hanwha", "DRDO", "Ministry of Defence", "L&T", ""]
PLACES = ["India", "South Korea", "Seoul", "New Delhi", "Japan"]
TYPES = ["meeting", "visit", "arrival", "agreement", "statement", "delivery"]


def _date(rng: random.Random) -> tuple[str | None, str | None, str | None]:
    granularity = rng.choice(["day", "day", "week", "month", "year", None])
    if granularity is None:
        return None, None, None
    day = f"2019-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
    if granularity == "year":
        return "2019", None, "year"
    if granularity == "month":
        return day[:7], None, "month"
    end = f"{day[:8]}{min(28, int(day[8:]) + rng.randint(0, 3)):02d}" if rng.random() < 0.2 else None
    return day, end, granularity


def _events(seed: int, count: int) -> tuple[list[Event], dict[str, str | None]]:
    rng = random.Random(seed)
    docs = {
        f"d{number}": rng.choice([None, f"2019-0{rng.randint(1, 3)}-{rng.randint(1, 28):02d}"]) for number in range(40)
    }
    events = []
    for number in range(count):
        actors = [Actor(rng.choice(PEOPLE), "PERSON") for _ in range(rng.randint(0, 2))]
        actors += [Actor(rng.choice(ORGS), "ORG") for _ in range(rng.randint(0, 1))]
        actors += [Actor(rng.choice(PLACES), "GPE") for _ in range(rng.randint(0, 2))]
        date, date_end, granularity = _date(rng)
        doc = rng.choice(list(docs))
        events.append(
            Event(
                f"e{number}",
                doc,
                rng.choice(TYPES),
                "met",
                tuple(actors),
                None,
                date,
                date_end,
                None,
                granularity,
                "A sentence.",
                number,
                number + 10,
            )
        )
    return events, docs


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_skipping_clusters_without_a_shared_actor_word_changes_no_cluster(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    events, docs = _events(seed, 600)
    fast = clusters.cluster_events(events, docs)
    monkeypatch.setattr(clusters, "actor_words", lambda event: {"every cluster is compared"})
    every_member = clusters.cluster_events(events, docs)
    assert [(e.cluster, e.sources) for e in fast] == [(e.cluster, e.sources) for e in every_member]
    assert len({e.cluster for e in fast}) < len(events) - 50  # the sample does merge events


def test_actor_words_hold_whole_names_and_their_words() -> None:
    event = _events(0, 1)[0][0]
    event = Event(**{**event.__dict__, "actors": (Actor("Rajnath Singh", "PERSON"), Actor("", "ORG"))})
    assert clusters.actor_words(event) == {"rajnath singh", "rajnath", "singh", ""}
