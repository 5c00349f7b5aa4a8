"""Where the tests find the project and its data: the repository root, the seeds, test data, the shared corpora."""

from __future__ import annotations

from pathlib import Path

#: The repository root (the folder holding pyproject.toml).
ROOT = Path(__file__).resolve().parents[1]
#: The bundled seed articles.
SEEDS = ROOT / "seeds"
#: Expected outputs and held-out samples the tests compare against.
DATA = ROOT / "tests" / "data"
#: The shared corpora beside the project (BBC, Wikinews, gold data); tests that need them skip when absent.
CORPORA = ROOT.parent / "shared" / "corpora"
