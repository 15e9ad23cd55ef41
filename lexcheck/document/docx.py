"""Word (.docx) bills: paragraphs, headings and tables in reading order, each line mapped to its paragraph.

List numbers that exist only as list formatting are written out (see docx_numbering). Tracked changes
are read as accepted (insertions in, deletions out) or, on request, as rejected (the original text).
Comments, footnotes, headers, footers, hidden text and text boxes are not part of the bill's text.

Every character read from a run is mapped back to that run (``Document.paragraphs``), so that the Word
report can comment the very words of a copy of the file.
"""

from __future__ import annotations

import bisect
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
from lexcheck.results import SourceParagraph, SourcePiece

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
# What the parts of a run read as: their own text (None), or one character. A run's text, offsets in it
# included (SourcePiece.offset), is counted this way by the reader and by the report that cuts runs.
RUN_TEXT: dict[str, str | None] = {
    _w("t"): None,
    _w("delText"): None,  # read only when tracked changes are rejected
    _w("tab"): "\t",
    _w("ptab"): "\t",
    _w("br"): "\n",
    _w("cr"): "\n",
    _w("noBreakHyphen"): "-",
}

Path = tuple[int, ...]


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
        self.paragraphs: list[SourceParagraph] = []

    def blocks(self, parent: etree._Element, path: Path = ()) -> None:
        for position, child in enumerate(parent):
            tag = child.tag
            where = (*path, position)
            if tag == _w("p"):
                self.paragraph(child, where)
            elif tag == _w("tbl"):
                for row_at, row in enumerate(child):
                    if row.tag == _w("tr"):
                        for cell_at, cell in enumerate(row):
                            if cell.tag == _w("tc"):
                                self.blocks(cell, (*where, row_at, cell_at))
            elif tag == _w("sdt"):
                for content_at, content in enumerate(child):
                    if content.tag == _w("sdtContent"):
                        self.blocks(content, (*where, content_at))
                        break
            elif tag == _w("customXml"):
                self.blocks(child, where)
            elif tag in _INSERTED | _DELETED and (tag in _INSERTED) == self.accept:
                self.blocks(child, where)  # a tracked block of whole paragraphs

    def paragraph(self, paragraph: etree._Element, path: Path) -> None:
        self.index += 1
        properties = paragraph.find("w:pPr", _NS)
        if not self.accept and properties is not None:
            original = properties.find("w:pPrChange/w:pPr", _NS)
            if original is not None:
                properties = original
        style = properties.find("w:pStyle", _NS) if properties is not None else None
        style_id = style.get(_w("val")) if style is not None else None
        number = self.numbering.paragraph_number(properties, style_id)
        parts = list(self._text(paragraph, ()))
        text = "".join(part for part, _ in parts)
        lines = text.split("\n")
        if not any(line.strip() for line in lines):
            self.out.blank()
            return
        heading = style_id in self.headings or (
            properties is not None and properties.find("w:outlineLvl", _NS) is not None
        )
        if heading:
            self.out.blank()
        location = {"paragraph": self.index}
        runs = _Runs(parts)
        stretches: list[tuple[int, int, int]] = []  # (offset in the analysed text, offset in ``text``, length)
        first: int | None = None  # where the paragraph's text begins and ends, list number included
        end = 0
        at = 0
        for position, line in enumerate(lines):
            prefix = number if position == 0 else ""
            placed = self.out.mapped_line(prefix + line, location)
            for offset, start, length in placed:
                # The characters of the list number come from no run.
                skipped = max(0, len(prefix) - start)
                if length > skipped:
                    stretches.append((offset + skipped, at + start + skipped - len(prefix), length - skipped))
            if placed:
                first = placed[0][0] if first is None else first
                end = placed[-1][0] + placed[-1][2]
            at += len(line) + 1
        if first is not None:
            self.paragraphs.append(SourceParagraph(path, first, end, runs.pieces(stretches)))

    def _text(
        self, element: etree._Element, path: Path, zone: Path | None = None
    ) -> Iterator[tuple[str, Path]]:
        """The paragraph's text, piece by piece, each with the path to the run (or equation) it is in."""
        for position, child in enumerate(element):
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            where = (*path, position)
            holder = zone or where
            if tag in _INSERTED:
                if self.accept:
                    yield from self._text(child, where, zone)
            elif tag in _DELETED:
                if not self.accept:
                    yield from self._text(child, where, zone)
            elif tag == _w("r"):
                properties = child.find("w:rPr", _NS)
                if properties is not None and (
                    properties.find("w:vanish", _NS) is not None or properties.find("w:webHidden", _NS) is not None
                ):
                    continue
                for part in self._run(child):
                    yield part, holder
            elif tag == _w("p"):
                continue  # a paragraph nested in run content (a text box): not the bill's text
            elif tag == f"{{{_MATH}}}t":
                yield child.text or "", holder  # an equation's text (a formula for a fine)
            else:
                # An equation is commented as a whole: its text is held by the outermost math element.
                inner = zone or (where if tag.startswith(f"{{{_MATH}}}") else None)
                yield from self._text(child, where, inner)

    def _run(self, run: etree._Element) -> Iterator[str]:
        for child in run:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag in RUN_TEXT and (tag != _w("delText") or not self.accept):
                yield RUN_TEXT[tag] or child.text or ""
            elif tag not in _SKIPPED and len(child):
                yield from self._run(child)


class _Runs:
    """Where each character of a paragraph's text comes from: which run, and where in that run's text."""

    def __init__(self, parts: list[tuple[str, Path]]):
        self.starts: list[int] = []
        self.places: list[tuple[Path, int]] = []
        at = 0
        previous: Path | None = None
        within = 0
        for text, holder in parts:
            if not text:
                continue
            within = within if holder == previous else 0
            self.starts.append(at)
            self.places.append((holder, within))
            at += len(text)
            within += len(text)
            previous = holder
        self.ends = [*self.starts[1:], at]

    def pieces(self, stretches: list[tuple[int, int, int]]) -> tuple[SourcePiece, ...]:
        """The pieces of ``stretches`` (offset in the analysed text, offset in the paragraph's text, length).

        A stretch is cut where a run ends; neighbours in one run are merged when the analysed text and the
        run advance alike.
        """
        found: list[SourcePiece] = []
        for offset, start, length in stretches:
            index = max(0, bisect.bisect_right(self.starts, start) - 1)
            end = start + length
            while index < len(self.starts) and self.starts[index] < end:
                low, high = max(start, self.starts[index]), min(end, self.ends[index])
                holder, within = self.places[index]
                piece = SourcePiece(offset + low - start, high - low, holder, within + low - self.starts[index])
                last = found[-1] if found else None
                if last is not None and last.holder == holder and piece.start - last.start == piece.offset - last.offset:
                    found[-1] = last._replace(length=piece.start + piece.length - last.start)
                else:
                    found.append(piece)
                index += 1
        return tuple(found)


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
    document = writer.out.document(path, "docx")
    document.paragraphs = tuple(writer.paragraphs)
    document.original = data if options.keep_original else None
    return document
