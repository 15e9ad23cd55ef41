"""PDF bills and gazettes, read with pdfminer.six: text in reading order, each piece mapped to its page.

pdfminer.six was chosen over pypdf and pdfplumber by measurement on real statutes printed to PDF
(benchmarks/pdf_extractors.py): it gives every line with its position, which the clean-up in pdf_layout
needs (columns, running headers and footers, paragraph gaps, wrapped lines), and it reads two-column
pages in order where pdfplumber's lines run across both columns.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTComponent, LTContainer, LTTextLineHorizontal
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from lexcheck import errors
from lexcheck.document.builder import TextBuilder
from lexcheck.document.model import Document
from lexcheck.document.pdf_layout import Page, TextLine, lay_out
from lexcheck.errors import LexcheckError
from lexcheck.language import Lexicon

# pdfminer reports every oddity of a file it can still read (a missing CropBox, a font without widths)
# through logging; such notes are not errors of the bill.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _lines(item: LTComponent, height: float) -> Iterator[TextLine]:
    if isinstance(item, LTTextLineHorizontal):
        text = item.get_text().strip()
        if text:
            yield TextLine(text, item.x0, item.x1, height - item.y1, height - item.y0)
    elif isinstance(item, LTContainer):
        for child in item:
            yield from _lines(child, height)


def _pages(data: bytes, path: str) -> list[Page]:
    parser = PDFParser(io.BytesIO(data))
    try:
        document = PDFDocument(parser, password="")
    except PDFPasswordIncorrect:
        raise LexcheckError(errors.PASSWORD_PROTECTED, path, kind="PDF") from None
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(resources, device)
    pages = []
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        interpreter.process_page(page)
        layout = device.get_result()
        pages.append(Page(number, layout.width, layout.height, list(_lines(layout, layout.height))))
    return pages


def read_pdf_bytes(data: bytes, path: str, lexicon: Lexicon | None = None) -> Document:
    """Build a Document from a PDF; pages without a text layer are reported as needing OCR.

    Page headers and line breaks are read with the words of ``lexicon`` (None: numbers and signs only).
    """
    try:
        pages = _pages(data, path)
    except LexcheckError:
        raise
    except Exception as exc:
        # pdfminer raises many kinds of exception on a damaged file (syntax, stream, type and key errors
        # from deep inside its parser); each means the same to the user: the PDF cannot be read.
        detail = str(exc).strip() or type(exc).__name__
        raise LexcheckError(errors.CORRUPT_DOCUMENT, path, kind="PDF", detail=" ".join(detail.split())[:200]) from None
    if not pages:
        raise LexcheckError(errors.CORRUPT_DOCUMENT, path, kind="PDF", detail="no pages")
    if not any(page.lines for page in pages):
        raise LexcheckError(errors.NEEDS_OCR, path)
    out = TextBuilder()
    for paragraph in lay_out(pages, lexicon):
        if paragraph.blank_before:
            out.blank()
        out.pieces([(text, {"page": number}) for number, text in paragraph.pieces])
    return out.document(path, "pdf")
