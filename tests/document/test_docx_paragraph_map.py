"""The Word reader's paragraph map: every character of the analysed text that comes from a run leads back to
that run and the offset in it, past list numbers Word shows only through list formatting, white space the
reading collapses, tracked changes, and paragraphs in table cells."""

from __future__ import annotations

import io
import itertools
import re

import bills
import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from lexcheck.document import Document, ReadOptions, read_bytes
from lexcheck.document.builder import TextBuilder
from lexcheck.document.docx import RUN_TEXT
from lexcheck.results import SourceParagraph

REVIEWED = bills.to_reviewed_docx()


def follow(element: etree._Element, path: tuple[int, ...]) -> etree._Element:
    for index in path:
        element = element[index]
    return element


def run_text(run: etree._Element) -> str:
    """A run's text counted as the map counts it: text, tab and break each as they read."""
    return "".join(RUN_TEXT[child.tag] or child.text or "" for child in run if child.tag in RUN_TEXT)


def read(data: bytes, tracked: str = "accept") -> tuple[Document, etree._Element]:
    document = read_bytes(data, "bill.docx", ".docx", ReadOptions(tracked_changes=tracked))
    return document, docx.Document(io.BytesIO(data)).element.body


@pytest.mark.parametrize("tracked", ["accept", "reject"])
def test_every_piece_is_the_text_of_its_run(tracked: str) -> None:
    document, body = read(REVIEWED, tracked)
    assert document.paragraphs
    for paragraph in document.paragraphs:
        element = follow(body, paragraph.path)
        assert element.tag == qn("w:p")
        for piece in paragraph.pieces:
            run = follow(element, piece.holder)
            assert run.tag == qn("w:r")
            source = run_text(run)[piece.offset : piece.offset + piece.length]
            analysed = document.text[piece.start : piece.start + piece.length]
            # White space is read as one space; everything else is the very characters of the run.
            assert analysed == "".join(" " if c.isspace() else c for c in source)


def uncovered(document: Document, paragraph: SourceParagraph) -> str:
    covered = {i for piece in paragraph.pieces for i in range(piece.start, piece.start + piece.length)}
    return "".join(c for i, c in enumerate(document.text[paragraph.start : paragraph.end], paragraph.start) if i not in covered)


def test_list_numbers_and_collapsed_space_are_the_only_characters_without_a_run() -> None:
    document, _ = read(REVIEWED)
    numbers = []
    for paragraph in document.paragraphs:
        rest = uncovered(document, paragraph)
        assert rest.strip() == "" or (rest.startswith("(") and rest.rstrip().endswith(")")), rest
        if rest.strip():
            numbers.append(rest.strip())
    assert numbers[:4] == ["(a)", "(b)", "(1)", "(2)"]
    # Paragraphs and their pieces are in text order, and every line of the text is in a paragraph.
    starts = [p.start for p in document.paragraphs]
    assert starts == sorted(starts)
    lines = {line for line in document.text.splitlines() if line.strip()}
    assert lines == {document.text[p.start : p.end] for p in document.paragraphs}


def test_numbered_paragraph_starts_at_its_number_and_its_text_at_the_first_run() -> None:
    document, _ = read(REVIEWED)
    offset = document.text.index('(b) "victim" means')
    (paragraph,) = [p for p in document.paragraphs if p.start == offset]
    assert paragraph.pieces[0].start == offset + len("(b) ")
    assert paragraph.pieces[0].offset == 0


def test_tracked_insertion_or_deletion_is_mapped_into_its_change() -> None:
    for tracked, word, change in (("accept", "a woman", "w:ins"), ("reject", "a person", "w:del")):
        document, body = read(REVIEWED, tracked)
        offset = document.text.index(f'"victim" means {word} or child')
        (paragraph,) = [p for p in document.paragraphs if p.start <= offset < p.end]
        target = offset + len('"victim" means ')
        (piece,) = [p for p in paragraph.pieces if p.start == target]
        assert piece.length == len(word)
        run = follow(follow(body, paragraph.path), piece.holder)
        assert run.getparent().tag == qn(change) and run_text(run) == word


def test_table_cells_are_paragraphs_of_the_map() -> None:
    document, body = read(REVIEWED)
    offset = document.text.index("The Minister shall provide it to victims who are citizens")
    (paragraph,) = [p for p in document.paragraphs if p.start == offset]
    assert len(paragraph.path) == 4  # table, row, cell, paragraph
    cell = follow(body, paragraph.path[:3])
    assert cell.tag == qn("w:tc")
    cells = [p for p in document.paragraphs if len(p.path) == 4]
    assert [document.text[p.start : p.end] for p in cells][:3] == ["Measure", "Who receives it", "Shelter and medical care"]


def test_formatted_runs_inside_words_are_pieces_of_their_own() -> None:
    document, _ = read(REVIEWED)
    offset = document.text.index("sentenced to death")
    (paragraph,) = [p for p in document.paragraphs if p.start <= offset < p.end]
    pieces = [(document.text[p.start : p.start + p.length], p.offset) for p in paragraph.pieces]
    assert pieces == [
        ("Where the offence results in the death of a victim, the offender shall be sen", 0),
        ("tenced to de", 0),
        ("ath.", 0),
    ]


def test_collapsed_white_space_and_tabs_map_into_the_run() -> None:
    word = docx.Document()
    word.add_paragraph("A person  who\ttraffics   a child\tcommits an offence.")
    out = io.BytesIO()
    word.save(out)
    document, body = read(out.getvalue())
    assert document.text == "A person who traffics a child commits an offence.\n"
    (paragraph,) = document.paragraphs
    offset = document.text.index("a child")
    piece = next(p for p in paragraph.pieces if p.start <= offset < p.start + p.length)
    run = follow(follow(body, paragraph.path), piece.holder)
    at = piece.offset + offset - piece.start
    assert run_text(run)[at : at + len("a child")] == "a child"
    # Pieces merge only where the run and the text advance alike: a single space or tab, not a double one.
    assert len(paragraph.pieces) == 3


@given(st.text(alphabet=st.sampled_from(list("ab \t\u00a0\u2003\u3000\x1c\x85-")), max_size=40))
def test_mapped_line_writes_the_line_as_line_does(text: str) -> None:
    mapped, plain = TextBuilder(), TextBuilder()
    mapped.line("first", {"paragraph": 1})
    plain.line("first", {"paragraph": 1})
    stretches = mapped.mapped_line(text, {"paragraph": 2})
    plain.line(text, {"paragraph": 2})
    written = mapped.document("m", "docx").text
    assert written == plain.document("p", "docx").text
    # Each stretch is the line's own characters, white space written as a space; together, with the
    # collapsed gaps between them, they are the whole line written.
    for offset, start, length in stretches:
        assert written[offset : offset + length] == "".join(" " if c.isspace() else c for c in text[start : start + length])
    assert " ".join(written[o : o + n] for o, _, n in stretches) == " ".join(text.split())
    assert all(a[0] + a[2] + 1 == b[0] for a, b in itertools.pairwise(stretches))


def test_regular_expressions_and_split_agree_on_white_space() -> None:
    every = "".join(map(chr, range(0x110000))).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    assert set(re.findall(r"\s", every)) == {c for c in every if c.isspace()}
