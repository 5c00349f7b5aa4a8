"""A quotation is cited only when the article says it (issue 19: `cite --quote` footnoted text not in the article).

Spacing, line breaks, typographic quotes and dashes may differ from the article; the words may not. What is
quoted is the article's own text (its quote marks, its case), with whitespace collapsed.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from search.cite.citations import cite_quote
from search.cite.quote import QuoteNotInArticleError, find_quote
from search.model import Document, Metadata
from tests.engine_helpers import assert_one_line_error, build_index, run, run_json
from tests.paths import SEEDS

ACCESSED = datetime.date(2026, 12, 5)
BODY = (
    "SEOUL — Defence Minister Rajnath Singh on Friday held talks.\n\n"
    "In a tweet, Mr Singh described the talks as “excellent”.\n"
    "“Had excellent deliberations with the Republic of Korea’s Defence Minister\nMr Suh Wook,” he said."
)


def doc() -> Document:
    return Document(id="278f6c5eeedf8e69", paths=("x.txt",), metadata=Metadata(title="Talks"), body=BODY)


def test_text_not_in_the_article_is_refused() -> None:
    with pytest.raises(QuoteNotInArticleError) as caught:
        cite_quote(doc(), "Both sides agreed to invade the moon.", "apa", accessed=ACCESSED)
    message = str(caught.value)
    assert "\n" not in message
    assert message == "the quotation is not in article 278f6c5eeedf8e69: “Both sides agreed to invade the moon.”"


@pytest.mark.parametrize("quote", ["", "   ", "\n"])
def test_an_empty_quotation_is_refused(quote: str) -> None:
    with pytest.raises(QuoteNotInArticleError, match="empty"):
        cite_quote(doc(), quote, "mla", accessed=ACCESSED)


def test_spacing_quotes_and_dashes_may_differ_the_article_text_is_quoted() -> None:
    typed = "Had excellent deliberations with the Republic of Korea's Defence Minister Mr Suh Wook"
    assert find_quote(BODY, typed) == (
        "Had excellent deliberations with the Republic of Korea’s Defence Minister Mr Suh Wook"
    )
    assert find_quote(BODY, 'described the talks as "excellent"') == "described the talks as “excellent”"
    assert find_quote(BODY, "SEOUL - Defence Minister") == "SEOUL — Defence Minister"
    assert find_quote(BODY, "seoul — defence minister rajnath singh") == "SEOUL — Defence Minister Rajnath Singh"


def test_a_quotation_typed_inside_quote_marks_is_found() -> None:
    assert find_quote(BODY, "“Mr Singh described the talks”") == "Mr Singh described the talks"


def test_words_must_match_whole_a_fragment_is_not_enough() -> None:
    with pytest.raises(QuoteNotInArticleError):
        find_quote(BODY, "Minister Rajnath Singh on Friday held talks with the Japanese")
    with pytest.raises(QuoteNotInArticleError):
        find_quote(BODY, "xcellent deliberations")  # part of a word is not a quotation


def test_cli_refuses_a_quote_not_in_the_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = build_index(tmp_path, [SEEDS])
    [doc_id] = [d["id"] for d in run_json(capsys, "--index", str(index), "list", "--json") if "004" in d["path"]]

    code, out, err = run(capsys, "--index", str(index), "cite", doc_id, "--quote", "We will invade the moon")
    assert_one_line_error(code, out, err, "the quotation is not in article", "We will invade the moon")
    assert out == ""
    code, out, err = run(capsys, "--index", str(index), "cite", doc_id, "--quote", "had  excellent deliberations")
    assert code == 0 and out.startswith("“Had excellent deliberations”"), err
