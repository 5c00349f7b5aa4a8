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
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any, NoReturn

from search.cli.json_output import document_json, event_json, search_json, summary_json
from search.corpus import Corpus, CorpusError, index_exists
from search.entities.edits import EntityEditsError
from search.index.searcher import SORTS
from search.index_folder import store_path
from search.ingest.pipeline import IngestOptions, IngestSummary, ingest
from search.ingest.rebuild import recover_interrupted_rebuild
from search.ingest.stages import Annotator
from search.nlp.workers import LazyAnnotator
from search.settings import Settings, SettingsError, bundled_seeds_dir, load_settings, resolve_index_dir
from search.store import StoreDamaged, store_damage
from search.text_safety import one_line, shown_text, strip_escapes

EXIT_USAGE = 2
_TERMINAL_ACTIVE = re.compile("[\x7f-\x9f]")
EXIT_FAILED = 1
#: Entities `entities` prints without --limit or --all (--json prints all: the contract predates the limit).
ENTITIES_SHOWN = 50


class CommandError(Exception):
    """The command as a whole failed; the message is printed as one line."""


class _OneLineParser(argparse.ArgumentParser):
    """argparse, except that a usage error is one line naming --help (exit 2), not the whole usage text."""

    def error(self, message: str) -> NoReturn:
        print(f"explore: {strip_escapes(message)} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="explore",
        usage="explore [--index DIR] [FOLDER] | explore [--index DIR] COMMAND ...",
        description="Search and read a folder of news articles. `explore` opens the terminal app on the index; "
        "`explore FOLDER` indexes the folder (incrementally), then opens it.",
        epilog="Queries may start with '-' (`explore search -iraq` means NOT iraq). `explore COMMAND --help` "
        "describes a command.",
    )
    parser.add_argument("--index", metavar="DIR", help="index folder (default: $EXPLORE_INDEX or a per-user folder)")
    parser.add_argument("--version", action="version", version=f"explore {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    add = commands.add_parser("add", help="index files and folders (.txt .md .html .json .jsonl)")
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.add_argument("--prune", action="store_true", help="drop documents whose files are gone")
    add.add_argument("--no-nlp", action="store_true", help="skip entity and event annotation (faster)")
    add.add_argument("--jobs", type=int, default=None, help="spaCy processes (default: number of cores)")
    add.add_argument("--model", default=None, help="spaCy model package or path")
    add.add_argument(
        "--cluster", default=None, metavar="ADDRESS", help="annotate on a Dask cluster: tcp://host:8786 or local:N"
    )
    add.add_argument("--follow-symlinks", action="store_true", help="follow symbolic links inside folders")
    add.add_argument("--wait", type=float, default=0.0, metavar="SECONDS", help="wait for another writer")
    add.add_argument("--json", action="store_true", help="print the summary as JSON")

    search = commands.add_parser("search", help="search the index")
    search.add_argument("query", nargs="*", metavar="QUERY")
    search.add_argument("--limit", type=_positive, default=10, help="hits to show (default: 10)")
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
    shown = entities.add_mutually_exclusive_group()
    shown.add_argument(
        "--limit", type=_positive, default=None, help=f"entities to show (default: {ENTITIES_SHOWN}; --json: all)"
    )
    shown.add_argument("--all", action="store_true", help="show every entity")
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


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("news-corpus-explorer")
    except PackageNotFoundError:
        return "(not installed)"


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: unwound like Ctrl-C, so the spaCy workers are ended and their semaphores released
    (a process killed outright left the resource tracker printing "leaked semaphore objects" warnings)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_unwind() -> Iterator[None]:
    """While a command runs in the main thread, SIGTERM and SIGHUP raise Terminated (then the old handlers return)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]

    def stop(signum: int, frame: object) -> None:
        raise Terminated(signum)

    previous = {signum: signal.signal(signum, stop) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(query_argv(parser, list(sys.argv[1:] if argv is None else argv)))
    with _signals_unwind():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
        index_dir, is_default = resolve_index_dir(args.index)
        if index_dir.exists() and not index_dir.is_dir():
            raise CommandError(f"--index {index_dir} is a file; name a folder (it is created when missing)")
        recover_interrupted_rebuild(index_dir)
        handler = _HANDLERS[args.command]
        if args.command != "add":
            ensure_default_index(index_dir, is_default, settings)
        return handler(args, index_dir, settings)
    except (CommandError, CorpusError, SettingsError, EntityEditsError, StoreDamaged) as error:
        return _fail(str(error))
    except Terminated as stopped:
        _fail(f"stopped by {signal.Signals(stopped.signum).name}; run the same command again to finish")
        return 128 + stopped.signum
    except KeyboardInterrupt:
        return _fail("interrupted")
    except BrokenPipeError:
        return 0
    except Exception as error:  # the last line of defence: one line, not a traceback
        from search.cli.errors import describe

        return _fail(describe(error))


#: Commands whose free words are a query (which may start with '-': `explore search -iraq`).
_QUERY_COMMANDS = ("search", "events")


def query_argv(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """`argv` with the query words of `search` and `events` after a `--`, so a word starting with '-' that is not
    one of the command's options (`-iraq`, `-"joint production"`) is read as query text, not as an unknown option."""
    start = 0
    while start < len(argv) and argv[start] != "--" and argv[start] not in _QUERY_COMMANDS:
        start += 2 if argv[start] == "--index" else 1
    if start >= len(argv) or argv[start] not in _QUERY_COMMANDS:
        return argv
    actions = _options_of(parser, argv[start])
    options: list[str] = []
    words: list[str] = []
    rest = iter(argv[start + 1 :])
    for token in rest:
        if token == "--":
            words.extend(rest)
            break
        action = _option_action(actions, token)
        if action is None:
            words.append(token)
            continue
        options.append(token)
        if action.nargs != 0 and "=" not in token:
            options.extend(islice(rest, 1))
    return argv[: start + 1] + options + (["--", *words] if words else [])


def _options_of(parser: argparse.ArgumentParser, command: str) -> dict[str, argparse.Action]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices[command]._option_string_actions)
    return {}


def _option_action(actions: dict[str, argparse.Action], token: str) -> argparse.Action | None:
    """The option `token` names (exactly, as `--name=value`, or as an unambiguous abbreviation), else None."""
    if not token.startswith("-"):
        return None
    name = token.split("=", 1)[0] if token.startswith("--") else token
    if name in actions:
        return actions[name]
    if not name.startswith("--"):
        return None
    candidates = {actions[option] for option in actions if option.startswith(name)}
    return candidates.pop() if len(candidates) == 1 else None


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
    index_dir: Path,
    paths: list[str],
    options: IngestOptions,
    settings: Settings,
    *,
    nlp: bool,
    jobs: int | None,
    cluster: str | None = None,
) -> IngestSummary:
    """Ingest with a progress bar on stderr; NLP when asked and a model is installed (on a Dask cluster when
    `cluster` names one)."""
    from search.index.writer import SearchIndexError
    from search.ingest.write_lock import IndexBusyError
    from search.nlp.spacy_model import ModelMissing

    annotator: Annotator | None = None
    if nlp and cluster:
        annotator = _cluster_annotator(cluster, settings.model)
    elif nlp:
        local = LazyAnnotator(settings.model, jobs or settings.jobs or os.cpu_count() or 1)
        try:
            local.check()
        except ModelMissing as error:
            raise CommandError(f"{error} (or add --no-nlp to index without entities and events)") from error
        annotator = local
    try:
        return _ingest_with_bar(index_dir, paths, options, annotator)
    except IndexBusyError as error:
        raise CommandError(str(error)) from error
    except SearchIndexError as error:
        raise CommandError(f"{error}; rebuild it with `explore --index {index_dir} rebuild`") from error
    except FileNotFoundError as error:
        raise CommandError(str(error)) from error


def _cluster_annotator(address: str, model: str | None) -> Annotator:
    """The annotator of a Dask cluster, connected and checked (a CommandError in one line otherwise)."""
    from search.nlp.cluster import ClusterAnnotator, ClusterError

    annotator = ClusterAnnotator(address, model)
    try:
        annotator.check()
        workers = annotator.workers()
    except ClusterError as error:
        annotator.close()
        raise CommandError(str(error)) from error
    print(f"explore: annotating on {workers} Dask worker{'s' if workers != 1 else ''} at {address}", file=sys.stderr)
    return annotator


def _ingest_with_bar(
    index_dir: Path, paths: list[str], options: IngestOptions, annotator: Annotator | None
) -> IngestSummary:
    from search.cli.progress_bar import ProgressBar
    from search.nlp.cluster import ClusterError

    try:
        with ProgressBar("indexing") as bar:
            factory = (lambda: annotator) if annotator else None
            return ingest(index_dir, paths, options, annotator_factory=factory, progress=bar.update)
    except ClusterError as error:
        raise CommandError(str(error)) from error
    finally:
        close = getattr(annotator, "close", None)
        if close is not None:
            close()


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
    cluster = args.cluster or settings.cluster
    _set_aside_if_beyond_rebuild(index_dir, store_damage(store_path(index_dir)) if index_exists(index_dir) else None)
    nlp, jobs = not args.no_nlp, args.jobs
    try:
        summary = run_ingest(index_dir, args.paths, options, settings, nlp=nlp, jobs=jobs, cluster=cluster)
    except StoreDamaged as error:  # damage a quick look did not see
        _set_aside_if_beyond_rebuild(index_dir, error)
        summary = run_ingest(index_dir, args.paths, options, settings, nlp=nlp, jobs=jobs, cluster=cluster)
    if args.json:
        _print_json(summary.as_json())
    else:
        _print_summary(summary)
    return 0


def _set_aside_if_beyond_rebuild(index_dir: Path, damage: StoreDamaged | None) -> None:
    """A damaged store: `rebuild` recovers it when it still lists its source files (said in one line); otherwise the
    damaged index is set aside (never deleted) and `add` starts a fresh one."""
    from search.ingest.rebuild import set_aside

    if damage is None:
        return
    if damage.rebuildable:
        raise CommandError(str(damage))
    aside = set_aside(index_dir)
    print(f"explore: the damaged index is kept in {aside}; starting a fresh index in {index_dir}", file=sys.stderr)


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
        print(f"  skipped {_line(skip.path)}: {_line(skip.reason)}")
    for failed in summary.annotation_failed:
        print(f"  not fully annotated {_line(failed.path)}: {_line(failed.reason)}")
    if summary.gone:
        print(f"{len(summary.gone)} indexed files no longer exist; add --prune to drop their documents")
    if summary.cancelled:
        print("Interrupted: run the same command again to finish.")


def cmd_search(args: argparse.Namespace, index_dir: Path, settings: Settings) -> int:
    from search.index.query_error import QueryError

    if not args.query:
        raise CommandError("search needs a QUERY (`explore search ''` lists every article, newest first)")
    text = " ".join(args.query)
    with Corpus(index_dir, entity_edits=settings.entity_edits) as corpus:
        try:
            result = corpus.search(text, limit=args.limit, sort=args.sort)
        except QueryError as error:
            raise CommandError(f"bad query: {error}") from error
        undated = corpus.store.count_undated() if result.total == 0 and "date:" in text else 0
        articles = corpus.count() if undated else 0
    from search.index.query import query_notes

    notes = query_notes(text)
    if undated:
        notes.append(f"{undated:,} of the {articles:,} articles have no date, so date: never matches them")
    if args.json:
        _print_json({**search_json(result), "notes": notes})
        return 0
    bold = sys.stdout.isatty()
    count = f"{result.total}" if result.total_is_exact else f"about {result.total}"
    print(f"{count} hit{'s' if result.total != 1 else ''} for {_line(text)!r} ({result.took_ms:.1f} ms)")
    for prefix in result.truncated_prefixes:
        print(f"  note: {_line(prefix)} matched many words; only the most frequent were searched")
    for note in notes:
        print(f"  note: {note}")
    for hit in result.hits:
        meta = hit.summary.metadata
        print()
        print(f"{hit.id}  {_line(meta.date or 'no date'):10}  {_line(meta.source or '')}")
        print(f"  {_line(meta.title or '(untitled)')}")
        snippet = _line(hit.snippet.marked("\x1b[1m", "\x1b[0m") if bold else hit.snippet.marked("[", "]"))
        print(f"  {snippet}")
    if len(result.hits) < result.total:
        print(f"\nShowing the first {len(result.hits)} of {count}; --limit N shows more.")
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
        print(f"{summary.id}  {_line(meta.date or ''):10}  {_line(meta.source or '')[:20]:20}  {_line(title)}")
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
        ("Path", "\n        ".join(_line(path) for path in document.paths)),
        ("Id", document.id),
    ]
    for name, value in fields:
        if value:
            print(f"{name + ':':8}{value if name == 'Path' else _line(value)}")
    print()
    print(_safe(document.body))
    if args.furniture and document.furniture:
        print("\n--- set aside as page furniture ---")
        for block in document.furniture:
            print(f"[{_line(block.reason)}] {_safe(block.text)}")
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
        print(f"{when:10}  {event.type:12}  {_line(actors)}{sources}")
        print(f"            {_line(event.sentence)}")
        print(f"            event {event.id} in {event.doc_id}")
    if events:
        print(f"{_plural(len(events), 'event')}; `explore cite DOC_ID --event EVENT_ID` cites one", file=sys.stderr)
    return 0


def cmd_entities(args: argparse.Namespace, index_dir: Path, settings: Settings) -> int:
    label = _entity_label(args.label)
    if args.apply_edits:
        _apply_edits(index_dir, settings)
    with Corpus(index_dir, entity_edits=settings.entity_edits) as corpus:
        summaries = corpus.entities(label=label)
    limit = None if args.all or (args.json and args.limit is None) else args.limit or ENTITIES_SHOWN
    shown = summaries[:limit]
    if args.json:
        _print_json([summary.to_json() for summary in shown])
        return 0
    for summary in shown:
        aliases = [alias for alias in summary.aliases if alias != summary.name]
        also = f"  (also: {', '.join(aliases[:4])})" if aliases else ""
        docs = _plural(summary.docs, "doc")
        print(f"{summary.count:5}  {docs:>9}  {summary.label:7}  {_line(summary.name)}{_line(also)}")
    what = f"{label} entities" if label else "entities"
    if len(shown) < len(summaries):
        print(f"Showing the {len(shown)} most frequent of {len(summaries):,} {what}; --limit N or --all shows more.")
    elif not summaries:
        print(f"No {what} in this index (`explore add` without --no-nlp finds them).", file=sys.stderr)
    return 0


def _entity_label(given: str | None) -> str | None:
    """The --label asked for (a spaCy label or a search field, any case), or a one-line error naming the choices."""
    from search.entities.canonical import ENTITY_LABELS
    from search.entities.stats import SEARCH_FIELDS

    if given is None:
        return None
    fields = sorted(set(SEARCH_FIELDS.values()))
    if given.upper() in ENTITY_LABELS or given.lower() in fields:
        return given
    choices = ", ".join([*sorted(ENTITY_LABELS), *fields])
    raise CommandError(f"unknown entity label {given!r}: use one of {choices}")


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


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
    """Running text (a body, a citation) as inert text."""
    return shown_text(text)


def _line(text: str) -> str:
    """A name or field as one inert line (see text_safety.one_line)."""
    return one_line(text)


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
