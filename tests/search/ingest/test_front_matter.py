"""Markdown front matter (YAML between `---`, TOML between `+++`) is metadata: read into the record's hints
and kept out of the body."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.ingest.cleaning import clean_record
from search.ingest.discover import FoundFile
from search.ingest.readers import read_file
from search.model import CleanArticle

BODY = (
    "# Harbour bridge reopens: traffic returns\n\n"
    "The harbour bridge reopened on Monday after eight months of repairs.\n"
)

YAML = (
    "---\n"
    'title: "Harbour bridge reopens: traffic returns"\n'
    "date: 2022-05-14\n"
    "author:\n  - Maria Lopez\n  - Daniel Okafor\n"
    "tags: [transport, harbour]\n"
    "draft: false\n"
    "---\n" + BODY
)

TOML = (
    "+++\n"
    "title = 'Harbour bridge reopens: traffic returns'\n"
    "date = 2022-05-14T09:30:00+01:00\n"
    'authors = ["Maria Lopez"]\n'
    'publisher = "Coastal Times"\n'
    "[params]\nfeatured = true\n"
    "+++\n" + BODY
)


def _clean(tmp_path: Path, text: str, name: str = "story.md") -> CleanArticle:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    found = FoundFile(str(path), "md", path.stat().st_size, path.stat().st_mtime_ns)
    (record,) = read_file(found, path.read_bytes()).records
    return clean_record(record)


def test_yaml_front_matter_is_metadata_not_body(tmp_path: Path) -> None:
    article = _clean(tmp_path, YAML)
    meta = article.metadata
    assert meta.title == "Harbour bridge reopens: traffic returns"
    assert (meta.date, meta.author) == ("2022-05-14", "Maria Lopez, Daniel Okafor")
    assert meta.provenance["date"] == "yaml:date"
    assert article.body == "The harbour bridge reopened on Monday after eight months of repairs."
    for leftover in ("---", "date:", "tags", "draft"):
        assert leftover not in article.body


def test_toml_front_matter_is_metadata_not_title(tmp_path: Path) -> None:
    article = _clean(tmp_path, TOML)
    meta = article.metadata
    assert meta.title == "Harbour bridge reopens: traffic returns"
    assert (meta.date, meta.author, meta.source) == ("2022-05-14", "Maria Lopez", "Coastal Times")
    assert meta.provenance["title"] == "toml:title"
    assert article.body == "The harbour bridge reopened on Monday after eight months of repairs."
    assert "+++" not in article.body and "featured" not in article.body


@pytest.mark.parametrize(
    "text",
    [
        "---\n\nA rule above, then the story.\n\n---\n\nMore text after another rule.\n",  # rules, not a mapping
        "---\ntitle: [unclosed\n---\nThe story itself.\n",  # broken YAML: left as text
        "+++\ntitle = \n+++\nThe story itself.\n",  # broken TOML
        "The story.\n---\ntitle: not at the top\n---\n",  # front matter only counts at the very top
    ],
    ids=["rules", "bad-yaml", "bad-toml", "not-at-top"],
)
def test_what_is_not_front_matter_stays_text(tmp_path: Path, text: str) -> None:
    article = _clean(tmp_path, text)
    kept = article.body.split("\n") + [line for block in article.furniture for line in block.text.split("\n")]
    for line in filter(None, (line.strip() for line in text.split("\n"))):
        assert line in kept or line == article.metadata.title, line


def test_hostile_yaml_does_not_abort(tmp_path: Path) -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    article = _clean(tmp_path, bomb + "author: *u\ntitle: Aliases\n---\nThe story.\n")
    assert article.metadata.title == "Aliases"
    assert article.body == "The story."
