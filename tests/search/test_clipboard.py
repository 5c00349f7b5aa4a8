"""search.clipboard: system clipboard first, OSC 52 to a terminal second, a clear report otherwise."""

from __future__ import annotations

import base64
import io

from search.clipboard import OSC52, SYSTEM, copy_text, osc52_sequence


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class BrokenTerminal(FakeTerminal):
    def write(self, _text: str) -> int:
        raise OSError("terminal went away")


def no_clipboard(_text: str) -> None:
    raise RuntimeError("could not find a copy/paste mechanism")


def test_osc52_sequence_is_base64_of_utf8() -> None:
    assert osc52_sequence("hi") == "\x1b]52;c;aGk=\x07"
    text = "“Quote” — café"
    seq = osc52_sequence(text)
    assert seq.startswith("\x1b]52;c;") and seq.endswith("\x07")
    assert base64.b64decode(seq[7:-1]).decode("utf-8") == text


def test_system_clipboard_and_terminal_both_get_the_text() -> None:
    got: list[str] = []
    term = FakeTerminal()
    result = copy_text("citation", term, system_copy=got.append)
    assert result.where == (SYSTEM, OSC52) and result.copied
    assert got == ["citation"]
    assert term.getvalue() == osc52_sequence("citation")
    assert result.message() == "Copied to the system clipboard and the terminal clipboard (OSC 52)."


def test_system_clipboard_only_when_output_is_a_pipe() -> None:
    got: list[str] = []
    pipe = io.StringIO()
    result = copy_text("citation", pipe, system_copy=got.append)
    assert result.where == (SYSTEM,)
    assert pipe.getvalue() == ""
    assert result.message() == "Copied to the system clipboard."


def test_osc52_when_no_system_clipboard_and_a_terminal() -> None:
    term = FakeTerminal()
    result = copy_text("Team Udayavani. (2021).", term, system_copy=no_clipboard)
    assert result.where == (OSC52,)
    assert term.getvalue() == osc52_sequence("Team Udayavani. (2021).")
    assert "OSC 52" in result.message()


def test_nowhere_when_not_a_terminal() -> None:
    pipe = io.StringIO()
    result = copy_text("x", pipe, system_copy=no_clipboard)
    assert result.where == () and not result.copied
    assert pipe.getvalue() == ""
    assert "not a terminal" in result.message()
    assert "could not find a copy/paste mechanism" in result.detail


def test_never_raises() -> None:
    assert copy_text("x", BrokenTerminal(), system_copy=no_clipboard).where == ()
    assert copy_text("x", None, system_copy=no_clipboard).where == ()


def test_failure_detail_is_one_line() -> None:
    def noisy(_text: str) -> None:
        raise RuntimeError("no mechanism.\nOn Linux, install xclip")

    result = copy_text("x", io.StringIO(), system_copy=noisy)
    assert "\n" not in result.message()
    assert "no mechanism" in result.message()
