"""The Word report: the bill with one comment per finding, a summary page with the compliance matrix, and
comments that can be put on any .docx (its runs cut where needed, formatting kept)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES, libreoffice_pdf
from docx.oxml.ns import qn
from docx.shared import RGBColor
from pypdf import PdfReader
from typer.testing import CliRunner

from lexcheck.cli import app
from lexcheck.report import FORMATS, RenderContext, format_for_path
from lexcheck.report.docx_comments import TextMap, annotate
from lexcheck.report.docx_report import render_context as render_docx
from lexcheck.report.view import placement
from lexcheck.results import SourceParagraph, SourcePiece

HOSTILE = FIXTURES / "hostile_bill.txt"
TRAFFICKING = FIXTURES / "trafficking_bill.md"


def commented_text(document: docx.document.Document) -> dict[str, str]:
    """The text each comment covers, by comment id, paragraphs joined by a newline."""
    covered: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for paragraph in document.element.body.iter(qn("w:p")):
        for element in paragraph.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:t")):
            ident = element.get(qn("w:id"))
            if element.tag == qn("w:commentRangeStart"):
                open_ids.add(ident)
                covered.setdefault(ident, [])
            elif element.tag == qn("w:commentRangeEnd"):
                open_ids.discard(ident)
            else:
                for i in open_ids:
                    covered[i].append(element.text or "")
        for i in open_ids:
            covered[i].append("\n")
    return {i: "".join(parts).strip() for i, parts in covered.items()}


@pytest.fixture(scope="module")
def hostile(render_context: Callable[..., RenderContext], tmp_path_factory: pytest.TempPathFactory):
    context = render_context(HOSTILE, TRAFFICKING)
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    path.write_bytes(render_docx(context))
    return context, path


def test_each_finding_is_a_comment_by_lexcheck(hostile) -> None:
    context, path = hostile
    findings = context.result.findings
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/comments.xml").decode("utf-8")
    assert len(re.findall(r"<w:comment\b", xml)) == len(findings) > 10
    document = docx.Document(str(path))
    comments = list(document.comments)
    assert len(comments) == len(findings)
    assert {c.author for c in comments} == {"lexcheck"}
    texts = [c.text for c in comments]
    for finding in findings:
        label = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}[finding.severity]
        matching = [t for t in texts if f"{label}: {finding.title}" in t and finding.recommendation in t]
        assert matching, finding.title
        assert finding.message in matching[0] and finding.references[0] in matching[0]


def test_comments_cover_the_words_or_the_provision_they_are_about(hostile) -> None:
    context, path = hostile
    document = docx.Document(str(path))
    covered = commented_text(document)
    # Comments are made in report order: file by file, each in document order.
    findings = sorted(context.result.findings, key=lambda f: f.sort_key())
    comments = sorted(document.comments, key=lambda c: c.comment_id)
    texts = {r.path: r.text for r in context.result.files}
    for finding, comment in zip(findings, comments, strict=True):
        assert finding.title in comment.text
        anchored = covered[str(comment.comment_id)]
        text = texts[finding.path]
        if placement(finding) == "words":
            expected = text[finding.start_char:finding.end_char]
            assert " ".join(anchored.split()) == " ".join(expected.split())
        else:
            # Missing safeguards and whole-law findings: the first line of the provision they concern.
            first_line = text[finding.start_char:].lstrip().split("\n", 1)[0].strip()
            assert anchored == first_line


def test_bill_keeps_its_numbering_and_headings_after_a_summary_page(hostile) -> None:
    context, path = hostile
    document = docx.Document(str(path))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 2", "PART I — PRELIMINARY") in headings
    assert ("Heading 3", "1. Short title.") in headings
    assert ("Heading 2", "Compliance matrix") in headings and ("Heading 2", "Whole law") in headings
    body = [p.text for p in document.paragraphs]
    assert "5. Assistance." in body
    assert any(t.startswith("A person who facilitates the illegal entry") for t in body)
    assert any('<script>window.__lexcheckInjected = "definition"</script>' in t for t in body)
    # The compliance matrix of each file, one row per concern, with the engine's statuses.
    matrix = document.tables[0]
    decisions = sorted(context.result.files, key=lambda r: r.path)[0].decisions
    assert len(matrix.rows) == 1 + len(decisions)
    assert [c.text for c in matrix.rows[0].cells] == ["Concern", "Status", "Where", "Remarks"]
    for row, decision in zip(list(matrix.rows)[1:], decisions, strict=True):
        assert row.cells[0].text.startswith(decision.concern)
        assert decision.status.replace("_", " ") in row.cells[1].text.replace("issue found", "issue")
    assert len(document.tables) == 2  # one per file


def test_libreoffice_converts_the_report_to_pdf(hostile, tmp_path: Path) -> None:
    _, path = hostile
    pdf = libreoffice_pdf(path, tmp_path)
    reader = PdfReader(str(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 3
    for expected in ("Compliance matrix", "PART II", "Trafficking in persons", "Anti-Trafficking Bill"):
        assert expected in text


def test_comments_go_on_an_existing_document_without_losing_its_formatting(tmp_path: Path) -> None:
    """What commenting a copy of a .docx bill relies on: runs cut at the words, each part keeping its look."""
    original = tmp_path / "bill.docx"
    source = docx.Document()
    source.add_paragraph("1. Assistance.", style="Heading 1")
    paragraph = source.add_paragraph()
    first = paragraph.add_run("The Minister shall assist victims ")
    first.bold = True
    second = paragraph.add_run("who are citizens of the Republic.")
    second.italic = True
    second.font.color.rgb = RGBColor(0x11, 0x22, 0x33)
    source.save(str(original))
    before = original.read_bytes()

    copy = docx.Document(io.BytesIO(before))
    text = "1. Assistance.\nThe Minister shall assist victims who are citizens of the Republic."
    # Paragraph 0 holds its text in run 1 (after its properties); paragraph 1 in runs 0 and 1.
    paragraphs = TextMap([
        SourceParagraph((0,), 0, 14, (SourcePiece(0, 14, (1,), 0),)),
        SourceParagraph((1,), 15, 82, (SourcePiece(15, 34, (0,), 0), SourcePiece(49, 33, (1,), 0))),
    ])
    start = text.index("victims who are citizens")
    anchors = [
        paragraphs.anchor(start, start + len("victims who are citizens"), ["ERROR: limited to citizens", "Fix it."]),
        paragraphs.anchor(text.index("Assistance"), text.index("Assistance") + 3, ["INFO: heading"],
                          whole_paragraph=True),
    ]
    comments = annotate(copy, [a for a in anchors if a is not None])
    assert [c.author for c in comments] == ["lexcheck", "lexcheck"]
    out = tmp_path / "commented.docx"
    copy.save(str(out))
    assert original.read_bytes() == before
    reopened = docx.Document(str(out))
    assert [p.text for p in reopened.paragraphs] == text.split("\n")
    runs = [r for r in reopened.paragraphs[1].runs if r.text]  # the others hold the comment references
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in runs] == [
        ("The Minister shall assist ", True, False), ("victims ", True, False),
        ("who are citizens", False, True), (" of the Republic.", False, True)]
    assert runs[2].font.color.rgb == RGBColor(0x11, 0x22, 0x33)
    covered = commented_text(reopened)
    assert sorted(covered.values()) == ["1. Assistance.", "victims who are citizens"]
    assert next(c.text for c in reopened.comments) == "ERROR: limited to citizens\nFix it."


def test_docx_format_from_the_command_line(tmp_path: Path) -> None:
    assert format_for_path("review.docx") is FORMATS["docx"]
    out = tmp_path / "review.docx"
    result = CliRunner().invoke(app, ["check", str(FIXTURES / "smuggling_bill.txt"), "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    assert len(list(docx.Document(str(out)).comments)) >= 2
