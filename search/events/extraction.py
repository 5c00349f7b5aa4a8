"""Event extraction: sentence-level reports of something happening, from a parsed document.

`extract_events(doc, mentions, doc_id, pub_date)` walks the sentences of a spaCy Doc (split again at line
breaks, so headlines and list items stand alone), finds trigger words (`search.events.triggers`), dates them
(`search.events.timing`, `search.events.tense`), keeps the plausible ones and builds an `Event` for each, with its
actors and location (`search.events.roles`). This module owns that assembly:

- one event per sentence, type and time expression (two statements of a sentence on two days are two events);
  an undated one only for a type with no dated one; strong beats weak.
- plausibility: no event from a hypothetical ("if you told us"); a statement needs a named speaker
  (`search.events.speakers`); a visit needs a traveller and a place or host (`search.events.visits`).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from search.events.kinds import Kind, classify, is_new_type, needs_agent, with_intent
from search.events.parse import verb_of
from search.events.roles import agent_target, find_actors, find_dateline, find_location
from search.events.speakers import has_speaker
from search.events.tense import trigger_tense
from search.events.timex import ResolvedDate, Timex, resolve
from search.events.timexes import clause_tense, resolve_entity
from search.events.timing import attached_to, candidate, segment_timexes
from search.events.triggers import Candidate
from search.events.visits import is_real_visit
from search.model import Event, Mention

#: `extract_events` looks for the dateline at the top of the parsed text itself (see its `dateline`).
FIND_DATELINE = "\0find"


def extract_events(
    doc: Doc, mentions: Sequence[Mention], doc_id: str, pub_date: str | None, dateline: str | None = FIND_DATELINE
) -> list[Event]:
    """The events reported in a parsed document, in text order. `doc` may be a later piece of a long article
    (search.nlp.pieces): then `dateline` is the article's (found in its first piece), not looked for here."""
    dateline_mention = find_dateline(doc.text, mentions) if dateline == FIND_DATELINE else None
    if dateline == FIND_DATELINE:
        dateline = dateline_mention.entity if dateline_mention else None
    kept = sorted((m for m in mentions if m is not dateline_mention), key=lambda m: m.start)
    starts = [m.start for m in kept]
    dates = [ent for ent in doc.ents if ent.label_ == "DATE"]
    events: list[Event] = []
    for segment in _segments(doc):
        within = kept[bisect_left(starts, segment.start_char) : bisect_right(starts, segment.end_char)]
        events.extend(_segment_events(segment, within, doc_id, pub_date, dateline, dates))
    return events


def event_id(doc_id: str, sentence_start: int, trigger: str) -> str:
    """A stable event id: hash of the document id, the sentence start offset and the trigger word."""
    return hashlib.sha1(f"{doc_id}|{sentence_start}|{trigger}".encode()).hexdigest()[:16]


def _segments(doc: Doc) -> Iterable[Span]:
    """The sentences of `doc`, split again at line breaks."""
    for sent in doc.sents:
        begin = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > begin:
                    yield doc[begin : tok.i]
                begin = tok.i + 1
        if sent.end > begin:
            yield doc[begin : sent.end]


def _segment_events(
    seg: Span,
    mentions: Sequence[Mention],
    doc_id: str,
    pub_date: str | None,
    dateline: str | None,
    dates: Sequence[Span] = (),
) -> list[Event]:
    text = seg.text
    stripped = text.strip()
    if len(stripped) < 3:
        return []
    start = seg.start_char + (len(text) - len(text.lstrip()))
    end = start + len(stripped)
    timexes = segment_timexes(seg, dates)
    seg_mentions = [m for m in mentions if m.start >= seg.start_char and m.end <= seg.end_char]
    blocked = _blocked_chars(seg.start_char, seg.end_char, timexes, seg_mentions)
    kinds: dict[int, Kind] = {}
    for tok in seg:
        if not blocked[tok.idx - seg.start_char]:
            kind = classify(tok)
            if kind is not None:
                kinds[tok.i] = kind
    triggers = [(seg.doc[i], kind.type) for i, kind in kinds.items()]
    attached = {tok.i: attached_to(tok, seg, timexes) for tok, _ in triggers}
    # the original types date themselves among themselves, as before the new types came: a time expression
    # attached to a new-type trigger does not keep it from an original-type one
    original = {tok.i for tok, etype in triggers if not is_new_type(etype)}
    claimed_original = {t for i, found in attached.items() if i in original for t in found}
    claimed = {t for found in attached.values() for t in found}
    cands = [
        candidate(tok, etype, seg, timexes, attached[tok.i], claimed_original if tok.i in original else claimed)
        for tok, etype in triggers
    ]
    events = []
    seen_triggers: set[str] = set()
    roles = {c.token.i: agent_target(c, seg_mentions) for c in cands if c is not None}
    plausible = [
        c
        for c in cands
        if c is not None and _plausible(c, seg_mentions) and (roles[c.token.i][0] or not needs_agent(c.type))
    ]
    for cand in _select(plausible):
        agent, target = roles[cand.token.i]
        tense = trigger_tense(cand.token)
        kind = with_intent(kinds[cand.token.i]) if _intended(cand.token, tense) else kinds[cand.token.i]
        if _obliged(cand.token) and kind.cameo:
            kind = Kind(kind.type if not is_new_type(kind.type) else "demand", "100", "demand")
        when = _resolve(cand.timex, cand.token, pub_date, tense) if cand.timex else None
        location, loc_mention = find_location(cand, seg, seg_mentions, dateline)
        id_key = cand.token.text if cand.token.text not in seen_triggers else f"{cand.token.text}|{cand.token.idx}"
        seen_triggers.add(cand.token.text)
        events.append(
            Event(
                id=event_id(doc_id, start, id_key),
                doc_id=doc_id,
                type=cand.type,
                trigger=cand.token.text,
                actors=find_actors(cand, seg, seg_mentions, loc_mention),
                location=location,
                date=when.date if when else None,
                date_end=when.date_end if when else None,
                date_text=cand.timex.text.strip() if cand.timex else None,
                granularity=when.granularity if when else None,
                sentence=stripped,
                start=start,
                end=end,
                category=kind.category,
                cameo=kind.cameo,
                agent=agent,
                target=target,
            )
        )
    return events


def _blocked_chars(begin: int, end: int, timexes: Sequence[Timex], mentions: Sequence[Mention]) -> bytearray:
    """Which characters of the text from `begin` to `end` lie in a time expression or an entity mention (1), where
    no trigger is looked for: one mark per character, so that each word is checked once, not against every span."""
    blocked = bytearray(end - begin + 1)
    for start, stop in [(t.start, t.end) for t in timexes] + [(m.start, m.end) for m in mentions]:
        start, stop = max(start, begin) - begin, min(stop, end + 1) - begin
        if stop > start:
            blocked[start:stop] = b"\x01" * (stop - start)
    return blocked


def _resolve(tx: Timex, trigger: Token, pub_date: str | None, tense: str | None) -> ResolvedDate:
    """A trigger's time expression resolved with the tense of the clause that holds it, when that clause is not
    the trigger's own ("talks, which will begin on Friday" look forward), else with the trigger's tense."""
    head = trigger.doc.char_span(tx.start, tx.end, alignment_mode="expand")
    if head is not None and len(head):
        verb = verb_of(head.root)
        if verb.i != verb_of(trigger).i and verb.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp"):
            tense = clause_tense(head.root) or tense
    if tx.kind == "entity":
        return resolve_entity(tx.text, pub_date, tense)
    return resolve(tx.text, pub_date, tense)


def _select(cands: list[Candidate]) -> list[Candidate]:
    """One event per sentence, type and time expression (the first strong trigger, else the first weak
    one); an undated event only for a type with no dated one in the sentence. In text order."""
    best: dict[tuple[str, int], Candidate] = {}
    for c in cands:
        key = (c.type, c.timex.start if c.timex else -1)
        old = best.get(key)
        if old is None or (c.strong and not old.strong):
            best[key] = c
    dated = {etype for etype, at in best if at >= 0}
    kept = [c for (etype, at), c in best.items() if at >= 0 or etype not in dated]
    return sorted(kept, key=lambda c: c.token.i)


def _plausible(cand: Candidate, seg_mentions: list[Mention]) -> bool:
    """Rules a trigger out when its sentence does not report the happening: a hypothetical ("if you told
    us"), a statement with no named speaker ("official sources said"), a visit with no traveller or no
    destination ("her Onyx Hotel tour", "Saturday's trip to France"), or a tour or trip in a concert or
    sports sentence."""
    if _is_hypothetical(cand.token):
        return False
    if cand.type == "statement":
        return has_speaker(cand.token, seg_mentions)
    if cand.type == "visit":
        return is_real_visit(cand.token)
    return True


INTENT_HEADS = frozenset({"willing", "ready", "prepared", "offer", "promise", "pledge", "vow", "threaten", "plan"})


def _intended(trigger: Token, tense: str | None) -> bool:
    """An act announced, not done: future ("will provide"), "would", or under a word of intent ("is ready to
    host", "offered to hand over")."""
    if tense == "future":
        return True
    verb = verb_of(trigger)
    if any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in INTENT_HEADS


def _obliged(trigger: Token) -> bool:
    """ "China must drop barriers", "forces should ensure security": an obligation someone states is a demand."""
    verb = verb_of(trigger)
    return verb.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children)


def _is_hypothetical(trigger: Token) -> bool:
    cur = verb_of(trigger)
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children):
            return True
        if cur.dep_ not in ("conj", "xcomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False
