"""The Word report (``--format docx``): a summary page and the bill, with a Word comment on each finding.

For each file: a first page with what was checked, the counts, the compliance matrix as a table and the
findings about the whole law; then the bill itself, line by line with its numbering and headings, each
finding commented (author "lexcheck") on the words it is about, or on the first line of the provision it
concerns. The comments are placed by :mod:`lexcheck.report.docx_comments`, which works on any document,
so commenting a copy of a bill that was a .docx needs only that document and where its paragraphs start.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import docx
from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from lexcheck.report.bill_layout import Block, layout
from lexcheck.report.docx_comments import CommentAnchor, ParagraphMap, anchor, annotate
from lexcheck.report.view import (
    SEVERITIES,
    SEVERITY_LABELS,
    SEVERITY_SYMBOLS,
    FileView,
    FindingView,
    RunView,
    build_view,
)

if TYPE_CHECKING:
    from lexcheck.report import RenderContext

_COLOURS = {"error": RGBColor(0xB3, 0x26, 0x1E), "warning": RGBColor(0x8A, 0x53, 0x00), "info": RGBColor(0x1A, 0x5F, 0xB4)}
_INDENT = Cm(0.6)
_MATRIX_WIDTHS = (Cm(5.0), Cm(3.2), Cm(2.6), Cm(6.2))
HOW_TO_READ = (
    "The compliance matrix lists every concern lexcheck checks, with the status this bill has for it: issue found, "
    "partial (a weaker safeguard), safeguard present (and where), no issue found, not applicable (the law does not "
    "create the kind of offence the concern is about), or not evaluated (nothing in the text decides it). After "
    "the findings about the law as a whole comes the bill, where each finding is a Word comment by lexcheck on the "
    "words it is about, or on the first line of the provision it concerns, with its recommendation and legal basis."
)


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


def add_bill(document: Document, file: FileView) -> ParagraphMap:
    """Append the bill to a document, one paragraph per line; return where each paragraph starts in the text."""
    text = file.report.text
    starts: list[int] = []
    lengths: list[int] = []
    before = len(document.paragraphs)
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
                starts.append(lead)
                lengths.append(len(line))
            offset += len(raw) + 1
    # Paragraphs before the bill (the summary) are never anchored: they map to nothing.
    return ParagraphMap([-1] * before + starts, [0] * before + lengths)


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


def comment_anchors(file: FileView, paragraphs: ParagraphMap) -> list[CommentAnchor]:
    """One anchor per finding: on its words, or on the first line of the provision it concerns."""
    anchors = []
    for view in file.findings:
        finding = view.finding
        anchors.append(
            anchor(
                paragraphs,
                finding.start_char,
                finding.end_char,
                comment_lines(view),
                whole_paragraph=view.placement != "words",
            )
        )
    return anchors


def _summary(document: Document, run: RunView, file: FileView) -> None:
    report = file.report
    document.add_heading(f"lexcheck review of {report.path}", level=1)
    note = document.add_paragraph()
    note.add_run("Automated checks. ").bold = True
    note.add_run(run.disclaimer).italic = True
    document.add_paragraph(
        f"Checked {run.generated} with lexcheck {run.version} (pipeline {run.pipeline}). "
        f"{report.provisions} provisions; the law creates {file.instruments}. "
        f"{len(file.findings)} finding(s): "
        + ", ".join(f"{file.by_severity[level]} {level}" for level in SEVERITIES)
        + "."
    )
    if file.by_toolkit:
        document.add_paragraph(
            "By toolkit area: " + "; ".join(f"{area or 'other'}: {count}" for area, count in file.by_toolkit) + "."
        )
    document.add_paragraph(HOW_TO_READ)
    document.add_heading("Compliance matrix", level=2)
    _matrix(document, file)
    document.add_heading("Whole law", level=2)
    if not file.law_level:
        document.add_paragraph("No finding concerns the law as a whole.")
    for view in file.law_level:
        item = document.add_paragraph(style="List Bullet")
        tag = item.add_run(f"{SEVERITY_SYMBOLS[view.finding.severity]} {SEVERITY_LABELS[view.finding.severity]}: ")
        tag.bold = True
        tag.font.color.rgb = _COLOURS[view.finding.severity]
        item.add_run(f"{view.finding.title}. ").bold = True
        item.add_run(f"{view.finding.message} Recommendation: {view.finding.recommendation}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _matrix(document: Document, file: FileView) -> None:
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.autofit = False
    for cell, title in zip(table.rows[0].cells, ("Concern", "Status", "Where", "Remarks"), strict=True):
        cell.paragraphs[0].add_run(title).bold = True
    for row in file.matrix:
        decision = row.decision
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(decision.concern).bold = True
        cells[0].paragraphs[0].add_run(f" {decision.title}")
        status = cells[1].paragraphs[0].add_run(f"{row.symbol} {row.label}")
        if decision.status in ("issue", "partial"):
            status.bold = True
            status.font.color.rgb = _COLOURS["error" if decision.status == "issue" else "warning"]
        cells[2].paragraphs[0].add_run(", ".join(decision.where))
        cells[3].paragraphs[0].add_run(row.remarks)
    for table_row in table.rows:
        for cell, width in zip(table_row.cells, _MATRIX_WIDTHS, strict=True):
            cell.width = width
            for paragraph in cell.paragraphs:
                for piece in paragraph.runs:
                    piece.font.size = Pt(8.5)


def render_document(context: RenderContext) -> Document:
    """The Word report of a run as a python-docx Document."""
    run = build_view(context)
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
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for number, file in enumerate(run.files):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _summary(document, run, file)
        anchors.extend(comment_anchors(file, add_bill(document, file)))
    annotate(document, anchors)
    return document


def render_context(context: RenderContext) -> bytes:
    """The Word report of a run, as the bytes of a .docx file, for the format table."""
    buffer = io.BytesIO()
    render_document(context).save(buffer)
    return buffer.getvalue()
