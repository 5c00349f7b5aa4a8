"""An annotator that loads the spaCy model only when there is something to annotate.

Re-adding an unchanged folder then costs no model load. The model is checked for up front, so a missing model
stops `add` before anything is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from search.model import Annotation


@dataclass
class LazyAnnotator:
    """Callable as an ingest Annotator; `model` names the spaCy package (None: the best installed)."""

    model: str | None = None
    jobs: int = 1
    _nlp: Any = field(default=None, repr=False)

    def check(self) -> str:
        """The model that will be used; raises ModelMissing (one line) when there is none."""
        from search.nlp_model import find_model

        return find_model(self.model)

    def __call__(self, items: list[tuple[str, str, str | None]]) -> list[Annotation]:
        from search.annotate import annotate_batch
        from search.nlp_model import load_model

        if self._nlp is None:
            self._nlp = load_model(self.model)
        return annotate_batch(items, self._nlp, jobs=self.jobs)
