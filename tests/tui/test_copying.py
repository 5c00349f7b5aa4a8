"""Copy reports: "copied" only where the text is known to have arrived (the system clipboard); OSC 52 is "sent",
since a terminal may drop it without a word."""

from __future__ import annotations

from tui.copying import copy_everywhere


def _no_system(text: str) -> None:
    raise RuntimeError("no clipboard")


def test_osc52_alone_is_sent_not_copied() -> None:
    report = copy_everywhere("text", lambda text: None, _no_system)
    message = report.message("the APA citation")
    assert report.title == "Sent"
    assert message.startswith("Sent the APA citation to the terminal (OSC 52)")
    assert "Copied" not in message and "copied" not in message


def test_the_system_clipboard_is_copied_and_osc52_sent() -> None:
    got: list[str] = []
    report = copy_everywhere("text", lambda text: None, got.append)
    assert got == ["text"] and report.title == "Copied"
    assert report.message("the quotation") == (
        "Copied the quotation to the system clipboard, and sent it to the terminal (OSC 52)."
    )
