"""The app's first screen comes from the document store alone: Whoosh loads at the first query, not at startup,
and the main event's time-expression patterns with the first article shown.

Checked in a fresh interpreter (the test process has long imported Whoosh): the app opens the seed index headless,
shows every article, and only typing a query loads the search index. Also the engine side of it: a corpus opened
without its search index lists and reads documents, and reports a damaged search index at the first search.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh.analysis.tokenizers import default_pattern

from search.corpus import Corpus, CorpusError
from search.index.snippets import _TOKEN
from tests.paths import ROOT

PROBE = """
import asyncio, json, sys
from pathlib import Path
from tui.app import make_app

app = make_app(Path(sys.argv[1]), show_timing=False)
report = {}

async def script(pilot):
    async def settle():
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    await settle()
    results = app.screen.query_one("#results")
    report["first"] = {"title": str(results.border_title), "whoosh": "whoosh.searching" in sys.modules}
    report["first_timex"] = "search.events.timex" in sys.modules
    await pilot.press(*"korea", "enter")
    await settle()
    report["after_query"] = {"title": str(results.border_title), "whoosh": "whoosh.searching" in sys.modules}
    await pilot.press("enter")  # open the first hit: its events, with the main event first
    await settle()
    report["article_timex"] = "search.events.timex" in sys.modules
    app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=script)
print(json.dumps(report))
"""


def test_first_screen_lists_every_article_without_loading_whoosh(seed_index: tuple[Path, Path]) -> None:
    index_dir, _ = seed_index
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(index_dir)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["first"] == {"title": "Results (5)", "whoosh": False}
    assert report["after_query"]["whoosh"] is True
    assert report["first_timex"] is False  # the main event's time patterns (20 ms) load with the first article
    assert report["article_timex"] is True
    hits = int(re.fullmatch(r"Results \((\d+)\)", report["after_query"]["title"]).group(1))  # type: ignore[union-attr]
    assert 0 < hits <= 5


def test_corpus_without_search_lists_newest_first(seed_index: tuple[Path, Path]) -> None:
    index_dir, _ = seed_index
    with Corpus(index_dir) as eager, Corpus(index_dir, open_search=False) as lazy:
        listed = lazy.search("", limit=3)
        assert lazy._engine is None  # the empty query never opened the search index
        assert listed.total == 5 and listed.total_is_exact and len(listed.hits) == 3
        assert [hit.id for hit in listed.hits] == [summary.id for summary in eager.summaries()[:3]]
        dates = [hit.summary.metadata.date for hit in lazy.search("", limit=5).hits]
        dated = [date for date in dates if date]
        assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated  # undated last
        assert all(hit.snippet.text and not hit.snippet.spans for hit in listed.hits)
        assert lazy.search("korea", limit=5).total == eager.search("korea", limit=5).total > 0


def test_damaged_search_index_is_reported_at_first_search(seed_index: tuple[Path, Path], tmp_path: Path) -> None:
    import shutil

    index_dir = tmp_path / "index"
    shutil.copytree(seed_index[0], index_dir)
    for segment_file in (index_dir / "search").glob("*.trm"):
        segment_file.write_bytes(b"")
    with Corpus(index_dir, open_search=False) as corpus:
        assert corpus.search("", limit=5).total == 5  # listing needs only the document store
        with pytest.raises(CorpusError, match="rebuild"):
            corpus.search("korea")


def test_snippet_tokens_are_the_index_analyzers_tokens() -> None:
    assert _TOKEN.pattern == default_pattern.pattern and _TOKEN.flags == default_pattern.flags


def test_the_app_modules_are_kept_out_of_garbage_collection(tmp_path: Path) -> None:
    """Opening the app freezes what was imported, so the first screen pays no full collection over it; importing
    the app module alone changes nothing (no side effect at import)."""
    code = (
        "import gc, textual.app\n"
        "import tui.app\n"
        "print(gc.get_freeze_count())\n"
        "textual.app.App.run = lambda self, *a, **k: print(gc.get_freeze_count(), *gc.get_threshold())\n"
        "import tui.launcher\n"
        "tui.launcher.terminal_problem = lambda: None\n"
        f"tui.launcher.main(['--index', {str(tmp_path / 'index')!r}])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    at_import, at_run = done.stdout.splitlines()
    frozen, young = map(int, at_run.split()[:2])
    assert int(at_import) == 0
    assert frozen > 20_000  # Textual and the app: about 36,000 objects
    assert young >= 7_000  # young collections not every 700 objects


def test_the_app_without_a_terminal_says_so_and_exits(tmp_path: Path) -> None:
    """With stdin and stdout not a terminal the app would wait for keys that never come (it spun at 100% CPU)."""
    done = subprocess.run(
        [sys.executable, "-m", "tui.launcher", "--index", str(tmp_path / "index")],
        cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "needs a terminal" in done.stderr and "explore search" in done.stderr


def test_an_index_that_is_a_file_is_one_line_for_the_app_and_the_commands(tmp_path: Path) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("not an index", encoding="utf-8")
    for argv in (["--index", str(afile)], ["--index", str(afile), "add", str(ROOT / "seeds")]):
        code = "import sys, tui.launcher\ntui.launcher.terminal_problem = lambda: None\n"
        code += f"sys.exit(tui.launcher.main({argv!r}))\n"
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 1, done.stderr
        assert done.stderr.count("\n") == 1 and "is a file; name a folder" in done.stderr
    assert afile.read_text(encoding="utf-8") == "not an index"
