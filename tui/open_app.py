"""Opening the app from the command line: `explore [--index DIR] [PATH]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from search.settings import bundled_seeds_dir, resolve_index_dir


def open_app(args: list[str]) -> int:
    """Parse `[--index DIR] [PATH]`, build the app (indexing PATH or the seeds first when needed) and run it."""
    parser = argparse.ArgumentParser(prog="explore", description="Open the explore app.")
    parser.add_argument("--index", metavar="DIR", default=None)
    parser.add_argument("path", nargs="?", default=None, metavar="PATH")
    options = parser.parse_args(args)
    index_dir, is_default = resolve_index_dir(options.index)
    # A missing PATH is reported inside the app (indexing fails with the reason), which then opens the index.
    paths = [str(Path(options.path).expanduser())] if options.path else []
    seeds = None
    if is_default and not paths:
        try:
            seeds = bundled_seeds_dir()
        except FileNotFoundError:
            seeds = None
    from tui.app import make_app
    from tui.keymap import load_keymap

    keymap, problem = load_keymap()
    app = make_app(index_dir, ingest_paths=paths, build_seeds_from=seeds, keymap=keymap, notice=problem)
    app.run()
    return 0
