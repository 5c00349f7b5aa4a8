"""A child process that opens one Textual app headless, reports when its first screen is usable, and exits.

Run as `python app_probe.py KIND INDEX_DIR [QUERY]`; KIND is `bare` (a Static and a Footer) or `explore`
(tui.app.make_app over INDEX_DIR). The first screen is usable when the app is ready, its startup workers are done
and a refresh has gone through. With QUERY it then runs one search through the app's search input (or, when the
app has none, through a Corpus in this same process) and reports resident memory. Prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

#: Longest wait for the app's startup (or search) workers before the probe gives up waiting.
WORKER_WAIT_S = 30.0


def rss_mb() -> float:
    """Resident memory of this process (VmRSS) in MiB, 0.0 where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def bare_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("explore")
            yield Footer()

    return Bare()


def explore_app(index_dir: Path) -> Any:
    from tui.app import make_app  # type: ignore[import-not-found,unused-ignore]
    from tui.startup_gc import tune_for_startup  # type: ignore[import-not-found,unused-ignore]

    app = make_app(index_dir)
    tune_for_startup()  # as the launcher does, just before the app runs
    return app


async def settle(app: Any, pilot: Any) -> bool:
    """Wait for pending messages, running workers and a refresh; False when the workers did not finish in time."""
    await pilot.pause()
    try:
        await asyncio.wait_for(app.workers.wait_for_complete(), WORKER_WAIT_S)
        finished = True
    except TimeoutError:
        finished = False
    await pilot.pause()
    return finished


async def search_through_app(app: Any, pilot: Any, query: str) -> str | None:
    """Type `query` into the app's first text input and press Enter; the way it searched, or None."""
    from textual.widgets import Input

    inputs = list(app.screen.query(Input))
    if not inputs:
        return None
    inputs[0].focus()
    await pilot.pause()
    inputs[0].value = query
    await pilot.press("enter")
    for _ in range(2):  # the search's result message may start more workers (facets)
        await settle(app, pilot)
    return "app-input"


def results_title(app: Any) -> str | None:
    """The border title of the app's results list (it shows the hit count), when there is one."""
    try:
        return str(app.screen.query_one("#results").border_title)
    except Exception:  # any app without such a widget
        return None


def search_in_process(index_dir: Path, query: str) -> str:
    from search.corpus import Corpus

    corpus = Corpus(index_dir)
    corpus.search(query, limit=20)
    return "corpus-in-app-process"


def main(argv: list[str]) -> int:
    kind, index_dir = argv[0], Path(argv[1])
    query = argv[2] if len(argv) > 2 else None
    report: dict[str, Any] = {"kind": kind}
    try:
        app = bare_app() if kind == "bare" else explore_app(index_dir)
    except ImportError as error:
        print(json.dumps({"kind": kind, "error": f"{type(error).__name__}: {error}"}), flush=True)
        return 0

    async def pilot_script(pilot: Any) -> None:
        report["workers_finished"] = await settle(app, pilot)
        report["ready"] = time.time()
        if query is not None:
            report["rss_ready_mb"] = rss_mb()
            way = await search_through_app(app, pilot, query)
            if way is None:
                way = search_in_process(index_dir, query)
            report["search_via"] = way
            report["results_title"] = results_title(app)
            report["rss_mb"] = rss_mb()
        app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=pilot_script)
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
