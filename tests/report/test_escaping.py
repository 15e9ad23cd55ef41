"""Bill text and file names are shown, never obeyed: no terminal escapes, no bidi overrides, no forged lines."""

from __future__ import annotations

import json

from lexcheck.errors import NOT_FOUND, LexcheckError
from lexcheck.escaping import UNSAFE, escape_json_text, visible
from lexcheck.report import json_report, text_report
from lexcheck.results import FileReport, InputError, RunResult

HOSTILE = (
    "(1) A person who facilitates the illegal entry \x1b]0;PWNED\x07\x1b[2J of another person \u202einto the"
    " Republic\u202c commits an offence."
)


def test_controls_and_bidi_characters_are_written_out() -> None:
    assert visible("a\x1b[2Jb\x07c\x9bd\u202ee\u2066f\u200fg") == "a\\x1b[2Jb\\x07c\\x9bd<U+202E>e<U+2066>f<U+200F>g"
    assert visible("line one\nline two\r") == "line one\\nline two\\r"
    assert visible("tab\tand “quotes” — dashes, é") == "tab\tand “quotes” — dashes, é"


def test_json_keeps_every_such_character_as_an_escape() -> None:
    dumped = escape_json_text(json.dumps({"excerpt": HOSTILE + "\x85\u2028"}, ensure_ascii=False))
    assert not UNSAFE.search(dumped)
    assert "\\u001b]0;PWNED\\u0007" in dumped and "\\u202e" in dumped and "\\u2028" in dumped
    assert json.loads(dumped)["excerpt"] == HOSTILE + "\x85\u2028"  # the data itself is unchanged


def test_reports_of_a_hostile_bill(analyse) -> None:
    analysis = analyse(f"Section 4. Smuggling \u202eof migrants\n{HOSTILE}\n", path="bill\x1b[2J.txt")
    assert any(HOSTILE[:60] in f.excerpt for f in analysis.findings), "the hostile line must be quoted"
    report = FileReport("bill\x1b[2J.txt", analysis.findings, [], analysis.instruments, 2)
    result = RunResult("blank:en", [report], [InputError("evil\nforged.txt", "no such file or directory [LX006]")])
    text = text_report.render(result)
    assert not UNSAFE.search(text.replace("\n", ""))
    assert "\\x1b]0;PWNED\\x07\\x1b[2J" in text and "<U+202E>" in text
    assert "bill\\x1b[2J.txt  (" in text
    assert "evil\\nforged.txt: error: no such file or directory [LX006]" in text.splitlines()
    data = json_report.render(result)
    assert not UNSAFE.search(data.replace("\n", ""))
    assert json.loads(data)["findings"][0]["path"] == "bill\x1b[2J.txt"


def test_an_error_about_a_file_name_with_a_line_break_stays_one_line() -> None:
    problem = LexcheckError(NOT_FOUND, "evil\nfake.txt: error: forged [LX001]\n.txt")
    assert problem.one_line() == "evil\\nfake.txt: error: forged [LX001]\\n.txt: no such file or directory [LX006]"
    assert "\n" not in problem.one_line()
