"""The `explore` console script: a command goes to the command line; no command (or a folder) opens the app.

Kept free of Textual imports so commands start fast; the app is imported only when it is opened, here and
nowhere else (tui.app is the composition root).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from search.cli.command_names import COMMANDS
from search.settings import bundled_seeds_dir, resolve_index_dir


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _wants_command(args):
        from search.cli.main import main as cli_main

        return cli_main(args)
    return open_app(args)


def open_app(args: list[str]) -> int:
    """Parse `[--index DIR] [PATH]`, build the app (indexing PATH or the seeds first when needed) and run it."""
    parser = argparse.ArgumentParser(prog="explore", description="Open the explore app.")
    parser.add_argument("--index", metavar="DIR", default=None)
    parser.add_argument("path", nargs="?", default=None, metavar="PATH")
    options = parser.parse_args(args)
    problem = terminal_problem() or index_folder_problem(options.index)
    if problem:
        print(f"explore: {problem}", file=sys.stderr)
        return 1
    index_dir, is_default = resolve_index_dir(options.index)
    # A missing PATH is reported inside the app (indexing fails with the reason), which then opens the index.
    paths = [str(Path(options.path).expanduser())] if options.path else []
    seeds = None
    if is_default and not paths:
        try:
            seeds = bundled_seeds_dir()
        except FileNotFoundError:
            seeds = None
    from tui.app import binding_owners, make_app
    from tui.keymap import binding_keys, load_keymap
    from tui.startup_gc import tune_for_startup

    keymap, problem = load_keymap(bindings=binding_keys(binding_owners()))  # unknown ids, the only quit key
    app = make_app(index_dir, ingest_paths=paths, build_seeds_from=seeds, keymap=keymap, notice=problem)
    tune_for_startup()
    app.run()
    return 0


def terminal_problem() -> str | None:
    """Why the app cannot run here (no terminal on stdin or stdout: it would wait for keys that never come)."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        return None
    return "the app needs a terminal; without one, use the commands (explore search, list, show ... --json)"


def index_folder_problem(given: str | None) -> str | None:
    """Why `--index` cannot name the index folder (it names a file), else None."""
    if given and Path(given).expanduser().exists() and not Path(given).expanduser().is_dir():
        return f"--index {given} is a file; name a folder (it is created when missing)"
    return None


def _wants_command(args: list[str]) -> bool:
    """True when the arguments name a command or ask for help (everything but `explore [--index DIR] [PATH]`)."""
    rest = list(args)
    if rest[:1] == ["--index"] and len(rest) >= 2:
        rest = rest[2:]
    elif rest and rest[0].startswith("--index="):
        rest = rest[1:]
    if not rest:
        return False
    return rest[0] in COMMANDS or rest[0].startswith("-")


if __name__ == "__main__":
    sys.exit(main())
