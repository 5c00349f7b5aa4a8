"""The JSON the command line prints: a contract. Later versions only add keys, never remove or rename them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from search.events.main_event import main_event
from search.index.results import SearchResult
from search.model import Document, DocumentSummary, Event


def summary_json(summary: DocumentSummary) -> dict[str, Any]:
    """One `list --json` item."""
    meta = summary.metadata
    return {
        "id": summary.id,
        "path": summary.paths[0] if summary.paths else None,
        "title": meta.title,
        "title_derived": meta.title_derived,
        "date": meta.date,
        "source": meta.source,
        "author": meta.author,
        "url": meta.url,
        "words": summary.words,
        "paths": list(summary.paths),
        "provenance": meta.provenance,
    }


def document_json(document: Document) -> dict[str, Any]:
    """`show --json`: the list fields, the clean body, the furniture, the entities and the events."""
    summary = DocumentSummary(document.id, document.paths, document.metadata, document.words)
    data = summary_json(summary)
    data["text"] = document.body
    data["furniture"] = [asdict(block) for block in document.furniture]
    data["entities"] = [asdict(mention) for mention in document.annotation.mentions]
    data["events"] = [event_json(event) for event in document.annotation.events]
    main = main_event(document.annotation.events, document.body, document.metadata.date)
    data["main_event"] = asdict(main) if main else None
    return data


def search_json(result: SearchResult) -> dict[str, Any]:
    """`search --json`."""
    return {
        "query": result.query,
        "total": result.total,
        "total_exact": result.total_is_exact,
        "took_ms": round(result.took_ms, 2),
        "truncated_prefixes": list(result.truncated_prefixes),
        "hits": [
            {
                "id": hit.id,
                "path": hit.summary.paths[0] if hit.summary.paths else None,
                "title": hit.summary.metadata.title,
                "date": hit.summary.metadata.date,
                "source": hit.summary.metadata.source,
                "score": round(hit.score, 4),
                "snippet": hit.snippet.marked(),
                "snippet_text": hit.snippet.text,
                "highlights": [list(span) for span in hit.snippet.spans],
            }
            for hit in result.hits
        ],
    }


def event_json(event: Event) -> dict[str, Any]:
    """One `events --json` item."""
    return {
        "id": event.id,
        "doc_id": event.doc_id,
        "type": event.type,
        "trigger": event.trigger,
        "actors": [asdict(actor) for actor in event.actors],
        "location": event.location,
        "date": event.date,
        "date_end": event.date_end,
        "date_text": event.date_text,
        "granularity": event.granularity,
        "sentence": event.sentence,
        "start": event.start,
        "end": event.end,
        "cluster": event.cluster,
        "sources": list(event.sources),
        "category": event.category,
        "cameo": event.cameo,
        "agent": event.agent,
        "target": event.target,
    }
