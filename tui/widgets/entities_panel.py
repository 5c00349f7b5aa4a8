"""The entities panel: the top entities of the current results with their counts; choosing one narrows the search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from search.text_safety import strip_escapes
from tui.messages import EntityChosen
from tui.styling import label_style

if TYPE_CHECKING:  # the entity rules load with the facets, in a worker, not with the first screen
    from search.entities.stats import EntitySummary

TOP = 60


def entity_text(entity: EntitySummary) -> Text:
    text = Text(f"{entity.count:>4} ", style="dim")
    text.append(strip_escapes(entity.name), style=label_style(entity.label))
    text.append(f"  {entity.label} · {entity.docs} doc{'s' if entity.docs != 1 else ''}", style="dim")
    return text


class EntitiesPanel(OptionList):
    """Top entities; `enter` adds the entity to the query."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="entities.down", tooltip="Next entity"),
        Binding("up,k", "cursor_up", "Up", show=False, id="entities.up", tooltip="Previous entity"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entities: list[EntitySummary] = []
        self.border_title = "Entities of the results"

    def show_entities(self, entities: Sequence[EntitySummary]) -> None:
        self.entities = list(entities[:TOP])
        self.border_subtitle = f"top {len(self.entities)} of {len(entities)} · enter narrows"
        self.clear_options()
        if self.entities:
            self.add_options([Option(entity_text(entity)) for entity in self.entities])
            self.highlighted = 0
        else:
            self.add_options([Option(Text("No entities in the results.", style="dim italic"), disabled=True)])

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        index = message.option_index
        if 0 <= index < len(self.entities):
            self.post_message(EntityChosen(self.entities[index]))


def narrowing_clause(entity: EntitySummary) -> str:
    """The query clause for an entity: person:"…", org:"…", place:"…", else the name as a phrase."""
    from search.entities.stats import search_field_for

    name = entity.name.replace('"', " ").strip()
    field = search_field_for(entity.label)
    return f'{field}:"{name}"' if field else f'"{name}"'
