"""Compare PDF text extractors on real statute texts, as lexcheck's PDF reader would use them.

Usage: python benchmarks/pdf_extractors.py TEXTS_DIR [--work DIR]

Each ``.txt`` statute in TEXTS_DIR (a leading ``#`` header block is dropped) is laid out three ways with
python-docx and printed to PDF by LibreOffice (``soffice`` must be on PATH): ``plain`` (the text file
converted as it is), ``layout`` (justified, hyphenated, with a running header and a page-number footer)
and ``twocol`` (the same in two columns). Every extractor that is installed (pypdf, pdfminer.six,
pdfplumber) then reads each PDF; its lines go through the same clean-up as in lexcheck (reading order,
page furniture, hyphenation), and the result is compared with the statute's own text:

- ``words``: normalised Levenshtein similarity of the word sequences (1.0 = the same words in order);
- ``labels``: F1 of the provision labels lexcheck's structure parser finds, against those of the text;
- ``seconds``: extraction time for all the PDFs of that layout.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from rapidfuzz.distance import Levenshtein

from lexcheck.document import Document
from lexcheck.document.pdf_layout import Page, TextLine, lay_out
from lexcheck.rules.loader import load_lexicon
from lexcheck.structure import build_statute


def statute_text(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines).strip("\n") + "\n"


def _page_field(paragraph) -> None:  # type: ignore[no-untyped-def]
    run = paragraph.add_run()._r
    for kind, value in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.text = value
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = value
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run.append(element)


def laid_out_docx(text: str, target: Path, columns: int) -> None:
    """A justified, hyphenated Word file with a running header and page numbers."""
    document = WordDocument()
    section = document.sections[0]
    section.header.paragraphs[0].text = "DRAFT BILL FOR CONSULTATION"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _page_field(footer)
    if columns > 1:
        found = section._sectPr.find(qn("w:cols"))
        cols = OxmlElement("w:cols") if found is None else found
        if found is None:
            section._sectPr.append(cols)  # type: ignore[arg-type]  # any OOXML element may be appended
        cols.set(qn("w:num"), str(columns))
        cols.set(qn("w:space"), "567")
    document.settings.element.append(OxmlElement("w:autoHyphenation"))
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-US")
    document.styles["Normal"].element.get_or_add_rPr().append(language)
    for line in text.split("\n")[:-1]:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.save(str(target))


def make_pdfs(texts: list[Path], work: Path) -> dict[str, list[tuple[str, Path]]]:
    sources = []
    for path in texts:
        text = statute_text(path)
        (work / f"{path.stem}.plain.txt").write_text(text, encoding="utf-8")
        laid_out_docx(text, work / f"{path.stem}.layout.docx", 1)
        laid_out_docx(text, work / f"{path.stem}.twocol.docx", 2)
        sources.append((text, path.stem))
    inputs = sorted(str(p) for p in work.iterdir() if p.suffix in (".txt", ".docx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), *inputs],
        check=True,
        capture_output=True,
    )
    return {
        layout: [(text, work / f"{stem}.{layout}.pdf") for text, stem in sources]
        for layout in ("plain", "layout", "twocol")
    }


def pages_pypdf(path: Path) -> list[Page]:
    """pypdf gives text in content-stream order and no line positions: rows are numbered from the top."""
    from pypdf import PdfReader

    pages = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        rows = page.extract_text().split("\n")
        lines = [TextLine(row, 0.0, 1.0, 10.0 * i, 10.0 * i + 8) for i, row in enumerate(rows)]
        pages.append(Page(number, 0.0, 10.0 * len(rows), lines))
    return pages


def pages_pdfminer(path: Path) -> list[Page]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextBox, LTTextLine

    pages = []
    for number, layout in enumerate(extract_pages(path), start=1):
        lines = []
        for box in layout:
            if not isinstance(box, LTTextBox):
                continue
            for line in box:
                if isinstance(line, LTTextLine):
                    text = line.get_text().rstrip("\n")
                    lines.append(TextLine(text, line.x0, line.x1, layout.height - line.y1, layout.height - line.y0))
        pages.append(Page(number, layout.width, layout.height, lines))
    return pages


def pages_pdfplumber(path: Path) -> list[Page]:
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines = [
                TextLine(item["text"], item["x0"], item["x1"], item["top"], item["bottom"])
                for item in page.extract_text_lines()
            ]
            pages.append(Page(number, float(page.width), float(page.height), lines))
    return pages


def cleaned_text(pages: list[Page]) -> str:
    return "".join(("\n" if p.blank_before else "") + p.text + "\n" for p in lay_out(pages, load_lexicon()))


def words(text: str) -> list[str]:
    return re.findall(r"\w+|[^\w\s]", text)


def labels(text: str) -> Counter[str]:
    statute = build_statute(Document("x.txt", text), load_lexicon())
    return Counter(p.label for p in statute.provisions if p.label)


def f1(found: Counter[str], expected: Counter[str]) -> float:
    hits = sum((found & expected).values())
    if not found and not expected:
        return 1.0
    precision = hits / max(1, sum(found.values()))
    recall = hits / max(1, sum(expected.values()))
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


EXTRACTORS: dict[str, Callable[[Path], list[Page]]] = {
    "pypdf": pages_pypdf,
    "pdfminer.six": pages_pdfminer,
    "pdfplumber": pages_pdfplumber,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("texts", type=Path)
    parser.add_argument("--work", type=Path, help="Keep the generated files here.")
    args = parser.parse_args()
    texts = sorted(p for p in args.texts.glob("*.txt") if not p.stem.endswith("_zh"))
    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        sets = make_pdfs(texts, work)
        print(f"{len(texts)} statutes; {sum(len(v) for v in sets.values())} PDFs")
        print(f"{'layout':<8} {'extractor':<13} {'words':>7} {'min':>7} {'labels':>7} {'min':>7} {'seconds':>8}")
        for layout, items in sets.items():
            for name, extract in EXTRACTORS.items():
                try:
                    started = time.perf_counter()
                    extracted = [(text, extract(pdf)) for text, pdf in items]
                    seconds = time.perf_counter() - started
                except ImportError:
                    continue
                similarity, label_scores = [], []
                for text, pages in extracted:
                    cleaned = cleaned_text(pages)
                    similarity.append(Levenshtein.normalized_similarity(words(text), words(cleaned)))
                    label_scores.append(f1(labels(cleaned), labels(text)))
                print(
                    f"{layout:<8} {name:<13} {sum(similarity) / len(similarity):7.4f} {min(similarity):7.4f} "
                    f"{sum(label_scores) / len(label_scores):7.4f} {min(label_scores):7.4f} {seconds:8.2f}"
                )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
