"""Shared fixtures: one spaCy model per session, and the corpora (skipping when absent); no time limit for the
tests that take minutes by design (volume, benchmark)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.paths import CORPORA, SEEDS

#: Markers of tests that take minutes by design: pytest-timeout's limit (pyproject.toml) does not apply to them.
UNTIMED_MARKERS = ("volume", "benchmark")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Lift the per-test time limit from volume tests and benchmarks (unless a test sets its own)."""
    for item in items:
        if item.get_closest_marker("timeout") is None and any(item.get_closest_marker(m) for m in UNTIMED_MARKERS):
            item.add_marker(pytest.mark.timeout(0))


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The annotation model, loaded once (skips when no model is installed)."""
    from search.nlp.spacy_model import ModelMissing, load_model

    try:
        return load_model()
    except ModelMissing as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The five seed articles, sorted."""
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        pytest.skip("seed articles not found")
    return paths


@pytest.fixture(scope="session")
def bbc_dir() -> Path:
    """The BBC News corpus folder (env EXPLORE_BBC overrides)."""
    path = Path(os.environ.get("EXPLORE_BBC", CORPORA / "bbc-news"))
    if not path.is_dir():
        pytest.skip(f"BBC corpus not found at {path}")
    return path


@pytest.fixture(scope="session")
def wikinews_path() -> Path:
    """The Wikinews JSONL file (env EXPLORE_WIKINEWS overrides)."""
    path = Path(os.environ.get("EXPLORE_WIKINEWS", CORPORA / "wikinews" / "wikinews.jsonl"))
    if not path.is_file():
        pytest.skip(f"Wikinews corpus not found at {path}")
    return path


@pytest.fixture
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings (and the keymap beside them) in a temp file, so a test neither reads nor writes the user's; app tests
    use it always, engine test modules that run commands with `pytestmark = pytest.mark.usefixtures(...)`."""
    path = tmp_path / "settings.toml"
    monkeypatch.setenv("EXPLORE_CONFIG", str(path))
    return path
