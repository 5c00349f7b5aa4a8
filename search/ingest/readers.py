"""Reading one file into raw article records: plain text and Markdown (its front matter read as metadata), HTML
(via trafilatura), JSON and JSON Lines. Wiki markup in a text (MediaWiki exports) is removed here (wikitext.py).

A reader never raises for bad content: it returns the records it could read and, for each part it could not,
a reason. Container metadata (JSON fields, HTML meta tags) travels with each record as hints for cleaning.
A JSON Lines file is streamed (RecordStream): its records are read line by line as they are cleaned and
written, so memory is bounded by a write group, not by the file.
"""

from __future__ import annotations

import codecs
import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from search.ingest.decode import LineDecoder, UndecodableError, decode_bytes, normalise_text
from search.ingest.discover import FoundFile
from search.ingest.front_matter import split_front_matter
from search.ingest.wikitext import strip_wikitext
from search.model import RawRecord, Sourced

#: JSON keys that may hold each field, in order of preference.
JSON_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "maintext", "full_text", "story"),
    "title": ("title", "headline", "name"),
    "date": (
        "date",
        "published",
        "publication_date",
        "pub_date",
        "pubDate",
        "date_publish",
        "datePublished",
        "published_at",
        "publishedAt",
        "time",
        "timestamp",
    ),
    "url": ("url", "link", "canonical_url", "source_url", "uri"),
    "source": ("source", "publisher", "site", "sitename", "site_name", "outlet", "publication", "domain"),
    "author": ("author", "authors", "byline", "creator", "by"),
}


#: How deep a metadata value (a list of author names, {"name": ...}) is looked into.
_MAX_METADATA_DEPTH = 3

#: A Markdown ATX heading line ("## Heading ##"): the markers are markup, the heading text is kept.
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class ReadResult:
    """What one file gave: its records, the raw bytes' digest, and reasons for any parts left out."""

    records: list[RawRecord]
    problems: list[str] = field(default_factory=list)


class FileReadError(Exception):
    """The whole file could not be read (the message is the one-line reason)."""


def read_file(found: FoundFile, data: bytes) -> ReadResult:
    """Turn a file's bytes into records. Raises FileReadError when nothing at all can be read from it."""
    if not data.strip():
        raise FileReadError("empty file")
    try:
        text = decode_bytes(data)
    except UndecodableError as error:
        raise FileReadError(str(error)) from error
    if not text.strip():
        raise FileReadError("no text (only whitespace or control characters)")
    try:
        return _read_text(found, text)
    except RecursionError as error:  # markup nested deeper than a parser's stack: this file only, not the run
        raise FileReadError(f"{found.fmt.upper()} nested too deeply") from error


def _read_text(found: FoundFile, text: str) -> ReadResult:
    if found.fmt == "html":
        return _read_html(found.path, text)
    if found.fmt == "json":
        return _read_json(found.path, text)
    hints: dict[str, Sourced] = {}
    if found.fmt == "md":
        front = split_front_matter(text)
        if front is not None:
            hints, text = _hints(front.fields, front.syntax), front.rest
        text = _MD_HEADING.sub(r"\1", text)
    text = strip_wikitext(text)
    if not text.strip():
        raise FileReadError("no article text once front matter and markup are removed")
    return ReadResult([RawRecord(found.path, text, found.fmt, hints)])


#: Pages this long may hold a text node past libxml2's 10 MB limit, which a default parse drops without a word.
HUGE_PAGE_CHARS = 8_000_000


def _huge_page_tree(html: str) -> Any:
    """A long page parsed with libxml2's limits lifted (`huge_tree`), with the parser options trafilatura uses.

    Only long pages take this path: trafilatura's own parse of ordinary pages (its encoding and repair steps)
    stays as it is. A page that lxml cannot parse this way goes to trafilatura as text, as before.
    """
    from lxml.html import HTMLParser, fromstring

    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    try:
        return fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (ValueError, TypeError, SyntaxError):  # lxml's parse errors derive from SyntaxError
        return html


def _read_html(path: str, html: str) -> ReadResult:
    import trafilatura  # heavy import: only when an HTML file is actually read

    page = _huge_page_tree(html) if len(html) >= HUGE_PAGE_CHARS else html
    extracted = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, favor_recall=True)
    if extracted is None:
        raise FileReadError("HTML page has no article text")
    info = extracted if isinstance(extracted, dict) else extracted.as_dict()
    body = normalise_text(info.get("text") or "")
    if not body.strip():
        raise FileReadError("HTML page has no article text")
    hints: dict[str, Sourced] = {}
    for name, key in (
        ("title", "title"),
        ("date", "date"),
        ("author", "author"),
        ("source", "sitename"),
        ("url", "url"),
    ):
        value = info.get(key)
        if isinstance(value, str) and value.strip():
            hints[name] = Sourced(normalise_text(value.strip()), f"html:{key}")
    return ReadResult([RawRecord(path, body, "html", hints)])


#: How much of a file's head is looked at to tell JSON Lines (streamed) from other JSON (read whole).
HEAD_BYTES = 1 << 20


class RecordStream:
    """The records of a JSON Lines file, read line by line each time it is iterated (numbered by line, as a
    whole-file read numbers them). `problems` holds the reasons for lines left out so far, `position` the bytes
    read so far."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[str] = []
        self.position = 0

    def __iter__(self) -> Iterator[RawRecord]:
        decoder = LineDecoder()
        self.problems.clear()
        self.position = 0
        with open(self.path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                self.position += len(raw)
                line = raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw
                if line.strip():
                    record = self._record(number, line, decoder)
                    if record is not None:
                        yield record

    def _record(self, number: int, line: bytes, decoder: LineDecoder) -> RawRecord | None:
        try:
            item = _parse(decoder.decode(line))
        except UndecodableError as error:
            item = _Invalid(str(error))
        if isinstance(item, _Invalid):
            self.problems.append(f"line {number}: {item.reason}")
            return None
        record = _record_from_json(f"{self.path}#{number}", item)
        if isinstance(record, str):
            self.problems.append(f"record {number}: {record}")
            return None
        return record

    def failure(self) -> str:
        """Why the file gave no record at all (once iterated)."""
        return _no_records(self.problems)


def open_json_lines(found: FoundFile) -> RecordStream | None:
    """A stream over `found` when it is JSON Lines: a JSON file whose first non-blank line is a JSON value by
    itself (not an array's opening, nor a pretty-printed object's). None for anything else, which is read whole;
    so is a file in UTF-16 or UTF-32, or one that cannot be opened (read_bytes then says why)."""
    if found.fmt != "json":
        return None
    try:
        first = _first_line(found.path)
    except OSError:
        return None
    if first is None or b"\x00" in first or first.lstrip().startswith(b"["):
        return None
    try:
        value = _parse(LineDecoder().decode(first))
    except UndecodableError:
        return None
    return None if isinstance(value, _Invalid) else RecordStream(found.path)


def _first_line(path: str) -> bytes | None:
    """The file's first non-blank line (None: there is none within HEAD_BYTES, or it runs on past them)."""
    with open(path, "rb") as handle:
        budget = HEAD_BYTES
        line = handle.readline(budget).removeprefix(codecs.BOM_UTF8)
        while line:
            budget -= len(line)
            if line.strip():
                return line if line.endswith(b"\n") or not handle.read(1) else None
            if budget <= 0:
                return None
            line = handle.readline(budget)
    return None


def _no_records(problems: list[str]) -> str:
    return problems[0] if len(problems) == 1 else f"no readable article records ({len(problems)} bad)"


def _read_json(path: str, text: str) -> ReadResult:
    records: list[RawRecord] = []
    problems: list[str] = []
    for number, item in _json_items(text, problems):
        record = _record_from_json(f"{path}#{number}", item)
        if isinstance(record, str):
            problems.append(f"record {number}: {record}")
        else:
            records.append(record)
    if not records:
        raise FileReadError(_no_records(problems))
    return ReadResult(records, problems)


def _json_items(text: str, problems: list[str]) -> Iterator[tuple[int, Any]]:
    """A JSON array, a single object, or JSON Lines; numbered from 1 (the line number for JSON Lines)."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        whole = _parse(text)
        if isinstance(whole, _Invalid):
            problems.append(whole.reason)
            return
        yield from enumerate(whole, start=1)
        return
    single = _parse(text)
    if not isinstance(single, _Invalid):
        yield 1, single
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        item = _parse(line)
        if isinstance(item, _Invalid):
            problems.append(f"line {number}: {item.reason}")
        else:
            yield number, item


@dataclass(frozen=True)
class _Invalid:
    """Text that is not JSON we can use, and why (one line)."""

    reason: str


def _parse(text: str) -> Any:
    """The JSON value in `text`, or _Invalid: malformed, or nested deeper than the parser's recursion allows."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f" at line {error.lineno}" if "\n" in text.rstrip() else ""
        return _Invalid(f"invalid JSON ({error.msg}{where})")
    except RecursionError:
        return _Invalid("JSON nested too deeply")


def _record_from_json(path: str, item: Any) -> RawRecord | str:
    if not isinstance(item, dict):
        return "not a JSON object"
    body = _first_string(item, JSON_KEYS["text"])
    if body is None or not body.strip():
        return "no article text (expected a text/body field)"
    text = strip_wikitext(normalise_text(body))
    if not text:
        return "no article text once wiki markup is removed"
    return RawRecord(path, text, "json", _hints(item, "json"))


def _hints(item: dict[str, Any], origin: str) -> dict[str, Sourced]:
    """Metadata hints from a mapping of container fields (a JSON record, front matter), each with its key."""
    hints: dict[str, Sourced] = {}
    for name in ("title", "date", "url", "source", "author"):
        for key in JSON_KEYS[name]:
            value = _as_text(item.get(key))
            if value:
                hints[name] = Sourced(normalise_text(value), f"{origin}:{key}")
                break
    return hints


def _first_string(item: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _as_text(value: Any, depth: int = 0) -> str | None:
    """A JSON value as metadata text: strings as they are, lists of names joined, numbers kept as text.

    Only a few levels deep: metadata is names and dates, and a deeply nested value must not exhaust the stack.
    """
    if isinstance(value, str):
        return value.strip() or None
    if depth >= _MAX_METADATA_DEPTH:
        return None
    if isinstance(value, list):
        names = [_as_text(part, depth + 1) for part in value]
        joined = ", ".join(name for name in names if name)
        return joined or None
    if isinstance(value, dict):
        return _as_text(value.get("name"), depth + 1)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.date):  # YAML and TOML dates (datetime is a date too)
        return value.isoformat()
    return None
