"""Citation style names for the app, without importing the citation engine (citeproc loads when citing).

`tests/test_app_keys.py` checks these match search.cite.citations.STYLES.
"""

from __future__ import annotations

DEFAULT_STYLE = "apa"
#: Style id -> the name shown in menus and notifications, in search.cite.citations.STYLES order.
STYLE_NAMES = {
    "apa": "APA 7",
    "mla": "MLA 9",
    "chicago": "Chicago 17 (notes-bibliography)",
    "bibtex": "BibTeX",
    "ris": "RIS",
    "csl-json": "CSL-JSON",
}
STYLES = tuple(STYLE_NAMES)
