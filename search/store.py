"""The document store: one SQLite database holding every document, its paths, its files and its annotations.

SQLite in WAL mode is the source of truth: readers keep reading while a writer writes, and a transaction either
lands whole or not at all, so a killed ingest never loses what was indexed before. An index in a folder the user
cannot write is opened read-only, so it can still be searched. The Whoosh index is derived from it; the `pending`
table journals which documents the search index still has to catch up with.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from itertools import groupby
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from search.index_folder import SEARCH_DIR, store_path
from search.model import Actor, Annotation, Document, DocumentSummary, Event, FurnitureBlock, Mention, Metadata

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents(
    id TEXT PRIMARY KEY, title TEXT, title_derived INTEGER NOT NULL, date TEXT, source TEXT, author TEXT,
    url TEXT, provenance TEXT NOT NULL, body TEXT NOT NULL, furniture TEXT NOT NULL, words INTEGER NOT NULL,
    annotated INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS documents_newest ON documents(date IS NULL, date DESC, title);
CREATE TABLE IF NOT EXISTS paths(path TEXT PRIMARY KEY, file TEXT NOT NULL, doc_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS paths_doc ON paths(doc_id);
CREATE INDEX IF NOT EXISTS paths_file ON paths(file);
CREATE TABLE IF NOT EXISTS files(file TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions(doc_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, label TEXT NOT NULL, entity TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE TABLE IF NOT EXISTS events(id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, date TEXT, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE TABLE IF NOT EXISTS pending(doc_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS retired_paths(path TEXT PRIMARY KEY, file TEXT NOT NULL, doc_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS retired_file ON retired_paths(file);
CREATE TABLE IF NOT EXISTS prefix_terms(prefix TEXT PRIMARY KEY, terms TEXT NOT NULL);
"""
#: meta key: the search index generation the prefix table describes.
_PREFIX_GENERATION = "prefix_table_generation"

_META_COLUMNS = "id, title, title_derived, date, source, author, url, provenance"


class StoreError(Exception):
    """The store cannot be opened or written (the message is a one-line reason)."""


class StoreDamaged(StoreError):
    """The store's file is damaged: the message names the one command that recovers (see `recovery`)."""

    def __init__(self, message: str, *, rebuildable: bool) -> None:
        super().__init__(message)
        #: True: `explore rebuild` can re-read the recorded source files; False: only a fresh `add` recovers.
        self.rebuildable = rebuildable


#: OperationalError messages that say nothing about damage (a busy or full disk, a folder we cannot write).
_NOT_DAMAGE = ("locked", "busy", "disk is full", "readonly", "read-only", "unable to open", "interrupted")

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(method: Callable[Concatenate[Store, _P], _R]) -> Callable[Concatenate[Store, _P], _R]:
    """Turn what damaged bytes raise while reading or writing (SQLite errors, JSON that no longer parses, rows that
    no longer fit their dataclass) into a one-line StoreDamaged naming the command that recovers."""

    @functools.wraps(method)
    def guarded(self: Store, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(self, *args, **kwargs)
        except StoreError:
            raise
        except sqlite3.OperationalError as error:
            if any(words in str(error).lower() for words in _NOT_DAMAGE):
                raise
            raise damaged(self.path, error) from error
        except sqlite3.DataError as error:  # one record's value past SQLite's limits: that record's fault, not damage
            raise StoreError(f"a value past the document store's limits ({error})") from error
        except (sqlite3.DatabaseError, ValueError, TypeError, KeyError, AttributeError) as error:
            raise damaged(self.path, error) from error

    return guarded


def damaged(path: Path, error: BaseException | str) -> StoreDamaged:
    """The one-line StoreDamaged for the store at `path`, naming the command that recovers it."""
    if isinstance(error, BaseException):
        text = str(error).splitlines()[0][:120] if str(error) else ""
        error = f"{type(error).__name__}{': ' + text if text else ''}"
    command, rebuildable = recovery(path.parent, path)
    return StoreDamaged(f"the document store {path} is damaged ({error}); {command}", rebuildable=rebuildable)


def recovery(index_dir: Path, path: Path | None = None) -> tuple[str, bool]:
    """What recovers the damaged store of `index_dir`, and whether that is `rebuild`: it is when the store still lists
    source files that exist; otherwise `add` sets the damaged index aside and starts a fresh one."""
    if any(Path(file).exists() for file in recorded_files(path or store_path(index_dir))):
        return f"rebuild it with `explore --index {index_dir} rebuild`", True
    return (
        f"start a fresh index with `explore --index {index_dir} add FOLDER...` (the damaged one is kept aside)",
        False,
    )


def recorded_files(path: Path) -> list[str]:
    """The source files a store records, as many as can still be read from a damaged one (its `files` table, then
    its `paths` table, each up to the first damaged page); none from a store SQLite cannot open at all."""
    if not path.exists() or path.stat().st_size == 0:
        return []
    try:
        db = _connect_readonly(path)
    except sqlite3.Error:
        return []
    found: dict[str, None] = {}
    try:
        for sql in ("SELECT file FROM files", "SELECT DISTINCT file FROM paths"):
            try:
                for (file,) in db.execute(sql):
                    if isinstance(file, str) and file:
                        found[file] = None
            except sqlite3.Error:
                continue
    finally:
        db.close()
    return list(found)


def store_intact(path: Path) -> bool:
    """True when SQLite's own check finds nothing wrong with the store's pages (seconds for a large store)."""
    try:
        db = _connect_readonly(path)
    except sqlite3.Error:
        return False
    try:
        return [row[0] for row in db.execute("PRAGMA quick_check")] == ["ok"]
    except sqlite3.Error:
        return False
    finally:
        db.close()


def store_damage(path: Path) -> StoreDamaged | None:
    """The damage a quick look at an existing store finds (it opens, counts, lists its files), or None."""
    try:
        store = Store(path, readonly=True)
    except StoreDamaged as error:
        return error
    except StoreError:
        return None
    try:
        store.count()
        store.files()
        store.meta("schema")
    except StoreDamaged as error:
        return error
    finally:
        store.close()
    return None


@dataclass(frozen=True)
class FileState:
    """What we knew of a file when we last read it."""

    size: int
    mtime_ns: int
    digest: str


@dataclass
class FileUpdate:
    """The new content of one file, or of one part of it: its state and the (path, document) pairs it holds.

    A large file is written in parts: the first part retires the file's old paths, the last records its state
    and drops the documents no path refers to any more. A run killed in between leaves the file unrecorded, so
    the next run reads it again; its old documents stay until then.
    """

    file: str
    state: FileState
    entries: list[tuple[str, Document]]
    first: bool = True
    last: bool = True


class Store:
    """A connection to one index's document database."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        if path.exists() and path.stat().st_size == 0 and (path.parent / SEARCH_DIR).exists():
            # SQLite reads an empty file as an empty store: the index would list nothing yet still find old hits
            raise damaged(path, "the file is empty")
        try:
            if readonly:
                self._db = _connect_readonly(path)
            else:
                try:
                    self._db = _connect_writable(path)
                except sqlite3.OperationalError as error:
                    if not path.exists() or not _is_unwritable(error):
                        raise
                    self._db = _connect_readonly(path)  # a read-only index folder can still be read
            self._db.execute("SELECT count(*) FROM documents").fetchone()
        except sqlite3.OperationalError as error:
            if any(words in str(error).lower() for words in _NOT_DAMAGE):
                raise StoreError(f"cannot open the document store {path} ({error})") from error
            raise damaged(path, error) from error
        except sqlite3.DatabaseError as error:
            raise damaged(path, error) from error

    def close(self) -> None:
        self._db.close()

    # ---- reading -------------------------------------------------------------------------------------------

    @_guarded
    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    @_guarded
    def count_undated(self) -> int:
        """How many documents have no publication date (a `date:` query never matches them)."""
        return int(self._db.execute("SELECT count(*) FROM documents WHERE date IS NULL").fetchone()[0])

    @_guarded
    def file_state(self, file: str) -> FileState | None:
        row = self._db.execute("SELECT size, mtime_ns, digest FROM files WHERE file = ?", (file,)).fetchone()
        return FileState(*row) if row else None

    @_guarded
    def files(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT file FROM files ORDER BY file")]

    @_guarded
    def has_document(self, doc_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    @_guarded
    def resolve_id(self, prefix: str) -> list[str]:
        """Document ids starting with `prefix` (a full id gives itself)."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._db.execute(
            "SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 10", (escaped + "%",)
        )
        return [row[0] for row in rows]

    @_guarded
    def get(self, doc_id: str) -> Document | None:
        row = self._db.execute(
            f"SELECT {_META_COLUMNS}, body, furniture FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            return None
        furniture = tuple(FurnitureBlock(**block) for block in json.loads(row[9]))
        annotation = Annotation(tuple(self.mentions(doc_id)), tuple(self.events([doc_id])))
        return Document(row[0], self.paths(doc_id), _metadata(row), row[8], furniture, annotation)

    @_guarded
    def summaries(self, doc_ids: Sequence[str] | None = None, *, limit: int | None = None) -> list[DocumentSummary]:
        """Metadata of the given documents (in that order), or of all documents by date, newest first (the first
        `limit` of them when given)."""
        sql = f"SELECT {_META_COLUMNS}, words FROM documents"
        if doc_ids is None:
            newest = sql + " ORDER BY date IS NULL, date DESC, title" + ("" if limit is None else " LIMIT ?")
            rows = self._db.execute(newest, () if limit is None else (max(0, limit),)).fetchall()
        else:
            rows = self._rows_for(sql, doc_ids)
        paths = self._paths_for([row[0] for row in rows])
        return [DocumentSummary(row[0], paths.get(row[0], ()), _metadata(row), row[8]) for row in rows]

    @_guarded
    def bodies(self, doc_ids: Sequence[str]) -> dict[str, str]:
        rows = self._rows_for("SELECT id, body FROM documents", doc_ids)
        return {row[0]: row[1] for row in rows}

    @_guarded
    def paths(self, doc_id: str) -> tuple[str, ...]:
        rows = self._db.execute("SELECT path FROM paths WHERE doc_id = ? ORDER BY rowid", (doc_id,))
        return tuple(row[0] for row in rows)

    @_guarded
    def held_at(self, path: str, doc_id: str) -> bool:
        """True when `path` holds this document now, or held it before its file's current rewrite began."""
        for table in ("paths", "retired_paths"):
            row = self._db.execute(f"SELECT 1 FROM {table} WHERE path = ? AND doc_id = ?", (path, doc_id)).fetchone()
            if row:
                return True
        return False

    @_guarded
    def mentions(self, doc_id: str) -> list[Mention]:
        rows = self._db.execute(
            "SELECT text, label, start, end, entity FROM mentions WHERE doc_id = ? ORDER BY start", (doc_id,)
        )
        return [Mention(*row) for row in rows]

    @_guarded
    def mentions_by_document(self, doc_ids: Sequence[str] | None = None) -> dict[str, list[Mention]]:
        """Mentions grouped by document, for the given documents (all when None)."""
        sql = "SELECT doc_id, text, label, start, end, entity FROM mentions"
        rows = self._db.execute(sql).fetchall() if doc_ids is None else self._rows_for(sql, doc_ids, column="doc_id")
        grouped: dict[str, list[Mention]] = {}
        for row in rows:
            grouped.setdefault(row[0], []).append(Mention(*row[1:]))
        return grouped

    def entity_names(self) -> Iterator[tuple[str, list[tuple[str, str]]]]:
        """(doc_id, its distinct (label, canonical name) pairs) for every annotated document, streamed by id: what
        the corpus-wide aliases of people are worked out from, without every mention in memory at once."""
        rows = self._db.execute("SELECT DISTINCT doc_id, label, entity FROM mentions ORDER BY doc_id")
        for doc_id, group in groupby(rows, key=lambda row: row[0]):
            yield doc_id, [(label, entity) for _, label, entity in group]

    @_guarded
    def events(self, doc_ids: Sequence[str] | None = None) -> list[Event]:
        """Events of the given documents (all when None), by date, unresolved last."""
        sql = "SELECT doc_id, data FROM events"
        if doc_ids is None:
            rows = self._db.execute(sql).fetchall()
        else:
            rows = self._rows_for(sql, doc_ids, column="doc_id")
        events = [_event_from_json(row[1]) for row in rows]
        return sorted(events, key=lambda event: (event.date is None, event.date or "", event.doc_id, event.start))

    @_guarded
    def pending(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT doc_id FROM pending ORDER BY doc_id")]

    @_guarded
    def unannotated(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT id FROM documents WHERE annotated = 0")]

    @_guarded
    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def prefix_table_generation(self) -> int | None:
        """The search index generation the prefix table was built from (None: no table)."""
        try:
            value = self.meta(_PREFIX_GENERATION)
        except sqlite3.Error:
            return None
        return int(value) if value is not None and value.lstrip("-").isdigit() else None

    def prefix_terms(self, prefix: str) -> list[tuple[str, int]] | None:
        """The most frequent terms starting with `prefix` and their document frequencies (None: no row)."""
        try:
            row = self._db.execute("SELECT terms FROM prefix_terms WHERE prefix = ?", (prefix,)).fetchone()
        except sqlite3.Error:  # an index made before the table existed, opened read-only
            return None
        return [(term, int(count)) for term, count in json.loads(row[0])] if row else None

    # ---- writing -------------------------------------------------------------------------------------------

    def apply(self, updates: Iterable[FileUpdate], removed_files: Iterable[str] = ()) -> tuple[set[str], set[str]]:
        """Write new file contents and drop removed files in one transaction.

        Returns (documents written, documents deleted); both are journalled as pending for the search index.
        """
        written: set[str] = set()
        touched: set[str] = set()
        try:
            with self._db:
                for file in removed_files:
                    touched |= self._drop_file(file)
                for update in updates:
                    if update.first:
                        self._retire_paths(update.file)
                    for path, document in update.entries:
                        self._put_document(document)
                        self._db.execute(
                            "INSERT OR REPLACE INTO paths VALUES (?, ?, ?)", (path, update.file, document.id)
                        )
                        written.add(document.id)
                    if update.last:
                        touched |= self._finish_file(update.file, update.state)
                deleted = {doc_id for doc_id in touched - written if self._delete_if_orphan(doc_id)}
                self._db.executemany("INSERT OR IGNORE INTO pending VALUES (?)", [(i,) for i in written | deleted])
        except sqlite3.OperationalError as error:
            if any(words in str(error).lower() for words in _NOT_DAMAGE):
                raise StoreError(f"cannot write the document store ({error})") from error
            raise damaged(self.path, error) from error
        except sqlite3.DataError as error:  # one record's value past SQLite's limits: that file's fault, not damage
            raise StoreError(f"a value past the document store's limits ({error})") from error
        except sqlite3.DatabaseError as error:
            raise damaged(self.path, error) from error
        return written, deleted

    @_guarded
    def touch_file(self, file: str, state: FileState) -> None:
        """Record a new modification time for a file whose content did not change."""
        with self._db:
            self._db.execute(
                "UPDATE files SET size = ?, mtime_ns = ? WHERE file = ?", (state.size, state.mtime_ns, file)
            )

    @_guarded
    def set_annotations(self, annotations: dict[str, Annotation]) -> None:
        """Store what NLP found for these documents, replacing earlier annotations."""
        with self._db:
            for doc_id, annotation in annotations.items():
                self._db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
                self._db.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
                self._db.executemany(
                    "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
                    [(doc_id, m.start, m.end, m.text, m.label, m.entity) for m in annotation.mentions],
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?)",
                    [(e.id, doc_id, e.date, json.dumps(asdict(e))) for e in annotation.events],
                )
                self._db.execute("UPDATE documents SET annotated = 1 WHERE id = ?", (doc_id,))
                self._db.execute("INSERT OR IGNORE INTO pending VALUES (?)", (doc_id,))

    @_guarded
    def replace_events(self, events: Iterable[Event]) -> None:
        """Rewrite stored events (after corpus-wide clustering changed their cluster ids)."""
        with self._db:
            self._db.executemany(
                "UPDATE events SET data = ?, date = ? WHERE id = ?",
                [(json.dumps(asdict(e)), e.date, e.id) for e in events],
            )

    @_guarded
    def mark_all_pending(self) -> None:
        """Journal every document for the search index (after the user's entity edits changed)."""
        with self._db:
            self._db.execute("INSERT OR IGNORE INTO pending SELECT id FROM documents")

    @_guarded
    def mark_pending(self, doc_ids: Iterable[str]) -> None:
        """Journal these documents for the search index (after the corpus's entity aliases changed)."""
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO pending VALUES (?)", [(i,) for i in doc_ids])

    @_guarded
    def clear_pending(self, doc_ids: Iterable[str]) -> None:
        with self._db:
            self._db.executemany("DELETE FROM pending WHERE doc_id = ?", [(i,) for i in doc_ids])

    @_guarded
    def set_meta(self, key: str, value: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @_guarded
    def replace_prefix_table(self, generation: int, rows: Iterable[tuple[str, list[tuple[str, int]]]]) -> None:
        """Replace the whole prefix table (one transaction) and record the index generation it describes."""
        with self._db:
            self._db.execute("DELETE FROM prefix_terms")
            self._db.executemany(
                "INSERT INTO prefix_terms VALUES (?, ?)",
                ((prefix, json.dumps(terms, separators=(",", ":"))) for prefix, terms in rows),
            )
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (_PREFIX_GENERATION, str(generation)))

    # ---- helpers -------------------------------------------------------------------------------------------

    def _put_document(self, document: Document) -> None:
        if self.has_document(document.id):
            return
        meta = document.metadata
        self._db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (
                document.id, meta.title, int(meta.title_derived), meta.date, meta.source, meta.author, meta.url,
                json.dumps(meta.provenance), document.body,
                json.dumps([asdict(block) for block in document.furniture]), document.words,
            ),
        )  # fmt: skip

    def _retire_paths(self, file: str) -> None:
        """Set a file's current paths aside until its new content is complete (see FileUpdate)."""
        self._db.execute(
            "INSERT OR REPLACE INTO retired_paths SELECT path, file, doc_id FROM paths WHERE file = ?", (file,)
        )
        self._db.execute("DELETE FROM paths WHERE file = ?", (file,))
        self._db.execute("DELETE FROM files WHERE file = ?", (file,))

    def _finish_file(self, file: str, state: FileState) -> set[str]:
        """Record a file's state once all its parts are written; returns the documents it held before."""
        retired = {row[0] for row in self._db.execute("SELECT doc_id FROM retired_paths WHERE file = ?", (file,))}
        self._db.execute("DELETE FROM retired_paths WHERE file = ?", (file,))
        self._db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (file, state.size, state.mtime_ns, state.digest)
        )
        return retired

    def _drop_file(self, file: str) -> set[str]:
        doc_ids = {row[0] for row in self._db.execute("SELECT doc_id FROM paths WHERE file = ?", (file,))}
        self._db.execute("DELETE FROM paths WHERE file = ?", (file,))
        self._db.execute("DELETE FROM files WHERE file = ?", (file,))
        return doc_ids

    def _delete_if_orphan(self, doc_id: str) -> bool:
        if self._db.execute("SELECT 1 FROM paths WHERE doc_id = ? LIMIT 1", (doc_id,)).fetchone():
            return False
        for table, column in (("documents", "id"), ("mentions", "doc_id"), ("events", "doc_id")):
            self._db.execute(f"DELETE FROM {table} WHERE {column} = ?", (doc_id,))
        return True

    def _rows_for(self, sql: str, doc_ids: Sequence[str], column: str = "id") -> list[tuple]:
        """Rows (whose first item is `column`) for doc_ids, in the order of doc_ids, chunked under SQLite's limits."""
        found: dict[str, list[tuple]] = {}
        for chunk_start in range(0, len(doc_ids), 500):
            chunk = list(doc_ids[chunk_start : chunk_start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(f"{sql} WHERE {column} IN ({marks})", chunk):
                found.setdefault(row[0], []).append(row)
        return [row for doc_id in doc_ids for row in found.get(doc_id, [])]

    def _paths_for(self, doc_ids: list[str]) -> dict[str, tuple[str, ...]]:
        paths: dict[str, list[str]] = {}
        for chunk_start in range(0, len(doc_ids), 500):
            chunk = doc_ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT doc_id, path FROM paths WHERE doc_id IN ({marks}) ORDER BY rowid", chunk)
            for doc_id, path in rows:
                paths.setdefault(doc_id, []).append(path)
        return {doc_id: tuple(items) for doc_id, items in paths.items()}


def _connect_writable(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=30, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        db.commit()
    except sqlite3.Error:
        db.close()
        raise
    return db


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """Open for reading only; in a folder we cannot write (no WAL index file can be made) as an immutable file."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30, check_same_thread=False)
    try:
        db.execute("SELECT count(*) FROM documents").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
    return sqlite3.connect(f"file:{path}?immutable=1", uri=True, timeout=30, check_same_thread=False)


def _is_unwritable(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _metadata(row: Sequence) -> Metadata:
    return Metadata(
        title=row[1], title_derived=bool(row[2]), date=row[3], source=row[4], author=row[5], url=row[6],
        provenance=json.loads(row[7]),
    )  # fmt: skip


def _event_from_json(data: str) -> Event:
    raw = json.loads(data)
    raw["actors"] = tuple(Actor(**actor) for actor in raw["actors"])
    raw["sources"] = tuple(raw["sources"])
    return Event(**raw)
