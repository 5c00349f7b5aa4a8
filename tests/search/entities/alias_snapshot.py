"""Write tests/data/person_documents.tsv: each canonical PERSON name of BBC News and Wikinews and how many
documents give it, the statistics the corpus-wide aliases are worked out from (search/entities/aliases.py).

    PYTHONPATH=. python -m tests.search.entities.alias_snapshot   # parses both corpora: about 40 minutes on a core

test_alias_pairs.py measures alias merging against it, so the measure needs no whole-corpus parse; run this again
after changing how names are canonicalised.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from search.entities.aliases import names_of, person_documents
from search.ingest.cleaning import clean_record
from search.ingest.discover import FoundFile
from search.ingest.readers import read_file
from search.model import Mention
from search.nlp.annotate import find_mentions
from search.nlp.spacy_model import load_model
from tests.paths import CORPORA, DATA

SNAPSHOT = DATA / "person_documents.tsv"


def corpus_records(bbc_dir: Path, wikinews_path: Path, wanted: set[str] | None = None) -> Iterator[tuple[str, str]]:
    """(reference as the pairs file writes it, clean body) of every article of both corpora (or of `wanted`)."""
    for path in sorted(bbc_dir.glob("*/*.txt")):
        ref = f"bbc:{path.parent.name}/{path.name}"
        if wanted is None or ref in wanted:
            data = path.read_bytes()
            for record in read_file(FoundFile(str(path), "txt", len(data), 0), data).records:
                yield ref, clean_record(record).body
    data = wikinews_path.read_bytes()
    if wanted is None:
        for record in read_file(FoundFile(str(wikinews_path), "json", len(data), 0), data).records:
            yield "wikinews:#" + record.path.rsplit("#", 1)[1], clean_record(record).body
        return
    for number, line in enumerate(data.split(b"\n"), start=1):  # the reader numbers JSON Lines by line
        ref = f"wikinews:#{number}"
        if ref in wanted:
            [record] = read_file(FoundFile(f"{wikinews_path}#{number}", "json", len(line), 0), line).records
            yield ref, clean_record(record).body


def write_snapshot(documents: list[list[Mention]], out: Path = SNAPSHOT) -> None:
    counts = person_documents(names_of(mentions) for mentions in documents)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))
    lines = [f"{name}\t{p}\t{o}" for name, (p, o) in ranked if p > 1 or (p and " " not in name)]
    head = (
        "# canonical PERSON name\tdocuments giving it as a person\tas something else (BBC News and Wikinews;\n"
        "# full names given by one document only are left out: they hardly move a share)\n"
    )
    out.write_text(head + "\n".join(lines) + "\n")


def main() -> None:
    nlp = load_model()
    bodies = [body for _, body in corpus_records(CORPORA / "bbc-news", CORPORA / "wikinews" / "wikinews.jsonl")]
    documents = [find_mentions(doc) for doc in nlp.pipe(bodies, batch_size=32)]
    write_snapshot(documents)
    print(f"{SNAPSHOT}: {len(documents)} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
