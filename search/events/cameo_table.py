"""Derive the shipped CAMEO verb table (`cameo_verbs.tsv`) from the PETRARCH2 verb dictionary CAMEO.2.0.txt.

    python -m search.events.cameo_table ../shared/resources/cameo/CAMEO.2.0.txt search/events/cameo_verbs.tsv

The dictionary (MIT, Open Event Data Alliance; notice in CAMEO_NOTICE.txt beside the table) lists verb groups
(`---  NAME  [code]  ---`), the verbs of each (one a line; multi-word verbs as `+ASK_FOR`, some with a code of
their own) and patterns (`- PRE * POST [code]`): words before `*` stand left of the verb, words after it are its
object and "(preposition noun)" phrases; `&SET` names a synonym set, `{A B}` a phrase. The table keeps, per verb,
its default code and every pattern as elements that must all be present, each a set of alternative words:

    V <TAB> verb <TAB> group <TAB> code       a verb, its group and its own default code (or "-")
    P <TAB> group <TAB> code <TAB> pre <TAB> post      a pattern of the group (elements separated by spaces,
                                                       alternatives by "|")

A verb without a code of its own takes its group's default ("-" when the group has none: only its patterns
code). Phrase alternatives keep their last word (the head noun), lower case; "_" marks of the dictionary (no
inflection) are dropped.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")
_PHRASE = re.compile(r"\{([^}]*)\}")


Elements = tuple[frozenset[str], ...]


def _cell(elements: Elements) -> str:
    return " ".join("|".join(sorted(e)) for e in elements)


def _code(raw: str) -> str | None:
    code = raw.split(":")[0].strip()
    return code if code and code != "---" and code.isdigit() else None


def _word(raw: str) -> str:
    return raw.strip("+_$%^").replace("_", " ").lower().split(" ")[-1] if raw.strip("+_$%^") else ""


def read_synsets(lines: list[str]) -> dict[str, frozenset[str]]:
    sets: dict[str, set[str]] = {}
    name: str | None = None
    for line in lines:
        text = line.split("#")[0].strip()
        if text.startswith("&"):
            name = text
            sets[name] = set()
        elif text.startswith("+") and name:
            sets[name].add(_word(text))
        elif not text:
            continue
        else:
            name = None
    return {k: frozenset(w for w in v if w) for k, v in sets.items()}


def _elements(text: str, synsets: dict[str, frozenset[str]]) -> tuple[frozenset[str], ...]:
    text = _PHRASE.sub(lambda m: m.group(1).split()[-1] if m.group(1).split() else "", text)
    out: list[frozenset[str]] = []
    for tok in text.replace("(", " ").replace(")", " ").split():
        if tok.startswith("&"):
            if synsets.get(tok):
                out.append(synsets[tok])
            continue
        word = _word(tok)
        if word and re.fullmatch(r"[a-z][a-z'-]*", word):
            out.append(frozenset({word}))
    return tuple(out)


def derive(text: str) -> list[str]:
    """The lines of the table (verb lines and pattern lines) for the dictionary's text."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    synsets = read_synsets(lines[:start])
    out: list[str] = []
    group, default = "", None
    for raw in lines[start + 1 :]:
        header = _HEADER.match(raw)
        if header:
            group, default = header.group(1).lower(), _code(header.group(2))
            continue
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("-"):
            found = _CODE.search(line)
            code = _code(found.group(1)) if found else None
            body = _CODE.sub("", line)[1:]
            if code is not None and "*" in body:
                pre, post = body.split("*", 1)
                out.append(f"P\t{group}\t{code}\t{_cell(_elements(pre, synsets))}\t{_cell(_elements(post, synsets))}")
            continue
        head = _PHRASE.sub("", line).strip()
        own = _CODE.search(head)
        word = _CODE.sub("", head).strip().lstrip("+").lower().replace("_", " ").strip()
        if word and re.fullmatch(r"[a-z][a-z' -]*", word):
            code = (_code(own.group(1)) if own else None) or default
            out.append(f"V\t{word}\t{group}\t{code or '-'}")
    return list(dict.fromkeys(out))


def main(argv: list[str]) -> int:
    src, out = Path(argv[0]), Path(argv[1])
    rows = derive(src.read_text(encoding="utf-8", errors="replace"))
    head = "# Derived from CAMEO.2.0.txt (PETRARCH2, MIT, (c) 2015 Open Event Data Alliance): see CAMEO_NOTICE.txt\n"
    out.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} lines, {sum(1 for r in rows if r.startswith('V'))} verbs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
