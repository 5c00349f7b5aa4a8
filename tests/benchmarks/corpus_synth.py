"""The benchmark corpora: the BBC articles as read from disk, and a larger corpus replicated from them.

Replicas get a fresh title suffix (" (copy 17)") so their ids differ, and their sentences are shuffled with a
seeded RNG so their postings differ from the original's. Replicas are written as JSON Lines and ingested without
NLP; the built index is cached under a work folder, keyed on the corpus size and HARNESS_VERSION, so reruns reuse it.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Bump when the way corpora are built changes, so cached indexes are rebuilt (bench-2: the index's merge policy).
HARNESS_VERSION = "bench-2"
#: Records per JSON Lines file: one, so ingest commits 200 articles at a time as it does for a folder of articles.
RECORDS_PER_FILE = 1
SEED = 20250101
#: File that marks a cached index as completely built.
DONE_MARKER = "bench-complete.json"

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"']?\s+(?=[A-Z\"'£$0-9])")


@dataclass(frozen=True)
class Article:
    """One source article: its headline and its body text."""

    title: str
    text: str


def bbc_files(bbc_dir: Path) -> list[Path]:
    """The article files of the BBC corpus (category/NNN.txt), sorted."""
    return sorted(path for path in bbc_dir.glob("*/*.txt") if path.is_file())


def read_article(path: Path) -> Article:
    """Line 1 is the headline, the rest the body (UTF-8, Latin-1 as fallback)."""
    data = path.read_bytes()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        raw = data.decode("latin-1")
    title, _, body = raw.strip().partition("\n")
    return Article(title.strip(), body.strip())


def read_articles(paths: Sequence[Path]) -> list[Article]:
    """The articles of these files, exact duplicates (same title and text) dropped."""
    seen: set[tuple[str, str]] = set()
    articles = []
    for path in paths:
        article = read_article(path)
        key = (article.title, article.text)
        if article.text and key not in seen:
            seen.add(key)
            articles.append(article)
    return articles


def sentences(text: str) -> list[str]:
    """The sentences of a text (a plain split at sentence-ending punctuation; good enough to shuffle)."""
    parts: list[str] = []
    for paragraph in text.splitlines():
        parts.extend(part.strip() for part in _SENTENCE_END.split(paragraph.strip()) if part.strip())
    return parts


def shuffled_copy(article: Article, copy: int, rng: random.Random) -> Article:
    """A replica: the title with a copy suffix, the sentences in a new order, three to a paragraph."""
    parts = sentences(article.text)
    rng.shuffle(parts)
    paragraphs = [" ".join(parts[start : start + 3]) for start in range(0, len(parts), 3)]
    return Article(f"{article.title} (copy {copy})", "\n\n".join(paragraphs))


def replicate(articles: Sequence[Article], n_docs: int, seed: int = SEED) -> Iterator[Article]:
    """`n_docs` articles: the originals first, then shuffled copies round after round."""
    if not articles:
        return
    rng = random.Random(seed)
    for number in range(n_docs):
        copy, index = divmod(number, len(articles))
        yield articles[index] if copy == 0 else shuffled_copy(articles[index], copy, rng)


def write_jsonl(articles: Iterable[Article], out_dir: Path, per_file: int = RECORDS_PER_FILE) -> list[Path]:
    """Write the articles as JSON Lines files of `per_file` records each; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    for chunk in batched(articles, per_file):
        files.append(out_dir / f"part-{len(files):05d}.jsonl")
        lines = (json.dumps({"title": item.title, "text": item.text}, ensure_ascii=False) + "\n" for item in chunk)
        files[-1].write_text("".join(lines), encoding="utf-8")
    return files


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of `size` items (the last may be shorter)."""
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True)
class BuiltIndex:
    """A replicated index ready to search: where it is, its document count, and how long it took to build."""

    index_dir: Path
    docs: int
    build_seconds: float
    cached: bool


def cache_key(source_articles: int, n_docs: int) -> str:
    return f"{HARNESS_VERSION}-src{source_articles}-n{n_docs}"


def build_index(articles: Sequence[Article], n_docs: int, work_dir: Path) -> BuiltIndex:
    """An index of `n_docs` replicated articles under `work_dir`, built with no NLP, or reused from an earlier run
    (brought up to date as its next `add` would: posting tables for its large segments)."""
    from search.corpus import Corpus
    from search.index.posting_tables import write_missing_tables
    from search.index.writer import open_index
    from search.ingest.pipeline import IngestOptions, ingest

    folder = work_dir / cache_key(len(articles), n_docs)
    index_dir = folder / "index"
    marker = folder / DONE_MARKER
    if marker.exists():
        info = json.loads(marker.read_text(encoding="utf-8"))
        write_missing_tables(open_index(index_dir / "search"))
        return BuiltIndex(index_dir, int(info["docs"]), float(info["build_seconds"]), cached=True)
    if folder.exists():
        shutil.rmtree(folder)
    files = write_jsonl(replicate(articles, n_docs), folder / "jsonl")
    summary = ingest(index_dir, [str(path) for path in files], IngestOptions(), annotator_factory=None)
    with Corpus(index_dir) as corpus:
        docs = corpus.count()
    marker.write_text(json.dumps({"docs": docs, "build_seconds": summary.seconds}), encoding="utf-8")
    return BuiltIndex(index_dir, docs, summary.seconds, cached=False)
