"""Citations for stored documents: the public API and the dispatch to each style.

APA 7, MLA 9 and Chicago 17 (notes-bibliography) follow the manuals for news articles; BibTeX, RIS and
CSL-JSON are the machine formats. See citation_csl.py for what citeproc-py renders and what is hand-written.
"""

from __future__ import annotations

import datetime
import json

from search.cite.apa import apa_in_text, apa_reference
from search.cite.bibtex import bibtex_entry
from search.cite.chicago import chicago_bibliography, chicago_note
from search.cite.csl import citeproc_render, citeproc_serves_apa, csl_json_item
from search.cite.item import CitableItem, item_from_document
from search.cite.mla import mla_in_text, mla_works_cited
from search.cite.quote import find_quote, machine_note, prepare_quote, run_in
from search.cite.ris import ris_record
from search.cite.typography import add_period
from search.model import Document

STYLES = ("apa", "mla", "chicago", "bibtex", "ris", "csl-json")
DEFAULT_STYLE = "apa"


def check_style(style: str) -> str:
    """The style name, lower-cased; ValueError naming the choices when it is unknown."""
    name = style.strip().lower()
    if name not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}")
    return name


def _apa(item: CitableItem) -> str:
    if citeproc_serves_apa(item):
        return citeproc_render(csl_json_item(item), "apa")[1]
    return apa_reference(item)


def _chicago(item: CitableItem) -> str:
    return f"Note: {chicago_note(item)}\nBibliography: {chicago_bibliography(item)}"


def _machine(item: CitableItem, style: str, note: str | None) -> str:
    if style == "bibtex":
        return bibtex_entry(item, note)
    if style == "ris":
        return ris_record(item, note).rstrip("\n")
    return json.dumps([csl_json_item(item, note)], ensure_ascii=False, indent=2)


def cite_item(item: CitableItem, style: str) -> str:
    """The full reference for a citable item in one style."""
    name = check_style(style)
    if name == "apa":
        return _apa(item)
    if name == "mla":
        return mla_works_cited(item)
    if name == "chicago":
        return _chicago(item)
    return _machine(item, name, None)


def cite_document(doc: Document, style: str = DEFAULT_STYLE, *, accessed: datetime.date | None = None) -> str:
    """The full reference for a document; `accessed` (default today) dates a local file's retrieval."""
    return cite_item(item_from_document(doc, accessed), style)


def quote_item(item: CitableItem, quote: str, style: str) -> str:
    """A quotation with its in-text citation and the full reference (or a note field, for machine formats)."""
    name = check_style(style)
    if name == "apa":
        return f"{run_in(quote, 'apa', apa_in_text(item))}\n\n{_apa(item)}"
    if name == "mla":
        return f"{run_in(quote, 'mla', mla_in_text(item))}\n\n{mla_works_cited(item)}"
    if name == "chicago":
        text = add_period(prepare_quote(quote, "chicago"))
        quoted = "“" + text + "”¹"
        return f"{quoted}\n\n1. {chicago_note(item)}\n\nBibliography: {chicago_bibliography(item)}"
    return _machine(item, name, machine_note(quote))


def cite_quote(doc: Document, quote: str, style: str = DEFAULT_STYLE, *, accessed: datetime.date | None = None) -> str:
    """Cite words of the document (an event quote is `cite_quote(doc, event.sentence, ...)`), as the article
    writes them; QuoteNotInArticleError (one line) when they are not in it (see `find_quote`)."""
    check_style(style)
    return quote_item(item_from_document(doc, accessed), find_quote(doc.body, quote, doc.id), style)
