"""Readers beside a writer, one race at a time: a commit landing between a reader's choice of a generation and its
opening, a search across a commit, the prefix table replaced under a search, and the replaced files' grace period.

Each race is forced at the exact moment (a hook on Whoosh's file opening), so each test fails the same way every
time on code that has the race; tests/search/test_reliability_crash.py runs them all at once, at random.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage

from search.corpus import Corpus, CorpusError
from search.index import generations
from search.index.prefix_union import PrefixUnion
from search.index.writer import SearchIndexError, open_index, write
from search.model import Document, Metadata
from tests.engine_helpers import add
from tests.paths import SEEDS


def _documents(start: int, count: int) -> list[Document]:
    return [
        Document(f"doc-{n:05}", (f"/src/{n}.txt",), Metadata(title=f"Dispatch {n}"), f"Report {n} filed by the desk.")
        for n in range(start, start + count)
    ]


def _whoosh_commit(folder: Path, documents: list[Document]) -> None:
    """A commit by Whoosh's own writer, merging every segment: it deletes every replaced file at once (as an older
    explore did, or as a reader slower than the grace period finds)."""
    from search.index.schema import index_fields

    writer = whoosh_index.open_dir(str(folder)).writer()
    for document in documents:
        writer.update_document(**index_fields(document))
    writer.commit(optimize=True)


def _ids(ix: whoosh_index.Index) -> list[str]:
    with ix.searcher() as searcher:
        return sorted(fields["id"] for fields in searcher.all_stored_fields())


def _generation_files(folder: Path) -> set[str]:
    """The TOCs and segment files (not the write lock)."""
    return {path.name for path in folder.iterdir() if path.name.startswith(("_MAIN_", "MAIN_")) and "." in path.name}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "search"
    ix = open_index(folder, create=True)
    write(ix, _documents(0, 5), [])
    write(ix, _documents(5, 5), [])
    return folder


@pytest.fixture
def commit_on_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, Callable[[], None]], list[str]]]:
    """Arrange for `commit` to run once, just before a reader opens the first file whose name ends with `suffix`
    (after the reader chose its generation); returns the list of files opened, for the test to check."""
    real_open = FileStorage.open_file

    def arrange(suffix: str, commit: Callable[[], None]) -> list[str]:
        opened: list[str] = []
        state = {"done": False}

        def open_file(self: FileStorage, name: str, *args: object, **kwargs: object) -> object:
            if name.endswith(suffix) and not state["done"]:
                state["done"] = True
                commit()
            opened.append(name)
            return real_open(self, name, *args, **kwargs)

        monkeypatch.setattr(FileStorage, "open_file", open_file)
        return opened

    yield arrange


# ---- opening ------------------------------------------------------------------------------------------------------


def test_a_commit_after_a_reader_chose_its_generation_is_not_damage(folder: Path, commit_on_open) -> None:
    """The reported failure: `_MAIN_N.toc` listed, then deleted by a commit before the reader opened it."""
    chosen = generations.latest_generation(FileStorage(str(folder)))
    opened = commit_on_open(".toc", lambda: write(open_index(folder), _documents(10, 5), []))
    ix = open_index(folder)  # raised SearchIndexError "damaged (FileNotFoundError ... _MAIN_N.toc)"
    assert opened[0] == f"_MAIN_{chosen}.toc"
    assert ix.latest_generation() == chosen + 1
    assert len(_ids(open_index(folder))) == 15


def test_a_reader_whose_generation_was_deleted_at_once_opens_the_newer_one(folder: Path, commit_on_open) -> None:
    """A writer that keeps nothing (Whoosh's own) deletes the chosen TOC: the reader moves to the next generation."""
    chosen = generations.latest_generation(FileStorage(str(folder)))
    commit_on_open(".toc", lambda: _whoosh_commit(folder, _documents(10, 5)))
    ix = open_index(folder)
    with ix.reader() as reader:
        assert reader.generation() == chosen + 1
    assert len(_ids(ix)) == 15


def test_a_segment_deleted_between_the_toc_and_its_files_moves_to_the_newer_generation(
    folder: Path, commit_on_open
) -> None:
    opened = commit_on_open(".trm", lambda: _whoosh_commit(folder, _documents(10, 5)))
    ix = open_index(folder)
    assert len(_ids(ix)) == 15
    assert sum(name.endswith(".toc") for name in opened) >= 2  # it read the replaced TOC, then the newer one


def test_a_file_missing_from_the_latest_generation_is_damage(folder: Path) -> None:
    (segment_file, *_) = sorted(folder.glob("MAIN_*.trm"))
    generations_before = generations.latest_generation(FileStorage(str(folder)))
    for path in folder.glob("MAIN_*.trm"):
        path.unlink()
    with pytest.raises(SearchIndexError, match=r"damaged .*FileNotFoundError"):
        open_index(folder)
    assert generations.latest_generation(FileStorage(str(folder))) == generations_before
    assert not segment_file.exists()


# ---- the replaced generation's files ------------------------------------------------------------------------------


def _age(folder: Path, seconds: float) -> None:
    """Make every TOC look `seconds` older (as if the commits were that long ago)."""
    for toc in folder.glob("_MAIN_*.toc"):
        stat = toc.stat()
        os.utime(toc, (stat.st_atime - seconds, stat.st_mtime - seconds))


def test_replaced_generations_stay_for_the_grace_period_then_go(folder: Path) -> None:
    ix = open_index(folder)
    before = _generation_files(folder)
    write(ix, _documents(10, 5), [])
    write(ix, _documents(15, 5), [])
    assert before <= _generation_files(folder)  # replaced moments ago: a reader may still be opening them
    _age(folder, generations.GRACE_SECONDS + 1)
    write(ix, _documents(20, 5), [])
    latest = generations.latest_generation(FileStorage(str(folder)))
    tocs = sorted(path.name for path in folder.glob("_MAIN_*.toc"))
    assert tocs == sorted([f"_MAIN_{latest - 1}.toc", f"_MAIN_{latest}.toc"])  # the one just replaced, and the latest
    with open_index(folder).searcher() as searcher:
        assert searcher.doc_count() == 25


def test_many_commits_within_the_grace_lose_nothing_and_leave_no_file_behind_after_it(folder: Path) -> None:
    ix = open_index(folder)
    for start in range(10, 60, 5):
        write(ix, _documents(start, 5), [f"doc-{start - 7:05}"])
    assert len(_ids(open_index(folder))) == 60 - 10
    _age(folder, generations.GRACE_SECONDS + 1)
    write(ix, _documents(60, 5), [])
    with open_index(folder).reader() as reader:
        live = {leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()}
    left = {name.split(".")[0] for name in _generation_files(folder) if name.startswith("MAIN_")}
    replaced = left - live
    assert len(replaced) <= 4, replaced  # at most the replaced generation's segments
    assert len(list(folder.glob("_MAIN_*.toc"))) == 2


# ---- a search across a commit -------------------------------------------------------------------------------------


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    index_dir = tmp_path / "index"
    add(index_dir, [SEEDS])
    return index_dir


def test_a_search_whose_files_vanished_under_it_runs_again_on_the_newer_generation(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine checked it was up to date; then a commit (keeping nothing) landed before the search read the
    stored fields, which Whoosh opens only then."""
    with Corpus(seeded) as corpus:
        engine = corpus.engine
        monkeypatch.setattr(engine._searcher, "up_to_date", lambda: True)
        _whoosh_commit(seeded / "search", _documents(0, 3))
        result = corpus.search("Aatmanirbhar")  # was: CorpusError "the search index ... is damaged"
        assert result.total >= 1
        assert engine.generation() == generations.latest_generation(FileStorage(str(seeded / "search")))


def test_a_missing_file_of_a_replaced_generation_is_not_called_damage(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should even the retry lose its files (a writer committing without pause), the message says the index
    changed while it was read, not that it is damaged."""
    from search.index.searcher import SearchEngine

    def vanished(self: SearchEngine, *args: object) -> object:
        _whoosh_commit(seeded / "search", _documents(0, 1))
        raise FileNotFoundError(2, "No such file or directory", "MAIN_gone.trm")

    with Corpus(seeded) as corpus:
        corpus.open_search()
        monkeypatch.setattr(SearchEngine, "_search", vanished)
        with pytest.raises(CorpusError) as caught:
            corpus.search("Aatmanirbhar")
    message = str(caught.value)
    assert "changed while it was read" in message and "damaged" not in message and "rebuild" not in message


def test_a_missing_file_of_the_latest_generation_is_still_damage(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from search.index.searcher import SearchEngine

    def vanished(self: SearchEngine, *args: object) -> object:
        raise FileNotFoundError(2, "No such file or directory", "MAIN_gone.trm")

    with Corpus(seeded) as corpus:
        corpus.open_search()
        monkeypatch.setattr(SearchEngine, "_search", vanished)
        with pytest.raises(CorpusError, match=r"is damaged .*rebuild"):
            corpus.search("Aatmanirbhar")


# ---- the prefix table ---------------------------------------------------------------------------------------------


def test_a_prefix_table_replaced_for_a_newer_generation_is_not_used_by_an_older_searcher(seeded: Path) -> None:
    """A writer refreshes the table after its commit: a searcher still on the older generation expands live."""
    with Corpus(seeded) as corpus:
        generation = corpus.store.prefix_table_generation()
        assert generation is not None
        corpus.store.replace_prefix_table(generation, [("go", [("government", 1)])])
        assert corpus.engine.parse("go*").query == PrefixUnion([wq.Term("words", "government")])
        corpus.store.replace_prefix_table(generation + 1, [("go", [("gone", 1)])])  # the writer's newer table
        query = corpus.engine.parse("go*").query
        assert isinstance(query, PrefixUnion)
        assert wq.Term("words", "gone") not in list(query.leaves())
        assert len(list(query.leaves())) > 1  # expanded against the searcher's own generation


def test_an_index_without_documents_searches_without_error(tmp_path: Path) -> None:
    """Whoosh's reader of an index without segments has no generation: nothing here may take that for damage."""
    empty = tmp_path / "empty"
    empty.mkdir()
    index_dir = tmp_path / "index"
    add(index_dir, [empty])
    with Corpus(index_dir) as corpus:
        assert corpus.search("go*").total == 0
        assert corpus.search("desk").total == 0
        assert corpus.matching_ids("desk") == []
