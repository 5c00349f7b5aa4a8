"""Reading the dependency parse around an event trigger: the verb a word hangs from, the token that carries
its grammatical role, the head of a character span, who does what a verb says, the objects of given
prepositions, and the main verb of "the first country to state".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

FIRST_WORDS = frozenset({"first", "second", "third", "last", "only", "latest"})


def verb_of(tok: Token) -> Token:
    """The trigger itself if a verb, else the nearest verb it hangs from (or itself)."""
    cur = tok
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        cur = cur.head
    return cur if cur.pos_ in ("VERB", "AUX") else tok


def climb(tok: Token) -> Token:
    """Up through conjunctions, appositions and compounds to the token carrying the grammatical role."""
    cur = tok
    for _ in range(5):
        if cur.dep_ in ("conj", "appos", "compound") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return cur


def span_root(start: int, end: int, seg: Span) -> Token | None:
    toks = [t for t in seg if t.idx >= start and t.idx + len(t.text) <= end and not t.is_space]
    if not toks:
        return None
    inside = {t.i for t in toks}
    for t in toks:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return toks[0]


def subjects(verb: Token) -> list[Token]:
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


def prep_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def first_to(verb: Token) -> Token | None:
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
