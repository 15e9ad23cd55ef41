"""The first page of a Word report: what was checked, the counts, the compliance matrix, whole-law findings.

Written with the report's own styles (headings, bullets, a grid table) into a document lexcheck makes, or,
``plain``, with direct formatting only, for a page that goes in front of someone else's document: its styles
may be missing or look different (a "Heading 1" numbered "Part 1" would count the summary as a Part), so
a plain page uses none of them and leaves the bill's styles and numbering as they were.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Emu, Length, Pt, RGBColor
from docx.text.paragraph import Paragraph

from lexcheck.report.view import SEVERITIES, SEVERITY_LABELS, SEVERITY_SYMBOLS, FileView, RunView

COLOURS = {"error": RGBColor(0xB3, 0x26, 0x1E), "warning": RGBColor(0x8A, 0x53, 0x00), "info": RGBColor(0x1A, 0x5F, 0xB4)}
_MATRIX_WIDTHS = (Cm(5.0), Cm(3.2), Cm(2.6), Cm(6.2))
_HEADING_SIZES = {1: Pt(16), 2: Pt(13)}
_BORDERS = (
    f"<w:tblBorders {nsdecls('w')}>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)
HOW_TO_READ = (
    "The compliance matrix lists every concern lexcheck checks, with the status this bill has for it: issue found, "
    "partial (a weaker safeguard), safeguard present (and where), no issue found, not applicable (the law does not "
    "create the kind of offence the concern is about), or not evaluated (nothing in the text decides it). After "
    "the findings about the law as a whole comes the bill, where each finding is a Word comment by lexcheck on the "
    "words it is about, or on the first line of the provision it concerns, with its recommendation and legal basis."
)


def add_summary(
    document: Document,
    run: RunView,
    file: FileView,
    plain: bool = False,
    notes: Sequence[str] = (),
    width: Length | None = None,
) -> None:
    """Append the summary page of one file, ending with a page break.

    ``notes`` are further lines for the top (inputs that could not be analysed); ``width`` is the width
    of the text on the page, to which the compliance matrix is fitted (default: 17 cm).
    """
    report = file.report
    _heading(document, f"lexcheck review of {report.path}", 1, plain)
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
    for line in notes:
        _bullet(document, plain).add_run(line)
    if file.by_toolkit:
        document.add_paragraph(
            "By toolkit area: " + "; ".join(f"{area or 'other'}: {count}" for area, count in file.by_toolkit) + "."
        )
    document.add_paragraph(HOW_TO_READ)
    _heading(document, "Compliance matrix", 2, plain)
    _matrix(document, file, plain, width)
    _heading(document, "Whole law", 2, plain)
    if not file.law_level:
        document.add_paragraph("No finding concerns the law as a whole.")
    for view in file.law_level:
        item = _bullet(document, plain)
        tag = item.add_run(f"{SEVERITY_SYMBOLS[view.finding.severity]} {SEVERITY_LABELS[view.finding.severity]}: ")
        tag.bold = True
        tag.font.color.rgb = COLOURS[view.finding.severity]
        item.add_run(f"{view.finding.title}. ").bold = True
        item.add_run(f"{view.finding.message} Recommendation: {view.finding.recommendation}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _heading(document: Document, text: str, level: int, plain: bool) -> None:
    if not plain:
        document.add_heading(text, level=level)
        return
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12 if level == 1 else 10)
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = _HEADING_SIZES[level]


def _bullet(document: Document, plain: bool) -> Paragraph:
    if not plain:
        return document.add_paragraph(style="List Bullet")
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(0.6)
    paragraph.paragraph_format.first_line_indent = Cm(-0.4)
    paragraph.add_run("•\t")
    return paragraph


def _matrix(document: Document, file: FileView, plain: bool, width: Length | None) -> None:
    table = document.add_table(rows=1, cols=4)
    if plain:
        table._tbl.tblPr.append(parse_xml(_BORDERS))
    else:
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
            status.font.color.rgb = COLOURS["error" if decision.status == "issue" else "warning"]
        cells[2].paragraphs[0].add_run(", ".join(decision.where))
        cells[3].paragraphs[0].add_run(row.remarks)
    scale = 1.0 if width is None else width / sum(_MATRIX_WIDTHS)
    for table_row in table.rows:
        for cell, column in zip(table_row.cells, _MATRIX_WIDTHS, strict=True):
            cell.width = Emu(int(column * scale))
            for paragraph in cell.paragraphs:
                for piece in paragraph.runs:
                    piece.font.size = Pt(8.5)
