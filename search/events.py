"""Event extraction: sentence-level reports of something happening, from a parsed document.

`extract_events(doc, mentions, doc_id, pub_date)` walks the sentences of a spaCy Doc (split again at
line breaks, so headlines and list items stand alone), finds trigger words by lemma (see
`search.event_types`), and for each trigger builds an `Event`:

- type and trigger: one event per sentence, type and time expression (two statements of a sentence on two
  days are two events); an undated one only for a type with no dated one; strong beats weak.
- plausibility: no event from a hypothetical ("if you told us"); a statement needs a named speaker (an
  entity, a proper noun, an institution or office, "he"/"she"; not "official sources"); a visit needs a
  traveller and a place or host, and no concert or sports words in its sentence ("her Onyx Hotel tour",
  "Saturday's trip to France" are not visits); a noun trigger whose verb is negated is no event.
- tense: from the parse of the trigger's verb (the trigger itself, or the verb a noun trigger hangs from):
  "will"/"shall", "to"-infinitives ("is set to", "plans to", "to be held"), "upcoming"/"next" modifiers
  -> future; past-tense verbs or auxiliaries -> past; otherwise None (read as past by `timex.resolve`).
  "The first country to state" takes the tense of its main verb.
- time: the time expression (from `search.timex`) attached to the trigger or its verb in the parse, the
  one hanging from the trigger itself first; also through a temporal clause ("said, when asked today"),
  from the clause a subjectless participle or "by saying" belongs to ("went on a tirade, saying"), and
  from a clause that realises a noun trigger ("a deal reached in April"). For a strong trigger, the only
  time expression of the sentence if none is attached and no other trigger has it attached. Weak triggers
  ("said", "discussed") need an attached one. A time expression that dates a reference point ("since his
  death in June 2000"), a trigger that is one ("ahead of the meeting") or a subject noun of a verb not
  about its course ("contracts will be quoted from Monday") gives no date.
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

from search.event_types import DOCUMENT_NOUNS, PERFORMANCE_CONTEXT, SPEAKER_NOUNS, STRONG, trigger_type
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
        "rule",
        "test",
        "threshold",
        "limit",
        "quota",
        "pledge",
        "commitment",
    }
)
REPORTING = frozenset({"say", "tell", "add", "report", "announce", "state", "learn", "claim", "confirm", "tweet"})
PERSON_PRONOUNS = frozenset({"me", "him", "her", "us", "them", "you"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "his", "her"})
GATHERING_VERBS = frozenset(
    {"begin", "open", "start", "end", "close", "conclude", "take", "convene", "meet", "run", "continue", "resume"}
)
REALISE_VERBS = frozenset(
    {
        "hold",
        "take",
        "reach",
        "strike",
        "sign",
        "seal",
        "conclude",
        "agree",
        "announce",
        "schedule",
        "set",
        "plan",
        "begin",
        "start",
        "happen",
        "occur",
        "make",
        "pay",
        "conduct",
        "undertake",
        "convene",
    }
)
COURSE_VERBS = GATHERING_VERBS | REALISE_VERBS | {"be", "collapse", "break", "fail", "last", "come", "go", "get"}
#: prepositions that make a noun trigger a reference point of its clause, not its happening ("lashed out on
#: Thursday ahead of the meeting", "have not resumed since the summit")
RELATIVE_PREPS = frozenset({"before", "after", "since", "following", "ahead", "prior", "until", "pending"})
FIRST_WORDS = frozenset({"first", "second", "third", "last", "only", "latest"})
TRAVEL_VERBS = frozenset({"pay", "make", "undertake", "begin", "start", "end", "conclude", "complete", "cut", "embark"})
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
    triggers = [
        (tok, etype)
        for tok in seg
        if not any(a <= tok.idx < b for a, b in blocked)
        for etype in [_trigger(tok)]
        if etype is not None
    ]
    attached = {tok.i: _attached_to(tok, seg, timexes) for tok, _ in triggers}
    claimed = {t for found in attached.values() for t in found}
    cands = [_candidate(tok, etype, seg, timexes, attached[tok.i], claimed) for tok, etype in triggers]
    events = []
    seen_triggers: set[str] = set()
    for cand in _select([c for c in cands if c is not None and _plausible(c, seg_mentions)]):
        tense = _tense(cand.token)
        when = resolve(cand.timex.text, pub_date, tense) if cand.timex else None
        location, loc_mention = _location(cand, seg, seg_mentions, dateline)
        id_key = cand.token.text if cand.token.text not in seen_triggers else f"{cand.token.text}|{cand.token.idx}"
        seen_triggers.add(cand.token.text)
        events.append(
            Event(
                id=event_id(doc_id, start, id_key),
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


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """One event per sentence, type and time expression (the first strong trigger, else the first weak
    one); an undated event only for a type with no dated one in the sentence. In text order."""
    best: dict[tuple[str, int], _Candidate] = {}
    for c in cands:
        key = (c.type, c.timex.start if c.timex else -1)
        old = best.get(key)
        if old is None or (c.strong and not old.strong):
            best[key] = c
    dated = {etype for etype, at in best if at >= 0}
    kept = [c for (etype, at), c in best.items() if at >= 0 or etype not in dated]
    return sorted(kept, key=lambda c: c.token.i)


# --- triggers ---------------------------------------------------------------------------------------


def _candidate(
    tok: Token, etype: str, seg: Span, timexes: list[Timex], attached: list[Timex], claimed: set[Timex]
) -> _Candidate | None:
    """A trigger with its time expression: the one attached to it, or for a strong trigger the only one of
    the sentence when its clause governs the trigger and no other trigger has it attached ("talks on
    Thursday where they reviewed ..." does not date the review)."""
    strong = _is_strong(tok, etype)
    if attached:
        return _Candidate(tok, etype, strong, attached[0])
    if not strong:
        return None
    if _is_topic(tok) or _is_reference_point(tok):
        return _Candidate(tok, etype, strong, None)
    if len(timexes) == 1 and timexes[0] not in claimed and _governs(timexes[0], tok, seg):
        return _Candidate(tok, etype, strong, timexes[0])
    return _Candidate(tok, etype, strong, None)


def _governs(tx: Timex, trigger: Token, seg: Span) -> bool:
    """Fallback attachment: the clause verb the time expression modifies dominates the trigger, and is
    not a reporting verb ("sources said on Sunday" dates the saying, not the event); the time expression
    does not date a reference point ("since his death in June 2000")."""
    root = _span_root(tx.start, tx.end, seg)
    cur = root
    for _ in range(8):
        if cur is None or cur.head.i == cur.i or not seg.start <= cur.head.i < seg.end:
            return True  # no clause verb inside the segment (the parse ran across a line break)
        cur = cur.head
        if cur.dep_ == "prep" and cur.lower_ in RELATIVE_PREPS:
            return False
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return cur.lemma_.lower() not in REPORTING and cur.is_ancestor(trigger)
    return False


def _trigger(tok: Token) -> str | None:
    if tok.pos_ not in ("VERB", "NOUN", "PROPN") or tok.dep_ in ("compound", "amod"):
        return None
    if any(c.dep_ == "neg" for c in tok.children) or _negated_subject(tok):
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
    if lemma == "call":
        if _is_phone_talk(tok) or _calls_someone(tok):
            return "call"
        return "statement" if _calls_for(tok) else None
    if (lemma in ("deal", "accord") and tok.pos_ == "VERB") or tok.lower_ == "according":
        return None
    if lemma in ("ship", "supply") and tok.pos_ != "VERB":
        return None
    if lemma in ("review", "visit", "tour", "drill") and tok.tag_ == "VBG" and tok.dep_ == "amod":
        return None
    if tok.pos_ == "PROPN" and lemma in DOCUMENT_NOUNS and any(c.dep_ == "compound" for c in tok.children):
        return None  # "the Wellington Declaration" names a document
    if lemma in ("conference", "congress"):
        return _gathering(tok)
    if _is_phone_talk(tok):
        return "call"
    return trigger_type(lemma)


def _negated_subject(tok: Token) -> bool:
    """'Peace talks have not resumed', 'the agreement was never signed': a noun trigger whose verb denies it."""
    role = _climb(tok)
    return (
        tok.pos_ != "VERB" and role.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "neg" for c in role.head.children)
    )


def _calls_someone(tok: Token) -> bool:
    """'She called me last week': a person as the object and nothing that makes it naming ("called him a
    liar"), summoning ("called on", "called for") or cancelling ("called off")."""
    if tok.pos_ != "VERB":
        return False
    kids = list(tok.children)
    if any(c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp") for c in kids):
        return False
    if any(c.dep_ in ("prep", "prt", "mark") and c.lower_ in ("for", "on", "upon", "off", "in") for c in kids):
        return False
    return any(c.dep_ == "dobj" and (c.lower_ in PERSON_PRONOUNS or c.ent_type_ == "PERSON") for c in kids)


def _calls_for(tok: Token) -> bool:
    """A public call: 'called for lower taxes', 'called today for courts to be tougher', 'called on the
    minister to explain'."""
    if tok.pos_ != "VERB":
        return False
    kids = list(tok.children)
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in kids):
        return True
    clauses = [c for c in kids if c.dep_ in ("advcl", "xcomp")]
    if any(g.dep_ == "mark" and g.lower_ == "for" for c in clauses for g in c.children):
        return True
    summons = any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in kids)
    return summons and any(g.dep_ == "aux" and g.lower_ == "to" for c in clauses for g in c.children)


def _gathering(tok: Token) -> str | None:
    """'conference' and 'congress': a press conference is a statement; a gathering that is the subject of
    anything but its own course ("Congress passed the bill") is an institution, not a meeting; so is a
    bare capitalised "Congress"."""
    mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
    if mods & {"press", "news"}:
        return "statement"
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() not in GATHERING_VERBS:
        return None
    if tok.lemma_.lower() == "congress" and tok.text[:1].isupper() and not mods:
        return None
    return "meeting"


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


def _attached_to(trigger: Token, seg: Span, timexes: list[Timex]) -> list[Timex]:
    """The time expressions attached to `trigger`, those that hang from the trigger itself first ("the
    mediator's Wednesday testimony" on Thursday is Wednesday's)."""
    found = [t for t in timexes if _attached(t, trigger, seg)]
    return sorted(found, key=lambda t: not _hangs_from(t, trigger, seg))


def _hangs_from(tx: Timex, trigger: Token, seg: Span) -> bool:
    root = _span_root(tx.start, tx.end, seg)
    return (
        root is not None
        and trigger.is_ancestor(root)
        and _verb_of(root).i == _verb_of(trigger).i
        and (root.head.i == trigger.i or (root.head.head.i == trigger.i and root.head.pos_ == "ADP"))
    )


def _attached(tx: Timex, trigger: Token, seg: Span) -> bool:
    """True when the time expression hangs from the trigger or one of its anchors (`_anchors`), directly
    or through a temporal clause ("said, when asked about it today"); or from a clause that realises a
    noun trigger ("a deal reached in April", "a summit set to take place in May"). Not when it dates a
    reference point on the way ("since his death in June 2000") or the trigger is one ("ahead of the
    meeting"), nor a subject noun by a verb not about its course ("contracts will be quoted from Monday")."""
    root = _span_root(tx.start, tx.end, seg)
    if root is None:
        return False
    anchors = _anchors(trigger)
    cur = root
    for _ in range(8):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i in anchors:
            return cur.i == trigger.i or not (_is_topic(trigger) or _is_reference_point(trigger))
        if cur.dep_ == "prep" and cur.lower_ in RELATIVE_PREPS:
            return False  # "since Hafez Assad's death in June 2000, talks have not resumed"
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            if _is_temporal_clause(cur):
                continue
            return _realises(cur, trigger)
    return False


def _is_topic(trigger: Token) -> bool:
    """A noun trigger that is the subject of a verb not about its course: "contracts will have to be quoted
    from Monday", "the agreement was criticised on Monday" (but "the summit begins on 16 December", "the
    talks were held on Friday")."""
    role = _climb(trigger)
    return (
        trigger.pos_ != "VERB" and role.dep_ in ("nsubj", "nsubjpass") and role.head.lemma_.lower() not in COURSE_VERBS
    )


def _is_reference_point(trigger: Token) -> bool:
    """A noun trigger its clause is timed against ("ahead of the meeting", "after the talks", "since the
    summit"): the clause's time expression is not the trigger's."""
    cur = trigger
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        if cur.dep_ == "pobj" and cur.head.lower_ in RELATIVE_PREPS:
            return True
        if cur.dep_ == "pobj" and cur.head.lower_ in ("of", "to") and cur.head.head.lower_ in RELATIVE_PREPS:
            return True
        cur = cur.head
    return False


def _anchors(trigger: Token) -> set[int]:
    """The trigger, the verb a noun trigger hangs from, and the clause a subjectless participle or a
    "by"-manner clause belongs to ("went on a tirade, saying", "responded by saying"), or the main verb of
    "the first country to state"."""
    verb = _verb_of(trigger)
    anchors = {trigger.i, verb.i}
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not has_subject:
        anchors.add(verb.head.i)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "by" and verb.head.head.i != verb.head.i:
        anchors.add(verb.head.head.i)
    first = _first_to(verb)
    if first is not None:
        anchors.add(first.i)
    return anchors


def _first_to(verb: Token) -> Token | None:
    """The main verb of 'Uganda became the first country to state ...': the infinitive reports what the
    subject did, at the time of the main verb."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    head = verb.head
    noun: Token | None = None
    if verb.dep_ == "acl" and head.dep_ == "attr":
        noun, main = head, head.head
    elif verb.dep_ == "advcl" and head.pos_ in ("VERB", "AUX"):
        noun, main = next((c for c in head.children if c.dep_ == "attr"), None), head
    else:
        return None
    if noun is None or main.lemma_.lower() not in ("be", "become"):
        return None
    return main if any(c.lower_ in FIRST_WORDS for c in noun.children) else None


def _is_temporal_clause(verb: Token) -> bool:
    """An adverbial clause that shares the time of its main clause ("when asked", "as he left")."""
    return verb.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as", "while") for c in verb.children
    )


def _realises(verb: Token, trigger: Token) -> bool:
    """A participle or relative clause on a noun trigger that says it happened ("reached", "held", "signed",
    "set to take place")."""
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and len(chain) < 4:
        chain.append(chain[-1].head)
    top = chain[-1]
    return (
        top.dep_ in ("acl", "relcl")
        and top.head.i == trigger.i
        and any(v.lemma_.lower() in REALISE_VERBS for v in chain)
    )


# --- plausibility ---------------------------------------------------------------------------------


def _plausible(cand: _Candidate, seg_mentions: list[Mention]) -> bool:
    """Rules a trigger out when its sentence does not report the happening: a hypothetical ("if you told
    us"), a statement with no named speaker ("official sources said"), a visit with no traveller or no
    destination ("her Onyx Hotel tour", "Saturday's trip to France"), or a tour or trip in a concert or
    sports sentence."""
    if _is_hypothetical(cand.token):
        return False
    if cand.type == "statement":
        return _speaks(cand.token) or any(_names_someone(t, seg_mentions) for t in _speakers(cand.token))
    if cand.type == "visit":
        return _is_journey(cand.token) and not _performance_sense(cand.token)
    return True


def _speaks(trigger: Token) -> bool:
    """A statement noun that is itself the speaker: "the tweet said", "the statement added"."""
    role = _climb(trigger)
    return trigger.pos_ != "VERB" and role.dep_ == "nsubj" and role.head.lemma_.lower() in REPORTING


def _is_hypothetical(trigger: Token) -> bool:
    cur = _verb_of(trigger)
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children):
            return True
        if cur.dep_ not in ("conj", "xcomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _subjects(verb: Token) -> list[Token]:
    """Who does what `verb` says: its subject or "by" agent; for a clause without one (a participle, a
    "by saying", an infinitive, a conjunct), the subject of the clause it belongs to; for a relative
    clause ("who said"), the noun it modifies."""
    cur = verb
    for depth in range(4):
        kids = list(cur.children)
        subj_deps = ("nsubj", "csubj") if depth == 0 else ("nsubj", "csubj", "nsubjpass")
        found = [c for c in kids if c.dep_ in subj_deps]
        found += [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if found:
            if cur.dep_ == "relcl" and all(f.tag_ in ("WP", "WDT") for f in found):
                return [cur.head]
            return found
        if cur.tag_ == "VBN" and not any(c.dep_ == "aux" for c in kids):
            return []  # "contracts announced late last year": the main subject is not who announced
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep":
            cur = cur.head.head
        elif cur.dep_ in ("advcl", "xcomp", "conj", "ccomp") and cur.head.i != cur.i:
            cur = cur.head
        else:
            return []
    return []


def _speakers(trigger: Token) -> list[Token]:
    """The tokens that can name who made a statement: possessor, compound or "by"/"from"/"of" object of
    a noun trigger ("the mediator's testimony", "a statement from the ministry"), and the subject of its
    verb."""
    out: list[Token] = []
    if trigger.pos_ != "VERB":
        out += [c for c in trigger.children if c.dep_ in ("poss", "compound")]
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                out += [g for g in c.children if g.dep_ == "pobj"]
    return out + _subjects(_verb_of(trigger))


def _names_someone(tok: Token, seg_mentions: list[Mention]) -> bool:
    """The phrase headed by `tok` names a person, organisation, country or group (an entity, a proper noun,
    an institution or office such as "the ministry", "the coalition", "the spokesman"), or is "he"/"she"."""
    if tok.lower_ in SPEAKER_PRONOUNS or tok.pos_ == "PROPN" or tok.lemma_.lower() in SPEAKER_NOUNS:
        return True
    left, right = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    return any(m.label in ACTOR_LABELS and left <= m.start and m.end <= right for m in seg_mentions)


def _is_journey(trigger: Token) -> bool:
    """A visit needs a traveller and a place or host: "Singh visited Japan", "on a three-day visit to
    India", "his trip to Israel"."""
    if trigger.pos_ == "VERB":
        kids = list(trigger.children)
        destination = any(c.dep_ == "dobj" for c in kids) or any(
            c.dep_ == "prep" and c.lower_ in ("to", "in", "into", "around") for c in kids
        )
        return destination and bool(_subjects(trigger))
    return _traveller(trigger) and _destination(trigger)


def _traveller(noun: Token) -> bool:
    """Who travels: the possessor ("his trip"; not "Saturday's trip"), a named compound ("the Bush visit"),
    "by"/"of" someone, an agent ("a trip undertaken by the deputy president"), or the subject of the verb
    that carries the trip ("paid a visit", "was on a visit", "said during a visit")."""
    if any(c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME") for c in noun.children):
        return True
    if any(c.dep_ == "compound" and c.ent_type_ in ACTOR_LABELS for c in noun.children):
        return True
    if any(g.ent_type_ not in PLACE_LABELS for g in _prep_objects(noun, ("by", "of"))):
        return True
    if any(c.dep_ == "acl" and any(g.dep_ == "agent" for g in c.children) for c in noun.children):
        return True
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    carried = (noun.dep_ == "dobj" and noun.head.lemma_.lower() in TRAVEL_VERBS) or (
        noun.dep_ == "pobj" and noun.head.lower_ in ("on", "during", "in")
    )
    return carried and verb.pos_ in ("VERB", "AUX") and bool(_subjects(verb))


def _destination(noun: Token) -> bool:
    """Where to: "to"/"into" anything ("a visit to the flood-hit areas"), a named place "of"/"in"/"around"
    or as a compound ("a tour of Asia", "the Japan visit"), or a named place the carrying verb goes to
    ("arrived in India on a visit")."""
    if _prep_objects(noun, ("to", "into")):
        return True
    if any(g.ent_type_ in PLACE_LABELS for g in _prep_objects(noun, ("of", "in", "around"))):
        return True
    if any(c.dep_ == "compound" and c.ent_type_ in PLACE_LABELS for c in noun.children):
        return True
    verb = _verb_of(noun)
    return verb.i != noun.i and any(g.ent_type_ in PLACE_LABELS for g in _prep_objects(verb, ("to", "in", "into")))


def _prep_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def _performance_sense(trigger: Token) -> bool:
    """A tour or trip of a band or a team: music or sport nouns in the same sentence."""
    return any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in PERFORMANCE_CONTEXT for t in trigger.sent)


# --- tense ----------------------------------------------------------------------------------------


def _tense(trigger: Token) -> str | None:
    if any(c.dep_ == "amod" and c.lower_ in FUTURE_MODS for c in trigger.children):
        return "future"
    verb = _verb_of(trigger)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll", "wo") for a in auxes):
        return "future"
    first = _first_to(verb)
    if first is not None:
        return _tense_of(first)
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
