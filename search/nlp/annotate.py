"""The annotate stage: run spaCy over clean bodies and keep what the features need.

`annotate_batch` takes (doc_id, clean body, publication date) triples and returns one `Annotation` each:
entity mentions (see search/entities.py) and events (search/events.py). It keeps no state between calls;
inputs and outputs are plain picklable data and the model is passed in, so the same function can run in
a process pool or on a cluster worker that loaded its own model. The work can also be split in two:
`parse_batch` (the spaCy parse, serialised) in one process and `annotate_parsed` (the rest) in another,
with the same result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from search.entities.canonical import RawSpan, canonicalise
from search.events.extraction import extract_events
from search.model import Annotation, Mention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: Documents per nlp.pipe batch.
DEFAULT_BATCH_SIZE = 32


def annotate_batch(
    items: Sequence[tuple[str, str, str | None]],
    nlp: Language,
    *,
    jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> list[Annotation]:
    """Annotations for (doc_id, body, pub_date ISO or None) items, in order; `jobs` processes parse."""
    bodies = (body for _, body, _ in items)
    n_process = max(1, min(jobs, len(items) // max(1, batch_size) or 1))
    docs = nlp.pipe(bodies, n_process=n_process, batch_size=batch_size)
    return [annotate_doc(doc, doc_id, pub_date) for doc, (doc_id, _, pub_date) in zip(docs, items, strict=True)]


def parse_batch(bodies: Sequence[str], nlp: Language, *, batch_size: int = DEFAULT_BATCH_SIZE) -> bytes:
    """The parses of `bodies`, serialised (a spaCy DocBin) for `annotate_parsed` to finish elsewhere."""
    from spacy.tokens import DocBin

    return DocBin(docs=nlp.pipe(bodies, batch_size=batch_size)).to_bytes()


def annotate_parsed(parsed: bytes, items: Sequence[tuple[str, str, str | None]], vocab: Vocab) -> list[Annotation]:
    """What `annotate_batch` gives for `items`, from `parse_batch` of their bodies; `vocab` is the model's."""
    from spacy.tokens import DocBin

    docs = DocBin().from_bytes(parsed).get_docs(vocab)
    return [annotate_doc(doc, doc_id, pub_date) for doc, (doc_id, _, pub_date) in zip(docs, items, strict=True)]


def annotate_doc(doc: Doc, doc_id: str, pub_date: str | None) -> Annotation:
    """The annotation of one parsed document."""
    mentions = find_mentions(doc)
    events = extract_events(doc, mentions, doc_id, pub_date)
    return Annotation(mentions=tuple(mentions), events=tuple(events))


def find_mentions(doc: Doc) -> list[Mention]:
    """The canonical entity mentions of a parsed document; offsets index into doc.text."""
    return canonicalise(doc.text, raw_spans(doc))


def raw_spans(doc: Doc) -> list[RawSpan]:
    """The NER spans of a document, each flagged when it is a lone common noun (not a proper noun)."""
    return [
        RawSpan(ent.text, ent.label_, ent.start_char, ent.end_char, common=_lone_common_noun(ent)) for ent in doc.ents
    ]


#: Labels of spans that should be proper nouns; a lone common noun with one of them is a model error.
PROPER_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW"})


def _lone_common_noun(ent: Any) -> bool:
    """A one-word, capitalised-only-at-the-start span tagged as a common noun ("Certification" as ORG)."""
    if ent.label_ not in PROPER_LABELS:
        return False
    words = [token for token in ent if not token.is_punct]
    if len(words) != 1:
        return False
    text = words[0].text
    return text[:1].isupper() and text[1:].islower() and words[0].pos_ == "NOUN"
