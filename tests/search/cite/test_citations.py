"""Citations of the seed articles in every style, against strings written by hand from the style manuals.

APA 7 (newspaper article / webpage on a news site; 9.36 "n.d."; 9.12 no author -> title first; 9.21
bracketed description for an untitled work; the URL last, when there is one), MLA 9 (Author. "Title."
Container, Date, URL. Accessed date for an undated page), Chicago 17 notes-bibliography (14.206 news articles,
access date before the URL when undated). A local path is never cited. Titles in MLA/Chicago are title-cased
and quoted with inner doubles flipped.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import bibtexparser
import pytest

from search.cite.citations import STYLES, cite_document, cite_quote
from search.cite.csl import citeproc_render, citeproc_serves_apa, csl_json_item
from search.cite.item import item_from_document, parse_authors
from search.model import Document, Metadata

ACCESSED = datetime.date(2026, 11, 23)
DERIVED_002 = (
    "Defence Minister Rajnath Singh on Thursday held bilateral talks with his South Korean counterpart "
    "Jeong Kyeong-Doo where they reviewed defence cooperation between both countries."
)
SEEDS = {
    "000": (
        "9699eda67973eca3",
        Metadata(
            title="Rajnath Singh and South Korean Defence Minister discuss ‘bilateral defence cooperation’",
            source="PSU Watch",
        ),
    ),
    "001": (
        "9ab57d95e1388eab",
        Metadata(
            title="India, S Korea agree to go for joint production, export of military hardware",
            date="2021-03-28",
            source="Udayavani",
            author="Team Udayavani",
        ),
    ),
    "002": ("28b6f37ceb517a93", Metadata(title=DERIVED_002, title_derived=True)),
    "003": (
        "8a208b8c6a59272c",
        Metadata(title="India strengthens defence ties with Japan, South Korea", date="2019-09-06"),
    ),
    "004": (
        "278f6c5eeedf8e69",
        Metadata(title='Rajnath Singh described the talks as "excellent."', date="2021-03-26"),
    ),
}


def seed(num: str) -> Document:
    """A seed's metadata over a body holding every sentence these tests quote (a quotation must be in it)."""
    ident, meta = SEEDS[num]
    return Document(id=ident, paths=(f"seeds/{num}_{ident}.txt",), metadata=meta, body=QUOTED_BODY)


DESC = DERIVED_002[:-1]
# No seed has a URL: a citation then ends with what the article states, never with the local path it was read
# from, and carries no access date (issue 19).
APA = {
    "000": "Rajnath Singh and South Korean Defence Minister discuss ‘bilateral defence cooperation.’ (n.d.). "
    "PSU Watch.",
    "001": "Team Udayavani. (2021, March 28). India, S Korea agree to go for joint production, export of "
    "military hardware. Udayavani.",
    "002": f"[{DESC}]. (n.d.).",
    "003": "India strengthens defence ties with Japan, South Korea. (2019, September 6).",
    "004": 'Rajnath Singh described the talks as "excellent." (2021, March 26).',
}
MLA = {
    "000": "“Rajnath Singh and South Korean Defence Minister Discuss ‘Bilateral Defence Cooperation.’” PSU Watch.",
    "001": "Team Udayavani. “India, S Korea Agree to Go for Joint Production, Export of Military Hardware.” "
    "Udayavani, 28 Mar. 2021.",
    "002": DERIVED_002,
    "003": "“India Strengthens Defence Ties with Japan, South Korea.” 6 Sept. 2019.",
    "004": "“Rajnath Singh Described the Talks as ‘Excellent.’” 26 Mar. 2021.",
}
CHICAGO_NOTE = {
    "000": "“Rajnath Singh and South Korean Defence Minister Discuss ‘Bilateral Defence Cooperation,’” PSU Watch.",
    "001": "Team Udayavani, “India, S Korea Agree to Go for Joint Production, Export of Military Hardware,” "
    "Udayavani, March 28, 2021.",
    "002": DERIVED_002,
    "003": "“India Strengthens Defence Ties with Japan, South Korea,” September 6, 2019.",
    "004": "“Rajnath Singh Described the Talks as ‘Excellent,’” March 26, 2021.",
}
CHICAGO_BIB = {
    "000": "“Rajnath Singh and South Korean Defence Minister Discuss ‘Bilateral Defence Cooperation.’” PSU Watch.",
    "001": "Team Udayavani. “India, S Korea Agree to Go for Joint Production, Export of Military Hardware.” "
    "Udayavani, March 28, 2021.",
    "002": DERIVED_002,
    "003": "“India Strengthens Defence Ties with Japan, South Korea.” September 6, 2019.",
    "004": "“Rajnath Singh Described the Talks as ‘Excellent.’” March 26, 2021.",
}
BIBTEX = {
    "000": (
        "rajnathnd_9699eda6",
        {
            "title": "{Rajnath Singh and South Korean Defence Minister discuss ‘bilateral defence cooperation’}",
            "howpublished": "PSU Watch",
        },
    ),
    "001": (
        "udayavani2021_9ab57d95",
        {
            "author": "{Team Udayavani}",
            "title": "{India, S Korea agree to go for joint production, export of military hardware}",
            "howpublished": "Udayavani",
            "year": "2021",
            "month": "3",
            "date": "2021-03-28",
        },
    ),
    "002": (
        "defencend_28b6f37c",
        {
            "title": "{[" + DESC + "]}",
            "note": "Title derived from the first sentence",
        },
    ),
    "003": (
        "india2019_8a208b8c",
        {
            "title": "{India strengthens defence ties with Japan, South Korea}",
            "year": "2019",
            "month": "9",
            "date": "2019-09-06",
        },
    ),
    "004": (
        "rajnath2021_278f6c5e",
        {
            "title": '{Rajnath Singh described the talks as "excellent"}',
            "year": "2021",
            "month": "3",
            "date": "2021-03-26",
        },
    ),
}


def ris(*lines: str) -> str:
    return "\n".join(["TY  - NEWS", *lines, "ER  - "])


RIS = {
    "000": ris(
        "TI  - Rajnath Singh and South Korean Defence Minister discuss ‘bilateral defence cooperation’",
        "T2  - PSU Watch",
        "ID  - 9699eda67973eca3",
    ),
    "001": ris(
        "AU  - Team Udayavani",
        "TI  - India, S Korea agree to go for joint production, export of military hardware",
        "T2  - Udayavani",
        "PY  - 2021",
        "DA  - 2021/03/28/",
        "ID  - 9ab57d95e1388eab",
    ),
    "002": ris(
        f"TI  - [{DESC}]",
        "N1  - Title derived from the first sentence",
        "ID  - 28b6f37ceb517a93",
    ),
    "003": ris(
        "TI  - India strengthens defence ties with Japan, South Korea",
        "PY  - 2019",
        "DA  - 2019/09/06/",
        "ID  - 8a208b8c6a59272c",
    ),
    "004": ris(
        'TI  - Rajnath Singh described the talks as "excellent"',
        "PY  - 2021",
        "DA  - 2021/03/26/",
        "ID  - 278f6c5eeedf8e69",
    ),
}
CSL: dict[str, dict[str, Any]] = {
    "000": {
        "title": "Rajnath Singh and South Korean Defence Minister discuss ‘bilateral defence cooperation’",
        "container-title": "PSU Watch",
    },
    "001": {
        "author": [{"literal": "Team Udayavani"}],
        "title": "India, S Korea agree to go for joint production, export of military hardware",
        "container-title": "Udayavani",
        "issued": {"date-parts": [[2021, 3, 28]]},
    },
    "002": {
        "title": f"[{DESC}]",
        "note": "Title derived from the first sentence",
    },
    "003": {
        "title": "India strengthens defence ties with Japan, South Korea",
        "issued": {"date-parts": [[2019, 9, 6]]},
    },
    "004": {
        "title": 'Rajnath Singh described the talks as "excellent"',
        "issued": {"date-parts": [[2021, 3, 26]]},
    },
}


@pytest.mark.parametrize("num", sorted(SEEDS))
def test_apa_reference(num: str) -> None:
    assert cite_document(seed(num), accessed=ACCESSED) == APA[num]
    assert cite_document(seed(num), "apa", accessed=ACCESSED) == APA[num]


@pytest.mark.parametrize("num", sorted(SEEDS))
def test_mla_works_cited(num: str) -> None:
    assert cite_document(seed(num), "mla", accessed=ACCESSED) == MLA[num]


@pytest.mark.parametrize("num", sorted(SEEDS))
def test_chicago_note_and_bibliography(num: str) -> None:
    expected = f"Note: {CHICAGO_NOTE[num]}\nBibliography: {CHICAGO_BIB[num]}"
    assert cite_document(seed(num), "chicago", accessed=ACCESSED) == expected


@pytest.mark.parametrize("num", sorted(SEEDS))
def test_bibtex(num: str) -> None:
    text = cite_document(seed(num), "bibtex", accessed=ACCESSED)
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    [entry] = library.entries
    key, fields = BIBTEX[num]
    assert entry.entry_type == "misc"
    assert entry.key == key
    assert {f.key: f.value for f in entry.fields} == fields


@pytest.mark.parametrize("num", sorted(SEEDS))
def test_ris(num: str) -> None:
    assert cite_document(seed(num), "ris", accessed=ACCESSED) == RIS[num]


@pytest.mark.parametrize("num", sorted(SEEDS))
def test_csl_json(num: str) -> None:
    expected = {"id": SEEDS[num][0], "type": "article-newspaper", **CSL[num]}
    assert json.loads(cite_document(seed(num), "csl-json", accessed=ACCESSED)) == [expected]


def test_every_style_is_covered() -> None:
    assert STYLES == ("apa", "mla", "chicago", "bibtex", "ris", "csl-json")
    with pytest.raises(ValueError, match="unknown citation style"):
        cite_document(seed("000"), "harvard", accessed=ACCESSED)


def web_doc(**meta: str) -> Document:
    return Document(id="0123456789abcdef", paths=("/corpus/a.html",), metadata=Metadata(**meta), body="")  # type: ignore[arg-type]


def test_question_title_with_url_and_personal_authors() -> None:
    doc = web_doc(
        title="Is peace near?",
        author="Jane Smith and Ann Doe",
        date="2021-03",
        source="The Hindu",
        url="https://example.com/a",
    )
    assert cite_document(doc, "apa", accessed=ACCESSED) == (
        "Smith, J., & Doe, A. (2021, March). Is peace near? The Hindu. https://example.com/a"
    )
    assert cite_document(doc, "mla", accessed=ACCESSED) == (
        "Smith, Jane, and Ann Doe. “Is Peace Near?” The Hindu, Mar. 2021, https://example.com/a."
    )
    assert cite_document(doc, "chicago", accessed=ACCESSED) == (
        "Note: Jane Smith and Ann Doe, “Is Peace Near?” The Hindu, March 2021, https://example.com/a.\n"
        "Bibliography: Smith, Jane, and Ann Doe. “Is Peace Near?” The Hindu, March 2021. https://example.com/a."
    )


def test_apa_with_author_and_url_uses_citeproc() -> None:
    doc = web_doc(
        title="Peace talks resume", author="Jane Smith", date="2021-03-28", source="The Hindu",
        url="https://example.com/a",
    )  # fmt: skip
    item = item_from_document(doc, ACCESSED)
    assert citeproc_serves_apa(item)
    assert cite_document(doc, "apa", accessed=ACCESSED) == (
        "Smith, J. (2021, March 28). Peace talks resume. The Hindu. https://example.com/a"
    )


def test_citeproc_defects_that_justify_the_hand_written_styles() -> None:
    """citeproc-py with the official styles repeats a substituted title and puts periods outside quotes."""
    item = item_from_document(seed("000"), ACCESSED)
    data = csl_json_item(item)
    apa_bib = citeproc_render(data, "apa")[1]
    assert apa_bib.count("bilateral defence cooperation") == 2
    mla_bib = citeproc_render(csl_json_item(item_from_document(seed("001"), ACCESSED)), "mla")[1]
    assert "Hardware”." in mla_bib
    assert not citeproc_serves_apa(item)


def test_no_title_and_no_author() -> None:
    doc = Document(id="00000000000000ff", paths=("/corpus/x.txt",), metadata=Metadata(), body="")
    assert cite_document(doc, "apa", accessed=ACCESSED) == "[Untitled document]. (n.d.)."
    assert cite_document(doc, "mla", accessed=ACCESSED) == "Untitled document."
    assert cite_document(doc, "chicago", accessed=ACCESSED) == (
        "Note: Untitled document.\nBibliography: Untitled document."
    )
    undated_page = Document(id="00000000000000ff", paths=(), metadata=Metadata(url="https://e.in/x"), body="")
    assert cite_document(undated_page, "mla", accessed=ACCESSED) == (
        "Untitled document. https://e.in/x. Accessed 23 Nov. 2026."
    )
    assert cite_document(undated_page, "chicago", accessed=ACCESSED) == (
        "Note: Untitled document, accessed November 23, 2026, https://e.in/x.\n"
        "Bibliography: Untitled document. Accessed November 23, 2026. https://e.in/x."
    )


def test_group_and_personal_bylines() -> None:
    [team] = parse_authors("Team Udayavani", "Udayavani")
    assert team.is_group and team.full == "Team Udayavani"
    [staff] = parse_authors("PTI Staff")
    assert staff.is_group
    jane, ann = parse_authors("By Jane Smith and Ann Doe")
    assert (jane.family, jane.given, ann.family) == ("Smith", "Jane", "Doe")
    assert parse_authors("") == ()


def test_mla_omits_group_author_that_is_the_site() -> None:
    doc = web_doc(title="Budget passed", author="The Hindu", source="The Hindu", date="2024", url="https://h.in/b")
    assert cite_document(doc, "mla", accessed=ACCESSED) == "“Budget Passed.” The Hindu, 2024, https://h.in/b."
    assert cite_document(doc, "apa", accessed=ACCESSED) == "The Hindu. (2024). Budget passed. https://h.in/b"


LONG_001 = (
    "In a significant move, India and South Korea have agreed to go for joint production and export of "
    "military hardware, enhance intelligence sharing and boost cooperation in cyber and space domains as part "
    "overall expansion of defence and security ties, official sources said on Sunday."
)
CUT_39 = (
    "In a significant move, India and South Korea have agreed to go for joint production and export of "
    "military hardware, enhance intelligence sharing and boost cooperation in cyber and space domains as part "
    "overall expansion of defence and security"
)


QUOTED_BODY = "\n".join(
    [
        LONG_001,
        'Rajnath Singh described the talks as "excellent."',
        "Both sides agreed. “Is this the end?” asked one.",
        "A note read 50% & {x} in braces.",
    ]
)


def test_quote_apa_shortened_at_word_boundary() -> None:
    text = cite_quote(seed("001"), LONG_001, "apa", accessed=ACCESSED)
    assert text == f"“{CUT_39} ...” (Team Udayavani, 2021).\n\n{APA['001']}"


def test_quote_mla_shortened_and_chicago_whole() -> None:
    mla = cite_quote(seed("001"), LONG_001, "mla", accessed=ACCESSED)
    assert mla == f"“{CUT_39} ties . . .” (Team Udayavani).\n\n{MLA['001']}"
    chicago = cite_quote(seed("001"), LONG_001, "chicago", accessed=ACCESSED)
    assert chicago == (f"“{LONG_001}”¹\n\n1. {CHICAGO_NOTE['001']}\n\nBibliography: {CHICAGO_BIB['001']}")


def test_quote_with_inner_quotes_and_no_author() -> None:
    sentence = 'Rajnath Singh described the talks as "excellent."'
    apa = cite_quote(seed("004"), sentence, "apa", accessed=ACCESSED)
    assert apa == (
        "“Rajnath Singh described the talks as ‘excellent’” (“Rajnath Singh Described the Talks,” 2021)."
        f"\n\n{APA['004']}"
    )
    mla = cite_quote(seed("004"), sentence, "mla", accessed=ACCESSED)
    assert mla.startswith(
        "“Rajnath Singh described the talks as ‘excellent’” (“Rajnath Singh Described the Talks”).\n\n"
    )
    derived = cite_quote(seed("002"), "Both sides agreed.", "apa", accessed=ACCESSED)
    assert derived.startswith("“Both sides agreed” ([Defence Minister Rajnath Singh], n.d.).")


def test_quote_enclosed_in_its_own_quotes_and_question() -> None:
    out = cite_quote(seed("003"), "“Is this the end?”", "mla", accessed=ACCESSED)
    assert out.startswith("“Is this the end?” (“India Strengthens Defence Ties”).")


def test_quote_in_machine_formats_is_a_note() -> None:
    ris_text = cite_quote(seed("001"), "Both sides agreed.", "ris", accessed=ACCESSED)
    assert "N1  - Quote: “Both sides agreed.”" in ris_text.splitlines()
    data = json.loads(cite_quote(seed("001"), "Both sides agreed.", "csl-json", accessed=ACCESSED))
    assert data[0]["note"].endswith("Quote: “Both sides agreed.”")
    bib = bibtexparser.parse_string(cite_quote(seed("001"), "50% & {x}", "bibtex", accessed=ACCESSED))
    note = bib.entries[0]["note"]
    assert note.endswith(r"Quote: “50\% \& \textbraceleft{}x\textbraceright{}”")


def test_bibtex_keys_stable_and_unique() -> None:
    a = Document(id="aaaaaaaaaaaaaaaa", paths=("x",), metadata=SEEDS["003"][1], body="")
    b = Document(id="bbbbbbbbbbbbbbbb", paths=("y",), metadata=SEEDS["003"][1], body="")
    key_a = bibtexparser.parse_string(cite_document(a, "bibtex", accessed=ACCESSED)).entries[0].key
    key_b = bibtexparser.parse_string(cite_document(b, "bibtex", accessed=ACCESSED)).entries[0].key
    again = bibtexparser.parse_string(cite_document(a, "bibtex", accessed=ACCESSED)).entries[0].key
    assert key_a == again == "india2019_aaaaaaaa"
    assert key_b != key_a


def test_typographic_double_quotes_inside_a_quoted_title_become_single() -> None:
    doc = web_doc(title="Minister calls talks “a new era” for ties", date="2021-03-26", url="https://e.in/t")
    assert cite_document(doc, "mla", accessed=ACCESSED) == (
        "“Minister Calls Talks ‘A New Era’ for Ties.” 26 Mar. 2021, https://e.in/t."
    )
    assert cite_document(doc, "chicago", accessed=ACCESSED).splitlines()[0] == (
        "Note: “Minister Calls Talks ‘A New Era’ for Ties,” March 26, 2021, https://e.in/t."
    )
    assert cite_document(doc, "apa", accessed=ACCESSED) == (
        "Minister calls talks “a new era” for ties. (2021, March 26). https://e.in/t"
    )
