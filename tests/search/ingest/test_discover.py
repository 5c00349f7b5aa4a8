"""Discovery: recursion, hidden and unsupported files ignored, missing paths, symbolic links and loops."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from search.ingest.discover import FoundFile, MissingPathError, Skipped, discover
from tests.engine_helpers import add, assert_one_line_error, run


def _tree(root: Path) -> Path:
    (root / "a" / "b").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a" / ".cache").mkdir()
    (root / "top.txt").write_text("Top story about herons.\n")
    (root / "a" / "mid.md").write_text("# Mid\n\nA story about otters.\n")
    (root / "a" / "b" / "deep.html").write_text("<html><body><p>Deep story.</p></body></html>")
    (root / "a" / "b" / "feed.jsonl").write_text('{"text": "a record"}\n')
    (root / ".hidden.txt").write_text("hidden file\n")
    (root / ".git" / "inside.txt").write_text("inside a hidden folder\n")
    (root / "a" / ".cache" / "c.txt").write_text("inside a hidden sub-folder\n")
    (root / "a" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (root / "a" / "b" / "report.pdf").write_bytes(b"%PDF-1.4")
    (root / "notes.docx").write_bytes(b"PK")
    return root


def _split(items: list[FoundFile | Skipped]) -> tuple[list[FoundFile], list[Skipped]]:
    found = [item for item in items if isinstance(item, FoundFile)]
    skipped = [item for item in items if isinstance(item, Skipped)]
    return found, skipped


def test_recursion_hidden_and_unsupported(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    found, skipped = _split(list(discover([str(root)])))
    relative = [os.path.relpath(item.path, root) for item in found]
    # sorted, deterministic: a folder's own files first, then its sub-folders
    assert relative == ["top.txt", "a/mid.md", "a/b/deep.html", "a/b/feed.jsonl"]
    assert [item.fmt for item in found] == ["txt", "md", "html", "json"]
    assert all(os.path.isabs(item.path) for item in found)
    # hidden files are ignored silently; unsupported ones are reported, so a folder of PDFs does not look empty
    unsupported = sorted(os.path.relpath(item.path, root) for item in skipped)
    assert unsupported == ["a/b/report.pdf", "a/photo.jpg", "notes.docx"]
    assert all(item.reason.startswith("not a supported file type") for item in skipped)


def test_explicit_unsupported_file_is_reported(tmp_path: Path) -> None:
    root = _tree(tmp_path / "corpus")
    found, skipped = _split(list(discover([str(root / "notes.docx")])))
    assert found == []
    assert len(skipped) == 1 and "not a supported file type" in skipped[0].reason


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(MissingPathError, match="no such file or folder"):
        list(discover([str(tmp_path / "nowhere")]))


def test_missing_path_cli_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--index", str(tmp_path / "index"), "add", "--no-nlp", str(tmp_path / "nowhere"))
    assert_one_line_error(code, out, err, "no such file or folder", "nowhere")


def test_symlinks_not_followed_by_default_and_reported(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "linked.txt").write_text("A story reached through a link.\n")
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "real.txt").write_text("A real story.\n")
    os.symlink(outside / "linked.txt", root / "file-link.txt")
    os.symlink(outside, root / "folder-link")
    found, skipped = _split(list(discover([str(root)])))
    assert [Path(item.path).name for item in found] == ["real.txt"]
    assert sorted(Path(item.path).name for item in skipped) == ["file-link.txt", "folder-link"]
    assert all("symbolic link not followed" in item.reason for item in skipped)


def test_symlink_loop_with_follow_symlinks_terminates(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "one.txt").write_text("One story.\n")
    (root / "sub" / "two.txt").write_text("Two story.\n")
    os.symlink(root, root / "sub" / "loop")  # sub/loop -> corpus: a cycle
    found, skipped = _split(list(discover([str(root)], follow_symlinks=True)))
    assert sorted(Path(item.path).name for item in found) == ["one.txt", "two.txt"]
    assert len(found) == 2  # each file once, however many ways it can be reached
    assert any("loop" in item.reason for item in skipped)


def test_follow_symlinks_refuses_links_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.txt").write_text("Outside.\n")
    root = tmp_path / "corpus"
    root.mkdir()
    os.symlink(outside, root / "out")
    found, skipped = _split(list(discover([str(root)], follow_symlinks=True)))
    assert found == []
    assert [item.reason for item in skipped] == ["symbolic link leads out of the folder"]


def test_a_folder_with_only_a_pdf_reports_it(tmp_path: Path) -> None:
    root = tmp_path / "pdfs"
    root.mkdir()
    (root / "paper.pdf").write_bytes(b"%PDF-1.4")
    found, skipped = _split(list(discover([str(root)])))
    assert found == []
    assert [(Path(item.path).name, item.reason) for item in skipped] == [
        ("paper.pdf", "not a supported file type (.txt .md .html .htm .json .jsonl)")
    ]
    summary = add(tmp_path / "index", [root])
    assert summary.added == 0 and [Path(item.path).name for item in summary.skipped] == ["paper.pdf"]


def test_readme_and_source_notes_in_a_folder_are_not_articles(tmp_path: Path) -> None:
    """The BBC corpus folder holds README.TXT and SOURCE.md beside its articles: they are skipped by name."""
    root = tmp_path / "bbc"
    (root / "politics").mkdir(parents=True)
    (root / "politics" / "001.txt").write_text("Blair wins vote\n\nThe prime minister won the vote.\n")
    for name in ("README.TXT", "SOURCE.md", "LICENSE", "LICENSE.txt", "CHANGELOG.md", "Readme.markdown"):
        (root / name).write_text("Notes about the corpus.\n")
    (root / "readme-on-the-trial.txt").write_text("An article whose name starts with readme.\n")
    found, skipped = _split(list(discover([str(root)])))
    assert sorted(Path(item.path).name for item in found) == ["001.txt", "readme-on-the-trial.txt"]
    by_name = {Path(item.path).name: item.reason for item in skipped}
    assert sorted(by_name) == ["CHANGELOG.md", "LICENSE", "LICENSE.txt", "README.TXT", "Readme.markdown", "SOURCE.md"]
    assert by_name["README.TXT"] == "not an article (a README, LICENSE or similar note, by its name)"
    assert by_name["LICENSE"] == by_name["README.TXT"]  # no extension, but named as a note: say why, not "type"


def test_a_note_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Read me\n\nThe user asked for this file by name.\n")
    found, skipped = _split(list(discover([str(readme)])))
    assert [Path(item.path).name for item in found] == ["README.md"] and skipped == []


def test_bbc_corpus_notes_are_skipped(bbc_dir: Path) -> None:
    found, skipped = _split(list(discover([str(bbc_dir)])))
    assert len(found) == 2225
    assert sorted(Path(item.path).name for item in skipped) == ["README.TXT", "SOURCE.md"]
