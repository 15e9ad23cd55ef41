"""One bill, written out as every format lexcheck reads: text, Word (with real list numbering), PDF, HTML and
Akoma Ntoso. The tests generate each file from the same structure, so any difference in findings comes
from a reader.

A bill is a list of units: ("title", text), ("part", number, heading), ("section", number, heading),
("text", words), ("sub", number, words) for a numbered subsection and ("para", letter, words) for a
lettered paragraph inside one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape as html_escape
from xml.sax.saxutils import escape as xml_escape

Unit = tuple[str, ...]

BILL: list[Unit] = [
    ("title", "BORDER CONTROL AND ANTI-TRAFFICKING BILL"),
    ("part", "I", "PRELIMINARY"),
    ("section", "1", "Short title"),
    ("text", "This Act may be cited as the Border Control and Anti-Trafficking Act."),
    ("section", "2", "Interpretation"),
    ("text", "In this Act, unless the context otherwise requires -"),
    ("para", "a", '"child" means a person under the age of eighteen years;'),
    ("para", "b", '"victim" means a woman or child who has been subjected to trafficking in persons.'),
    ("part", "II", "OFFENCES"),
    ("section", "3", "Trafficking in persons"),
    ("sub", "1", "A person who recruits, transports or harbours another person by means of force or deception"),
    ("text", "for the purpose of exploitation commits the offence of trafficking in persons."),
    ("sub", "2", "A person who commits an offence under subsection (1) is liable to imprisonment for ten years."),
    ("sub", "3", "Where the offence results in the death of a victim, the offender shall be sentenced to death."),
    ("section", "4", "Smuggling of migrants"),
    ("sub", "1", "A person who facilitates the illegal entry of another person into the Republic commits an offence."),
    ("sub", "2", "A person who commits an offence under subsection (1) is liable to imprisonment for fifteen years."),
    ("part", "III", "PROTECTION OF VICTIMS"),
    ("section", "5", "Assistance"),
    ("sub", "1", "The Minister shall provide shelter and medical care to victims who are citizens of the Republic."),
    ("sub", "2", "A victim may be detained in an immigration facility pending removal."),
]


def _lines(bill: Sequence[Unit]) -> list[tuple[str, str]]:
    """(kind, line) pairs of the bill as a drafter types it; the kind says how each format marks it up."""
    out = []
    for unit in bill:
        kind = unit[0]
        if kind == "title":
            out.append((kind, unit[1]))
        elif kind == "part":
            out.append((kind, f"PART {unit[1]} - {unit[2]}"))
        elif kind == "section":
            out.append((kind, f"{unit[1]}. {unit[2]}"))
        elif kind == "text":
            out.append((kind, unit[1]))
        else:
            out.append((kind, f"({unit[1]}) {unit[2]}"))
    return out


def to_text(bill: Sequence[Unit] = BILL) -> str:
    """The bill as a text file: a blank line before each Part and section, as printed bills have."""
    lines = []
    for kind, line in _lines(bill):
        if kind in ("part", "section") and lines:
            lines.append("")
        lines.append(line)
    return "\n".join(lines) + "\n"


# -- Word --------------------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ABSTRACT = f"""<w:abstractNum xmlns:w="{_W}" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/>
    <w:suff w:val="space"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>
    <w:suff w:val="space"/></w:lvl>
</w:abstractNum>"""


def to_docx(bill: Sequence[Unit] = BILL, numbering: bool = True) -> bytes:
    """The bill as a Word file. With ``numbering``, "(1)" and "(a)" are Word list numbers, not text:
    each section restarts its list (a new list instance with a start override), as Word does."""
    from docx import Document as WordDocument
    from docx.oxml import parse_xml

    document = WordDocument()
    numbering_root = document.part.numbering_part.element if numbering else None
    if numbering_root is not None:
        numbering_root.insert(0, parse_xml(_ABSTRACT))
    next_num = 900
    current_num: int | None = None
    for unit, (kind, line) in zip(bill, _lines(bill), strict=True):
        if kind == "title":
            document.add_paragraph(line, style="Title")
        elif kind in ("part", "section"):
            document.add_paragraph(line, style="Heading 1" if kind == "part" else "Heading 2")
            current_num = None
        elif kind in ("sub", "para") and numbering_root is not None:
            if current_num is None:
                next_num += 1
                current_num = next_num
                numbering_root.append(
                    parse_xml(
                        f'<w:num xmlns:w="{_W}" w:numId="{current_num}"><w:abstractNumId w:val="90"/>'
                        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                        f'<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
                    )
                )
            paragraph = document.add_paragraph(unit[2])
            paragraph._p.get_or_add_pPr().insert(
                0,
                parse_xml(
                    f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{0 if kind == "sub" else 1}"/>'
                    f'<w:numId w:val="{current_num}"/></w:numPr>'
                ),
            )
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- PDF ---------------------------------------------------------------------------------------------


def to_pdf(bill: Sequence[Unit] = BILL, lines_per_page: int = 14) -> bytes:
    """The bill as a PDF with a running header and page numbers, broken over several pages."""
    from fpdf import FPDF

    class Printed(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, "DRAFT FOR CONSULTATION - NOT FOR CITATION", align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, f"Page {self.page_no()}", align="C")

    pdf = Printed(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(15, 15, 15)
    count = lines_per_page
    for kind, line in _lines(bill):
        if count >= lines_per_page:
            pdf.add_page()
            count = 0
        elif kind in ("part", "section"):
            pdf.ln(6)  # a paragraph gap, read as a blank line
        pdf.set_font("Helvetica", style="B" if kind in ("title", "part", "section") else "", size=9)
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        count += 1
    return bytes(pdf.output())


# -- HTML --------------------------------------------------------------------------------------------


def to_html(bill: Sequence[Unit] = BILL) -> bytes:
    """The bill as a legislation web page: navigation, a script and a footer around the law, sections as
    headings, and subsections and paragraphs as ordered lists whose numbers exist only in the markup."""
    body: list[str] = []
    lists: list[str] = []  # the kinds of the lists open, outermost first ("sub", "para")

    def close_to(depth: int) -> None:
        while len(lists) > depth:
            lists.pop()
            body.append("</li></ol>")

    for kind, line in _lines(bill):
        if kind == "title":
            body.append(f"<h1>{html_escape(line)}</h1>")
        elif kind in ("part", "section"):
            close_to(0)
            level = 2 if kind == "part" else 3
            body.append(f"<h{level}>{html_escape(line)}</h{level}>")
        elif kind in ("sub", "para"):
            words = html_escape(line.split(") ", 1)[1])
            depth = lists.index(kind) + 1 if kind in lists else len(lists) + 1
            if kind == "sub":
                depth = 1
            close_to(depth)
            if len(lists) == depth:
                body.append(f"</li><li>{words}")
            else:
                body.append(("<ol>" if kind == "sub" else '<ol type="a">') + f"<li>{words}")
                lists.append(kind)
        elif lists:
            body.append(f"<p>{html_escape(line)}</p>")  # closing words of the open list item
        else:
            body.append(f"<p>{html_escape(line)}</p>")
    close_to(0)
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Bill</title>\n'
        "<style>body { font-family: serif }</style><script>var section = '9. Not a section';</script></head>\n"
        '<body><nav class="site-nav"><a href="/">Home</a> <a href="/acts">Acts</a></nav>\n'
        "<header><p>Parliament of the Republic</p></header>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n<footer><p>Section 99. Copyright notice.</p></footer></body></html>\n"
    )
    return page.encode("utf-8")


# -- Akoma Ntoso -------------------------------------------------------------------------------------


def to_akn(bill: Sequence[Unit] = BILL) -> bytes:
    """The bill as an Akoma Ntoso 3.0 act, numbers in ``num`` and every unit with its eId."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">',
           '<act name="bill"><meta><identification source="#drafter"/></meta>']
    body: list[str] = []
    stack: list[str] = []  # open element names
    section = sub = ""

    def close(level: str) -> None:
        order = ["part", "section", "subsection", "paragraph"]
        while stack and order.index(stack[-1]) >= order.index(level):
            body.append(f"</{stack.pop()}>")

    for unit in bill:
        kind = unit[0]
        if kind == "title":
            out.append(f"<preface><p><docTitle>{xml_escape(unit[1])}</docTitle></p></preface>")
        elif kind == "part":
            close("part")
            body.append(f'<part eId="part_{unit[1]}"><num>PART {unit[1]}</num><heading>{xml_escape(unit[2])}</heading>')
            stack.append("part")
        elif kind == "section":
            close("section")
            section = unit[1]
            body.append(f'<section eId="sec_{section}"><num>{section}.</num><heading>{xml_escape(unit[2])}</heading>')
            stack.append("section")
        elif kind == "sub":
            close("subsection")
            sub = f"sec_{section}__subsec_{unit[1]}"
            body.append(f'<subsection eId="{sub}"><num>({unit[1]})</num><content><p>{xml_escape(unit[2])}</p></content>')
            stack.append("subsection")
        elif kind == "para":
            close("paragraph")
            parent = sub if stack and stack[-1] == "subsection" else f"sec_{section}"
            body.append(
                f'<paragraph eId="{parent}__para_{unit[1]}"><num>({unit[1]})</num>'
                f"<content><p>{xml_escape(unit[2])}</p></content>"
            )
            stack.append("paragraph")
        else:
            body.append(f"<wrapUp><p>{xml_escape(unit[1])}</p></wrapUp>" if stack and stack[-1] == "subsection"
                        else f"<content><p>{xml_escape(unit[1])}</p></content>")
    close("part")
    out.append("<body>" + "\n".join(body) + "</body></act></akomaNtoso>")
    return "\n".join(out).encode("utf-8")


_FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{_W}">
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Compare the Smuggling of Migrants Protocol, article 6.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
_TRACKED = 'w:author="Drafter" w:date="2025-01-01T00:00:00Z"'


def to_reviewed_docx() -> bytes:
    """The bill as a Word file in the middle of a review, with what a drafting office's files have.

    List numbering (as in :func:`to_docx`), a running header, a footnote, an earlier reviewer's comment, a
    tracked change in the definition of "victim" (a person → a woman), runs of three formats inside the
    words "sentenced to death", and section 5(1) given as a table of measures.
    """
    from docx import Document as WordDocument
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.shared import RGBColor

    document = WordDocument(io.BytesIO(to_docx(numbering=True)))
    document.sections[0].header.paragraphs[0].text = "DRAFT FOR CONSULTATION - NOT FOR CITATION"
    paragraphs = {p.text: p for p in document.paragraphs}

    title = paragraphs["1. Short title"]
    document.add_comment(title.runs, text="Check the short title against the long title.", author="Reviewer")

    victim = paragraphs['"victim" means a woman or child who has been subjected to trafficking in persons.']
    victim.runs[0].text = '"victim" means '
    victim._p.append(parse_xml(
        f'<w:del xmlns:w="{_W}" w:id="101" {_TRACKED}><w:r><w:delText>a person</w:delText></w:r></w:del>'
    ))
    victim._p.append(parse_xml(f'<w:ins xmlns:w="{_W}" w:id="102" {_TRACKED}><w:r><w:t>a woman</w:t></w:r></w:ins>'))
    victim.add_run(" or child who has been subjected to trafficking in persons.")

    death = paragraphs["Where the offence results in the death of a victim, the offender shall be sentenced to death."]
    death.runs[0].text = "Where the offence results in the death of a victim, the offender shall be sen"
    death.add_run("tenced to de").bold = True
    tail = death.add_run("ath.")
    tail.italic = True
    tail.font.color.rgb = RGBColor(0x11, 0x22, 0x33)

    smuggling = paragraphs["A person who facilitates the illegal entry of another person into the Republic commits an offence."]
    footnotes = Part(
        PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, _FOOTNOTES.encode("utf-8"), document.part.package
    )
    document.part.relate_to(footnotes, RELATIONSHIP_TYPE.FOOTNOTES)
    smuggling._p.append(parse_xml(
        f'<w:r xmlns:w="{_W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    ))

    shelter = paragraphs["The Minister shall provide shelter and medical care to victims who are citizens of the Republic."]
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for cell, text in zip(table._cells, ["Measure", "Who receives it", "Shelter and medical care",
                                         "The Minister shall provide it to victims who are citizens of the Republic."],
                          strict=True):
        cell.text = text
    shelter._p.addnext(table._tbl)
    shelter._p.getparent().remove(shelter._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
