"""Wiki markup out of article text: what MediaWiki exports (Wikinews, Wikipedia dumps) leave in a record's text.

Comments, bold and italic quotes, templates and infoboxes, table markup (the cells' text stays, a line per row),
file and image links with their captions, category links, magic words (`__NOTOC__`), reference and gallery
tags, HTML tags and entities all go; a link keeps its label (`[[Target|label]]` -> "label", `[[Target]]` ->
"Target", `[http://x label]` -> "label"), a heading keeps its words as a paragraph of its own, list bullets
start new lines, and a pipe left over from markup whose other half was cut off becomes a space.

Targeted rules rather than a wiki parser (mwparserfromhell): real exports are flattened and truncated (the
Wikinews corpus has no line breaks, so a parser cannot see tables or lists, and has `]]`, `}}` and `<!--`
whose other half was cut off); measured on the corpus, mwparserfromhell's strip_code left 460 such markers
(tables and infoboxes whole), while these rules remove the halves too. Every rule is linear (no nested
quantifiers that can backtrack; spans found with a scan that never looks twice), a pass is skipped when its
marker is absent, and a text with no wiki markup is left alone but for HTML entities and italic titles (see
_WIKI_PATTERNS): the whole 13 MB corpus takes about a second on a busy machine, a few percent of an `add`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

#: Evidence that a text is wiki markup (any one of these strings, or a pattern below); text without any is
#: returned unchanged.
_WIKI_STRINGS = ("'''", "[[", "]]", "{{", "}}", "{|", "<!--", "[http://", "[https://")
#: Two apostrophes alone are no evidence: plain text uses them as quotation marks (BBC sport/130.txt:
#: "''He has been on trial ..."). Beside stronger signs they are italics; without, only a short capitalised
#: span (a title: "''The Japan Times ''") or a quotation in them (''"..."'') is, and entities are decoded.
_WIKI_PATTERNS = re.compile(r"^thumb\s|__[A-Z]{3,}__|</?[a-zA-Z][a-zA-Z0-9]*\b[^<>\n]{0,200}>|^==")
_WIKI_HEADING = re.compile(r"(?:^|\s)(={2,6})[^=\n]{1,80}\1(?:\s|$)|\s={2,6}\s*$")
_ENTITY = re.compile(r"&[a-z]+;")
_ITALIC_TITLE = re.compile(r"''([A-Z0-9][^'\n.,;:!?\"“”]{0,60}?|[\"“][^'\n\"“”]{0,300}[\"”])''(?!')")
_COMMENT_OPEN = re.compile(r"<!--")
#: Tags whose content is not article text (footnotes, image galleries, page queries, transclusion notes).
_DROPPED_OPEN = re.compile(
    r"<(ref|gallery|dynamicpagelist|timeline|noinclude|math|score|imagemap)\b[^<>]*>", re.IGNORECASE
)
_INNER_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_INNER_TABLE = re.compile(r"\{\|(?:(?!\{\|).)*?\|\}", re.DOTALL)
#: HTML attributes (`style="..." width=30%`), possessive: backtracking into them could take exponential time.
_ATTRIBUTES = r"(?:[a-zA-Z-]++\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s|!\"'=]++)\s*+)++"
#: Cell attributes and the single pipe after them (`style="background:gold" | 62`).
_CELL_ATTRIBUTES = re.compile(_ATTRIBUTES + r"\|(?![|+-])")
_ROW = re.compile(r"\|-+(?:\s*" + _ATTRIBUTES + ")?")
_TABLE_ATTRIBUTES = re.compile(_ATTRIBUTES)
_CELL = re.compile(r"\|\||!!|\|\+|(?:^|(?<=\s))[|!](?=\S|\s)")
_INNER_LINK = re.compile(r"\[\[([^\[\]]*)\]\]")
#: Link targets that are not text: files, images, categories, media, interlanguage links ("fr:...").
_NON_TEXT_TARGET = re.compile(r"^\s*:?\s*(?:file|image|category|media|[a-z]{2,3}(?:-[a-z]+)?)\s*:", re.IGNORECASE)
_TEXT_NAMESPACE = re.compile(r"^\s*:?\s*(?:w|wikipedia|wikinews|wikt|n)\s*:", re.IGNORECASE)
#: An image link cut off before its `]]`: the file name and display options go, the caption stays.
_OPEN_FILE_LINK = re.compile(
    r"\[\[\s*(?:file|image)\s*:[^|\]]*(?:\|\s*(?:thumb(?:nail)?|frame(?:less)?|border|upright(?:=[\d.]+)?"
    r"|left|right|center|centre|none|\d+(?:x\d+)?px)\s*)*\|?",
    re.IGNORECASE,
)
#: A link cut off before its `]]`: `[[Target|label]` loses its brackets, `[[Target|` keeps the target unless a
#: label follows (`[[w:Jyllands-Posten|. Those` -> "Jyllands-Posten. Those").
_HALF_CLOSED_LINK = re.compile(r"\[\[[^\[\]|]*\|([^\[\]|]*)\](?!\])")
_OPEN_LINK = re.compile(r"\[\[([^\[\]|]*)\|(\s*[\w\"'“‘(])?")
#: Infobox rows whose template opening was cut off: two or more "| key = value" in a row.
_ORPHAN_PARAMETERS = re.compile(r"\}?[ \t]*(?:\|[ \t]*\w[\w .&/-]{0,30}?[ \t]*=[^|\n=]*){2,}\}?")
#: Image display options left after their file name was cut off ("140 px|left|").
_ORPHAN_IMAGE_OPTIONS = re.compile(r"\b\d+\s?px\s*\|(?:\s*(?:left|right|center|centre|thumb|none)\s*\|)*|\{\[w\|")
#: An image option left behind at a sentence boundary when the exporter cut its link ("thumb Five people ...").
_ORPHAN_THUMB = re.compile(r"(?:^|(?<=[.?!\"”]\s)|(?<=[.?!\"”]\s\s))(?:thumb(?:nail)?\s+)+(?=[A-Z:])")
_BARE_FILE = re.compile(r"(?:File|Image):[^\s|\]]+?\.(?:png|jpe?g|gif|svg|ogg|ogv|tiff?|pdf)\b", re.IGNORECASE)
_EXTERNAL_LINK = re.compile(r"\[(?:https?:|ftp:)?//[^\s\]]+\s*([^\]\[]*)\]")
_OPEN_EXTERNAL = re.compile(r"\[(?=(?:https?:|ftp:)//)")
_QUOTES = re.compile(r"'{2,}")
_MAGIC = re.compile(r"__[A-Z]{3,}__")
_HEADING = re.compile(r"(={2,6})[ \t]*([^=\n]{1,120}?)[ \t]*\1(?=\s|$)")
_LONE_EQUALS = re.compile(r"(?:^|(?<=\s))={2,}(?=\s|$)")
_BULLET = re.compile(r"\s[*#]+(?=\s)|^[*#]+(?=\s)")
_BREAK = re.compile(r"<br\s*/?>|</?p\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>")
_TABLE_SYNTAX = re.compile(r"\{\||\|(?:\}|\||[-+](?=\s|$))")
_ENTITY_NO_SEMICOLON = re.compile(r"&(mdash|ndash|nbsp|amp|quot|hellip|rsquo|lsquo|rdquo|ldquo)(?![\w;])")
_SPACES = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")
_BLANK_RUNS = re.compile(r"\n\s*\n\s*")

#: Nesting depth worked through for templates and links (real pages nest two or three deep).
_MAX_NESTING = 8


def looks_like_wikitext(text: str) -> bool:
    """True when `text` carries wiki markup (bold, links, templates, tables, comments, tags, magic words)."""
    if any(sign in text for sign in _WIKI_STRINGS) or _WIKI_PATTERNS.search(text) is not None:
        return True
    if "==" in text and _WIKI_HEADING.search(text) is not None:  # "== Background ==", not "a == b"
        return True
    return "|" in text and _ORPHAN_PARAMETERS.search(text) is not None


def strip_wikitext(text: str) -> str:
    """`text` without wiki markup (see the module docstring); text that shows none is returned unchanged.

    Passes that a text cannot need (no "==", no "File:") are skipped: most of the cost is scanning, not replacing.
    """
    if not looks_like_wikitext(text):
        return _strip_weak(text)
    if "--" in text:
        text = _drop_spans(text, _COMMENT_OPEN, lambda _m: re.compile("-->")).replace("-->", " ")
    if "<" in text:
        text = _drop_spans(text, _DROPPED_OPEN, _closing_tag)
    if "{{" in text or "}}" in text:
        text = _innermost(_INNER_TEMPLATE, lambda _m: " ", text).replace("{{", " ").replace("}}", " ")
    text = _innermost(_INNER_TABLE, _table_text, text) if "{|" in text else text
    if "[[" in text or "]]" in text:
        text = _innermost(_INNER_LINK, _link_text, text)
        text = _HALF_CLOSED_LINK.sub(r"\1", _OPEN_FILE_LINK.sub(" ", text))
        text = _OPEN_LINK.sub(_open_link_text, text).replace("[[", "").replace("]]", "")
    text = _BARE_FILE.sub(" ", text) if "File:" in text or "Image:" in text else text
    text = _ORPHAN_THUMB.sub(" ", text) if "thumb" in text else text
    if "[" in text:
        text = _OPEN_EXTERNAL.sub("", _EXTERNAL_LINK.sub(r"\1", text))
    text = _QUOTES.sub(_quote_run, text) if "''" in text else text
    text = _MAGIC.sub(" ", text) if "__" in text else text
    if "==" in text:
        text = _LONE_EQUALS.sub(" ", _HEADING.sub(_heading, text))
    text = _BULLET.sub("\n", text) if "*" in text or "#" in text else text
    if "<" in text:
        text = _TAG.sub("", _BREAK.sub("\n", text))
    if "|" in text:
        text = _TABLE_SYNTAX.sub(" ", _ORPHAN_IMAGE_OPTIONS.sub(" ", _ORPHAN_PARAMETERS.sub(" ", text)))
        text = text.replace("|", " ")  # a pipe in wiki text is markup (a literal one is written {{!}})
    if "&" in text:
        text = html.unescape(_ENTITY_NO_SEMICOLON.sub(r"&\1;", text))
    return _tidy(text)


def _strip_weak(text: str) -> str:
    """Text without stronger signs of wiki markup: italic titles lose their quotes, entities are decoded."""
    if "''" in text:
        text = _ITALIC_TITLE.sub(r"\1", text)
    if "&" in text and _ENTITY.search(text) is not None:
        text = html.unescape(_ENTITY_NO_SEMICOLON.sub(r"&\1;", text))
    return text


def _heading(m: re.Match[str]) -> str:
    """A section heading becomes a paragraph of its own (only where it starts a word: not "a==b")."""
    start = m.start()
    if start and not m.string[start - 1].isspace():
        return m.group(0)
    return f"\n\n{m.group(2)}\n\n"


def _drop_spans(text: str, opening: re.Pattern[str], closing: Callable[[re.Match[str]], re.Pattern[str]]) -> str:
    """`text` without each span from an opening to its closing; an opening never closed goes alone.

    Linear: a closing looked for in vain after one place is not looked for again after a later one (a scan to
    the end for every unclosed "<!--" would be quadratic on hostile input).
    """
    out: list[str] = []
    pos = 0
    unclosed: set[str] = set()
    while (m := opening.search(text, pos)) is not None:
        out.append(text[pos : m.start()])
        pos = m.end()
        close = closing(m)
        if m.group(0).endswith("/>") or close.pattern in unclosed:
            continue
        end = close.search(text, pos)
        if end is None:
            unclosed.add(close.pattern)
            continue
        out.append(" ")
        pos = end.end()
    out.append(text[pos:])
    return "".join(out)


def _closing_tag(m: re.Match[str]) -> re.Pattern[str]:
    return re.compile(rf"</{m.group(1)}\s*>", re.IGNORECASE)


def _innermost(pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], text: str) -> str:
    """Replace innermost matches of `pattern` until none is left (or _MAX_NESTING rounds), for nested markup."""
    for _ in range(_MAX_NESTING):
        text, count = pattern.subn(replace, text)
        if not count:
            break
    return text


def _table_text(m: re.Match[str]) -> str:
    """A table's text, a line per row and "; " between cells: results and figures are content, markup is not."""
    inner = _CELL_ATTRIBUTES.sub(" ", m.group(0)[2:-2])
    inner = _TABLE_ATTRIBUTES.sub(" ", _ROW.sub("\n", inner))
    rows = (_CELL.sub("\x00", row).split("\x00") for row in inner.split("\n"))
    lines = ("; ".join(cell.strip() for cell in cells if cell.strip()) for cells in rows)
    return "\n" + "\n".join(line for line in lines if line) + "\n"


def _link_text(m: re.Match[str]) -> str:
    """A wiki link's visible text: its label, or its target; nothing for files, categories and the like."""
    inside = m.group(1)
    target, _, label = inside.partition("|")
    if _NON_TEXT_TARGET.match(target) and not _TEXT_NAMESPACE.match(target):
        return " "
    if label:
        return label.rsplit("|", 1)[-1]
    return _TEXT_NAMESPACE.sub("", target).lstrip(":").split("#", 1)[0]


def _open_link_text(m: re.Match[str]) -> str:
    """An unclosed link: the label that follows it, else its target."""
    if m.group(2):
        return m.group(2)
    return _TEXT_NAMESPACE.sub("", m.group(1)).lstrip(":") + " "


def _quote_run(m: re.Match[str]) -> str:
    """Bold and italic markers go; an apostrophe glued to one (`''BBC'''s`: italic, then "'s") stays."""
    return "'" if len(m.group(0)) in (4, 6) else ""


def _tidy(text: str) -> str:
    """Single spaces, no spaces at line ends, at most one blank line between paragraphs."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]  # one space: already single ones stay
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
