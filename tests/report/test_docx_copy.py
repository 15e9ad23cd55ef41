"""The Word report of a Word bill: a copy of the bill itself, its findings as comments on its own runs and a
summary page in front; the original untouched, everything else in it kept as it was."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import bills
import docx
import pytest
from conftest import FIXTURES, libreoffice_pdf
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PdfReader
from typer.testing import CliRunner

from lexcheck.checking import check_bytes, check_paths
from lexcheck.cli import app
from lexcheck.document import ReadOptions
from lexcheck.engine import Analyzer
from lexcheck.report import RenderContext
from lexcheck.report.docx_comments import TextMap, annotate
from lexcheck.report.docx_report import comment_lines, render_context
from lexcheck.report.view import build_view
from lexcheck.results import Finding, SourceParagraph, SourcePiece
from lexcheck.rules.loader import RuleBook

REVIEWED = bills.to_reviewed_docx()
# The parts a comment changes: the body, the comments, and the lists of parts and relationships.
CHANGED = {"word/document.xml", "word/comments.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}
_PARSER = etree.XMLParser(remove_blank_text=True)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def canonical(element: etree._Element | None) -> bytes:
    return b"" if element is None else etree.tostring(element, method="c14n")


def covered(body: etree._Element, deleted: bool = False) -> dict[str, str]:
    """The text between each comment's range markers (deleted text too when ``deleted``), by comment id."""
    texts: dict[str, list[str]] = {}
    open_ids: list[str] = []
    tags = [qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:t"), qn("w:p")]
    for element in body.iter(*tags, *([qn("w:delText")] if deleted else [])):
        ident = element.get(qn("w:id"))
        if element.tag == qn("w:commentRangeStart"):
            open_ids.append(ident)
            texts[ident] = []
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.remove(ident)
        else:
            for i in open_ids:
                texts[i].append("\n" if element.tag == qn("w:p") else element.text or "")
    return {i: "".join(parts).strip() for i, parts in texts.items()}


def formatted(element: etree._Element) -> list[tuple[str, str, bytes]]:
    """Each character of an element's runs with the changes around it and its run's formatting.

    Comment marks are left out: they are what the copy adds.
    """
    out = []
    for run in element.iter(qn("w:r")):
        if run.find(qn("w:commentReference")) is not None:
            continue
        around = "/".join(a.tag.rsplit("}", 1)[1] for a in run.iterancestors() if a.tag in (qn("w:ins"), qn("w:del")))
        style = canonical(run.find(qn("w:rPr")))
        for child in run:
            if child.tag in (qn("w:t"), qn("w:delText")):
                out.extend((around, c, style) for c in child.text or "")
            elif child.tag != qn("w:rPr"):
                out.append((around, child.tag, style))
    return out


@pytest.fixture(scope="module")
def checked(analyzer: Analyzer, rulebook: RuleBook, tmp_path_factory: pytest.TempPathFactory):
    """The reviewed bill checked from a file, its Word report written beside it."""
    folder = tmp_path_factory.mktemp("copy")
    bill = folder / "bill.docx"
    bill.write_bytes(REVIEWED)
    result = check_paths([str(bill)], analyzer, read_options=ReadOptions(keep_original=True))
    context = RenderContext(result, rulebook.rules, rulebook.catalogue)
    report = folder / "review.docx"
    report.write_bytes(render_context(context))
    return context, report


def by_id(report: Path) -> tuple[dict[str, etree._Element], etree._Element]:
    parts = members(report.read_bytes())
    comments = {c.get(qn("w:id")): c for c in xml(parts["word/comments.xml"]).iter(qn("w:comment"))}
    return comments, xml(parts["word/document.xml"]).find(qn("w:body"))


def comment_text(comment: etree._Element) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in comment.iter(qn("w:p")))


def test_each_finding_is_a_comment_by_lexcheck_with_the_reports_content(checked) -> None:
    context, report = checked
    comments, _ = by_id(report)
    ours = [c for c in comments.values() if c.get(qn("w:author")) == "lexcheck"]
    # The reviewer's comment that the bill already had is kept, beside one comment per finding.
    assert [comment_text(c) for c in comments.values() if c.get(qn("w:author")) == "Reviewer"] == [
        "Check the short title against the long title."
    ]
    (file,) = build_view(context).files
    assert len(ours) == len(file.findings) > 15
    assert [comment_text(c) for c in ours] == ["\n".join(comment_lines(view)) for view in file.findings]
    assert len(comments) == len(set(comments))


def expected_words(finding: Finding, placement: str, paragraphs: TextMap, text: str) -> str:
    if placement == "words":
        return text[finding.start_char : finding.end_char]
    # Missing safeguards and whole-law findings: the provision's first paragraph, less its list number.
    paragraph = paragraphs.paragraphs[paragraphs.paragraph_at(finding.start_char)]
    last = paragraph.pieces[-1]
    return text[paragraph.pieces[0].start : last.start + last.length]


def test_comments_cover_exactly_the_words_or_the_provision(checked) -> None:
    context, report = checked
    comments, body = by_id(report)
    ranges = covered(body)
    (file,) = build_view(context).files
    paragraphs = TextMap(file.report.paragraphs)
    ours = [i for i, c in comments.items() if c.get(qn("w:author")) == "lexcheck"]
    for ident, view in zip(ours, file.findings, strict=True):
        expected = expected_words(view.finding, view.placement, paragraphs, file.report.text)
        assert " ".join(ranges[ident].split()) == expected, view.finding.rule
    words = {view.finding.rule: ranges[i] for i, view in zip(ours, file.findings, strict=True)}
    assert words["gendered-victim-definition"] == "a woman"  # a tracked insertion
    assert words["death-penalty"] == "sentenced to death"  # over three runs of different formats
    assert words["citizen-only-protection"] == "citizens"  # in a table cell
    assert words["victims-confined-in-shelters"] == "detained in an immigration facility"
    assert words["no-humanitarian-exemption"].startswith("A person who facilitates")  # the number is no text


def marker(body: etree._Element, tag: str, ident: str) -> etree._Element:
    (found,) = [e for e in body.iter(qn(tag)) if e.get(qn("w:id")) == ident]
    return found


def test_comment_marks_are_placed_in_the_runs_where_the_words_are(checked) -> None:
    context, report = checked
    comments, body = by_id(report)
    (file,) = build_view(context).files
    ours = [i for i, c in comments.items() if c.get(qn("w:author")) == "lexcheck"]
    ident = {view.finding.rule: i for i, view in zip(ours, file.findings, strict=True)}

    death = ident["death-penalty"]
    start, end = marker(body, "w:commentRangeStart", death), marker(body, "w:commentRangeEnd", death)
    inside = []
    element = start.getnext()
    while element is not end:
        inside.append(element)
        element = element.getnext()
    assert ["".join(t.text for t in run.iter(qn("w:t"))) for run in inside] == ["sen", "tenced to de", "ath"]
    assert [run.find(qn("w:rPr")) is not None and run.find(qn("w:rPr")).find(qn("w:b")) is not None for run in inside] == [
        False, True, False]
    assert start.getprevious().find(qn("w:t")).text.endswith("shall be ")  # the run was cut before "sen"
    assert end.getnext().find(qn("w:commentReference")) is not None

    woman = ident["gendered-victim-definition"]
    start, end = marker(body, "w:commentRangeStart", woman), marker(body, "w:commentRangeEnd", woman)
    assert start.getparent().tag == end.getparent().tag == qn("w:ins")
    (reference,) = [r for r in body.iter(qn("w:commentReference")) if r.get(qn("w:id")) == woman]
    assert reference.getparent().getparent().tag == qn("w:p")  # the mark itself is no tracked change

    citizens = marker(body, "w:commentRangeStart", ident["citizen-only-protection"])
    assert any(a.tag == qn("w:tc") for a in citizens.iterancestors())


def test_the_bill_is_as_it_was_after_the_summary_page(checked) -> None:
    _, report = checked
    original = xml(members(REVIEWED)["word/document.xml"]).find(qn("w:body"))
    copy = xml(members(report.read_bytes())["word/document.xml"]).find(qn("w:body"))
    added = len(copy) - len(original)
    assert added > 5
    # The summary page: headings and a table by direct formatting, no style of the bill's, then a page break.
    summary = list(copy)[:added]
    assert "".join(t.text for t in summary[0].iter(qn("w:t"))).startswith("lexcheck review of ")
    assert not [e for element in summary for e in element.iter(qn("w:pStyle"), qn("w:tblStyle"), qn("w:numPr"))]
    assert [e.tag for e in summary].count(qn("w:tbl")) == 1
    assert summary[-1].find(f".//{qn('w:br')}").get(qn("w:type")) == "page"
    for before, after in zip(original, list(copy)[added:], strict=True):
        assert after.tag == before.tag
        assert canonical(after.find(qn("w:pPr"))) == canonical(before.find(qn("w:pPr")))  # numbering, styles
        assert formatted(after) == formatted(before)  # every character with its format and tracked change
    assert canonical(copy[-1]) == canonical(original[-1]) and copy[-1].tag == qn("w:sectPr")  # headers


def test_every_other_part_of_the_bill_is_kept(checked) -> None:
    _, report = checked
    before, after = members(REVIEWED), members(report.read_bytes())
    assert set(before) <= set(after)
    for name in sorted(set(before) - CHANGED):
        if name.endswith((".xml", ".rels")):
            assert canonical(xml(after[name])) == canonical(xml(before[name])), name
        else:
            assert after[name] == before[name], name
    assert b"Smuggling of Migrants Protocol" in after["word/footnotes.xml"]
    assert any(b"DRAFT FOR CONSULTATION" in after[name] for name in after if name.startswith("word/header"))
    # Relationships and content types: the bill's kept, none but comments added.
    rels = {r.get("Id"): r.get("Target") for r in xml(after["word/_rels/document.xml.rels"])}
    assert set(rels.items()) >= {(r.get("Id"), r.get("Target")) for r in xml(before["word/_rels/document.xml.rels"])}


def test_libreoffice_converts_the_commented_copy_to_pdf(checked, tmp_path: Path) -> None:
    _, report = checked
    pdf = libreoffice_pdf(report, tmp_path)
    reader = PdfReader(str(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 2
    for expected in ("Compliance matrix", "DRAFT FOR CONSULTATION", "sentenced to death", "Shelter and medical care",
                     "Smuggling of Migrants Protocol", "(1) A person who recruits"):
        assert expected in " ".join(text.split()), expected


def test_a_finding_in_deleted_text_is_commented_there_when_changes_are_rejected(
    analyzer: Analyzer, rulebook: RuleBook
) -> None:
    word = docx.Document()
    word.add_paragraph("3. Trafficking in persons")
    paragraph = word.add_paragraph("A person who traffics another person commits an offence and shall be ")
    tracked = 'w:author="Drafter" w:date="2025-01-01T00:00:00Z"'
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph._p.append(etree.fromstring(
        f'<w:del xmlns:w="{W}" w:id="7" {tracked}><w:r><w:delText>sentenced to death</w:delText></w:r></w:del>'))
    paragraph._p.append(etree.fromstring(
        f'<w:ins xmlns:w="{W}" w:id="8" {tracked}><w:r><w:t>imprisoned for life</w:t></w:r></w:ins>'))
    paragraph.add_run(".")
    out = io.BytesIO()
    word.save(out)
    for tracked_changes, death in (("accept", False), ("reject", True)):
        result = check_bytes(out.getvalue(), "t.docx", analyzer,
                             read_options=ReadOptions(tracked_changes=tracked_changes, keep_original=True))
        report = render_context(RenderContext(result, rulebook.rules, rulebook.catalogue))
        body = xml(members(report)["word/document.xml"]).find(qn("w:body"))
        rules = [f.rule for f in result.findings]
        assert ("death-penalty" in rules) is death
        if death:
            ident = next(i for i, t in covered(body, deleted=True).items() if t == "sentenced to death")
            assert marker(body, "w:commentRangeStart", ident).getparent().tag == qn("w:del")
            (reference,) = [r for r in body.iter(qn("w:commentReference")) if r.get(qn("w:id")) == ident]
            assert reference.getparent().getparent().tag == qn("w:p")


def test_a_run_is_cut_at_a_tab_or_a_break_keeping_its_format(tmp_path: Path) -> None:
    word = docx.Document()
    run = word.add_paragraph().add_run("one\ttwo\nthree")
    run.bold = True
    # As the reader would map it: "one two" then "three" on the next line, one run.
    paragraphs = TextMap([SourceParagraph((0,), 0, 13, (SourcePiece(0, 13, (0,), 0),))])
    anchor = paragraphs.anchor(4, 11, ["INFO: test"])
    assert anchor is not None
    annotate(word, [anchor])
    out = tmp_path / "cut.docx"
    word.save(str(out))
    reopened = docx.Document(str(out))
    runs = [r for r in reopened.paragraphs[0].runs if r.text]
    assert [(r.text, r.bold) for r in runs] == [("one\t", True), ("two\nthr", True), ("ee", True)]
    assert covered(reopened.element.body) == {"0": "twothr"}


def test_check_writes_the_commented_copy_and_leaves_the_bill_alone(tmp_path: Path, fast_cli: None) -> None:
    bill = tmp_path / "bill.docx"
    bill.write_bytes(REVIEWED)
    os.utime(bill, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    out = tmp_path / "review.docx"
    result = CliRunner().invoke(app, ["check", str(bill), "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == "", result.output
    assert bill.read_bytes() == REVIEWED and bill.stat().st_mtime_ns == 1_600_000_000_000_000_000
    review = docx.Document(str(out))
    assert review.paragraphs[0].text == f"lexcheck review of {bill}"
    assert review.sections[0].header.paragraphs[0].text == "DRAFT FOR CONSULTATION - NOT FOR CITATION"
    authors = [c.author for c in review.comments]
    assert authors.count("Reviewer") == 1 and authors.count("lexcheck") > 15
    assert sorted(os.listdir(tmp_path)) == ["bill.docx", "review.docx"]  # no temporary file left behind


def test_a_corrupt_word_bill_is_still_one_line(tmp_path: Path, fast_cli: None) -> None:
    bill = tmp_path / "bad.docx"
    bill.write_bytes(REVIEWED[:3000])
    result = CliRunner().invoke(app, ["check", str(bill), "-o", str(tmp_path / "review.docx")])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and str(bill) in lines[0] and "[LX007]" in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_several_bills_give_one_new_document_with_each_as_text(
    render_context_kept: Callable[..., RenderContext], tmp_path: Path
) -> None:
    bill = tmp_path / "bill.docx"
    bill.write_bytes(REVIEWED)
    context = render_context_kept(bill, FIXTURES / "smuggling_bill.txt")
    review = docx.Document(io.BytesIO(render_context(context)))
    texts = [p.text for p in review.paragraphs]
    assert texts[0] == "lexcheck review"
    assert any(t.startswith("Word bills are shown here as text") for t in texts)
    assert review.sections[0].header.paragraphs[0].text == ""  # a new document, not the bill's copy
    assert {c.author for c in review.comments} == {"lexcheck"}
    assert len(list(review.comments)) == len(context.result.findings)
    assert "(b) \"victim\" means a woman or child who has been subjected to trafficking in persons." in texts


@pytest.fixture()
def render_context_kept(analyzer: Analyzer, rulebook: RuleBook) -> Callable[..., RenderContext]:
    def run(*paths: Path | str) -> RenderContext:
        result = check_paths([str(p) for p in paths], analyzer, read_options=ReadOptions(keep_original=True))
        return RenderContext(result, rulebook.rules, rulebook.catalogue)

    return run


def test_words_that_run_into_another_table_cell_are_commented_in_their_own_cell() -> None:
    cells = TextMap([
        SourceParagraph((3, 1, 0, 0), 0, 8, (SourcePiece(0, 8, (0,), 0),)),
        SourceParagraph((3, 1, 1, 0), 9, 20, (SourcePiece(9, 11, (1,), 0),)),
        SourceParagraph((4,), 21, 30, (SourcePiece(21, 9, (1,), 0),)),
        SourceParagraph((5,), 31, 40, (SourcePiece(31, 9, (1,), 0),)),
    ])
    across_cells, first_cell = cells.anchor(2, 15, ["x"]), cells.anchor(0, 8, ["x"])
    assert across_cells is not None and first_cell is not None and across_cells.end == first_cell.end
    across_paragraphs = cells.anchor(25, 35, ["x"])
    assert across_paragraphs is not None
    assert (across_paragraphs.start.paragraph, across_paragraphs.start.offset) == ((4,), 4)
    assert (across_paragraphs.end.paragraph, across_paragraphs.end.offset) == ((5,), 4)
    # Words that come from no run (a list number alone) are commented on their paragraph.
    numbered = TextMap([SourceParagraph((0,), 0, 12, (SourcePiece(4, 8, (1,), 0),))])
    only_number = numbered.anchor(0, 3, ["x"])
    assert only_number is not None and (only_number.start.offset, only_number.end.offset) == (0, 8)
    assert TextMap([]).anchor(0, 3, ["x"]) is None


def test_words_in_a_hyperlink_a_smart_tag_or_a_field_are_commented_there(
    analyzer: Analyzer, rulebook: RuleBook
) -> None:
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    word = docx.Document()
    word.add_paragraph("3. Assistance")
    shelter = word.add_paragraph("The Minister shall provide shelter to victims who are ")
    link = word.part.relate_to("https://example.org/", "http://schemas.openxmlformats.org/officeDocument/2006/"
                               "relationships/hyperlink", is_external=True)
    shelter._p.append(etree.fromstring(
        f'<w:hyperlink xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
        f' r:id="{link}"><w:r><w:t>citizens of the Republic</w:t></w:r></w:hyperlink>'))
    shelter.add_run(".")
    death = word.add_paragraph("A person who traffics another person shall be ")
    death._p.append(etree.fromstring(
        f'<w:smartTag xmlns:w="{W}" w:element="x"><w:r><w:t xml:space="preserve">sentenced </w:t></w:r></w:smartTag>'))
    death._p.append(etree.fromstring(
        f'<w:fldSimple xmlns:w="{W}" w:instr="DOCPROPERTY x"><w:r><w:t>to death</w:t></w:r></w:fldSimple>'))
    death.add_run(".")
    out = io.BytesIO()
    word.save(out)
    result = check_bytes(out.getvalue(), "m.docx", analyzer, read_options=ReadOptions(keep_original=True))
    report = render_context(RenderContext(result, rulebook.rules, rulebook.catalogue))
    body = xml(members(report)["word/document.xml"]).find(qn("w:body"))
    ranges = set(covered(body).values())
    assert {"citizens", "sentenced to death"} <= ranges
    assert {r.getparent().getparent().tag for r in body.iter(qn("w:commentReference"))} == {qn("w:p")}
    start = next(e for e in body.iter(qn("w:commentRangeStart")) if e.getnext().findtext(qn("w:t")) == "citizens")
    assert start.getparent().tag == qn("w:hyperlink")
