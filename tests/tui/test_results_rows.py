"""A result row's snippet shows its first match even when the engine's snippet puts it beyond the row's width."""

from __future__ import annotations

from search.index.snippets import Snippet
from tui.widgets.results_list import snippet_in_width


def test_a_match_beyond_the_width_is_brought_into_view() -> None:
    text = "Long preamble about nothing in particular, going on and on for a while, then oil prices rose sharply."
    start = text.index("oil")
    shown = snippet_in_width(Snippet(text, ((start, start + 3),)), 40)
    assert shown.plain.startswith("…") and "oil" in shown.plain[:39]
    assert any(shown.plain[span.start : span.end] == "oil" for span in shown.spans)


def test_a_match_at_the_start_keeps_the_start_and_marks_the_cut() -> None:
    text = "Oil prices rose sharply after the storm, analysts said on Monday."
    shown = snippet_in_width(Snippet(text, ((0, 3),)), 40)
    assert shown.plain.startswith("Oil prices rose") and shown.plain.endswith("…") and len(shown.plain) <= 40
    assert snippet_in_width(Snippet(text, ((0, 3),)), 80).plain == text  # a snippet that fits is left alone
