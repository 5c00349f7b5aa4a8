"""The `explore` console script: a command goes to the command line; no command (or a folder) opens the app.

Kept free of Textual imports so commands start fast; the app is imported only when it is opened.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from search.cli.command_names import COMMANDS


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _wants_command(args):
        from search.cli.main import main as cli_main

        return cli_main(args)
    from tui.open_app import open_app

    return open_app(args)


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
