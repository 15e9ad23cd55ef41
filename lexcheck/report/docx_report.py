"""The Word report (``--format docx``): a summary page and the bill, with a Word comment on each finding.

For each file: a first page with what was checked, the counts, the compliance matrix as a table and the
findings about the whole law (:mod:`lexcheck.report.docx_summary`); then the bill, each finding commented
(author "lexcheck") on the words it is about, or on the first line of the provision it concerns.

A run that checked one bill that was a Word file (and kept its bytes, as ``lexcheck check`` does when a
Word report is asked for) gets a copy of that very document: its styles, numbering, headers, tables and
notes as they were, the comments on its own runs, and the summary page put in front. Any other run gets a
new document with the text of each bill, one after the other. The comments are placed by
:mod:`lexcheck.report.docx_comments` in either case, from where each paragraph's text is in the analysed
text: as the Word reader recorded it, or as :func:`add_bill` writes it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import docx
from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Cm, Length, Pt

from lexcheck.report.bill_layout import Block, layout
from lexcheck.report.docx_comments import CommentAnchor, TextMap, annotate
from lexcheck.report.docx_summary import add_summary
from lexcheck.report.view import FileView, FindingView, RunView, build_view
from lexcheck.results import SourceParagraph, SourcePiece

if TYPE_CHECKING:
    from lexcheck.report import RenderContext

_INDENT = Cm(0.6)


def comment_lines(view: FindingView) -> list[str]:
    """What a finding's comment says: severity and title, then message, what is missing, fix and basis."""
    finding = view.finding
    lines = [f"{view.symbol} {view.severity_label.upper()}: {finding.title}"]
    if view.placement == "law":
        lines.append(f"Whole law ({finding.concern}): {finding.message}")
    else:
        lines.append(f"{finding.concern}: {finding.message}")
    if view.limitation is not None:
        where = f" ({view.limitation_provision})" if view.limitation_provision else ""
        lines.append(f"Weaker safeguard found: “{view.limitation}”{where}. A full safeguard needs {view.missing}.")
    elif view.missing is not None:
        lines.append(f"Missing: {view.missing}")
    if view.penalty_note is not None:
        lines.append(view.penalty_note)
    lines.append(f"Recommendation: {finding.recommendation}")
    lines.append("Legal basis: " + "; ".join(finding.references))
    return lines


def add_bill(document: Document, file: FileView) -> list[SourceParagraph]:
    """Append the bill to a document, one paragraph per line; return where each paragraph's text is."""
    text = file.report.text
    written: list[tuple[CT_P, int, int]] = []
    for block in layout(file):
        offset = block.start
        for raw in text[block.start : block.end].split("\n"):
            line = raw.strip()
            if line:
                lead = offset + len(raw) - len(raw.lstrip())
                paragraph = document.add_paragraph(line, style=_style(block, lead, line))
                if paragraph.style is not None and paragraph.style.name == "Normal":
                    paragraph.paragraph_format.left_indent = _INDENT * max(0, block.level - 1)
                    paragraph.paragraph_format.space_after = Pt(4)
                written.append((paragraph._p, lead, len(line)))
            offset += len(raw) + 1
    # Each paragraph holds its line in one run; paths are taken once the whole bill is written.
    body = document.element.body
    position = {element: index for index, element in enumerate(body)}
    found = []
    for element, lead, length in written:
        piece = SourcePiece(lead, length, ([child.tag for child in element].index(qn("w:r")),), 0)
        found.append(SourceParagraph((position[element],), lead, lead + length, (piece,)))
    return found


def _style(block: Block, offset: int, line: str) -> str:
    for _, entry in block.anchors:
        if entry is None or entry.start > offset or not entry.heading:
            continue
        # The line that carries a Part's or a section's number and heading, and nothing else.
        if (entry.container or entry.kind == "section") and line.rstrip(" .:").endswith(entry.heading.rstrip(" .:")):
            return "Heading 2" if entry.container else "Heading 3"
    if block.provision is None and offset == block.start:
        return "Title"
    return "Normal"


def comment_anchors(file: FileView, text: TextMap) -> list[CommentAnchor]:
    """One anchor per finding: on its words, or on the first line of the provision it concerns."""
    anchors = []
    for view in file.findings:
        finding = view.finding
        placed = text.anchor(
            finding.start_char, finding.end_char, comment_lines(view), whole_paragraph=view.placement != "words"
        )
        if placed is not None:
            anchors.append(placed)
    return anchors


def _new_report(run: RunView) -> Document:
    """A new document with the text of every bill, each after its summary page."""
    document = docx.Document()
    document.core_properties.author = "lexcheck"
    document.core_properties.title = "lexcheck review"
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(2.0)
    anchors: list[CommentAnchor] = []
    if len(run.files) > 1 or run.errors:
        document.add_heading("lexcheck review", level=1)
        for file in run.files:
            document.add_paragraph(
                f"{file.report.path}: {len(file.findings)} finding(s), creates {file.instruments}", style="List Bullet"
            )
        for error in run.errors:
            document.add_paragraph(f"{error.path}: not analysed: {error.message}", style="List Bullet")
        if any(file.report.source_format == "docx" for file in run.files):
            document.add_paragraph(WORD_BILLS_AS_TEXT)
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for number, file in enumerate(run.files):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        add_summary(document, run, file)
        anchors.extend(comment_anchors(file, TextMap(add_bill(document, file))))
    annotate(document, anchors)
    return document


WORD_BILLS_AS_TEXT = (
    "Word bills are shown here as text, like the others. Checked on its own, a Word bill gets a Word report "
    "that is a copy of the bill itself, with the comments on its own words."
)


def _commented_copy(run: RunView, file: FileView, original: bytes) -> Document:
    """A copy of a Word bill with its findings as comments and the summary page in front.

    The copy is opened from the bytes that were analysed; the file itself is never opened for writing.
    """
    document = docx.Document(io.BytesIO(original))
    annotate(document, comment_anchors(file, TextMap(file.report.paragraphs)))
    # The page is made in a document of lexcheck's own, then moved in front of the bill: made in place, a
    # table would bring the default styles into a copy that has none.
    page = docx.Document()
    notes = [f"{error.path}: not analysed: {error.message}" for error in run.errors]
    add_summary(page, run, file, plain=True, notes=notes, width=_text_width(document))
    body = document.element.body
    made = [element for element in page.element.body if element.tag != qn("w:sectPr")]
    for element in reversed(made):
        body.insert(0, element)
    return document


def _text_width(document: Document) -> Length | None:
    """The width of the text on the first page, if the document says."""
    section = document.sections[0] if len(document.sections) else None
    if section is None or None in (section.page_width, section.left_margin, section.right_margin):
        return None
    return Length(section.page_width - section.left_margin - section.right_margin)  # type: ignore[operator]


def render_document(context: RenderContext) -> Document:
    """The Word report of a run as a python-docx Document."""
    run = build_view(context)
    if len(run.files) == 1:
        file = run.files[0]
        if file.report.original is not None and file.report.paragraphs:
            return _commented_copy(run, file, file.report.original)
    return _new_report(run)


def render_context(context: RenderContext) -> bytes:
    """The Word report of a run, as the bytes of a .docx file, for the format table."""
    buffer = io.BytesIO()
    render_document(context).save(buffer)
    return buffer.getvalue()
