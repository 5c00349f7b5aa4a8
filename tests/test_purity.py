"""Import purity, checked in fresh interpreters: the engine (search/*) never pulls in Textual or the app, and
the app (tui.app) never pulls in spaCy (it is loaded only inside the indexing worker, when needed).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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


@pytest.mark.parametrize("module", ["tui.app", "tui.launcher"])
def test_app_does_not_import_spacy(module: str) -> None:
    assert _loaded_after_import(module, ["spacy", "thinc"]) == []


def test_the_check_sees_a_module_that_is_imported() -> None:
    """The detector itself works: importing the app does load Textual."""
    assert _loaded_after_import("tui.app", ["textual"]) == ["textual"]


# ---- the layout's rules, read from the source (every import, in functions and TYPE_CHECKING blocks too) ----------


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    """The modules `path` imports, absolute (`from tui import app` counts as tui.app)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _sources(package: str) -> dict[str, Path]:
    return {_module_name(path): path for path in sorted((ROOT / package).rglob("*.py"))}


def test_only_the_launcher_imports_the_app() -> None:
    importers = [
        name for name, path in {**_sources("search"), **_sources("tui")}.items() if "tui.app" in _imports(path)
    ]
    assert importers == ["tui.launcher"]


def test_the_engine_does_not_import_the_command_line() -> None:
    engine = {name: path for name, path in _sources("search").items() if not name.startswith("search.cli")}
    offenders = [name for name, path in engine.items() if any(i.startswith("search.cli") for i in _imports(path))]
    assert offenders == []


def test_the_app_has_no_import_cycle() -> None:
    sources = _sources("tui")
    graph = {name: {i for i in _imports(path) if i in sources and i != name} for name, path in sources.items()}
    cycles: list[list[str]] = []

    def visit(name: str, trail: list[str]) -> None:
        for target in sorted(graph[name]):
            if target in trail:
                cycles.append([*trail[trail.index(target) :], target])
            elif len(trail) < len(graph):
                visit(target, [*trail, target])

    for start in graph:
        visit(start, [start])
    assert cycles == []


def test_the_cycle_check_sees_a_cycle(tmp_path: Path) -> None:
    """The import reader finds both directions of a mutual import (what the cycle check is built on)."""
    (tmp_path / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from tui import b\n")
    assert "tui.b" in _imports(tmp_path / "a.py")


def test_every_module_says_what_it_owns() -> None:
    missing = [
        name
        for name, path in {**_sources("search"), **_sources("tui")}.items()
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert missing == []
