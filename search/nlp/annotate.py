"""The annotate stage: run spaCy over clean bodies and keep what the features need.

`annotate_batch` takes (doc_id, clean body, publication date) triples and returns one `Annotation` each:
entity mentions (see search/entities.py) and events (search/events.py). It keeps no state between calls;
inputs and outputs are plain picklable data and the model is passed in, so the same function can run in
a process pool or on a cluster worker that loaded its own model. The work can also be split in two:
`parse_batch` (the spaCy parse, serialised) in one process and `annotate_parsed` (the rest) in another,
with the same result (for bodies no longer than `piece_limit`).

Articles of any length are annotated: a body longer than `piece_limit(nlp)` is parsed piece by piece
(search.nlp.pieces: cut at paragraphs, then sentences), so memory is bounded by the piece, not the article; the
entities of all pieces are canonicalised together over the whole body, events are shifted to whole-body offsets
and named like the whole body's entities, every piece resolves its time expressions against the article's
publication date and takes its dateline from the first piece.

One document never costs the others: whatever fails for one document (its parse, its entities, its events) is
caught and said in its `Annotation.problems`, and the document keeps what did not fail.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from search.entities.canonical import RawSpan, canonicalise
from search.events.extraction import FIND_DATELINE, event_id, extract_events
from search.events.roles import find_dateline
from search.failure_reason import reason
from search.model import Annotation, Event, Mention
from search.nlp.pieces import PIECE_CHARS, pieces

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: Documents per nlp.pipe batch.
DEFAULT_BATCH_SIZE = 32

Item = tuple[str, str, str | None]


def piece_limit(nlp: Language) -> int:
    """The longest text parsed in one go: PIECE_CHARS, or less when the model's own limit is lower."""
    return max(2, min(PIECE_CHARS, int(nlp.max_length)))


def annotate_batch(
    items: Sequence[Item],
    nlp: Language,
    *,
    jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> list[Annotation]:
    """Annotations for (doc_id, body, pub_date ISO or None) items, in order; `jobs` processes parse.

    Never raises for one document: what failed is in that document's Annotation.problems."""
    limit = piece_limit(nlp)
    short = [number for number, (_, body, _) in enumerate(items) if len(body) <= limit]
    notes = dict(zip(short, _annotate_short([items[number] for number in short], nlp, jobs, batch_size), strict=True))
    return [notes[number] if number in notes else annotate_one(item, nlp) for number, item in enumerate(items)]


def annotate_one(item: Item, nlp: Language) -> Annotation:
    """The annotation of one document of any length (in pieces when it is long); never raises."""
    doc_id, body, pub_date = item
    try:
        spans = pieces(body, piece_limit(nlp))
        if len(spans) == 1:
            return annotate_doc(nlp(body), doc_id, pub_date)
        return _annotate_pieces(doc_id, body, pub_date, nlp, spans)
    except Exception as error:  # one document's failure is its own: it is indexed without annotation
        return Annotation(problems=(reason("annotation failed", error),))


def parse_batch(bodies: Sequence[str], nlp: Language, *, batch_size: int = DEFAULT_BATCH_SIZE) -> bytes:
    """The parses of `bodies`, serialised (a spaCy DocBin) for `annotate_parsed` to finish elsewhere."""
    from spacy.tokens import DocBin

    return DocBin(docs=nlp.pipe(bodies, batch_size=batch_size)).to_bytes()


def annotate_parsed(parsed: bytes, items: Sequence[Item], vocab: Vocab) -> list[Annotation]:
    """What `annotate_batch` gives for `items`, from `parse_batch` of their bodies; `vocab` is the model's."""
    from spacy.tokens import DocBin

    docs = DocBin().from_bytes(parsed).get_docs(vocab)
    return [annotate_doc(doc, doc_id, pub_date) for doc, (doc_id, _, pub_date) in zip(docs, items, strict=True)]


def annotate_doc(doc: Doc, doc_id: str, pub_date: str | None) -> Annotation:
    """The annotation of one parsed document; a failure of event extraction leaves it its entities."""
    mentions = find_mentions(doc)
    try:
        events = extract_events(doc, mentions, doc_id, pub_date)
    except Exception as error:
        return Annotation(mentions=tuple(mentions), problems=(reason("event extraction failed", error),))
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


def _annotate_short(items: Sequence[Item], nlp: Language, jobs: int, batch_size: int) -> list[Annotation]:
    """Documents that fit in one piece, parsed together; when the batch breaks, each on its own."""
    if not items:
        return []
    n_process = max(1, min(jobs, len(items) // max(1, batch_size) or 1))
    try:
        docs = nlp.pipe((body for _, body, _ in items), n_process=n_process, batch_size=batch_size)
        return [annotate_doc(doc, doc_id, pub_date) for doc, (doc_id, _, pub_date) in zip(docs, items, strict=True)]
    except Exception:  # one document broke the batch: annotate each alone, so only that one goes without
        return [annotate_one(item, nlp) for item in items]


@dataclass
class _Assembly:
    """What the pieces of one long document gave so far, in whole-body offsets (kept small: a 50 MB article has
    a million of them): the NER spans as tuples, and of each piece's own canonical mentions only those that named
    its events' actors and places."""

    raw: list[tuple[str, str, int, int, bool]]
    local: list[tuple[int, int, str]]
    events: list[Event]
    problems: list[str]


def _annotate_pieces(
    doc_id: str, body: str, pub_date: str | None, nlp: Language, spans: list[tuple[int, int]]
) -> Annotation:
    """One long document, parsed piece by piece (one piece in memory at a time) and put back together."""
    done = _Assembly([], [], [], [])
    dateline: str | None = FIND_DATELINE
    texts: Iterator[str] = (body[start:end] for start, end in spans)
    for (start, _), doc in zip(spans, nlp.pipe(texts, batch_size=1), strict=True):
        raw = raw_spans(doc)
        local = canonicalise(doc.text, raw)
        if dateline == FIND_DATELINE:  # the first piece: the article's dateline, if any, is at its top
            found = find_dateline(doc.text, local)
            events = _piece_events(doc, local, doc_id, pub_date, FIND_DATELINE, done.problems)
            dateline = found.entity if found else None
        else:
            events = _piece_events(doc, local, doc_id, pub_date, dateline, done.problems)
        done.raw.extend((s.text, s.label, s.start + start, s.end + start, s.common) for s in raw)
        named = {actor.name for event in events for actor in event.actors} | {event.location for event in events}
        done.local.extend((m.start + start, m.end + start, m.entity) for m in local if m.entity in named)
        done.events.extend(_shift_event(event, start, doc_id, doc.text) for event in events)
    mentions = canonicalise(body, (RawSpan(*span) for span in done.raw))
    done.raw.clear()
    events = _rename(done.events, done.local, mentions)
    return Annotation(tuple(mentions), tuple(events), tuple(done.problems))


def _piece_events(
    doc: Doc, mentions: list[Mention], doc_id: str, pub_date: str | None, dateline: str | None, problems: list[str]
) -> list[Event]:
    """One piece's events (piece offsets); a failure costs that piece's events and is noted once."""
    try:
        return extract_events(doc, mentions, doc_id, pub_date, dateline)
    except Exception as error:
        if not problems:
            problems.append(reason("event extraction failed", error))
        return []


def _shift_event(event: Event, offset: int, doc_id: str, piece: str) -> Event:
    """An event of a piece starting at `offset`, in whole-body offsets, with the id the whole body would give it."""
    if not offset:
        return event
    key = event.trigger
    if event_id(doc_id, event.start, key) != event.id:  # the trigger recurred in the sentence: the key has its offset
        at = piece.find(event.trigger, event.start, event.end)
        while at >= 0 and event_id(doc_id, event.start, f"{event.trigger}|{at}") != event.id:
            at = piece.find(event.trigger, at + 1, event.end)
        key = f"{event.trigger}|{at + offset}" if at >= 0 else event.id
    return replace(
        event, id=event_id(doc_id, event.start + offset, key), start=event.start + offset, end=event.end + offset
    )


def _rename(events: list[Event], local: list[tuple[int, int, str]], mentions: list[Mention]) -> list[Event]:
    """Events named with the whole body's entities: each piece named its actors and places from its own text (a
    surname alone in a later piece did not know the full name given in an earlier one). `local`: (start, end,
    name) of the pieces' own mentions."""
    wanted = {(start, end) for start, end, _ in local}
    final = {(m.start, m.end): m for m in mentions if (m.start, m.end) in wanted}
    votes: dict[str, Counter[tuple[str, str]]] = {}
    for start, end, name in local:
        whole = final.get((start, end))
        if whole is not None:
            votes.setdefault(name, Counter())[(whole.entity, whole.label)] += 1
    names = {name: counter.most_common(1)[0][0] for name, counter in votes.items()}
    renamed = []
    for event in events:
        actors = tuple(
            replace(actor, name=names[actor.name][0], label=names[actor.name][1]) if actor.name in names else actor
            for actor in event.actors
        )
        location = names[event.location][0] if event.location in names else event.location
        renamed.append(replace(event, actors=actors, location=location))
    return renamed
