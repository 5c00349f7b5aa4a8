"""Decoding: BOMs, UTF-16 with and without BOM, legacy encodings, binary and empty files, NULs, line endings."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from search.ingest.decode import UndecodableError, decode_bytes
from search.ingest.discover import FoundFile
from search.ingest.readers import read_file
from search.store import Store
from tests.engine_helpers import add

TEXT = "Café prices rose by £5 — “a shock”, said Zoë.\nSecond line of the story.\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TEXT.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(TEXT.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(TEXT.encode("utf-16-be"), id="utf-16-be-no-bom"),
    ],
)
def test_unicode_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_bytes(data) == TEXT


def test_latin1_pound_sign() -> None:
    text = "The ticket cost £25 and the café owner said prices would rise again next year.\n"
    assert decode_bytes(text.encode("latin-1")) == text


def test_cp1252_curly_quotes() -> None:
    text = "He said “we will not give up” and the minister’s office agreed – for now.\n"
    assert decode_bytes(text.encode("cp1252")) == text


def test_binary_is_refused() -> None:
    with pytest.raises(UndecodableError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)


def test_nul_bytes_and_mixed_line_endings_are_normalised() -> None:
    decoded = decode_bytes(b"First\x00 line\r\nsecond line\rthird line\nfourth\x00\r\n")
    assert decoded == "First line\nsecond line\nthird line\nfourth\n"
    assert "\x00" not in decoded and "\r" not in decoded


def test_nfc_normalisation() -> None:
    assert decode_bytes("Zoe\u0308".encode()) == "Zo\u00eb"


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_ingest_decodes_every_encoding_and_skips_bad_files_with_reasons(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "utf16.txt", codecs.BOM_UTF16_LE + "Walrus sighting\n\nA walrus was seen.\n".encode("utf-16-le"))
    _write(corpus, "latin1.txt", "Pound story\n\nThe fare rose to £4 for the kingfisher ferry.\n".encode("latin-1"))
    _write(corpus, "cp1252.txt", "Quote story\n\nShe said “narwhal” twice at the meeting.\n".encode("cp1252"))
    _write(corpus, "nul.txt", b"Nul story\r\n\r\nThe ocelot\x00 escaped\rfrom the zoo.\r\n")
    _write(corpus, "binary.txt", bytes(range(256)) * 16)
    _write(corpus, "empty.txt", b"")
    _write(corpus, "blank.txt", b"  \n\t\r\n   \n")
    index_dir = tmp_path / "index"
    summary = add(index_dir, [corpus])
    assert summary.added == 4
    reasons = {Path(skip.path).name: skip.reason for skip in summary.skipped}
    assert set(reasons) == {"binary.txt", "empty.txt", "blank.txt"}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "empty" in reasons["blank.txt"] or "whitespace" in reasons["blank.txt"]
    store = Store(index_dir / "documents.sqlite")
    try:
        bodies = "\n".join(store.bodies([summary.id for summary in store.summaries()]).values())
    finally:
        store.close()
    assert "A walrus was seen." in bodies
    assert "£4 for the kingfisher" in bodies
    assert "“narwhal”" in bodies
    assert "The ocelot escaped\nfrom the zoo." in bodies
    assert "\r" not in bodies and "\x00" not in bodies


def test_one_latin1_byte_in_ascii_text_is_not_read_as_japanese() -> None:
    """BBC sport/199.txt: one 0xA3 (£) in English text; the detector's first guess is cp932."""
    text = (
        "Chelsea have sacked Adrian Mutu after he failed a drugs test. Chelsea have decided to write off a "
        "possible transfer fee for Mutu, a £15.8m signing from Parma, and the club said it had a zero tolerance "
        "policy towards drugs. " * 3
    )
    assert decode_bytes(text.encode("latin-1")) == text


def test_real_legacy_non_latin_text_still_decodes() -> None:
    japanese = "日本語のテキストです。東京は晴れています。今日はいい天気ですね。"
    russian = "Привет, как дела? Это текст на русском языке для проверки кодировки."
    assert decode_bytes(japanese.encode("shift_jis")) == japanese
    assert decode_bytes(russian.encode("cp1251")) == russian


UTF8_LINES = ["Café crème in Zürich cost 5 € — “a bargain”, said Zoë.", "Der Bürgermeister lächelte."]
CP1252_LINES = ["Señor Pérez paid £5 for the “menú del día”.", "The café’s owner agreed – for now."]


def test_a_file_mixing_utf8_and_cp1252_keeps_both_parts_readable() -> None:
    lines = [UTF8_LINES[0], CP1252_LINES[0], UTF8_LINES[1], CP1252_LINES[1]]
    data = b"\n".join(line.encode("utf-8" if line in UTF8_LINES else "cp1252") for line in lines) + b"\n"
    assert decode_bytes(data) == "\n".join(lines) + "\n"


def test_a_json_lines_file_mixing_encodings_keeps_each_record_readable(tmp_path: Path) -> None:
    records = [{"title": f"Record {i}", "text": line} for i, line in enumerate(UTF8_LINES + CP1252_LINES)]
    data = b"".join(
        json.dumps(record, ensure_ascii=False).encode("utf-8" if record["text"] in UTF8_LINES else "cp1252") + b"\n"
        for record in records
    )
    path = _write(tmp_path, "mixed.jsonl", data)
    found = FoundFile(str(path), "json", len(data), 0)
    texts = [record.text for record in read_file(found, data).records]
    assert texts == UTF8_LINES + CP1252_LINES
