"""Bad input never stops an ingest: each odd file is indexed correctly or skipped with its reason, never a traceback.

Gaps left by test_decode/test_discover/test_ingest: UTF-16 without a BOM, mixed line endings and a 1 MB line through
ingest, names that are not UTF-8, script-only HTML, broken JSON Lines, a missing folder among good ones, files that
vanish or change while ingest runs, unreadable files (checked as `nobody`: root reads anything), and memory on
large inputs (peak RSS of an `explore add` subprocess; the 50 MB and 20,000-file versions are volume tests).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import search.ingest.pipeline as ingest_module
from search.corpus import Corpus
from search.ingest import grouping
from tests.engine_helpers import add, assert_one_line_error, run, run_json
from tests.paths import ROOT

MAIN = ROOT
EXPLORE = [sys.executable, "-c", "import sys; from search.cli.main import main; sys.exit(main(sys.argv[1:]))"]


def _article(word: str) -> str:
    return f"Story about {word}\n\nThe {word} was seen near the harbour on Tuesday, officials said.\n"


def _hits(index_dir: Path, query: str) -> int:
    with Corpus(index_dir) as corpus:
        return len(corpus.matching_ids(query))


def _reasons(skipped: list) -> dict[str, str]:
    return {os.path.basename(skip.path.rstrip("/")): skip.reason for skip in skipped}


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    """A folder of good articles with every kind of bad input between them."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(_article("kingfisher"))
    (folder / "utf16.txt").write_bytes(_article("pangolin").encode("utf-16-le"))  # no BOM
    (folder / "endings.txt").write_bytes(b"Mixed endings\r\n\r\nThe axolotl\rswam\r\nacross\nthe tank.\r")
    (folder / "oneline.txt").write_text("Long line\n\n" + "capybara " * 120_000)  # ~1 MB on one line
    (folder / "binary.md").write_bytes(bytes(range(256)) * 40)
    (folder / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (folder / "script.html").write_text(
        "<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script></body></html>"
    )
    (folder / "broken.jsonl").write_text(
        json.dumps({"title": "First", "text": "The ocelot left the zoo."}) + "\n{broken\n"
        + json.dumps({"title": "Second", "text": "The okapi arrived at the zoo."}) + "\n[1,\n"
    )  # fmt: skip
    (folder / "allbroken.jsonl").write_text("{nope\n{also nope\n")
    os.mkdir(os.path.join(os.fsencode(folder), b"bad\xffdir"))
    with open(os.path.join(os.fsencode(folder), b"bad\xfe\xffname.txt"), "wb") as handle:
        handle.write(_article("wombat").encode())
    with open(os.path.join(os.fsencode(folder), b"bad\xffdir", b"inside.txt"), "wb") as handle:
        handle.write(_article("quokka").encode())
    (folder / "loop").symlink_to(folder)  # a loop, not followed by default
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(_article("marmoset"))
    (folder / "out.txt").symlink_to(outside / "secret.txt")
    return folder


def test_every_bad_input_is_skipped_with_its_reason_and_good_files_indexed(
    tmp_path: Path, bad_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = tmp_path / "index"
    code, out, err = run(capsys, "--index", str(index_dir), "add", "--no-nlp", str(bad_folder), str(tmp_path / "gone"))
    assert code == 0, err
    assert "Traceback" not in out + err
    summary = run_json(
        capsys,
        "--index",
        str(tmp_path / "index2"),
        "add",
        "--no-nlp",
        "--json",
        str(bad_folder),
        str(tmp_path / "gone"),
    )
    reasons: dict[str, str] = {}
    for item in summary["skipped"]:  # a file may be skipped in part, once per bad record
        name = os.path.basename(item["path"].rstrip("/"))
        reasons[name] = f"{reasons[name]} | {item['reason']}" if name in reasons else item["reason"]
    assert "binary" in reasons.pop("binary.md")
    assert "binary" in reasons.pop("binary.html")
    assert "no article text" in reasons.pop("script.html")
    assert reasons.pop("broken.jsonl") == (
        "line 2: invalid JSON (Expecting property name enclosed in double quotes)"
        " | line 4: invalid JSON (Expecting value)"
    )
    assert "no readable article records" in reasons.pop("allbroken.jsonl")
    assert "not valid UTF-8" in reasons.pop("bad\ufffd\ufffdname.txt")
    assert "not valid UTF-8" in reasons.pop("bad\ufffddir")
    assert "not followed" in reasons.pop("loop")
    assert "not followed" in reasons.pop("out.txt")
    assert "no such file or folder" in reasons.pop("gone")
    assert reasons == {}
    assert summary["added"] == 6  # good, utf16, endings, oneline, and two JSON Lines records
    for word in ("kingfisher", "pangolin", "axolotl", "capybara", "ocelot", "okapi"):
        assert _hits(index_dir, word) == 1, word
    for word in ("wombat", "quokka", "marmoset"):
        assert _hits(index_dir, word) == 0, word
    with Corpus(index_dir) as corpus:
        bodies = [corpus.document(item.id).body for item in corpus.summaries()]
    assert any("The axolotl\nswam\nacross\nthe tank." in body for body in bodies)
    assert all("\r" not in body for body in bodies)


def test_a_missing_folder_alone_fails_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--index", str(tmp_path / "i"), "add", "--no-nlp", str(tmp_path / "a"), "/nope/b")
    assert_one_line_error(code, out, err, "no such file or folder")


def test_files_deleted_or_changed_while_ingest_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    words = ["alpaca", "bison", "cheetah", "dingo", "emu", "ferret"]
    for number, word in enumerate(words):
        (folder / f"{number}.txt").write_text(_article(word))
    monkeypatch.setattr(grouping, "BATCH_FILES", 2)

    calls: list[str] = []

    def meddle(done: int, total: int, what: str) -> None:
        calls.append(what)
        if len(calls) == 1:  # the first batch is written; the later ones are not read yet
            assert Path(what).name == "1.txt"
            (folder / "3.txt").unlink()
            (folder / "5.txt").write_text(_article("gecko"))

    index_dir = tmp_path / "index"
    summary = ingest_module.ingest(index_dir, [str(folder)], progress=meddle)
    assert _reasons(summary.skipped) == {"3.txt": "file vanished while ingest ran"}
    assert summary.added == 5
    assert _hits(index_dir, "dingo") == 0
    assert _hits(index_dir, "gecko") == 1 and _hits(index_dir, "ferret") == 0
    again = add(index_dir, [folder])  # the next run agrees with what is on disk
    assert (again.added, again.unchanged, again.skipped, again.gone) == (0, 5, [], [])


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder the user `nobody` can use (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="explore-nobody-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _as_nobody(*argv: str) -> subprocess.CompletedProcess[str]:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run as another user")
    command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *EXPLORE, *argv]
    env = {**os.environ, "HOME": "/tmp", "PYTHONPATH": str(MAIN)}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=MAIN, timeout=120, check=False)


def test_unreadable_file_and_folder_are_skipped(shared_tmp: Path) -> None:
    """Run as `nobody` (root ignores permissions), so the modes are really enforced."""
    folder = shared_tmp / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(_article("lemur"))
    (folder / "locked.txt").write_text(_article("tapir"))
    (folder / "locked.txt").chmod(0o000)
    (folder / "closed").mkdir()
    (folder / "closed" / "inner.txt").write_text(_article("vicuna"))
    (folder / "closed").chmod(0o000)
    folder.chmod(0o755)
    index_dir = shared_tmp / "index"
    done = _as_nobody("--index", str(index_dir), "add", "--no-nlp", "--json", str(folder))
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    reasons = {os.path.basename(item["path"]): item["reason"] for item in summary["skipped"]}
    assert reasons == {
        "locked.txt": "not readable (Permission denied)",
        "closed": "folder not readable (Permission denied)",
    }
    assert summary["added"] == 1


def test_snippet_of_a_word_repeated_a_hundred_thousand_times_finishes() -> None:
    """A 1 MB line of one repeated word once made `explore search` hang for ~5 minutes (a quadratic window search).

    Not a speed target: the bound only tells a hang from a finish (the linear sweep takes a fraction of it).
    """
    from search.index.snippets import MatchTerms, make_snippet

    started = time.perf_counter()
    snippet = make_snippet("capybara " * 100_000, MatchTerms(frozenset({"capybara"}), frozenset()))
    assert time.perf_counter() - started < 10
    assert snippet.spans and all(snippet.text[s:e] == "capybara" for s, e in snippet.spans)


# ---- memory on large inputs ---------------------------------------------------------------------------------


def _peak_rss_mb(index_dir: Path, folder: Path) -> tuple[float, dict]:
    """Run `explore add --no-nlp --json` in a subprocess; its peak resident memory in MB and its summary."""
    script = (
        "import json, resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'code': done.returncode, 'out': done.stdout, 'err': done.stderr, 'peak': peak}))\n"
    )
    argv = [*EXPLORE, "--index", str(index_dir), "add", "--no-nlp", "--json", str(folder)]
    done = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, cwd=MAIN, timeout=900, check=True
    )
    report = json.loads(done.stdout)
    assert report["code"] == 0, report["err"]
    return report["peak"], json.loads(report["out"])


def _big_article(path: Path, megabytes: float) -> None:
    words = ["market", "minister", "growth", "council", "police", "harbour", "report", "rain", "goal", "bank"]
    paragraph = " ".join(words[(i * 7) % len(words)] for i in range(80)) + ".\n\n"
    with path.open("w") as handle:
        handle.write("A very long story\n\n")
        for _ in range(int(megabytes * 1_000_000 / len(paragraph))):
            handle.write(paragraph)
        handle.write("It ended with the word zebrafish.\n")


def _tiny_files(folder: Path, count: int) -> None:
    for number in range(count):
        sub = folder / f"d{number // 1000:03}"
        sub.mkdir(exist_ok=True)
        (sub / f"{number:05}.txt").write_text(f"Note {number}\n\nTiny note number {number} mentions item{number}.\n")


def test_large_file_memory_bounded(tmp_path: Path) -> None:
    """5 MB in one article: measured peak ~130 MB RSS (the 50 MB volume test measured ~760 MB)."""
    folder = tmp_path / "big"
    folder.mkdir()
    _big_article(folder / "big.txt", 5)
    peak, summary = _peak_rss_mb(tmp_path / "index", folder)
    assert summary["added"] == 1
    assert _hits(tmp_path / "index", "zebrafish") == 1
    assert peak < 400, f"peak RSS {peak:.0f} MB"


def test_many_tiny_files_memory_bounded(tmp_path: Path) -> None:
    """2,000 tiny files: measured peak ~110 MB RSS (20,000 in the volume test: ~120 MB)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    _tiny_files(folder, 2000)
    peak, summary = _peak_rss_mb(tmp_path / "index", folder)
    assert summary["added"] == 2000 and summary["skipped"] == []
    assert _hits(tmp_path / "index", "item1999") == 1
    assert peak < 300, f"peak RSS {peak:.0f} MB"


@pytest.mark.volume
def test_fifty_megabyte_file_memory_bounded(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    _big_article(folder / "big.txt", 50)
    peak, summary = _peak_rss_mb(tmp_path / "index", folder)
    print(f"50 MB file: peak RSS {peak:.0f} MB")
    assert summary["added"] == 1
    assert _hits(tmp_path / "index", "zebrafish") == 1
    assert peak < 1500, f"peak RSS {peak:.0f} MB"


@pytest.mark.volume
def test_twenty_thousand_tiny_files_memory_bounded(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    folder.mkdir()
    _tiny_files(folder, 20_000)
    peak, summary = _peak_rss_mb(tmp_path / "index", folder)
    print(f"20,000 files: peak RSS {peak:.0f} MB")
    assert summary["added"] == 20_000 and summary["skipped"] == []
    assert _hits(tmp_path / "index", "item19999") == 1
    assert peak < 400, f"peak RSS {peak:.0f} MB"
