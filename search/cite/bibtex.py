"""BibTeX entries: a stable unique key, LaTeX special characters escaped, braces always balanced."""

from __future__ import annotations

import re
import unicodedata

from search.cite.item import CitableItem, Name

#: LaTeX replacements; braces become commands so no value can unbalance the entry.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX))


def latex_escape(text: str) -> str:
    """Escape LaTeX specials and drop control characters; Unicode letters stay as they are."""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t")
    return _LATEX_RE.sub(lambda m: _LATEX[m.group(0)], " ".join(text.split()))


def url_escape(url: str) -> str:
    """URLs keep their characters (biblatex reads them verbatim) except what would break the entry."""
    return " ".join(url.split()).replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def bibtex_key(item: CitableItem) -> str:
    """A key stable for the document and unique per document id: <name><year>_<id prefix>."""
    if item.authors:
        seed = item.authors[0].family.split()
    else:
        seed = (item.title or item.source or "").split()
    words = [w for w in (_ascii_word(s) for s in seed) if w and w not in {"the", "a", "an", "team"}]
    stem = (words[-1] if item.authors and words else words[0] if words else "doc")[:20]
    year = str(item.date.year) if item.date else "nd"
    ident = _ascii_word(item.key_id)[:8] or "0"
    return f"{stem}{year}_{ident}"


def _bib_name(name: Name) -> str:
    if name.is_group or not name.given:
        return "{" + latex_escape(name.family) + "}"
    return f"{latex_escape(name.family)}, {latex_escape(name.given)}"


def bibtex_entry(item: CitableItem, note: str | None = None) -> str:
    """An @misc entry (BibTeX-compatible, with biblatex's date/url/urldate too)."""
    fields: list[tuple[str, str]] = []
    if item.authors:
        fields.append(("author", " and ".join(_bib_name(n) for n in item.authors)))
    if item.title:
        title = f"[{item.title}]" if item.title_derived else item.title
        fields.append(("title", "{" + latex_escape(title) + "}"))
    if item.source:
        fields.append(("howpublished", latex_escape(item.source)))
    if item.date:
        fields.append(("year", str(item.date.year)))
        if item.date.month:
            fields.append(("month", str(item.date.month)))
        fields.append(("date", "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(item.date.parts))))
    if item.url:
        fields.append(("url", url_escape(item.url)))
        fields.append(("urldate", item.accessed.isoformat()))
    notes = []
    if item.title_derived:
        notes.append("Title derived from the first sentence")
    if note:
        notes.append(note)
    if notes:
        fields.append(("note", latex_escape(". ".join(notes))))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{bibtex_key(item)},\n{body}\n}}" if body else f"@misc{{{bibtex_key(item)}\n}}"
