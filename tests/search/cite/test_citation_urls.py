"""A citation names a URL only when the article has one (an http(s) URL in its metadata), never a local path.

Issue 19: "Retrieved December 5, 2026, from …/wikinews.jsonl#307" in APA, MLA, Chicago and the app's `c`; the
seeds gave a site-packages path. A path is where this machine keeps a copy, not where a reader finds the work.
"""

from __future__ import annotations

import datetime

import pytest

from search.cite.citations import STYLES, cite_document, cite_quote
from search.cite.item import item_from_document
from search.model import Document, Metadata

ACCESSED = datetime.date(2026, 12, 5)
PATH = "/home/u/.venv/lib/python3.12/site-packages/seeds/wikinews.jsonl#307"
BODY = "The summit ended on Friday. Both leaders agreed to meet again."


def doc(**meta: str) -> Document:
    fields = {"title": "Leaders agree to meet again", "date": "2018-05-04", "source": "Wikinews"} | meta
    return Document(id="0123456789abcdef", paths=(PATH,), metadata=Metadata(**fields), body=BODY)  # type: ignore[arg-type]


@pytest.mark.parametrize("style", STYLES)
def test_a_local_path_is_never_in_a_citation(style: str) -> None:
    for text in (
        cite_document(doc(), style, accessed=ACCESSED),
        cite_quote(doc(), "Both leaders agreed to meet again.", style, accessed=ACCESSED),
    ):
        assert "wikinews.jsonl" not in text and "site-packages" not in text
        assert "Retrieved" not in text and "ccessed" not in text and "2026" not in text  # no access date either


def test_the_styles_without_a_url() -> None:
    assert cite_document(doc(), "apa", accessed=ACCESSED) == "Leaders agree to meet again. (2018, May 4). Wikinews."
    assert cite_document(doc(), "mla", accessed=ACCESSED) == "“Leaders Agree to Meet Again.” Wikinews, 4 May 2018."
    assert cite_document(doc(), "chicago", accessed=ACCESSED) == (
        "Note: “Leaders Agree to Meet Again,” Wikinews, May 4, 2018.\n"
        "Bibliography: “Leaders Agree to Meet Again.” Wikinews, May 4, 2018."
    )


def test_an_http_url_is_cited() -> None:
    url = "https://en.wikinews.org/wiki/Leaders_agree_to_meet_again"
    assert cite_document(doc(url=url), "apa", accessed=ACCESSED).endswith(f"Wikinews. {url}")
    assert item_from_document(doc(url=url)).has_url


@pytest.mark.parametrize("url", ["file:///home/u/a.html", "/home/u/a.html", "www example", "javascript:alert(1)"])
def test_what_is_not_an_http_url_is_no_url(url: str) -> None:
    item = item_from_document(doc(url=url), ACCESSED)
    assert item.url is None and not item.has_url
    assert url not in cite_document(doc(url=url), "mla", accessed=ACCESSED)


def test_the_app_can_tell_a_citation_has_no_url() -> None:
    assert not item_from_document(doc()).has_url
