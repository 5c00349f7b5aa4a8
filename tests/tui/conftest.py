"""Fixtures of the app tests: the seed index, built once per session and shared by every app test module."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.app_helpers import build_seed_index


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_seed_index(tmp_path_factory.getbasetemp())


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings in a temp file, so no test reads or writes the user's (every app test)."""
    path = tmp_path / "settings.toml"
    monkeypatch.setenv("EXPLORE_CONFIG", str(path))
    return path
