"""CSL: the CSL-JSON item for a document, and rendering through citeproc-py with the shipped style files.

citeproc-py renders APA 7 correctly for an article with an author and a URL, so that case uses it.
It gets the other cases wrong (tested in tests/test_citations.py): with no author it prints the title
twice (substitution is not suppressed), MLA/Chicago put the period outside the closing quote, inner
double quotes are not turned into single ones, title case skips words after an opening quote, and the
Chicago 17 style emits a stray "Edition". Those cases are written by hand in citation_apa/mla/chicago.
"""

from __future__ import annotations

import warnings
from importlib import resources
from typing import Any

from search.cite.item import CitableItem

#: Shipped style files (search/cite/csl_styles/, CC BY-SA 3.0, from the official CSL styles repository).
STYLE_FILES = {
    "apa": "apa.csl",
    "mla": "modern-language-association.csl",
    "chicago": "chicago-notes-bibliography-17th-edition.csl",
}


def _date(parts: list[int]) -> dict[str, Any]:
    return {"date-parts": [parts]}


def csl_json_item(item: CitableItem, note: str | None = None) -> dict[str, Any]:
    """The CSL-JSON item (CSL 1.0.2 data schema) for one citable item."""
    data: dict[str, Any] = {"id": item.key_id, "type": "article-newspaper"}
    if item.authors:
        data["author"] = [
            {"literal": n.family} if n.is_group or not n.given else {"family": n.family, "given": n.given}
            for n in item.authors
        ]
    if item.title:
        data["title"] = f"[{item.title}]" if item.title_derived else item.title
    if item.source:
        data["container-title"] = item.source
    if item.date:
        data["issued"] = _date(item.date.parts)
    if item.url:
        data["URL"] = item.url
        data["accessed"] = _date([item.accessed.year, item.accessed.month, item.accessed.day])
    notes = []
    if item.title_derived:
        notes.append("Title derived from the first sentence")
    if note:
        notes.append(note)
    if notes:
        data["note"] = ". ".join(notes)
    return data


def style_path(style: str) -> str:
    """Filesystem path of a shipped CSL style file."""
    return str(resources.files("search.cite").joinpath("csl_styles", STYLE_FILES[style]))


def citeproc_render(data: dict[str, Any], style: str) -> tuple[str, str]:
    """(in-text citation, bibliography entry) as plain text, rendered by citeproc-py."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        csl_style = CitationStylesStyle(style_path(style), validate=False)
        bibliography = CitationStylesBibliography(csl_style, CiteProcJSON([data]), formatter.plain)
        citation = Citation([CitationItem(data["id"].lower())])
        bibliography.register(citation)
        in_text = str(bibliography.cite(citation, lambda _item: None))
        entries = [str(entry) for entry in bibliography.bibliography()]
    return in_text, entries[0] if entries else ""


def citeproc_serves_apa(item: CitableItem) -> bool:
    """The APA case citeproc-py renders to the manual: authors, a URL, a title ending in a letter or digit.

    (citeproc-py writes "Why?.", puts the period outside closing quotes, and repeats a site name that is
    also the group author, which APA omits.)
    """
    plain_end = (item.title or "")[-1:].isalnum()
    site_is_author = any(n.family == item.source for n in item.authors)
    return bool(item.authors and item.url and plain_end and not item.title_derived and not site_is_author)
