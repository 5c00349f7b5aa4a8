"""The prefix table: for every short prefix of the unstemmed `words` field, its most frequent terms.

A prefix query typed as `re*` must expand to the most frequent words starting with "re"; finding them in the
live index means asking the document frequency of thousands of candidates (a second at 20,000 articles). The table
is computed once after an ingest changed the index (one pass over the field's lexicon), stored in the document store
with the index generation it describes, and read at query time with one indexed lookup. A table for another
generation is ignored: the query then expands live, which is slower but never wrong.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator

from whoosh.index import Index
from whoosh.reading import IndexReader

from search.store import Store

#: Prefix lengths the table holds; longer prefixes have few candidates and expand live.
SHORTEST, LONGEST = 1, 4
#: Terms a query takes at most per prefix; the table keeps one more, so that a cut shows.
TERMS_PER_PREFIX = 64
FIELD = "words"

PrefixTerms = list[tuple[str, int]]


def table_rows(reader: IndexReader, keep: int = TERMS_PER_PREFIX + 1) -> Iterator[tuple[str, PrefixTerms]]:
    """(prefix, [(term, document frequency), ...] most frequent first) for every prefix of SHORTEST..LONGEST."""
    best: dict[str, list[tuple[int, str]]] = {}
    for term, frequency in _frequencies(reader).items():
        for length in range(SHORTEST, min(LONGEST, len(term)) + 1):
            heap = best.setdefault(term[:length], [])
            if len(heap) < keep:
                heapq.heappush(heap, (frequency, term))
            elif frequency > heap[0][0]:
                heapq.heapreplace(heap, (frequency, term))
    for prefix, heap in best.items():
        yield prefix, [(term, frequency) for frequency, term in sorted(heap, key=lambda item: (-item[0], item[1]))]


def _frequencies(reader: IndexReader) -> dict[str, int]:
    """Document frequency of every term of the field, summed over the segments.

    Segment by segment: a multi-segment reader merges the segments' lexicons term by term, thirty times slower.
    """
    counts: dict[str, int] = {}
    for leaf, _offset in reader.leaf_readers():
        if FIELD not in leaf.indexed_field_names():
            continue
        for raw, info in leaf.iter_field(FIELD):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
            counts[term] = counts.get(term, 0) + info.doc_frequency()
    return counts


def refresh_prefix_table(ix: Index, store: Store) -> bool:
    """Rebuild the table when it does not describe the index's latest generation; True when it was rebuilt."""
    generation = ix.latest_generation()
    if store.prefix_table_generation() == generation:
        return False
    with ix.reader() as reader:
        store.replace_prefix_table(reader.generation(), table_rows(reader))
    return True


def is_short(prefix: str) -> bool:
    """Whether the table holds this prefix's terms (when it describes the index at all)."""
    return SHORTEST <= len(prefix) <= LONGEST
