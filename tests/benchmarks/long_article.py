"""Peak memory and time of annotating one long article (issue 16), in a fresh process.

    python tests/benchmarks/long_article.py MEGABYTES [--single-line] [--stop-after SECONDS]

The article is BBC texts (EXPLORE_BBC, default ../shared/corpora/bbc-news) joined by blank lines, or by spaces on one
line, up to MEGABYTES million characters. It is annotated by annotate_one (piece by piece); the peak resident set
(ru_maxrss) is sampled after each piece with how much was parsed, printed as JSON lines, then the totals.
`--stop-after` ends the run after that many seconds (the memory curve of a very long article, measured in part).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if __package__ in (None, ""):
    sys.path[:0] = [str(ROOT)]


def article(chars: int, single_line: bool) -> str:
    """Real news text, repeated until `chars` characters."""
    bbc = Path(os.environ.get("EXPLORE_BBC", ROOT.parent / "shared" / "corpora" / "bbc-news"))
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(bbc.rglob("*.txt"))[:2000]]
    sep = " " if single_line else "\n\n"
    parts: list[str] = []
    size = 0
    while size < chars:
        for text in texts:
            text = " ".join(text.split()) if single_line else text.strip()
            parts.append(text)
            size += len(text) + len(sep)
            if size >= chars:
                break
    return sep.join(parts)[:chars]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("megabytes", type=float)
    parser.add_argument("--single-line", action="store_true")
    parser.add_argument("--stop-after", type=float, default=0.0)
    args = parser.parse_args()

    from search.nlp import annotate
    from search.nlp.spacy_model import load_model

    nlp = load_model()
    body = article(int(args.megabytes * 1_000_000), args.single_line)
    print(json.dumps({"phase": "loaded", "chars": len(body), "peak_mb": round(peak_mb())}), flush=True)
    started = time.perf_counter()
    original_pipe = nlp.pipe

    def pipe(texts, **kwargs):  # type: ignore[no-untyped-def]
        parsed = 0
        for doc in original_pipe(texts, **kwargs):
            parsed += len(doc.text)
            seconds = time.perf_counter() - started
            print(json.dumps({"parsed": parsed, "seconds": round(seconds, 1), "peak_mb": round(peak_mb())}), flush=True)
            if args.stop_after and seconds > args.stop_after:
                print(json.dumps({"phase": "stopped", "parsed": parsed, "peak_mb": round(peak_mb())}), flush=True)
                sys.exit(0)
            yield doc

    nlp.pipe = pipe  # type: ignore[method-assign]
    note = annotate.annotate_one(("long", body, "2024-05-01"), nlp)
    seconds = time.perf_counter() - started
    summary = {"phase": "done", "chars": len(body), "seconds": round(seconds, 1), "peak_mb": round(peak_mb())}
    summary |= {"mentions": len(note.mentions), "events": len(note.events), "problems": list(note.problems)}
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
