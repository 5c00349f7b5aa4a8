"""SIGTERM and SIGHUP end an `add` quietly (issue 20, item 8): one line and exit 128+signal, the spaCy workers ended
so the multiprocessing resource tracker has no leaked semaphores to warn about, and nothing indexed is lost."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.paths import ROOT


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_terminated_add_says_one_line(bbc_dir: Path, tmp_path: Path, signum: signal.Signals) -> None:
    index_dir = tmp_path / "index"
    command = [sys.executable, "-m", "tui.launcher", "--index", str(index_dir), "add", "--jobs", "1",
               str(bbc_dir / "business")]  # fmt: skip
    env = {"PYTHONPATH": str(ROOT), "EXPLORE_CONFIG": str(tmp_path / "settings.toml"), "PATH": "/usr/bin:/bin"}
    adding = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (index_dir / "documents.sqlite").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(6)  # the spaCy worker is running by now (its model loads in about two seconds)
    assert adding.poll() is None, "the add finished before it could be stopped"
    adding.send_signal(signum)
    _, err = adding.communicate(timeout=120)
    assert adding.returncode == 128 + signum
    assert err.strip().splitlines() == [f"explore: stopped by {signum.name}; run the same command again to finish"]
    assert "semaphore" not in err and "Traceback" not in err
