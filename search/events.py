"""Event extraction: sentence-level reports of something happening, from a parsed document.

`extract_events(doc, mentions, doc_id, pub_date)` walks the sentences of a spaCy Doc (split again at
line breaks, so headlines and list items stand alone), finds trigger words by lemma (see
`search.event_types`), and for each trigger builds an `Event`:

- type and trigger: one event per sentence and type; a dated trigger beats an undated one, strong beats weak.
- tense: from the parse of the trigger's verb (the trigger itself, or the verb a noun trigger hangs from):
  "will"/"shall", "to"-infinitives ("is set to", "plans to", "to be held"), "upcoming"/"next" modifiers
  -> future; past-tense verbs or auxiliaries -> past; otherwise None (read as past by `timex.resolve`).
- time: the time expression (from `search.timex`) attached to the trigger or its verb in the parse; for a
  strong trigger, the only time expression of the sentence if none is attached. Weak triggers ("said",
  "discussed") need an attached one.
- actors: the entity mentions (PERSON, ORG, GPE, NORP) of the sentence, by canonical name, with a role
  where the parse gives one: subject -> "agent" (passive subject -> "patient"), object -> "patient" (for
  meetings and calls "participant"), "with"/"between"/"of" X -> "participant", "by" X -> "agent",
  possessor or compound of a noun trigger -> "agent".
- location: a GPE/LOC/FAC mention governed by in/at (to/into for visits, arrivals, deliveries; the object
  of "visit"), else the article's dateline ("New Delhi: ..."), except for visits and arrivals.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from search.event_types import STRONG, trigger_type
from search.model import Actor, Event, Mention
from search.timex import Timex, find_timexes, resolve

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PHONE_WORDS = frozenset({"phone", "telephone", "telephonic", "telephonically", "phonecall", "video"})
FUTURE_HEADS = frozenset(
    {"plan", "expect", "set", "schedule", "due", "go", "intend", "aim", "hope", "want", "propose", "prepare"}
)
FUTURE_MODS = frozenset({"upcoming", "forthcoming", "proposed", "planned", "scheduled", "next", "future"})
MEET_NON_EVENTS = frozenset(
    {
        "target",
        "demand",
        "expectation",
        "need",
        "requirement",
        "standard",
        "criterion",
        "deadline",
        "cost",
        "goal",
        "obligation",
        "condition",
        "criteria",
        "end",
        "challenge",
    }
)
REPORTING = frozenset({"say", "tell", "add", "report", "announce", "state", "learn", "claim", "confirm", "tweet"})
_DATELINE = re.compile(r"\s*(?:\(\w+\)\s*)?[:—–]")


@dataclass(frozen=True)
class _Candidate:
    token: Token
    type: str
    strong: bool
    timex: Timex | None


def extract_events(doc: Doc, mentions: Sequence[Mention], doc_id: str, pub_date: str | None) -> list[Event]:
    """The events reported in a parsed document, in text order."""
    dateline_mention = _dateline(doc.text, mentions)
    dateline = dateline_mention.entity if dateline_mention else None
    kept = [m for m in mentions if m is not dateline_mention]
    events: list[Event] = []
    for segment in _segments(doc):
        events.extend(_segment_events(segment, kept, doc_id, pub_date, dateline))
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
    seg: Span, mentions: Sequence[Mention], doc_id: str, pub_date: str | None, dateline: str | None
) -> list[Event]:
    text = seg.text
    stripped = text.strip()
    if len(stripped) < 3:
        return []
    start = seg.start_char + (len(text) - len(text.lstrip()))
    end = start + len(stripped)
    timexes = [
        Timex(t.text, t.start + seg.start_char, t.end + seg.start_char, t.kind)
        for t in find_timexes(text)
        if "(@" not in text[max(0, t.start - 40) : t.start]  # tweet signature stamp, not an event date
    ]
    seg_mentions = [m for m in mentions if m.start >= seg.start_char and m.end <= seg.end_char]
    blocked = [(t.start, t.end) for t in timexes] + [(m.start, m.end) for m in seg_mentions]
    best: dict[str, _Candidate] = {}
    for tok in seg:
        if any(a <= tok.idx < b for a, b in blocked):
            continue
        cand = _candidate(tok, seg, timexes)
        if cand is None:
            continue
        old = best.get(cand.type)
        if old is None or _rank(cand) > _rank(old):
            best[cand.type] = cand
    events = []
    for cand in sorted(best.values(), key=lambda c: c.token.i):
        tense = _tense(cand.token)
        when = resolve(cand.timex.text, pub_date, tense) if cand.timex else None
        location, loc_mention = _location(cand, seg, seg_mentions, dateline)
        events.append(
            Event(
                id=event_id(doc_id, start, cand.token.text),
                doc_id=doc_id,
                type=cand.type,
                trigger=cand.token.text,
                actors=_actors(cand, seg, seg_mentions, loc_mention),
                location=location,
                date=when.date if when else None,
                date_end=when.date_end if when else None,
                date_text=cand.timex.text.strip() if cand.timex else None,
                granularity=when.granularity if when else None,
                sentence=stripped,
                start=start,
                end=end,
            )
        )
    return events


def _rank(c: _Candidate) -> tuple[bool, bool]:
    return (c.timex is not None, c.strong)


# --- triggers ---------------------------------------------------------------------------------------


def _candidate(tok: Token, seg: Span, timexes: list[Timex]) -> _Candidate | None:
    etype = _trigger(tok)
    if etype is None:
        return None
    strong = _is_strong(tok, etype)
    attached = [t for t in timexes if _attached(t, tok, seg)]
    if attached:
        return _Candidate(tok, etype, strong, attached[0])
    if not strong:
        return None
    if len(timexes) == 1 and _governs(timexes[0], tok, seg):
        return _Candidate(tok, etype, strong, timexes[0])
    return _Candidate(tok, etype, strong, None)


def _governs(tx: Timex, trigger: Token, seg: Span) -> bool:
    """Fallback attachment: the clause verb the time expression modifies dominates the trigger, and is
    not a reporting verb ("sources said on Sunday" dates the saying, not the event)."""
    root = _span_root(tx.start, tx.end, seg)
    cur = root
    for _ in range(8):
        if cur is None or cur.head.i == cur.i or not seg.start <= cur.head.i < seg.end:
            return True  # no clause verb inside the segment (the parse ran across a line break)
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return cur.lemma_.lower() not in REPORTING and cur.is_ancestor(trigger)
    return False


def _trigger(tok: Token) -> str | None:
    if tok.pos_ not in ("VERB", "NOUN", "PROPN") or tok.dep_ in ("compound", "amod"):
        return None
    if any(c.dep_ == "neg" for c in tok.children):
        return None
    lemma = tok.lemma_.lower()
    if lemma == "talk" and tok.pos_ == "VERB" and not any(c.lower_ == "with" for c in tok.children):
        return None
    if lemma in ("sign", "state", "confer", "deliver", "inaugurate", "invite") and tok.pos_ != "VERB":
        return None
    if lemma == "exercise" and tok.pos_ == "VERB":
        return None
    if lemma == "meet" and any(c.dep_ == "dobj" and c.lemma_.lower() in MEET_NON_EVENTS for c in tok.children):
        return None
    if lemma == "hand" and not any(c.dep_ == "prt" and c.lower_ == "over" for c in tok.children):
        return None
    if lemma == "call" and not _is_phone_talk(tok):
        return None
    if (lemma in ("deal", "accord") and tok.pos_ == "VERB") or tok.lower_ == "according":
        return None
    if lemma in ("review", "visit", "tour", "drill") and tok.tag_ == "VBG" and tok.dep_ == "amod":
        return None
    if _is_phone_talk(tok):
        return "call"
    return trigger_type(lemma)


def _is_phone_talk(tok: Token) -> bool:
    """'spoke over telephone', 'telephonic conversation', 'phone call'."""
    lemma = tok.lemma_.lower()
    if lemma in ("speak", "talk", "conversation", "call", "discussion", "talks", "hold"):
        for c in tok.children:
            if c.lower_ in PHONE_WORDS:
                return True
            if c.dep_ == "prep" and any(g.lower_ in PHONE_WORDS for g in c.children):
                return True
    return False


def _is_strong(tok: Token, etype: str) -> bool:
    return tok.lemma_.lower() in STRONG or etype == "call"


def _verb_of(tok: Token) -> Token:
    """The trigger itself if a verb, else the nearest verb it hangs from (or itself)."""
    cur = tok
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        cur = cur.head
    return cur if cur.pos_ in ("VERB", "AUX") else tok


def _span_root(start: int, end: int, seg: Span) -> Token | None:
    toks = [t for t in seg if t.idx >= start and t.idx + len(t.text) <= end and not t.is_space]
    if not toks:
        return None
    inside = {t.i for t in toks}
    for t in toks:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return toks[0]


def _attached(tx: Timex, trigger: Token, seg: Span) -> bool:
    """True when the time expression hangs from the trigger, or from the verb a noun trigger hangs from."""
    root = _span_root(tx.start, tx.end, seg)
    if root is None:
        return False
    anchors = {trigger.i, _verb_of(trigger).i}
    cur = root
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i in anchors:
            return True
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return False
    return False


# --- tense ----------------------------------------------------------------------------------------


def _tense(trigger: Token) -> str | None:
    if any(c.dep_ == "amod" and c.lower_ in FUTURE_MODS for c in trigger.children):
        return "future"
    verb = _verb_of(trigger)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll", "wo") for a in auxes):
        return "future"
    if any(a.lower_ == "to" for a in auxes) or verb.dep_ == "xcomp":
        if verb.head.lemma_.lower() in FUTURE_HEADS or _tense_of(verb.head) != "past":
            return "future"
        return "past"
    return _tense_of(verb)


def _tense_of(verb: Token) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll", "wo") for a in auxes):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


# --- actors and location --------------------------------------------------------------------------


def _climb(tok: Token) -> Token:
    """Up through conjunctions, appositions and compounds to the token carrying the grammatical role."""
    cur = tok
    for _ in range(5):
        if cur.dep_ in ("conj", "appos", "compound") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return cur


def _role(root: Token, cand: _Candidate) -> str | None:
    trig = cand.token
    verb = _verb_of(trig)
    tok = _climb(root)
    head = tok.head
    if tok.dep_ in ("nsubj", "agent") and head.i in (trig.i, verb.i):
        return "agent"
    if tok.dep_ == "nsubjpass" and head.i in (trig.i, verb.i):
        return "patient"
    if tok.dep_ == "dobj" and head.i == trig.i:
        return "participant" if cand.type in ("meeting", "call") else "patient"
    if tok.dep_ == "poss" and head.i == trig.i:
        return "agent"
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.i in (trig.i, verb.i):
        prep = head.lower_
        if prep in ("with", "between", "among", "of"):
            return "participant"
        if prep == "by":
            return "agent"
    if root.dep_ == "compound" and root.head.i == trig.i:
        return "agent"
    return None


def _actors(cand: _Candidate, seg: Span, seg_mentions: list[Mention], loc: Mention | None) -> tuple[Actor, ...]:
    actors: dict[str, Actor] = {}
    for m in seg_mentions:
        if m.label not in ACTOR_LABELS or m is loc:
            continue
        root = _span_root(m.start, m.end, seg)
        role = _role(root, cand) if root is not None else None
        old = actors.get(m.entity)
        if old is None or (old.role is None and role is not None):
            actors[m.entity] = Actor(m.entity, m.label, role)
    return tuple(actors.values())


def _location(
    cand: _Candidate, seg: Span, seg_mentions: list[Mention], dateline: str | None
) -> tuple[str | None, Mention | None]:
    trig = cand.token
    anchors = {trig.i, _verb_of(trig).i}
    preps = {"in", "at"} | ({"to", "into"} if cand.type in ("visit", "arrival", "delivery") else set())
    for m in seg_mentions:
        if m.label not in PLACE_LABELS:
            continue
        root = _span_root(m.start, m.end, seg)
        if root is None:
            continue
        tok = _climb(root)
        if tok.dep_ == "pobj" and tok.head.lower_ in preps and tok.head.head.i in anchors:
            return m.entity, m
        if cand.type == "visit" and tok.dep_ == "dobj" and tok.head.i == trig.i:
            return m.entity, m
    if dateline and cand.type not in ("visit", "arrival"):
        return dateline, None
    return None, None


def _dateline(text: str, mentions: Sequence[Mention]) -> Mention | None:
    """A place named at the start of a line near the top, followed by a colon or dash ("New Delhi: ...")."""
    for m in mentions:
        if m.start > 1500:
            break
        if m.label not in PLACE_LABELS:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        if text[line_start : m.start].strip():
            continue
        if _DATELINE.match(text, m.end):
            return m
    return None
