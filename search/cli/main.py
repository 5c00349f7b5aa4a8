"""The `explore` command line: add, search, list, show, events, entities, cite, rebuild.

Every command prints plain text for people or, with --json, the JSON contract of search/json_output.py. Errors are
one line on stderr and a non-zero exit, never a traceback. With no command the launcher opens the app instead.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from search.cli.json_output import document_json, event_json, search_json, summary_json
from search.corpus import Corpus, CorpusError, index_exists
from search.entities.edits import EntityEditsError
from search.index.searcher import SORTS
from search.ingest.pipeline import IngestOptions, IngestSummary, ingest
from search.ingest.rebuild import recover_interrupted_rebuild
from search.nlp.workers import LazyAnnotator
from search.settings import Settings, SettingsError, bundled_seeds_dir, load_settings, resolve_index_dir
from search.text_safety import strip_escapes

EXIT_USAGE = 2
_TERMINAL_ACTIVE = re.compile("[\x7f-\x9f]")
EXIT_FAILED = 1


class CommandError(Exception):
    """The command as a whole failed; the message is printed as one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explore",
        description="Search and read a folder of news articles. With no command, open the terminal app.",
    )
    parser.add_argument("--index", metavar="DIR", help="index folder (default: $EXPLORE_INDEX or a per-user folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    add = commands.add_parser("add", help="index files and folders (.txt .md .html .json .jsonl)")
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.add_argument("--prune", action="store_true", help="drop documents whose files are gone")
    add.add_argument("--no-nlp", action="store_true", help="skip entity and event annotation (faster)")
    add.add_argument("--jobs", type=int, default=None, help="spaCy processes (default: number of cores)")
    add.add_argument("--model", default=None, help="spaCy model package or path")
    add.add_argument("--follow-symlinks", action="store_true", help="follow symbolic links inside folders")
    add.add_argument("--wait", type=float, default=0.0, metavar="SECONDS", help="wait for another writer")
    add.add_argument("--json", action="store_true", help="print the summary as JSON")

    search = commands.add_parser("search", help="search the index")
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--sort", choices=SORTS, default="relevance")
    search.add_argument("--json", action="store_true")

    listing = commands.add_parser("list", help="every document with its metadata")
    listing.add_argument("--json", action="store_true")

    show = commands.add_parser("show", help="one document: metadata, clean text, entities, events")
    show.add_argument("doc_id", metavar="DOC_ID")
    show.add_argument("--json", action="store_true")
    show.add_argument("--furniture", action="store_true", help="also print the page furniture set aside")

    events = commands.add_parser("events", help="events of the documents matching QUERY, by date")
    events.add_argument("query", nargs="*", metavar="QUERY")
    events.add_argument("--json", action="store_true")

    entities = commands.add_parser("entities", help="entities of the corpus, most frequent first")
    entities.add_argument("--label", default=None, help="PERSON, ORG, GPE, PLACE, …")
    entities.add_argument("--limit", type=int, default=None)
    entities.add_argument("--json", action="store_true")
    entities.add_argument(
        "--apply-edits", action="store_true", help="update search after editing entities.toml (no re-parse)"
    )

    cite = commands.add_parser("cite", help="a citation of a document or of a quote from it")
    cite.add_argument("doc_id", metavar="DOC_ID")
    cite.add_argument("--style", default=None, help="apa, mla, chicago, bibtex, ris, csl-json (default: apa)")
    quote = cite.add_mutually_exclusive_group()
    quote.add_argument("--quote", default=None, metavar="TEXT")
    quote.add_argument("--event", default=None, metavar="EVENT_ID")
    cite.add_argument("--copy", action="store_true", help="also copy it to the clipboard")

    rebuild = commands.add_parser("rebuild", help="re-read every source file into a fresh index")
    rebuild.add_argument("--no-nlp", action="store_true")
    rebuild.add_argument("--jobs", type=int, default=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        index_dir, is_default = resolve_index_dir(args.index)
        recover_interrupted_rebuild(index_dir)
        handler = _HANDLERS[args.command]
        if args.command != "add":
            ensure_default_index(index_dir, is_default, settings)
        return handler(args, index_dir, settings)
    except (CommandError, CorpusError, SettingsError, EntityEditsError) as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except BrokenPipeError:
        return 0
    except Exception as error:  # the last line of defence: one line, not a traceback
        from search.cli.errors import describe

        return _fail(describe(error))


def _fail(message: str) -> int:
    print(f"explore: {strip_escapes(message)}", file=sys.stderr)
    return EXIT_FAILED


def ensure_default_index(index_dir: Path, is_default: bool, settings: Settings) -> None:
    """Build the default index from the bundled seeds the first time it is used."""
    if not is_default or index_exists(index_dir):
        return
    print(f"explore: building the default index from the bundled seed articles in {index_dir}", file=sys.stderr)
    summary = run_ingest(index_dir, [str(bundled_seeds_dir())], IngestOptions(), settings, nlp=True, jobs=1)
    print(f"explore: {summary.added} seed articles indexed", file=sys.stderr)


def run_ingest(
    index_dir: Path, paths: list[str], options: IngestOptions, settings: Settings, *, nlp: bool, jobs: int | None
) -> IngestSummary:
    """Ingest with a progress bar on stderr; NLP when asked and a model is installed."""
    from search.index.writer import SearchIndexError
    from search.ingest.write_lock import IndexBusyError
    from search.nlp.spacy_model import ModelMissing

    annotator = None
    if nlp:
        annotator = LazyAnnotator(settings.model, jobs or settings.jobs or os.cpu_count() or 1)
        try:
            annotator.check()
        except ModelMissing as error:
            raise CommandError(f"{error} (or add --no-nlp to index without entities and events)") from error
    try:
        return _ingest_with_bar(index_dir, paths, options, annotator)
    except IndexBusyError as error:
        raise CommandError(str(error)) from error
    except SearchIndexError as error:
        raise CommandError(f"{error}; rebuild it with `explore --index {index_dir} rebuild`") from error
    except FileNotFoundError as error:
        raise CommandError(str(error)) from error


def _ingest_with_bar(
    index_dir: Path, paths: list[str], options: IngestOptions, annotator: LazyAnnotator | None
) -> IngestSummary:
    from search.cli.progress_bar import ProgressBar

    try:
        with ProgressBar("indexing") as bar:
            factory = (lambda: annotator) if annotator else None
            return ingest(index_dir, paths, options, annotator_factory=factory, progress=bar.update)
    finally:
        if annotator is not None:
            annotator.close()


# ---- commands ---------------------------------------------------------------------------------------------------


def cmd_add(args: argparse.Namespace, index_dir: Path, settings: Settings) -> int:
    options = IngestOptions(
        follow_symlinks=args.follow_symlinks,
        prune=args.prune,
        wait_seconds=args.wait,
        entity_edits=settings.entity_edits,
    )
    if args.model:
        settings = Settings(**{**settings.__dict__, "model": args.model})
    summary = run_ingest(index_dir, args.paths, options, settings, nlp=not args.no_nlp, jobs=args.jobs)
    if args.json:
        _print_json(summary.as_json())
    else:
        _print_summary(summary)
    return 0


def _print_summary(summary: IngestSummary) -> None:
    parts = [
        f"{summary.added} added",
        f"{summary.updated} updated",
        f"{summary.unchanged} unchanged",
        f"{summary.duplicates} duplicates",
    ]
    if summary.removed:
        parts.append(f"{summary.removed} removed")
    parts.append(f"{len(summary.skipped)} skipped")
    if summary.annotation_failed:
        parts.append(f"{len(summary.annotation_failed)} not fully annotated")
    rate = f", {summary.words / summary.seconds:,.0f} words/s" if summary.words and summary.seconds else ""
    print(f"{', '.join(parts)} in {summary.seconds:.1f} s{rate}")
    if summary.added == 0 and summary.updated == 0 and summary.unchanged and not summary.skipped:
        print("Nothing changed since the last run.")
    for skip in summary.skipped:
        print(f"  skipped {_safe(skip.path)}: {_safe(skip.reason)}")
    for failed in summary.annotation_failed:
        print(f"  not fully annotated {_safe(failed.path)}: {_safe(failed.reason)}")
    if summary.gone:
        print(f"{len(summary.gone)} indexed files no longer exist; add --prune to drop their documents")
    if summary.cancelled:
        print("Interrupted: run the same command again to finish.")


def cmd_search(args: argparse.Namespace, index_dir: Path, settings: Settings) -> int:
    from search.index.query_error import QueryError

    text = " ".join(args.query)
    with Corpus(index_dir, entity_edits=settings.entity_edits) as corpus:
        try:
            result = corpus.search(text, limit=max(1, args.limit), sort=args.sort)
        except QueryError as error:
            raise CommandError(f"bad query: {error}") from error
    if args.json:
        _print_json(search_json(result))
        return 0
    bold = sys.stdout.isatty()
    count = f"{result.total}" if result.total_is_exact else f"about {result.total}"
    print(f"{count} hit{'s' if result.total != 1 else ''} for {_safe(text)!r} ({result.took_ms:.1f} ms)")
    for prefix in result.truncated_prefixes:
        print(f"  note: {prefix} matched many words; only the most frequent were searched")
    for hit in result.hits:
        meta = hit.summary.metadata
        print()
        print(f"{hit.id}  {meta.date or 'no date':10}  {_safe(meta.source or '')}")
        print(f"  {_safe(meta.title or '(untitled)')}")
        snippet = _safe(hit.snippet.marked("\x1b[1m", "\x1b[0m") if bold else hit.snippet.marked("[", "]"))
        print(f"  {snippet}")
    return 0


def cmd_list(args: argparse.Namespace, index_dir: Path, settings: Settings) -> int:
    with Corpus(index_dir, entity_edits=settings.entity_edits) as corpus:
        summaries = corpus.summaries()
    if args.json:
        _print_json([summary_json(summary) for summary in summaries])
        return 0
    for summary in summaries:
        meta = summary.metadata
        title = meta.title or "(untitled)"
        if meta.title_derived:
            title = f"[{title}]"
        print(f"{summary.id}  {meta.date or '':10}  {_safe(meta.source or '')[:20]:20}  {_safe(title)}")
    print(f"{len(summaries)} documents", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace, index_dir: Path, settings: Settings) -> int:
    with Corpus(index_dir, entity_edits=settings.entity_edits) as corpus:
        document = corpus.document(args.doc_id)
    if args.json:
        _print_json(document_json(document))
        return 0
    meta = document.metadata
    fields = [
        ("Title", (meta.title or "(untitled)") + (" (derived from the first sentence)" if meta.title_derived else "")),
        ("Date", meta.date),
        ("Source", meta.source),
        ("Author", meta.author),
        ("URL", meta.url),
        ("Path", "\n      ".join(document.paths)),
        ("Id", document.id),
    ]
    for name, value in fields:
        if value:
            print(f"{name + ':':8}{_safe(value)}")
    print()
    print(_safe(document.body))
    if args.furniture and document.furniture:
        print("\n--- set aside as page furniture ---")
        for block in document.furniture:
            print(f"[{block.reason}] {_safe(block.text)}")
    elif document.furniture:
        print(f"\n({len(document.furniture)} blocks of page furniture set aside; --furniture shows them)")
    return 0


def cmd_events(args: argparse.Namespace, index_dir: Path, settings: Settings) -> int:
    from search.index.query_error import QueryError

    with Corpus(index_dir, entity_edits=settings.entity_edits) as corpus:
        try:
            events = corpus.events(" ".join(args.query))
        except QueryError as error:
            raise CommandError(f"bad query: {error}") from error
    if args.json:
        _print_json([event_json(event) for event in events])
        return 0
    for event in events:
        when = event.date or "undated"
        actors = ", ".join(actor.name for actor in event.actors)
        sources = f"  [{len(event.sources)} sources]" if len(event.sources) > 1 else ""
        print(f"{when:10}  {event.type:12}  {_safe(actors)}{sources}")
        print(f"            {_safe(event.sentence)}  ({event.doc_id})")
    return 0


def cmd_entities(args: argparse.Namespace, index_dir: Path, settings: Settings) -> int:
    if args.apply_edits:
        _apply_edits(index_dir, settings)
    with Corpus(index_dir, entity_edits=settings.entity_edits) as corpus:
        summaries = corpus.entities(label=args.label)
    if args.limit:
        summaries = summaries[: args.limit]
    if args.json:
        _print_json([summary.to_json() for summary in summaries])
        return 0
    for summary in summaries:
        aliases = [alias for alias in summary.aliases if alias != summary.name]
        also = f"  (also: {', '.join(aliases[:4])})" if aliases else ""
        print(f"{summary.count:5}  {summary.docs:4} docs  {summary.label:7}  {_safe(summary.name)}{_safe(also)}")
    return 0


def _apply_edits(index_dir: Path, settings: Settings) -> None:
    from search.ingest.pipeline import reapply_entity_edits
    from search.ingest.write_lock import IndexBusyError

    try:
        changed = reapply_entity_edits(index_dir, IngestOptions(entity_edits=settings.entity_edits))
    except IndexBusyError as error:
        raise CommandError(str(error)) from error
    note = "search now uses the edited entity names" if changed else "the entity edits were already applied"
    print(f"explore: {note}", file=sys.stderr)


def cmd_cite(args: argparse.Namespace, index_dir: Path, settings: Settings) -> int:
    from search.cite.citations import STYLES, cite_document, cite_quote

    style = (args.style or settings.citation_style).lower()
    if style not in STYLES:
        raise CommandError(f"unknown citation style {style!r}: use one of {', '.join(STYLES)}")
    with Corpus(index_dir, entity_edits=settings.entity_edits) as corpus:
        document = corpus.document(args.doc_id)
        today = datetime.date.today()
        if args.event:
            matches = [event for event in document.annotation.events if event.id.startswith(args.event)]
            if not matches:
                raise CommandError(f"document {document.id} has no event {args.event!r} (see `explore events`)")
            text = cite_quote(document, matches[0].sentence, style, accessed=today)
        elif args.quote:
            text = cite_quote(document, args.quote, style, accessed=today)
        else:
            text = cite_document(document, style, accessed=today)
    text = _safe(text)
    print(text)
    if args.copy:
        from search.clipboard import copy_text

        outcome = copy_text(text, sys.stdout)
        print(f"explore: {outcome.message()}", file=sys.stderr)
        return 0 if outcome.copied else EXIT_FAILED
    return 0


def cmd_rebuild(args: argparse.Namespace, index_dir: Path, settings: Settings) -> int:
    from search.ingest.rebuild import RebuildError, rebuild
    from search.ingest.write_lock import IndexBusyError

    def run(target: Path, paths: list[str], options: IngestOptions) -> IngestSummary:
        return run_ingest(target, paths, options, settings, nlp=not args.no_nlp, jobs=args.jobs)

    try:
        summary = rebuild(index_dir, run)
    except (RebuildError, IndexBusyError) as error:
        raise CommandError(str(error)) from error
    _print_summary(summary)
    return 0


def _print_json(data: Any) -> None:
    """JSON on stdout; characters a terminal would act on (DEL, C1 controls) are escaped like JSON's C0 ones."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(_TERMINAL_ACTIVE.sub(lambda match: f"\\u{ord(match.group()):04x}", text))
    sys.stdout.write("\n")


def _safe(text: str) -> str:
    return strip_escapes(text)


_HANDLERS: dict[str | None, Callable[[argparse.Namespace, Path, Settings], int]] = {
    "add": cmd_add,
    "search": cmd_search,
    "list": cmd_list,
    "show": cmd_show,
    "events": cmd_events,
    "entities": cmd_entities,
    "cite": cmd_cite,
    "rebuild": cmd_rebuild,
}
