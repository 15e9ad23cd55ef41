"""Property-based tests: random and mutated statute-like text through read → structure → analysis → reports.

Whatever the bytes, no exception other than a one-line LexcheckError escapes; every finding points inside the
text, at the line and column its offset has; every piece of an excerpt is text of the bill; and the reports
are deterministic and free of raw control characters. The example counts are kept small so that the suite
stays fast; each example is a whole run of every bundled rule.
"""

from __future__ import annotations

import json

from conftest import FIXTURES, english
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lexcheck.document import read_text_bytes
from lexcheck.errors import LexcheckError
from lexcheck.escaping import UNSAFE
from lexcheck.report import json_report, text_report
from lexcheck.results import FileReport, RunResult
from lexcheck.structure import build_statute

BOUNDED = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

PIECES = [
    "Section 1.", "Section 2. Interpretation", "3.", "4.—(1)", "Article 5", "PART II", "CHAPTER 3", "§ 7.",
    "(1)", "(2)", "(a)", "(b)", "(i)", "(ii)", "(A)", "“child” means a person under the age of eighteen years;",
    "“victim”", "A person who", "Any person who", "No person shall", "shall not be", "recruits, transports",
    "for the purpose of exploitation", "traffics another person", "smuggles a migrant", "commits an offence",
    "and is liable on conviction to imprisonment for a term not exceeding", "seven years", "life imprisonment",
    "a fine", "the consent of the victim", "is irrelevant", "except", "unless", "—", "–", ";", ":", ",", ".",
    "“", "”", "‘", "’", '"', "(", ")", "Protocol to Prevent, Suppress and Punish Trafficking in Persons",
    "illegal entry", "financial or other material benefit", "shall be detained", "deported", "forced labour",
    "\x1b[2J", "\u202e", "\u2066", "\ufeff", "\x85", "\t", "é", "ß", "\u00a0",
]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\r\n", "\r", "  "]

statute_like = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), min_size=1, max_size=120
).map(lambda parts: "".join(piece + sep for piece, sep in parts))
random_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from(["\n", " ", "(", ")", "."]),
    max_size=400,
)
SEEDS = [path.read_bytes() for path in sorted(FIXTURES.glob("*.*"))]


@st.composite
def mutated_bill(draw: st.DrawFn) -> bytes:
    """A fixture bill with bytes deleted, replaced or inserted (stray, control and multi-byte ones included)."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["delete", "replace", "insert"]))
        chunk = draw(
            st.sampled_from([b"\xff", b"\x00", b"\x1b]0;x\x07", b"\xe2\x80\xae", b"\r", b"\n\n", b"\x93", b"(1) "])
            | st.binary(min_size=1, max_size=4)
        )
        if kind == "delete":
            del data[position : position + len(chunk)]
        elif kind == "replace":
            data[position : position + len(chunk)] = chunk
        else:
            data[position:position] = chunk
    return bytes(data)


def normal(text: str) -> str:
    return " ".join(text.split())


def check_run(data: bytes, analyzer, fmt: str = "text") -> None:
    try:
        document = read_text_bytes(data, "bill.txt", fmt)
    except LexcheckError as problem:
        assert "\n" not in problem.one_line()
        return
    statute = build_statute(document, english())
    analysis = analyzer.analyse(statute, explain=True)
    text = document.text
    flat = normal(text)
    for finding in analysis.findings:
        assert 0 <= finding.start_char <= finding.end_char <= len(text)
        assert (finding.start_line, finding.start_column) == document.position(finding.start_char)
        assert (finding.end_line, finding.end_column) == document.position(finding.end_char)
        line_start, line_end = document.line_span(finding.start_line)
        assert 1 <= finding.start_column <= line_end - line_start + 1
        for piece in finding.excerpt.split("…"):
            assert normal(piece) in flat, (piece, finding.excerpt)
    report = FileReport("bill.txt", analysis.findings, analysis.suppressed, analysis.instruments, 0)
    result = RunResult(analyzer.pipeline, [report])
    for renderer in (text_report, json_report):
        first = renderer.render(result, explain=True)
        assert first == renderer.render(result, explain=True)
        assert not UNSAFE.search(first.replace("\n", ""))
    again = analyzer.analyse(build_statute(read_text_bytes(data, "bill.txt", fmt), analyzer.lexicon), explain=True)
    rerun = json_report.render(RunResult(analyzer.pipeline, [FileReport("bill.txt", again.findings,
                                                                           again.suppressed, again.instruments, 0)]))
    assert rerun == json_report.render(result)
    assert json.loads(rerun)["summary"]["findings"] == len(analysis.findings)


@BOUNDED
@given(statute_like, st.sampled_from(["utf-8", "utf-16", "cp1252"]), st.sampled_from(["text", "markdown"]))
# A short excerpt filled with the next lines once left out a line whose words it already held.
@example(text="“victim” traffics another person Any person who\n“victim”\nSection 1. ", encoding="utf-8", fmt="text")
@example(text="life imprisonment traffics another person\ntraffics another person\nSection 1. ", encoding="utf-8", fmt="text")
def test_statute_like_text(analyzer, text: str, encoding: str, fmt: str) -> None:
    check_run(text.encode(encoding, errors="replace"), analyzer, fmt)


@BOUNDED
@given(mutated_bill())
def test_mutated_bills(analyzer, data: bytes) -> None:
    check_run(data, analyzer)


@BOUNDED
@given(random_text)
def test_random_text(analyzer, text: str) -> None:
    check_run(text.encode("utf-8"), analyzer)


@settings(BOUNDED, max_examples=50)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_give_one_line(data: bytes) -> None:
    try:
        document = read_text_bytes(data, "bill.txt")
    except LexcheckError as problem:
        assert problem.code in {"LX001", "LX002", "LX003"}
        return
    assert "\x00" not in document.text and "\r" not in document.text
    assert document.position(len(document.text))[0] == document.text.count("\n") + 1
