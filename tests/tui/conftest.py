"""Fixtures of the app tests: the seed index, built once per session and shared by every app test module."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.app_helpers import build_seed_index


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_seed_index(tmp_path_factory.getbasetemp())


@pytest.fixture(autouse=True)
def _app_config_isolated(isolated_config: Path) -> Path:
    """Every app test runs with isolated settings (tests/conftest.py)."""
    return isolated_config
