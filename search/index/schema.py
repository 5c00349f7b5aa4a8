"""The Whoosh schema and the fields of one document in it.

Title and body use a stemming analyzer (title weighted above body, BM25F); `words` holds the same text
unstemmed, so `prefix*` queries match what the user typed rather than a stem. Entity fields hold canonical entity
names and their surface forms, so `person:"Rajnath Singh"` finds every variant. Metadata fields are searchable;
everything shown to the user is read from the document store, so the index stores only ids.
"""

from __future__ import annotations

import datetime

from whoosh.analysis import RegexTokenizer, StandardAnalyzer, StemmingAnalyzer
from whoosh.analysis.filters import LowercaseFilter
from whoosh.fields import DATETIME, ID, TEXT, Schema

from search.entities.canonical import entity_key
from search.model import Document

TITLE_BOOST = 3.0


#: Entity labels indexed under each entity field.
ENTITY_FIELDS = {
    "person": ("PERSON",),
    "org": ("ORG",),
    "place": ("GPE", "LOC", "FAC"),
}


def _schema() -> Schema:
    stemmed = StemmingAnalyzer(stoplist=None)
    plain = RegexTokenizer() | LowercaseFilter()
    names = StandardAnalyzer(stoplist=None)
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=stemmed, field_boost=TITLE_BOOST),
        body=TEXT(analyzer=stemmed),
        words=TEXT(analyzer=plain, phrase=False),
        source=TEXT(analyzer=names),
        author=TEXT(analyzer=names),
        url=TEXT(analyzer=names, phrase=False),
        date=DATETIME(sortable=True),
        person=TEXT(analyzer=names),
        org=TEXT(analyzer=names),
        place=TEXT(analyzer=names),
    )


SCHEMA = _schema()


def index_fields(document: Document) -> dict[str, object]:
    """The fields Whoosh indexes for one document."""
    meta = document.metadata
    fields: dict[str, object] = {
        "id": document.id,
        "title": meta.title or "",
        "body": document.body,
        "words": f"{meta.title or ''}\n{document.body}",
        "source": meta.source or "",
        "author": meta.author or "",
        "url": meta.url or "",
    }
    date = date_value(meta.date)
    if date is not None:
        fields["date"] = date
    for field, labels in ENTITY_FIELDS.items():
        names: dict[str, None] = {}
        for mention in document.annotation.mentions:
            if mention.label in labels:
                names[mention.entity] = None
                names[mention.text] = None
                names[entity_key(mention.entity)] = None
        fields[field] = "\n".join(names)
    return fields


def date_value(iso: str | None) -> datetime.datetime | None:
    """The first moment of an ISO date at any granularity (YYYY, YYYY-MM, YYYY-MM-DD)."""
    if not iso:
        return None
    parts = [int(part) for part in iso.split("-")[:3]]
    while len(parts) < 3:
        parts.append(1)
    try:
        return datetime.datetime(parts[0], parts[1], parts[2])
    except ValueError:
        return None
