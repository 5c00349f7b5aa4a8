"""Odd metadata (empty fields, Unicode, quotes, braces, control characters) through every formatter.

Every style must return text without raising; BibTeX must parse with bibtexparser; RIS and CSL-JSON must
be well-formed. 100 examples per test in the default run.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import replace
from typing import Any

import bibtexparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.cite.citations import STYLES, cite_document, cite_quote
from search.model import Document, Metadata

ACCESSED = datetime.date(2026, 11, 23)
ODD = st.sampled_from(list("{}\\\"“”‘’'%&$#_^~@,.?!;: \t\n\x00\x0béü中—…[]()"))
TEXT = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=60),
    st.lists(st.one_of(ODD, st.sampled_from(["Team", "and", "Smith", "x", "News", "a"])), max_size=30).map("".join),
)
DATES = st.one_of(
    st.none(),
    st.sampled_from(["2021", "2021-03", "2021-03-28", "2021-02-30", "0000", "1999-13", "", "March 2021"]),
    st.text(max_size=12),
)
METADATA = st.builds(
    Metadata,
    title=TEXT,
    title_derived=st.booleans(),
    date=DATES,
    source=TEXT,
    author=TEXT,
    url=TEXT,
)
DOCS = st.builds(
    Document,
    id=st.text(alphabet="0123456789abcdef", min_size=16, max_size=16),
    paths=st.one_of(st.just(("seeds/000_x.txt",)), st.tuples(st.text(min_size=1, max_size=40))),
    metadata=METADATA,
    body=st.just(""),
)
RIS_LINE = re.compile(r"^(TY|AU|TI|T2|PY|DA|UR|L1|Y2|N1|ID|ER)  - .*$")
CSL_STRING_FIELDS = {"id", "type", "title", "container-title", "URL", "note"}


def check_bibtex(text: str) -> None:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert len(library.entries) == 1
    assert re.fullmatch(r"[a-z0-9]+(?:nd|\d+)_[0-9a-f]+", library.entries[0].key)
    for field in library.entries[0].fields:
        assert isinstance(field.value, str)
        assert field.value.count("{") == field.value.count("}")


def check_ris(text: str) -> None:
    lines = text.split("\n")
    assert lines[0] == "TY  - NEWS" and lines[-1] == "ER  - "
    assert all(RIS_LINE.match(line) for line in lines), lines
    assert all(line.isprintable() for line in lines)


def check_csl_json(text: str) -> None:
    data: Any = json.loads(text)
    assert isinstance(data, list) and len(data) == 1
    item = data[0]
    assert item["type"] == "article-newspaper" and isinstance(item["id"], str)
    for key, value in item.items():
        if key in CSL_STRING_FIELDS:
            assert isinstance(value, str) and value
        elif key == "author":
            assert value and all(set(n) in ({"literal"}, {"family", "given"}) for n in value)
            assert all(isinstance(v, str) and v for n in value for v in n.values())
        elif key in ("issued", "accessed"):
            [parts] = value["date-parts"]
            assert 1 <= len(parts) <= 3 and all(isinstance(p, int) for p in parts)
        else:
            raise AssertionError(f"unexpected CSL-JSON field {key}")


CHECKS = {"bibtex": check_bibtex, "ris": check_ris, "csl-json": check_csl_json}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=DOCS)
def test_every_style_formats_odd_metadata(doc: Document) -> None:
    for style in STYLES:
        text = cite_document(doc, style, accessed=ACCESSED)
        assert isinstance(text, str) and text.strip()
        if style in CHECKS:
            CHECKS[style](text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=DOCS, quote=st.text(max_size=400))
def test_every_style_quotes_odd_text(doc: Document, quote: str) -> None:
    """The odd text is the article's (a quotation must be in the body: see test_quote_check.py)."""
    doc = replace(doc, body=f"Before. {quote} After.")
    if not quote.strip():
        return
    for style in STYLES:
        text = cite_quote(doc, quote, style, accessed=ACCESSED)
        assert isinstance(text, str) and text.strip()
        if style in CHECKS:
            CHECKS[style](text)


WORDS = st.lists(st.text(alphabet="abcdéfg,;:-", min_size=1, max_size=8), min_size=1, max_size=120)


@settings(max_examples=100, deadline=None)
@given(words=WORDS, style=st.sampled_from(["apa", "mla", "chicago"]))
def test_long_quotes_cut_at_a_word_boundary(words: list[str], style: str) -> None:
    from search.cite.quote import QUOTE_RULES, prepare_quote

    rule = QUOTE_RULES[style]
    out = prepare_quote(" ".join(words), style)
    if len(words) <= rule.max_words:
        assert out == " ".join(words)
        return
    assert out.endswith(" " + rule.ellipsis)
    kept = out[: -len(rule.ellipsis) - 1].split()
    assert 1 <= len(kept) <= rule.max_words
    assert kept[:-1] == words[: len(kept) - 1]
    assert words[len(kept) - 1].startswith(kept[-1])  # only trailing punctuation may go, never letters
