"""The compiled JSON encoder writes exactly what Python's json module writes (JSON report byte-identical)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lexcheck.escaping import escape_json_text
from lexcheck.report import json_report
from lexcheck.report.json_text import _compiled_writes_as_json, dumps_indented
from lexcheck.results import (
    AbsentEvidence,
    FileReport,
    FlagEvidence,
    NotCounted,
    PenaltyEvidence,
    PenaltyReading,
    RequireEvidence,
    RunResult,
    Suppressed,
)


def python_json(data: Any) -> bytes:
    """How the JSON report was written before: Python's encoder, then the escapes of escape_json_text."""
    return escape_json_text(json.dumps(data, indent=2, ensure_ascii=False)).encode("utf-8")


TRICKY: list[Any] = [
    {},
    [],
    {"a": {}, "b": [], "c": [{}], "d": [[]]},
    # key order as given, not sorted; keys that need escapes
    {"z": 1, "a": 2, "m": {"y": None, "b": True, "k\n\"ey\\": False}},
    # floats: repr's shortest digits, exponents (1e+16, 1e-05, 1e-07), negative zero, NaN and the infinities
    [0.0, -0.0, 1.0, 0.5, 0.1 + 0.2, 1 / 3, 2.5e-4, 1e-4, 9.99e-5, 1e-5, -1e-5, 1e-7, 5e-324, 1e15, 1e16, -1.5e16,
     1e22, 1.7976931348623157e308, float("nan"), float("inf"), float("-inf")],
    # integers beyond 64 bits
    [0, -1, 2**63 - 1, 2**63, 2**64, -(2**70), 10**40],
    # strings: JSON's own escapes, C0 controls, DEL and C1 controls, bidirectional and line separator characters,
    # non-ASCII letters, astral characters, a slash (not escaped)
    ["\"\\/\b\f\n\r\t", "".join(map(chr, range(0x20))), "\x7f\x80\x85\x9b\x9f\xa0", "\u061c\u200e\u200f\u202a\u202e",
     "\u2066\u2069\u2028\u2029", "é ü ß § ¶ “quotes” — …", "\U0001f600 \U00010348", "\ufeff\ufffd"],
    # strings that look like the floats pydantic-core writes otherwise (they make the slow path run)
    {"text": "a rate of 0.00001 and 3e-5 per cent", "fingerprint": "3e4f0a", "years": 0.25},
    ("a", "tuple", (1, 2)),
]


def test_the_installed_encoder_is_used() -> None:
    # Otherwise every report is written by Python's encoder: the same bytes, four times slower on large runs.
    assert _compiled_writes_as_json()
    assert json_report._models_as_dumped()


@pytest.mark.parametrize("data", TRICKY, ids=range(len(TRICKY)))
def test_the_same_bytes_as_python_json(data: Any) -> None:
    assert dumps_indented(data) == python_json(data)


def test_a_lone_surrogate_fails_as_it_did() -> None:
    # A file name read with surrogateescape cannot be written as UTF-8 by either encoder.
    with pytest.raises(UnicodeEncodeError):
        python_json({"path": "bad\udcff.txt"})
    with pytest.raises(UnicodeEncodeError):
        dumps_indented({"path": "bad\udcff.txt"})


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_the_same_bytes_for_any_json_data(data: Any) -> None:
    assert dumps_indented(data) == python_json(data)


def test_a_report_is_the_same_as_python_json_writes_it(analyse) -> None:
    analysis = analyse(
        "Section 4. Smuggling of migrants\n(1) A person who facilitates the illegal entry of another person "
        "into the Republic for a financial benefit commits an offence and is liable to imprisonment for "
        "six months or a fine. \u202eé\x85\n",
        path="bill “one”.txt",
    )
    assert analysis.findings
    report = FileReport("bill “one”.txt", analysis.findings, [], analysis.instruments, 2, analysis.decisions)
    result = RunResult("blank:en", [report])
    assert json_report.render_bytes(result) == python_json(json_report.build(result)) + b"\n"
    assert json_report.render(result) == json_report.render_bytes(result).decode("utf-8")


TRICKY_TEXT = "\u202e“x” \x85\x1b[2J é\t\"\\ 3e-5 0.00001 \U0001f600"
EVIDENCE = [
    FlagEvidence(kind="flag", matched=TRICKY_TEXT, pattern="p", kept="k", definition="d", applies_in=["s. 1", "s. 2"]),
    RequireEvidence(kind="require", scope="s", trigger="t", trigger_provision="p", trigger_pattern="q", missing="m",
                    not_counted=[NotCounted(matched=TRICKY_TEXT, reason="r", provision="s. 3")], limitation="l"),
    AbsentEvidence(kind="absent", gate="g", gate_pattern="p", gate_provision="s. 1", missing="m"),
    PenaltyEvidence(kind="penalty", offence="s. 4", maximum_years="life", threshold_years=4.0),
    *(
        PenaltyEvidence(kind="penalty", maximum_years=years, threshold_years=years, penalties=[
            PenaltyReading(text=TRICKY_TEXT, minimum_years=years, maximum_years=years, fine=True, procedure="summary")
        ], penalty=PenaltyReading(text="t", minimum_years=years, mandatory_custody=True))
        for years in (0.0, 0.5, 1 / 12, 1 / 365, 1e-5, 1e-7, 1e16, 1e22, float("nan"), float("inf"))
    ),
]


@pytest.mark.parametrize("evidence", EVIDENCE, ids=range(len(EVIDENCE)))
@pytest.mark.parametrize("explain", [False, True])
def test_findings_of_every_kind_are_written_as_their_dumps(analyse, evidence, explain: bool) -> None:
    """The report passes findings and decisions to the encoder as models: the bytes are those of their dumps."""
    analysis = analyse(
        "Section 4. Smuggling of migrants\n(1) A person who facilitates the illegal entry of another person "
        "into the Republic commits an offence and is liable to imprisonment for six months.\n",
        path="bill.txt",
    )
    assert analysis.findings and analysis.decisions
    tricky = [f.model_copy(update={"evidence": evidence, "excerpt": TRICKY_TEXT, "provision_heading": TRICKY_TEXT,
                                   "source": {"page": 3, "eid": TRICKY_TEXT}}) for f in analysis.findings]
    suppressed = [Suppressed(path="bill.txt", rule="r", concern="C", provision="s. 1", start_line=1, start_char=0,
                             excerpt=TRICKY_TEXT, reason="r")]
    report = FileReport("bill.txt", tricky, suppressed, analysis.instruments, 2, analysis.decisions)
    result = RunResult("blank:en", [report])
    assert json_report.render_bytes(result, explain) == python_json(json_report.build(result, explain)) + b"\n"
