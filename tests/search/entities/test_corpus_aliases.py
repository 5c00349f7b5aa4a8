"""Corpus-wide aliases of people (issue 19): "Bush" in an article that never says "George W. Bush".

The counts are the issue's, from Wikinews: "George W. Bush" in 270 documents, "George Bush" in 49, "Bush" alone
in 207; `person:"George W. Bush"` found 272.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from search.corpus import Corpus
from search.entities.aliases import corpus_aliases
from search.entities.canonical import entity_key
from search.ingest.pipeline import IngestOptions, ingest
from search.model import Annotation
from search.nlp.annotate import annotate_batch

PEOPLE = {
    "George W. Bush": 270,
    "George Bush": 49,
    "Bush": 207,
    "Laura Bush": 9,
    "Jeb Bush": 6,
    "George H. W. Bush": 12,
    "Saddam Hussein": 150,
    "Saddam": 31,
    "Hu Jintao": 80,
    "Hu": 12,
    "Oscar": 62,
    "Oscar Pistorius": 2,
    "Brown": 40,
    "Gordon Brown": 60,
    "James Brown": 30,
    "Chen": 9,
    "Chen Shui-bian": 20,
    "Chen Yunlin": 8,
    "Toulouse": 3,
    "Stephen Toulouse": 4,
    "John": 4,
    "Elton John": 8,
    "John McCain": 60,
    "Michael Smith": 1,
    "Michael J. Smith": 2,
}
#: Documents that give a one-word name with another label (the rugby club, the city).
ELSEWHERE = {"Toulouse": 40, "Bush": 2}
WIKINEWS = {name: (count, ELSEWHERE.get(name, 0)) for name, count in PEOPLE.items()}


def test_short_names_join_the_full_name_the_corpus_gives_them() -> None:
    aliases = corpus_aliases(WIKINEWS)
    assert aliases[entity_key("Bush")] == "George W. Bush"
    assert aliases[entity_key("George Bush")] == "George W. Bush"
    assert aliases[entity_key("Saddam")] == "Saddam Hussein"
    assert aliases[entity_key("Hu")] == "Hu Jintao"


def test_doubtful_short_names_stay_apart() -> None:
    aliases = corpus_aliases(WIKINEWS)
    assert entity_key("Oscar") not in aliases  # two documents of an Oscar Pistorius do not make every Oscar his
    assert entity_key("Brown") not in aliases  # Gordon Brown 60, James Brown 30: no name dominates
    assert entity_key("Chen") not in aliases  # Chen Shui-bian 20 of 28
    assert entity_key("George H. W. Bush") not in aliases and entity_key("Laura Bush") not in aliases
    assert entity_key("Toulouse") not in aliases  # mostly a club or a city in this corpus
    assert entity_key("John") not in aliases  # a given name of many more than Elton John
    assert entity_key("Michael Smith") not in aliases  # two documents are too few to tell


def test_a_short_name_much_more_common_than_its_variant_stays() -> None:
    assert corpus_aliases({"John Smith": (100, 0), "John A. Smith": (3, 0)}) == {}


def _annotator(nlp: Any) -> Any:
    def annotate(items: list[tuple[str, str, str | None]]) -> list[Annotation]:
        return annotate_batch(items, nlp)

    return annotate


def test_search_finds_the_articles_that_only_say_bush(nlp: Any, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for number in range(3):
        (folder / f"full{number}.txt").write_text(
            f"Summit number {number}\n\nPresident George W. Bush met European leaders in Brussels on Monday. "
            "Bush said the alliance was strong.\n"
        )
    (folder / "short.txt").write_text("Budget row\n\nMr Bush asked Congress for more money on Tuesday.\n")
    (folder / "laura.txt").write_text("Reading drive\n\nLaura Bush opened a library in Texas. Bush read to pupils.\n")
    index = tmp_path / "index"
    ingest(index, [str(folder)], IngestOptions(), annotator_factory=lambda: _annotator(nlp))
    with Corpus(index) as corpus:
        found = {Path(hit.summary.paths[0]).name for hit in corpus.search('person:"George W. Bush"', limit=50).hits}
        assert found == {"full0.txt", "full1.txt", "full2.txt", "short.txt"}
        short = next(s for s in corpus.store.summaries() if s.paths[0].endswith("short.txt"))
        assert {m.entity for m in corpus.document(short.id).annotation.mentions} >= {"George W. Bush"}
        people = {e.name: e.docs for e in corpus.entities(label="person")}
        assert people["George W. Bush"] == 4 and people["Laura Bush"] == 1 and "Bush" not in people
