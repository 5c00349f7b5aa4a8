"""Pilot tests for every key of the app, on the seed index (with entities and events), at a fixed size."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from search.settings import load_settings
from tests.tui.app_helpers import seed_app, settle
from tui.screens.copy_text_screen import CopyTextScreen
from tui.screens.help_screen import HelpScreen
from tui.screens.main_screen import MainScreen
from tui.screens.style_picker import StylePicker
from tui.widgets.entities_panel import EntitiesPanel
from tui.widgets.events_panel import ARTICLE, TIMELINE, EventsPanel
from tui.widgets.reader import Reader
from tui.widgets.results_list import ResultsList

SIZE = (120, 40)


async def open_first(pilot, query: str = "") -> None:
    await settle(pilot)
    if query:
        await pilot.press(*query)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_empty_query_lists_every_article_newest_first(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert len(results.hits) == 5
        dates = [hit.summary.metadata.date for hit in results.hits if hit.summary.metadata.date]
        assert dates == sorted(dates, reverse=True)
        assert str(app.screen.query_one("#status").render()).startswith("5 hits")


async def test_slash_focuses_search_and_typing_searches_after_a_pause(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # away from the search bar
        assert not app.screen.query_one("#query", Input).has_focus
        await pilot.press("slash", *"japan")
        assert app.screen.query_one("#query", Input).has_focus
        await pilot.pause(0.5)  # the debounce
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert len(results.hits) == 1
        assert "Japan" in (results.hits[0].summary.metadata.title or "")


async def test_enter_runs_the_search_and_goes_to_the_results_then_opens(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"telephone", "enter")
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert results.has_focus
        assert results.hits
        first = results.hits[0].id
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        assert reader.document is not None and reader.document.id == first
        assert reader.term_spans, "the query's terms are highlighted in the article"
        assert all(reader.document.body[s:e].lower().startswith("telephon") for s, e in reader.term_spans)


async def test_j_k_and_arrows_move_the_selection(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        results = app.screen.query_one(ResultsList)
        await pilot.press("j", "j", "down")
        assert results.cursor == 3
        await pilot.press("k", "up")
        assert results.cursor == 1
        await pilot.press("end")
        assert results.cursor == 4


async def test_tab_and_shift_tab_cycle_the_panes(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        order = []
        for _ in range(5):
            await pilot.press("tab")
            await pilot.pause()
            order.append(app.focused.id if app.focused else None)
        assert order == ["results", "reader", "events", "entities", "query"]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "entities"


async def test_n_and_N_move_between_hits_in_the_article(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "singh")
        reader = app.screen.query_one(Reader)
        spans = reader.term_spans
        assert len(spans) >= 2
        await pilot.press("n")
        assert reader.current == spans[0]
        await pilot.press("n")
        assert reader.current == spans[1]
        await pilot.press("N")
        assert reader.current == spans[0]
        await pilot.press("N")
        assert reader.current == spans[-1], "N wraps to the last hit"


async def test_e_and_E_move_between_entities(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        reader = app.screen.query_one(Reader)
        assert reader.document is not None
        mentions = sorted((m.start, m.end) for m in reader.document.annotation.mentions)
        await pilot.press("e", "e")
        assert reader.current == mentions[1]
        await pilot.press("E")
        assert reader.current == mentions[0]


async def test_c_copies_a_citation_of_the_open_article(seed_index: tuple[Path, Path]) -> None:
    copied: list[str] = []
    app = seed_app(seed_index, system_copy=copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "japan")
        await pilot.press("c")
        await pilot.pause()
        assert copied and app.clipboard == copied[0]
        assert "India strengthens defence ties with Japan" in copied[0]
        assert "Retrieved" not in copied[0] and "seeds" not in copied[0]  # no URL: no access date, never a path
        notes = [n.message for n in app._notifications]
        assert any("APA" in m and "OSC 52" in m and "system clipboard" in m for m in notes)


async def test_C_picks_the_style_and_remembers_it(seed_index: tuple[Path, Path], isolated_config: Path) -> None:
    copied: list[str] = []
    app = seed_app(seed_index, system_copy=copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "japan")
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, StylePicker)
        await pilot.press("down", "enter")  # apa -> mla
        await pilot.pause()
        assert app.citation_style == "mla"
        assert load_settings(isolated_config).citation_style == "mla"
        await pilot.press("c")
        await pilot.pause()
        assert "“India Strengthens Defence Ties with Japan, South Korea.”" in copied[-1], "MLA, not APA"
        assert copied[-1].endswith("6 Sept. 2019.")  # no URL: no access date


async def test_y_copies_the_selected_events_sentence_as_a_cited_quote(seed_index: tuple[Path, Path]) -> None:
    copied: list[str] = []
    app = seed_app(seed_index, system_copy=copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "japan")
        panel = app.screen.query_one(EventsPanel)
        event = panel.selected_event
        assert event is not None
        await pilot.press("y")
        await settle(pilot)
        assert copied
        first_words = " ".join(event.sentence.split()[:4])
        assert first_words in copied[0]
        assert "India strengthens defence ties with Japan" in copied[0]


async def test_t_toggles_the_events_scope_to_the_timeline_with_sources(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "japan")
        panel = app.screen.query_one(EventsPanel)
        article_events = list(panel.events)
        assert panel.scope == ARTICLE and article_events
        await pilot.press("escape", "slash", "ctrl+a", "ctrl+k", "enter")  # back to every article
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert panel.scope == TIMELINE
        assert len({e.doc_id for e in panel.events}) > 1, "the timeline spans the results"
        clusters = [e.cluster for e in panel.events]
        assert len(clusters) == len(set(clusters)), "one line per cluster"
        option_text = str(panel.get_option_at_index(0).prompt)
        assert "source" in option_text
        await pilot.press("t")
        assert panel.scope == ARTICLE


async def test_selecting_an_event_scrolls_to_and_marks_its_sentence(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "japan")
        panel = app.screen.query_one(EventsPanel)
        panel.focus()
        await pilot.press("end")
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        event = panel.events[-1]
        assert reader.mark == (event.start, event.end)
        assert reader.scroll_y > 0, "a late event scrolls the article"


async def test_f_shows_entities_and_enter_narrows_the_query(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "f")
        await pilot.pause()
        panel = app.screen.query_one(EntitiesPanel)
        assert panel.has_focus
        names = [e.name for e in panel.entities]
        assert "Rajnath Singh" in names
        index = names.index("Jeong Kyeong-Doo") if "Jeong Kyeong-Doo" in names else names.index("Rajnath Singh")
        panel.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        query = app.screen.query_one("#query", Input).value
        assert query == f'person:"{names[index]}"'
        results = app.screen.query_one(ResultsList)
        assert 0 < len(results.hits) <= 5


async def test_question_mark_and_f1_open_help_listing_the_real_bindings(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index, keymap={"article.cite": "ctrl+y"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {binding_id: keys for keys, _d, binding_id in app.binding_rows()}
        assert rows["article.cite"] == "ctrl+y", "the help shows the remapped key"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_remapped_key_works(seed_index: tuple[Path, Path]) -> None:
    copied: list[str] = []
    app = seed_app(seed_index, system_copy=copied.append, keymap={"article.cite": "ctrl+y"})
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "japan")
        await pilot.press("c")
        await pilot.pause()
        assert not copied
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert copied


async def test_ctrl_p_palette_offers_context_commands(seed_index: tuple[Path, Path]) -> None:
    copied: list[str] = []
    app = seed_app(seed_index, system_copy=copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "japan")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"copy citation (APA")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert copied and "India strengthens defence ties with Japan" in copied[0]


async def test_q_quits(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "q")
        await pilot.pause()
    assert app.return_code == 0


async def test_typing_q_in_the_search_bar_types_it(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q", "n", "c")
        assert app.screen.query_one("#query", Input).value == "qnc"
        assert app.is_running


async def test_no_clipboard_at_all_shows_the_text(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index, osc52=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, "japan")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CopyTextScreen)
        from textual.widgets import TextArea

        assert "India strengthens defence ties with Japan" in app.screen.query_one(TextArea).text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_bad_query_is_shown_not_raised(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*'"unbalanced', "enter")
        await settle(pilot)
        status = app.screen.query_one("#status")
        assert "unbalanced quote" in str(status.render())
        assert status.has_class("-error")
        assert len(app.screen.query_one(ResultsList).hits) == 5, "the old results stay"


async def test_results_of_an_old_query_are_dropped(seed_index: tuple[Path, Path]) -> None:
    from search.index.results import SearchResult
    from search.index.snippets import MatchTerms
    from tui.messages import SearchDone

    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        stale = SearchDone(
            screen.generation - 1, SearchResult("old", 0, True, 1.0, ()), MatchTerms(frozenset(), frozenset()), {}
        )
        screen.post_message(stale)
        await pilot.pause()
        assert len(screen.query_one(ResultsList).hits) == 5


async def test_a_timeline_event_of_another_article_opens_it_at_the_sentence(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        reader = app.screen.query_one(Reader)
        assert reader.document is not None
        opened = reader.document.id
        await pilot.press("t")
        panel = app.screen.query_one(EventsPanel)
        index = next(i for i, event in enumerate(panel.events) if event.doc_id != opened)
        panel.focus()
        panel.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        event = panel.events[index]
        assert reader.document is not None and reader.document.id == event.doc_id
        assert reader.mark == (event.start, event.end)
        assert reader.document.body[event.start : event.end].split()[:3] == event.sentence.split()[:3]


async def test_enter_enter_typed_ahead_opens_the_first_new_result(seed_index: tuple[Path, Path]) -> None:
    app = seed_app(seed_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"japan", "enter", "enter")  # no pause: the search is still running
        await settle(pilot)
        reader = app.screen.query_one(Reader)
        assert reader.document is not None
        assert "Japan" in (reader.document.metadata.title or "")
