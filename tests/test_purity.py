"""Import purity, checked in fresh interpreters: the engine (search/*) never pulls in Textual or the app, and
the app (tui.app) never pulls in spaCy (it is loaded only inside the indexing worker, when needed).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.paths import ROOT

ENGINE_MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in (ROOT / "search").rglob("*.py")
)


def _loaded_after_import(module: str, watched: list[str]) -> list[str]:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        f"print(','.join(sorted(n for n in {watched!r} if n in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [name for name in done.stdout.strip().split(",") if name]


def test_there_are_engine_modules() -> None:
    assert "search.corpus" in ENGINE_MODULES and "search.ingest.pipeline" in ENGINE_MODULES


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_engine_module_imports_neither_textual_nor_tui(module: str) -> None:
    assert _loaded_after_import(module, ["textual", "tui"]) == []


@pytest.mark.parametrize("module", ["tui.app", "tui.open_app", "tui.launcher"])
def test_app_does_not_import_spacy(module: str) -> None:
    assert _loaded_after_import(module, ["spacy", "thinc"]) == []


def test_the_check_sees_a_module_that_is_imported() -> None:
    """The detector itself works: importing the app does load Textual."""
    assert _loaded_after_import("tui.app", ["textual"]) == ["textual"]
