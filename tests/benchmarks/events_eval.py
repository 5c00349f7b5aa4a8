"""Measure events and time expressions on public data: `python tests/benchmarks/events_eval.py --json OUT`.

Parts (each can be chosen with `--only NAME[,NAME]`):
- te3: TempEval-3 platinum (../shared/corpora/te3-platinum): time-expression precision, recall and F1 (relaxed:
  overlapping spans; strict: same span) and value accuracy (share of matched gold DATE/TIME/DURATION/SET
  expressions whose value is the gold value), against each document's creation time.
- plover: the PLOVER gold sentences (../shared/corpora/plover-gold, CC BY-SA: read here, never copied): category
  accuracy (the PLOVER type of the first coded event of the sentence, from its CAMEO category; `PLOVER_OF`),
  agent and target accuracy (the event's agent / target shares a word with a gold source / target actor).
- semeval: SemEval-2015 TimeLine, corpus_1 and corpus_2: for each target entity, recall = share of its gold dated
  events (date not XXXX-XX-XX) that its timeline (events with an actor naming the entity) holds in the same
  sentence with the right date; precision = share of the timeline's dated events that are right.
- heldout: the blind held-out sets tests/data/events_heldout*.json: dated-event precision and recall of the
  eleven original types (the types those sets were annotated with).
- coverage: 50 BBC + 50 Wikinews articles (seeded sample): share with at least one shown event (not "other"),
  and with at least one event that has a place.
- overhead: on N articles (default 200), the time of spaCy's nlp.pipe and the extra time of mentions + events.
Small by design (a few minutes on one core). Progress on stderr.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CORPORA = ROOT.parent / "shared" / "corpora"
TE3 = CORPORA / "te3-platinum"
PLOVER = CORPORA / "plover-gold" / "PLOVER_GSR_CAMEO.txt"
SEMEVAL = CORPORA / "semeval2015-timeline"
BBC = CORPORA / "bbc-news"
WIKINEWS = CORPORA / "wikinews" / "wikinews.jsonl"
LEGACY_TYPES = frozenset(
    {"meeting", "call", "visit", "arrival", "agreement", "statement", "review", "delivery", "inauguration"}
    | {"exercise", "invitation"}
)

#: CAMEO top-level code -> PLOVER event type (the PLOVER documentation's CAMEO correspondence, coarsened).
PLOVER_OF = {
    "01": "STATEMENT",
    "02": "DEMAND",
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "08": "CONCEDE",
    "09": "INVESTIGATE",
    "10": "DEMAND",
    "11": "DISAPPROVE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "FIGHT",
    "20": "FIGHT",
}
#: CAMEO codes whose PLOVER type differs from their top level's.
PLOVER_SPECIAL = {"057": "AGREE", "087": "RETREAT", "0871": "RETREAT", "0872": "RETREAT", "0873": "RETREAT"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def load_nlp() -> Any:
    from search.nlp.spacy_model import load_model

    return load_model()


def events_of(nlp: Any, text: str, doc_id: str, pub: str | None) -> list[Any]:
    from search.events.extraction import extract_events
    from search.nlp.annotate import find_mentions

    doc = nlp(text)
    return extract_events(doc, find_mentions(doc), doc_id, pub)


# --- TempEval-3 ---------------------------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> tuple[str, str | None, list[dict[str, Any]]]:
    """The plain text of a TimeML file's TEXT, its creation date, and its TIMEX3 spans (offsets in the text)."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", raw, re.S)
    body = raw[raw.index("<TEXT>") + 6 : raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    length = 0
    timexes: list[dict[str, Any]] = []
    open_tx: dict[str, Any] | None = None
    for m in _TAG.finditer(body):
        chunk = unescape(body[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_tx = dict(_ATTR.findall(attrs)) | {"start": length}
        elif open_tx is not None:
            open_tx["end"] = length
            timexes.append(open_tx)
            open_tx = None
    out.append(unescape(body[pos:]))
    return "".join(out), dct.group(1) if dct else None, timexes


def eval_te3(nlp: Any) -> dict[str, Any]:
    from search.events.timexes import document_timexes

    n_sys = n_gold = tp_sys = tp_gold = strict = 0
    matched = right = 0
    by_type: dict[str, list[int]] = {}
    for path in sorted(TE3.glob("*.tml")):
        text, dct, gold = read_tml(path)
        found = document_timexes(nlp(text), dct)
        n_sys += len(found)
        n_gold += len(gold)
        tp_sys += sum(1 for f in found if any(f.start < g["end"] and g["start"] < f.end for g in gold))
        for g in gold:
            hits = [f for f in found if f.start < g["end"] and g["start"] < f.end]
            counts = by_type.setdefault(g.get("type", "?"), [0, 0, 0])
            counts[0] += 1
            if not hits:
                continue
            tp_gold += 1
            counts[1] += 1
            strict += any(f.start == g["start"] and f.end == g["end"] for f in hits)
            matched += 1
            if any(f.value == g.get("value") for f in hits):
                right += 1
                counts[2] += 1
    p, r = tp_sys / max(1, n_sys), tp_gold / max(1, n_gold)
    return {
        "gold": n_gold,
        "system": n_sys,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / max(1e-9, p + r), 3),
        "strict_recall": round(strict / max(1, n_gold), 3),
        "value_accuracy": round(right / max(1, matched), 3),
        "by_type": {k: {"gold": v[0], "found": v[1], "value_right": v[2]} for k, v in sorted(by_type.items())},
    }


# --- PLOVER --------------------------------------------------------------------------------------------------


def sentence_event(events: list[Any]) -> Any:
    """The event a one-sentence report is about: the first CAMEO-coded one that is not a statement (the
    saying that reports it), else the first coded one."""
    coded = [e for e in events if getattr(e, "cameo", None)]
    return next((e for e in coded if not e.cameo.startswith("01")), coded[0] if coded else None)


def plover_type(code: str | None) -> str | None:
    if not code:
        return None
    for n in (4, 3):
        if code[:n] in PLOVER_SPECIAL:
            return PLOVER_SPECIAL[code[:n]]
    return PLOVER_OF.get(code[:2])


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in ("the", "and", "of")}


def _actor_hit(name: str | None, gold: list[dict[str, Any]]) -> bool:
    return bool(name) and any(_words(str(name)) & _words(g.get("actorText", "")) for g in gold)


def eval_plover(nlp: Any) -> dict[str, Any]:
    records = [r for r in json.loads(PLOVER.read_text(encoding="utf-8")) if r.get("text")]
    right = agent_n = agent_ok = target_n = target_ok = coded = 0
    confusion: dict[str, dict[str, int]] = {}
    for rec in records:
        events = events_of(nlp, rec["text"], rec["id"], rec.get("date"))
        chosen = sentence_event(events)
        got = plover_type(getattr(chosen, "cameo", None)) if chosen else None
        coded += got is not None
        right += got == rec["event"]
        row = confusion.setdefault(rec["event"], {})
        row[got or "-"] = row.get(got or "-", 0) + 1
        if rec.get("source"):
            agent_n += 1
            agent_ok += _actor_hit(getattr(chosen, "agent", None), rec["source"]) if chosen else 0
        if rec.get("target"):
            target_n += 1
            target_ok += _actor_hit(getattr(chosen, "target", None), rec["target"]) if chosen else 0
    return {
        "sentences": len(records),
        "coded": coded,
        "category_accuracy": round(right / max(1, len(records)), 3),
        "agent_accuracy": round(agent_ok / max(1, agent_n), 3),
        "target_accuracy": round(target_ok / max(1, target_n), 3),
        "confusion": confusion,
    }


# --- SemEval-2015 TimeLine ----------------------------------------------------------------------------------


def _detok(sentence: str) -> str:
    s = re.sub(r" ([,.;:!?%)'\]])", r"\1", sentence)
    s = re.sub(r"([(\[$]) ", r"\1", s)
    s = s.replace(" 's", "'s").replace(" n't", "n't").replace("`` ", '"').replace(" ''", '"')
    return s


def read_track_a(path: Path) -> tuple[str, str | None, str, list[tuple[int, int, int]]]:
    """Doc id, creation date, plain text and (sentence id, start, end) offsets of a trackA TimeML file."""
    raw = path.read_text(encoding="utf-8")
    docid = re.search(r"<DOCID>(\w+)</DOCID>", raw)
    dct = re.search(r"value=\"(\d{4}-\d\d-\d\d)\"", raw)
    parts: list[str] = []
    spans: list[tuple[int, int, int]] = []
    pos = 0
    for m in re.finditer(r'<s id="(\d+)">(.*?)</s>', raw, re.S):
        sid = int(m.group(1))
        sent = _detok(unescape(re.sub(r"<[^>]+>", "", m.group(2))))
        sep = "\n" if sid <= 2 else " "
        if parts:
            parts.append(sep)
            pos += len(sep)
        spans.append((sid, pos, pos + len(sent)))
        parts.append(sent)
        pos += len(sent)
    return docid.group(1) if docid else path.stem, dct.group(1) if dct else None, "".join(parts), spans


def _date_right(ours: str | None, gold: str) -> bool:
    if not ours or gold.startswith("XXXX"):
        return False
    want = gold.split("-XX")[0]
    return ours[:10] == want


def _names_entity(actor: str, entity: str) -> bool:
    """The actor is the entity, or a longer name holding it as whole words ("Boeing Co." for Boeing); not
    "Airbus" for "Airbus A380"."""
    a, e = actor.lower(), entity.lower()
    return a == e or bool(re.search(rf"\b{re.escape(e)}\b", a))


def eval_semeval(nlp: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for corpus in ("corpus_1", "corpus_2"):
        root = SEMEVAL / corpus
        events_by_doc: dict[str, list[tuple[Any, int]]] = {}
        for path in sorted((root / "corpus_trackA_TimeML").glob("*.tml")):
            docid, dct, text, spans = read_track_a(path)
            evs = events_of(nlp, text, docid, dct)
            placed = []
            for ev in evs:
                sid = next((s for s, a, b in spans if a <= ev.start < b + 1), -1)
                placed.append((ev, sid))
            events_by_doc[docid] = placed
        entities = [
            line.strip()
            for line in (root / f"list_target_entities_{corpus}.txt").read_text().splitlines()
            if line.strip()
        ]
        gold_total = gold_hit = sys_total = sys_right = 0
        for entity in entities:
            fname = root / "TimeLines_Gold_Standard" / (entity.lower().replace(" ", "_") + ".txt")
            if not fname.is_file():
                continue
            gold_events: list[tuple[str, list[tuple[str, int]]]] = []
            for line in fname.read_text().splitlines():
                cols = line.split("\t")
                if len(cols) < 3:
                    continue
                mentions = []
                for mention in cols[2:]:
                    bits = mention.split("-")
                    if len(bits) >= 3 and bits[1].isdigit():
                        mentions.append((bits[0], int(bits[1])))
                gold_events.append((cols[1], mentions))
            timeline = [
                (ev, sid)
                for doc, placed in events_by_doc.items()
                for ev, sid in placed
                if any(_names_entity(a.name, entity) for a in ev.actors)
            ]
            for gdate, mentions in gold_events:
                if gdate.startswith("XXXX"):
                    continue
                gold_total += 1
                gold_hit += any(
                    ev.doc_id == d and sid == s and _date_right(ev.date, gdate)
                    for ev, sid in timeline
                    for d, s in mentions
                )
            for ev, sid in timeline:
                if not ev.date:
                    continue
                sys_total += 1
                sys_right += any(
                    _date_right(ev.date, gdate) and (ev.doc_id, sid) in mentions for gdate, mentions in gold_events
                )
        out[corpus] = {
            "gold_dated_events": gold_total,
            "recall": round(gold_hit / max(1, gold_total), 3),
            "timeline_dated_events": sys_total,
            "precision": round(sys_right / max(1, sys_total), 3),
        }
    g = sum(v["gold_dated_events"] for v in out.values())
    s = sum(v["timeline_dated_events"] for v in out.values())
    out["pooled"] = {
        "recall": round(sum(v["recall"] * v["gold_dated_events"] for v in out.values()) / max(1, g), 3),
        "precision": round(sum(v["precision"] * v["timeline_dated_events"] for v in out.values()) / max(1, s), 3),
    }
    return out


# --- held-out sets, coverage, overhead -----------------------------------------------------------------------


def eval_heldout(nlp: Any) -> dict[str, Any]:
    from tests.search.events import test_events_heldout as th
    from tests.search.events.event_scoring import score_sample

    def legacy(evs: list[Any]) -> list[Any]:
        return [e for e in evs if e.type in LEGACY_TYPES]

    out: dict[str, Any] = {}
    for label, gold, pick_bbc, pick_wn in (
        ("heldout1", th.HELDOUT, th.heldout_bbc, th.heldout_wikinews),
        ("heldout2", th.HELDOUT2, th.heldout2_bbc, th.heldout2_wikinews),
    ):
        bbc = {
            f: legacy(events_of(nlp, (BBC / f).read_bytes().decode("utf-8", "replace"), f, None)) for f in pick_bbc(BBC)
        }
        wn = {r["id"]: legacy(events_of(nlp, r["text"], r["id"], r["date"])) for r in pick_wn(WIKINEWS)}
        scores = score_sample(label, gold, bbc, wn)
        out[label] = {"precision": round(scores.pooled[0], 3), "recall": round(scores.pooled[1], 3)}
    return out


def _sample_articles(n: int, seed: int) -> list[tuple[str, str, str | None]]:
    rng = random.Random(seed)
    files = sorted(BBC.glob("*/*.txt"))
    bbc = [(str(p.relative_to(BBC)), p.read_bytes().decode("utf-8", "replace"), None) for p in rng.sample(files, n)]
    records = [json.loads(line) for line in WIKINEWS.open(encoding="utf-8")]
    wn = [(r["id"], r["text"], r.get("date")) for r in rng.sample([r for r in records if len(r["text"]) >= 300], n)]
    return bbc + wn


def eval_coverage(nlp: Any) -> dict[str, Any]:
    items = _sample_articles(50, 15)
    out: dict[str, Any] = {}
    for label, part in (("bbc", items[:50]), ("wikinews", items[50:])):
        with_event = with_place = total = 0
        for doc_id, text, pub in part:
            events = events_of(nlp, text, doc_id, pub)
            total += len(events)
            shown = [e for e in events if getattr(e, "category", "") != "other"]
            with_event += bool(shown)
            with_place += any(e.location for e in shown)
        out[label] = {
            "articles": len(part),
            "with_event": with_event / len(part),
            "with_place": with_place / len(part),
            "events_per_article": round(total / len(part), 1),
        }
    return out


def eval_overhead(nlp: Any, n: int) -> dict[str, Any]:
    from search.events.extraction import extract_events
    from search.nlp.annotate import find_mentions

    items = _sample_articles(n // 2, 16)
    t0 = time.perf_counter()
    docs = list(nlp.pipe([text for _, text, _ in items], batch_size=32))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    mentions = [find_mentions(doc) for doc in docs]
    ment = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc, ms, (doc_id, _, pub) in zip(docs, mentions, items, strict=True):
        extract_events(doc, ms, doc_id, pub)
    extract = time.perf_counter() - t0
    return {
        "articles": len(items),
        "parse_s": round(parse, 2),
        "mentions_s": round(ment, 2),
        "events_s": round(extract, 2),
        "events_ms_per_article": round(1000 * extract / len(items), 2),
        "events_over_parse": round(extract / parse, 3),
        "overhead_ratio": round((parse + ment + extract) / parse, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", required=True, help="where to write the figures")
    ap.add_argument("--only", default="te3,plover,semeval,heldout,coverage,overhead")
    ap.add_argument("--articles", type=int, default=200, help="articles for the overhead measurement")
    args = ap.parse_args(argv)
    nlp = load_nlp()
    parts: dict[str, Callable[[], dict[str, Any]]] = {
        "te3": lambda: eval_te3(nlp),
        "plover": lambda: eval_plover(nlp),
        "semeval": lambda: eval_semeval(nlp),
        "heldout": lambda: eval_heldout(nlp),
        "coverage": lambda: eval_coverage(nlp),
        "overhead": lambda: eval_overhead(nlp, args.articles),
    }
    results: dict[str, Any] = {}
    for name in args.only.split(","):
        t0 = time.perf_counter()
        log(f"{name} ...")
        results[name] = parts[name]()
        log(
            f"{name}: {json.dumps({k: v for k, v in results[name].items() if k not in ('confusion', 'by_type')})}"
            f" ({time.perf_counter() - t0:.0f} s)"
        )
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
