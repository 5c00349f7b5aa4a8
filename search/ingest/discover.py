"""Finding the article files under the paths a user gives: which files, in what order, and what is skipped.

Folders are walked recursively in sorted order. Symbolic links are not followed unless asked; a followed link
that loops or leads out of the folder given is skipped with its reason. Hidden files and folders (a leading dot)
are ignored. Inside a folder, files with extensions we do not read are skipped with that reason (a folder of PDFs
must not look empty), and so are notes that travel with a corpus rather than articles, by their name (README,
LICENSE, SOURCE, CHANGELOG...: see NOTE_NAMES); a note named on the command line is read, since it was asked
for. A name that is not valid UTF-8 cannot be stored or printed, so such a file or folder is skipped with its
reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: File extensions `explore` reads, mapped to the reader format.
FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
}


#: File names (without extension, any case) of the notes a corpus folder carries beside its articles.
#: Kept to names no article file takes ("news.json", "history.txt" may well be articles, so they are not here).
NOTE_NAMES = frozenset(
    {"readme", "license", "licence", "copying", "copyright", "notice", "source", "changelog"}
    | {"authors", "contributors", "contributing", "code_of_conduct"}
)

UNSUPPORTED = "not a supported file type (.txt .md .html .htm .json .jsonl)"
NOT_AN_ARTICLE = "not an article (a README, LICENSE or similar note, by its name)"


@dataclass(frozen=True)
class FoundFile:
    """A file to read: its path as a string (absolute), format, size and modification time."""

    path: str
    fmt: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Skipped:
    """A path that was not read, and why."""

    path: str
    reason: str


class MissingPathError(FileNotFoundError):
    """A path the user named does not exist."""


def discover(paths: list[str], *, follow_symlinks: bool = False) -> Iterator[FoundFile | Skipped]:
    """Yield every readable article file under `paths`, and a Skipped for each one passed over with a reason.

    A path that does not exist is skipped with its reason; when none of them exists, MissingPathError is raised.
    """
    missing = [given for given in paths if not _exists(Path(given).expanduser())]
    if missing and len(missing) == len(paths):
        raise MissingPathError(f"no such file or folder: {missing[0]}")
    for given in paths:
        root = Path(given).expanduser()
        if given in missing:
            yield Skipped(given, "no such file or folder")
            continue
        absolute = Path(os.path.abspath(root))
        if not _valid_name(str(absolute)):
            yield _bad_name(str(absolute))
        elif absolute.is_dir():
            yield from _walk(absolute, follow_symlinks)
        else:
            yield _examine(absolute, explicit=True)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def format_of(path: str) -> str | None:
    """The reader format for a file name, or None when we do not read that kind of file."""
    return FORMATS.get(os.path.splitext(path)[1].lower())


def is_note_name(name: str) -> bool:
    """Whether a file name is a corpus note rather than an article ("README.TXT", "SOURCE.md", "LICENSE")."""
    return name.split(".", 1)[0].casefold() in NOTE_NAMES


def _walk(root: Path, follow_symlinks: bool) -> Iterator[FoundFile | Skipped]:
    real_root = os.path.realpath(root)
    seen_dirs: set[tuple[int, int]] = set()
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name, reverse=True)
        except OSError as error:
            yield Skipped(folder, f"folder not readable ({error.strerror or error})")
            continue
        if (info.st_dev, info.st_ino) in seen_dirs:
            yield Skipped(folder, "symbolic link loop")
            continue
        seen_dirs.add((info.st_dev, info.st_ino))
        files: list[FoundFile | Skipped] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = entry.path
            if not _valid_name(entry.name):
                if format_of(path) is not None or entry.is_dir(follow_symlinks=False):
                    files.append(_bad_name(path))
                continue
            if entry.is_symlink():
                skip = _symlink_problem(path, real_root, follow_symlinks)
                if skip is not None:
                    if skip:
                        files.append(Skipped(path, skip))
                    continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                stack.append(path)
            elif is_note_name(entry.name):
                files.append(Skipped(path, NOT_AN_ARTICLE))
            elif format_of(path) is not None:
                files.append(_examine(Path(path), explicit=False))
            else:
                files.append(Skipped(path, UNSUPPORTED))
        yield from reversed(files)


def _valid_name(name: str) -> bool:
    """Whether a name decoded from the file system is real text (not bytes smuggled in as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _bad_name(path: str) -> Skipped:
    """A file or folder whose name is not UTF-8: it cannot be stored or printed, so it is passed over."""
    shown = os.fsencode(path).decode("utf-8", errors="replace")
    return Skipped(shown, "name is not valid UTF-8 (rename it to index it)")


def _symlink_problem(path: str, real_root: str, follow: bool) -> str | None:
    """None when the link may be followed; "" to ignore silently; else the reason it is skipped."""
    if not follow:
        return "symbolic link not followed (use --follow-symlinks)" if format_of(path) or os.path.isdir(path) else ""
    target = os.path.realpath(path)
    if not os.path.exists(target):
        return "broken symbolic link"
    if os.path.commonpath([target, real_root]) != real_root:
        return "symbolic link leads out of the folder"
    return None


def _examine(path: Path, *, explicit: bool) -> FoundFile | Skipped:
    fmt = format_of(str(path))
    if fmt is None:
        return Skipped(str(path), UNSUPPORTED)
    try:
        info = path.stat()
    except OSError as error:
        return Skipped(str(path), f"not readable ({error.strerror or error})")
    if not path.is_file():
        return Skipped(str(path), "not a regular file")
    return FoundFile(str(path), fmt, info.st_size, info.st_mtime_ns)
