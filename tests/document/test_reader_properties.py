"""Property-based tests of the readers and the structure parser (hypothesis, bounded): random, mutated and truncated documents.

For the structure parser: no exception escapes, and the provision tree covers the whole text with every
provision inside its parent and siblings in order. For every reader: either a Document or a one-line
LexcheckError, never another exception; and every offset maps back inside the source (a line of the
text, a paragraph of the Word file, a page of the PDF, an eId of the XML, a line of the HTML page).
"""

from __future__ import annotations

import re

import bills
from conftest import english
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexcheck.document import Document, ReadOptions, read_bytes
from lexcheck.errors import LexcheckError
from lexcheck.structure import build_statute
from lexcheck.structure.model import Provision

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MARKERS = ["(1)", "(2)", "(a)", "(b)", "(i)", "(ii)", "(h)", "(A)", "(aa)", "1.", "2.", "3.—(1)", "4A.", "§ 5.",
           "Section 6.", "Article 7", "PART II", "CHAPTER 3", "Art. 8", "279.01", "(2A)", "a)", "25"]
WORDS = ["A", "person", "who", "traffics", "shall", "be", "liable", "to", "imprisonment", "for", "years", "—",
         "Offences", "Interpretation", "“victim”", "means", ";", ",", ":", "or", "and", "the", "child", "18"]
line = st.builds(
    lambda marker, words: " ".join(([marker] if marker else []) + words),
    st.one_of(st.none(), st.sampled_from(MARKERS)),
    st.lists(st.sampled_from(WORDS), max_size=12),
)
bill_text = st.lists(st.one_of(line, st.just(""), st.text(max_size=30)), max_size=40).map("\n".join)


def check_tree(root: Provision, length: int) -> None:
    assert (root.start, root.end) == (0, length)
    for node in root.walk():
        assert 0 <= node.start <= node.body_start <= node.end <= length or node.start <= node.end
        assert node.start <= node.own_end <= node.end
        previous_end = node.start
        for child in node.children:
            assert child.parent is node
            assert node.start <= child.start <= child.end <= node.end
            assert child.start >= previous_end
            previous_end = child.end


def check_statute(document: Document) -> None:
    statute = build_statute(document, english())
    check_tree(statute.root, len(document.text))
    for offset in range(0, len(document.text), max(1, len(document.text) // 50)):
        node = statute.provision_at(offset)
        assert node.start <= offset < node.end or node is statute.root


@FAST
@given(bill_text)
def test_structure_parser_covers_any_text(text: str) -> None:
    document = Document("random.txt", text)
    check_statute(document)
    lines = text.count("\n") + 1
    for offset in range(0, len(text) + 1, max(1, len(text) // 20)):
        line_number, column = document.position(offset)
        assert 1 <= line_number <= lines and column >= 1


@FAST
@given(st.binary(max_size=2000), st.sampled_from(["", ".txt", ".md", ".html", ".xml", ".docx", ".pdf"]))
def test_any_bytes_give_a_document_or_a_one_line_error(data: bytes, suffix: str) -> None:
    try:
        document = read_bytes(data, "random" + suffix, suffix)
    except LexcheckError as problem:
        assert "\n" not in problem.one_line() and problem.code.startswith("LX0")
        return
    check_statute(document)


def _units() -> st.SearchStrategy[list[tuple[str, ...]]]:
    # Words the PDF core fonts can print (Latin-1).
    printable = [word for word in WORDS if word.isascii()] + ["smuggling", "migrant", "Republic"]
    words = st.lists(st.sampled_from(printable), min_size=1, max_size=10)
    text = words.map(" ".join)
    unit = st.one_of(
        st.tuples(st.just("part"), st.sampled_from(["I", "II", "III", "IV"]), text.map(str.upper)),
        st.tuples(st.just("section"), st.integers(1, 40).map(str), text),
        st.tuples(st.just("sub"), st.integers(1, 9).map(str), text),
        st.tuples(st.just("para"), st.sampled_from("abcdefghij"), text),
        st.tuples(st.just("text"), text),
    )
    return st.lists(unit, min_size=1, max_size=14).map(lambda units: [("title", "A BILL"), *units])


def mutated(data: bytes, draw_positions: list[tuple[int, int]], cut: int | None) -> bytes:
    buffer = bytearray(data)
    for position, value in draw_positions:
        buffer[position % len(buffer)] = value
    return bytes(buffer[:cut] if cut is not None else buffer)


def _sources_inside(document: Document, check: callable) -> None:  # type: ignore[valid-type]
    for offset in range(0, len(document.text), max(1, len(document.text) // 40)):
        location = document.source_at(offset)
        assert location is not None
        check(location)


@SLOW
@given(_units())
def test_word_reader_on_random_bills(units: list[tuple[str, ...]]) -> None:
    data = bills.to_docx(units)
    document = read_bytes(data, "r.docx", ".docx")
    paragraphs = len(re.findall(rb"<w:p[ >]", _document_xml(data)))
    _sources_inside(document, lambda where: 1 <= where["paragraph"] <= paragraphs)
    check_statute(document)


def _document_xml(data: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


@SLOW
@given(_units())
def test_pdf_reader_on_random_bills(units: list[tuple[str, ...]]) -> None:
    data = bills.to_pdf(units, lines_per_page=6)
    document = read_bytes(data, "r.pdf", ".pdf", ReadOptions(lexicon=english()))
    pages = data.count(b"/Type /Page\n") or data.count(b"/Type /Page ") or data.count(b"/Type /Page")
    _sources_inside(document, lambda where: 1 <= where["page"] <= max(1, pages))
    check_statute(document)


@SLOW
@given(_units())
def test_html_and_akoma_ntoso_readers_on_random_bills(units: list[tuple[str, ...]]) -> None:
    page = bills.to_html(units)
    document = read_bytes(page, "r.html", ".html")
    lines = page.count(b"\n") + 1
    _sources_inside(document, lambda where: 1 <= where["line"] <= lines)
    check_statute(document)
    xml = bills.to_akn(units)
    document = read_bytes(xml, "r.xml", ".xml")
    eids = set(re.findall(rb'eId="([^"]+)"', xml))
    _sources_inside(document, lambda where: where.get("eid", "").encode() in eids or "line" in where)
    check_statute(document)


DOCX, PDF, HTML, AKN = bills.to_docx(), bills.to_pdf(), bills.to_html(), bills.to_akn()
mutations = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=8)


@SLOW
@given(st.sampled_from([("m.docx", DOCX), ("m.pdf", PDF), ("m.html", HTML), ("m.xml", AKN), ("m.txt", HTML)]),
       mutations, st.one_of(st.none(), st.integers(0, 60_000)))
def test_mutated_documents_never_raise_anything_else(
    sample: tuple[str, bytes], changes: list[tuple[int, int]], cut: int | None
) -> None:
    name, data = sample
    try:
        document = read_bytes(mutated(data, changes, cut), name, "." + name.rsplit(".", 1)[-1])
    except LexcheckError as problem:
        assert "\n" not in problem.one_line()
        return
    assert document.text.strip()
    check_statute(document)
