"""Word (.docx) bills: paragraphs, headings and tables in reading order, each line mapped to its paragraph.

List numbers that exist only as list formatting are written out (see docx_numbering). Tracked changes
are read as accepted (insertions in, deletions out) or, on request, as rejected (the original text).
Comments, footnotes, headers, footers, hidden text and text boxes are not part of the bill's text.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from lexcheck import errors
from lexcheck.document.builder import TextBuilder
from lexcheck.document.docx_numbering import Numbering, W
from lexcheck.document.model import Document
from lexcheck.document.options import ReadOptions
from lexcheck.errors import LexcheckError

_NS = {"w": W}
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


# Run content that is never part of the text: drawings and text boxes (and their fallbacks), embedded
# objects, field codes, and the markers of comments and notes.
_SKIPPED = {
    _w("pPr"),
    _w("rPr"),
    _w("drawing"),
    _w("pict"),
    _w("object"),
    _w("instrText"),
    _w("delInstrText"),
    _w("footnoteReference"),
    _w("endnoteReference"),
    _w("commentReference"),
    f"{{{_MC}}}AlternateContent",
}
_INSERTED = {_w("ins"), _w("moveTo")}
_DELETED = {_w("del"), _w("moveFrom")}


def check_archive(data: bytes, path: str, limit: int) -> None:
    """Refuse a Word file that is no zip archive or that would unpack to more than ``limit`` bytes.

    The sizes are those the archive declares for its members, read before anything is unpacked; the zip
    reader never produces more than a member declares, so a lying header cannot get past the limit.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise LexcheckError(
            errors.CORRUPT_DOCUMENT, path, kind="Word", detail=f"not a readable zip archive ({exc})"
        ) from None
    size = sum(member.file_size for member in members)
    if size > limit:
        raise LexcheckError(errors.UNPACKS_TOO_LARGE, path, kind="Word", size=size, limit=limit)
    if not any(member.filename == "[Content_Types].xml" for member in members):
        raise LexcheckError(errors.CORRUPT_DOCUMENT, path, kind="Word", detail="no [Content_Types].xml in the archive")


class _Writer:
    def __init__(self, numbering: Numbering, headings: set[str], accept: bool):
        self.out = TextBuilder()
        self.numbering = numbering
        self.headings = headings
        self.accept = accept
        self.index = 0

    def blocks(self, parent: etree._Element) -> None:
        for child in parent:
            tag = child.tag
            if tag == _w("p"):
                self.paragraph(child)
            elif tag == _w("tbl"):
                for row in child.iterfind("w:tr", _NS):
                    for cell in row.iterfind("w:tc", _NS):
                        self.blocks(cell)
            elif tag in (_w("sdt"), _w("customXml")):
                content = child.find("w:sdtContent", _NS) if tag == _w("sdt") else child
                if content is not None:
                    self.blocks(content)
            elif tag in _INSERTED | _DELETED and (tag in _INSERTED) == self.accept:
                self.blocks(child)  # a tracked block of whole paragraphs

    def paragraph(self, paragraph: etree._Element) -> None:
        self.index += 1
        properties = paragraph.find("w:pPr", _NS)
        if not self.accept and properties is not None:
            original = properties.find("w:pPrChange/w:pPr", _NS)
            if original is not None:
                properties = original
        style = properties.find("w:pStyle", _NS) if properties is not None else None
        style_id = style.get(_w("val")) if style is not None else None
        number = self.numbering.paragraph_number(properties, style_id)
        lines = "".join(self._text(paragraph)).split("\n")
        if not any(line.strip() for line in lines):
            self.out.blank()
            return
        heading = style_id in self.headings or (
            properties is not None and properties.find("w:outlineLvl", _NS) is not None
        )
        if heading:
            self.out.blank()
        location = {"paragraph": self.index}
        for position, line in enumerate(lines):
            self.out.line((number if position == 0 else "") + line, location)

    def _text(self, element: etree._Element) -> Iterator[str]:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag in _INSERTED:
                if self.accept:
                    yield from self._text(child)
            elif tag in _DELETED:
                if not self.accept:
                    yield from self._text(child)
            elif tag == _w("r"):
                properties = child.find("w:rPr", _NS)
                if properties is not None and (
                    properties.find("w:vanish", _NS) is not None or properties.find("w:webHidden", _NS) is not None
                ):
                    continue
                yield from self._run(child)
            elif tag == _w("p"):
                continue  # a paragraph nested in run content (a text box): not the bill's text
            elif tag == f"{{{_MATH}}}t":
                yield child.text or ""  # an equation's text (a formula for a fine)
            else:
                yield from self._text(child)

    def _run(self, run: etree._Element) -> Iterator[str]:
        for child in run:
            tag = child.tag
            if tag == _w("t") or (tag == _w("delText") and not self.accept):
                yield child.text or ""
            elif tag in (_w("tab"), _w("ptab")):
                yield "\t"
            elif tag in (_w("br"), _w("cr")):
                yield "\n"
            elif tag == _w("noBreakHyphen"):
                yield "-"
            elif isinstance(tag, str) and tag not in _SKIPPED and len(child):
                yield from self._run(child)


def _heading_styles(styles: etree._Element | None) -> set[str]:
    """Style ids of headings and titles, by their (language-independent) names."""
    found: set[str] = set()
    if styles is None:
        return found
    for style in styles.iterfind("w:style", _NS):
        name = style.find("w:name", _NS)
        value = (name.get(_w("val")) if name is not None else "") or ""
        if value.lower().startswith(("heading", "title")):
            found.add(style.get(_w("styleId")) or "")
    return found


def read_docx_bytes(data: bytes, path: str, options: ReadOptions | None = None) -> Document:
    """Build a Document from a Word file; every line maps to its 1-based paragraph number."""
    options = options or ReadOptions()
    check_archive(data, path, options.max_unpacked_bytes)
    try:
        word = docx.Document(io.BytesIO(data))
        body = word.element.body
        part = word.part
        styles = part.styles.element  # an empty set of styles when the file has none
        try:
            numbering_xml: etree._Element | None = part.part_related_by(RT.NUMBERING).element  # type: ignore[attr-defined]
        except KeyError:
            numbering_xml = None  # no lists in this document
        numbering = Numbering(numbering_xml, styles)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise LexcheckError(errors.CORRUPT_DOCUMENT, path, kind="Word", detail=str(exc) or type(exc).__name__) from None
    except etree.XMLSyntaxError as exc:
        raise LexcheckError(errors.CORRUPT_DOCUMENT, path, kind="Word", detail=f"invalid XML ({exc.msg})") from None
    writer = _Writer(numbering, _heading_styles(styles), accept=options.tracked_changes != "reject")
    writer.blocks(body)
    if writer.out.empty:
        raise LexcheckError(errors.NO_TEXT, path, kind="Word")
    return writer.out.document(path, "docx")
