"""Turning a file's bytes into clean Unicode text: BOMs, UTF-16, legacy encodings, normalisation.

The order of evidence: a byte-order mark; strict UTF-8; UTF-16 without a BOM (recognised by its zero bytes);
then a real detector (charset-normalizer) for legacy encodings such as Latin-1 and cp1252. A file that mixes
UTF-8 lines with legacy ones is decoded line by line, so neither part turns to mojibake. Binary data is
refused with a reason rather than indexed as noise. The result is NFC-normalised, has `\\n` line endings and no
control characters or terminal escape sequences.
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from search.text_safety import strip_escapes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Among equally likely legacy encodings, the one WHATWG uses for "latin-1" pages wins.
_PREFERRED_LEGACY = ("cp1252", "latin_1")
#: How much more "chaos" (mess) a preferred legacy reading may show than the detector's first choice.
_CHAOS_MARGIN = 0.1


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can recognise (the message says why)."""


def decode_bytes(data: bytes) -> str:
    """Decode `data` to normalised text, or raise UndecodableError with a one-line reason."""
    return normalise_text(_decode(data))


def normalise_text(text: str) -> str:
    """NFC, `\\n` line endings, no control characters or escape sequences, no NUL."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = strip_escapes(text).removeprefix("\ufeff")
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableError(f"invalid {encoding} after its byte-order mark") from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise UndecodableError("binary content, not text")
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    return data.decode(legacy_encoding(data), "replace")


def legacy_encoding(data: bytes) -> str:
    """The legacy encoding of `data` by the detector; among equally good answers the web's usual one, cp1252."""
    matches = list(from_bytes(data))
    if not matches:
        raise UndecodableError("unknown text encoding")
    best = matches[0]
    # Mostly-ASCII text with one stray byte (BBC sport/199.txt: a Latin-1 £) looks chaos-free as cp932 but
    # coheres with no language; a cp1252 reading about as clean and at least as coherent wins.
    close = [m for m in matches if m.chaos <= best.chaos + _CHAOS_MARGIN and m.coherence >= best.coherence]
    for preferred in _PREFERRED_LEGACY:
        for match in close:
            if match.encoding == preferred:
                return preferred
    return best.encoding


def _decode_mixed(data: bytes) -> str | None:
    """A file whose lines are partly UTF-8 and partly one legacy encoding (text pasted together from several
    sources), decoded line by line; None when it is not such a file (no non-ASCII line is valid UTF-8)."""
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    bad: list[bytes] = []
    for line in lines:
        text = _utf8(line)
        decoded.append(text)
        if text is None:
            bad.append(line)
    if len(bad) == len([line for line in lines if not line.isascii()]):
        return None  # no line is UTF-8 beyond ASCII: a legacy file through and through
    encoding = legacy_encoding(b"\n".join(bad))
    pairs = zip(decoded, lines, strict=True)
    return "\n".join(text if text is not None else line.decode(encoding, "replace") for text, line in pairs)


def _utf8(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


class LineDecoder:
    """Decodes a file line by line as it streams (JSON Lines): UTF-8 where a line is UTF-8, else the legacy
    encoding the detector finds for the first line that is not (then kept for the file's other such lines)."""

    def __init__(self) -> None:
        self._legacy: str | None = None

    def decode(self, line: bytes) -> str:
        """One line (without its newline) as normalised text."""
        text = _utf8(line)
        if text is None:
            if self._legacy is None:
                self._legacy = legacy_encoding(line)
            text = line.decode(self._legacy, "replace")
        return normalise_text(text)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has a zero byte in every other position."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    encoding = None
    if odd_zeros > 0.4 and even_zeros < 0.05:
        encoding = "utf-16-le"
    elif even_zeros > 0.4 and odd_zeros < 0.05:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if _mostly_printable(text) else None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if sample.count(0) > len(sample) // 100:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(sample) // 20


def _mostly_printable(text: str) -> bool:
    sample = text[:2048]
    if not sample:
        return True
    printable = sum(1 for char in sample if char.isprintable() or char in "\n\r\t")
    return printable / len(sample) > 0.95
