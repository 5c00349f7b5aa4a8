"""How entity types and query terms look: one colour per spaCy label, shared by the reader and the legend."""

from __future__ import annotations

from rich.style import Style

#: spaCy label -> colour of its mentions in the reader.
LABEL_COLOURS = {
    "PERSON": "#5fd7ff",
    "ORG": "#d787ff",
    "GPE": "#87d75f",
    "LOC": "#5faf5f",
    "FAC": "#afaf5f",
    "NORP": "#ffaf5f",
    "EVENT": "#ff8787",
    "PRODUCT": "#ffd75f",
    "LAW": "#d7afaf",
    "WORK_OF_ART": "#afd7d7",
}
FALLBACK_COLOUR = "#bcbcbc"

#: Plain-language names for the legend.
LABEL_NAMES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country/city",
    "LOC": "location",
    "FAC": "facility",
    "NORP": "group",
    "EVENT": "event",
    "PRODUCT": "product",
    "LAW": "law",
    "WORK_OF_ART": "work",
}

#: Query terms: a distinct style, readable over entity colours.
TERM_STYLE = Style(color="black", bgcolor="#ffd700", bold=True)
#: The current hit/entity the cursor jumped to.
CURRENT_STYLE = Style(reverse=True, underline=True)
#: The sentence of the selected event.
MARK_STYLE = Style(bgcolor="#303a5a")


def label_style(label: str) -> Style:
    """The style of an entity mention of this label."""
    return Style(color=LABEL_COLOURS.get(label, FALLBACK_COLOUR), underline=True)


def label_name(label: str) -> str:
    return LABEL_NAMES.get(label, label.lower())
