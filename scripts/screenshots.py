"""Write the README's screenshots (SVG) into screenshots/ by driving the real app on the seed articles.

    /work/venv/bin/python scripts/screenshots.py [--size 140x42]

The seeds are copied and indexed (with entities and events) into a temporary folder, then the app built by
`tui.app.make_app` is driven with Textual's pilot: the search screen with results, an article with its entities
and events, the timeline of the results, the help screen. Timings are hidden so the pictures are stable.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual.pilot import Pilot  # noqa: E402

from search.ingest.pipeline import IngestOptions, ingest  # noqa: E402
from search.nlp.workers import LazyAnnotator  # noqa: E402
from tui.app import make_app  # noqa: E402

SHOTS = (
    ("search.svg", (*"singh", "enter")),
    ("article.svg", (*"japan", "enter", "enter", "n")),
    ("timeline.svg", ("enter", "enter", "t", "enter")),  # the timeline narrowed to its busiest month
    ("help.svg", ("tab", "question_mark")),
)


async def _shoot(index_dir: Path, base: Path, name: str, keys: tuple[str, ...], size: tuple[int, int]) -> None:
    app = make_app(
        index_dir,
        show_timing=False,
        osc52=False,
        system_copy=lambda text: None,
        today=datetime.date(2024, 5, 1),
        path_base=base,
    )
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)
        if name == "timeline.svg":
            await _choose_corroborated_event(pilot)
        app.save_screenshot(name, str(ROOT / "screenshots"))
        print(f"screenshots/{name}")


async def _choose_corroborated_event(pilot: Pilot) -> None:
    """Select the first event of the timeline that more than one article reports, and open it at its sentence."""
    from tui.widgets.events_panel import EventsPanel

    panel = pilot.app.screen.query_one(EventsPanel)
    index = next((i for i, event in enumerate(panel.events) if len(event.sources) > 1), 0)
    panel.focus()
    panel.highlighted = index
    await pilot.press("enter")
    await _settle(pilot)


async def _settle(pilot: Pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _build_index(index_dir: Path, seeds: Path) -> None:
    """Index the seeds with entities and events (the engine writes documents in id order, so the order is stable)."""
    ingest(index_dir, [str(seeds)], IngestOptions(), annotator_factory=lambda: LazyAnnotator(None, 1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="140x42", help="terminal size, COLSxROWS")
    options = parser.parse_args()
    cols, rows = (int(part) for part in options.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="explore-shots-") as temp:
        base = Path(temp)
        os.environ["EXPLORE_CONFIG"] = str(base / "settings.toml")
        shutil.copytree(ROOT / "seeds", base / "seeds")
        index_dir = base / "index"
        _build_index(index_dir, base / "seeds")
        (ROOT / "screenshots").mkdir(exist_ok=True)
        for name, keys in SHOTS:
            asyncio.run(_shoot(index_dir, base, name, keys, (cols, rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
