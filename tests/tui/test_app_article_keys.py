"""Keys in the open article: `n` steps through the query's words and its entity clauses, with a "hit 3 of 9"
counter; a key that cannot act says why once, not once per press."""

from __future__ import annotations

from pathlib import Path

from tests.tui.app_helpers import seed_app, settle
from tests.tui.test_app_keys import SIZE, open_first
from tui.query_entities import entity_clauses
from tui.sentences import sentence_spans
from tui.widgets.reader import Reader


def test_entity_clauses_of_a_query() -> None:
    clauses = entity_clauses('person:"Rajnath Singh" place:korea -org:"Acme Ltd" defence')
    assert [(c.field, c.words) for c in clauses] == [("person", ("rajnath", "singh")), ("place", ("korea",))]


async def test_n_steps_through_entity_clauses_with_a_counter(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, 'person:"Rajnath Singh" place:"South Korea"')
        reader = app.screen.query_one(Reader)
        assert reader.document is not None
        shown = [reader.document.body[start:end] for start, end in reader.term_spans]
        assert "Rajnath Singh" in shown and "South Korea" in shown
        await pilot.press("n")
        await pilot.pause()
        assert reader.current == reader.term_spans[0]
        assert reader.border_subtitle == f"hit 1 of {len(reader.term_spans)}"
        await pilot.press("n")
        assert reader.border_subtitle == f"hit 2 of {len(reader.term_spans)}"
        assert not app._notifications


async def test_a_key_that_cannot_act_says_so_once(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "n", "n", "n")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Open an article first (enter on a result)."]


def test_sentences_of_a_body() -> None:
    body = 'Mr. Smith went to Washington. He said: "It is fine." Then U.S. troops left!\nA new paragraph? Yes.'
    assert [body[start:end] for start, end in sentence_spans(body)] == [
        "Mr. Smith went to Washington.",
        'He said: "It is fine."',
        "Then U.S. troops left!",
        "A new paragraph?",
        "Yes.",
    ]


async def test_parentheses_mark_sentences_and_y_quotes_the_marked_one(seed_index: tuple[Path, Path]) -> None:
    copied: list[str] = []
    app = seed_app(seed_index, system_copy=copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "japan")
        reader = app.screen.query_one(Reader)
        assert reader.document is not None
        sentences = sentence_spans(reader.document.body)
        await pilot.press("right_parenthesis", "right_parenthesis", "right_parenthesis", "left_parenthesis")
        assert reader.mark == sentences[1]
        assert reader.border_subtitle == f"sentence 2 of {len(sentences)}"
        await pilot.press("y")
        await settle(pilot)
        second = " ".join(reader.document.body[sentences[1][0] : sentences[1][1]].split())
        assert copied and second[:40] in copied[-1]
        assert "India strengthens defence ties with Japan" in copied[-1]


async def test_y_quotes_the_sentence_of_the_current_hit(seed_index: tuple[Path, Path]) -> None:
    copied: list[str] = []
    app = seed_app(seed_index, system_copy=copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "singh")
        reader = app.screen.query_one(Reader)
        assert reader.document is not None
        await pilot.press("n", "n")
        assert reader.current is not None
        await pilot.press("y")
        await settle(pilot)
        holding = next(span for span in sentence_spans(reader.document.body) if span[0] <= reader.current[0] < span[1])
        assert " ".join(reader.document.body[holding[0] : holding[1]].split())[:40] in copied[-1]


async def test_ctrl_f_finds_in_the_article_and_n_steps_through_the_matches(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "japan")
        reader = app.screen.query_one(Reader)
        assert reader.document is not None
        query_spans = list(reader.term_spans)
        await pilot.press("ctrl+f", *"defence")
        await pilot.pause()
        body = reader.document.body
        assert reader.find_spans and all(body[s:e].lower() == "defence" for s, e in reader.find_spans)
        total = len(reader.find_spans)
        assert reader.current == reader.find_spans[0] and reader.border_subtitle == f"match 1 of {total}"
        await pilot.press("enter")
        assert reader.has_focus
        await pilot.press("n")
        assert reader.border_subtitle == f"match {min(2, total)} of {total}"
        await pilot.press("ctrl+f", "escape")
        await pilot.pause()
        assert not reader.finding and reader.steps == query_spans


async def test_citing_an_article_without_a_url_says_so(seed_index: tuple[Path, Path]) -> None:
    copied: list[str] = []
    app = seed_app(seed_index, system_copy=copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "japan")
        reader = app.screen.query_one(Reader)
        assert reader.document is not None and not reader.document.metadata.url
        await pilot.press("c")
        await pilot.pause()
        assert copied
        assert any("gives no URL" in n.message for n in app._notifications)
