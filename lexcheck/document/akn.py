"""Akoma Ntoso 3.0 XML: the bill's own numbering (``num``) written out as text, each line mapped to its eId.

Every hierarchical unit (part, chapter, section, article, subsection, paragraph, point …) starts a line
with its number, so the provision labels come from the document's ``num`` elements: a section numbered
"4" reads "Section 4.", an article "Article 4", a subsection "(2)". Metadata, tables of contents,
authorial notes and deleted text are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from lexcheck import errors
from lexcheck.document.builder import TextBuilder
from lexcheck.document.model import Document, SourceLocation
from lexcheck.document.xml_parsing import parse_xml
from lexcheck.errors import LexcheckError

# Units whose number a bill prints with a keyword in front ("PART 2", "Section 4.", "Article 4").
_KEYWORDS = {
    "book": "BOOK",
    "part": "PART",
    "title": "TITLE",
    "chapter": "CHAPTER",
    "subpart": "SUBPART",
    "division": "DIVISION",
    "section": "Section",
    "article": "Article",
    "rule": "Rule",
    "clause": "Clause",
}
_SECTION_LIKE = {"section", "article", "rule", "clause"}
_HIERARCHY = {
    *_KEYWORDS,
    "tome",
    "subchapter",
    "subdivision",
    "subtitle",
    "subsection",
    "paragraph",
    "subparagraph",
    "subclause",
    "subrule",
    "point",
    "indent",
    "alinea",
    "list",
    "level",
    "hcontainer",
    "proviso",
    "transitional",
}
# Left out: metadata, tables of contents (they repeat every heading), notes, and text marked deleted.
_SKIPPED = {"meta", "toc", "coverPage", "authorialNote", "noteRef", "del", "componentRef", "documentRef"}
# Elements whose text is one line of the bill.
_LINES = {"p", "heading", "subheading", "docTitle", "longTitle", "listIntroduction", "listWrapUp", "num", "formula"}
_HAS_KEYWORD = re.compile(r"^\s*(?:[§]|[A-Za-z]{2,}\.?\s)")


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _inline_text(element: etree._Element) -> str:
    """The words of an element, without notes and deleted text (their tails are kept)."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and _local(child) not in _SKIPPED:
                if _local(child) in ("eol", "eop", "br"):
                    parts.append(" ")
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join("".join(parts).split())


def _number(kind: str, num: str) -> str:
    """The number as a bill prints it at the start of the unit's first line."""
    num = " ".join(num.split())
    if not num or _HAS_KEYWORD.match(num):
        return num
    if kind in _KEYWORDS:
        bare = num.rstrip(".")
        return f"{_KEYWORDS[kind]} {bare}." if kind in _SECTION_LIKE else f"{_KEYWORDS[kind]} {bare}"
    if re.fullmatch(r"[0-9A-Za-z]{1,6}", num):
        return f"({num})"
    return num


class _Writer:
    def __init__(self) -> None:
        self.out = TextBuilder()
        self.locations: list[SourceLocation] = []
        self.prefix: str | None = None  # a unit's number, waiting for the first words of the unit

    def location(self, element: etree._Element) -> SourceLocation:
        return self.locations[-1] if self.locations else {"line": element.sourceline or 1}

    def line(self, text: str, element: etree._Element) -> None:
        if self.prefix is not None:
            text = f"{self.prefix} {text}".strip()
            self.prefix = None
        self.out.line(text, self.location(element))

    def flush(self, element: etree._Element) -> None:
        if self.prefix:
            prefix, self.prefix = self.prefix, None
            self.out.line(prefix, self.location(element))

    def render(self, element: etree._Element) -> None:
        kind = _local(element)
        if not kind or kind in _SKIPPED:
            return
        if kind in _HIERARCHY:
            self.unit(element, kind)
        elif kind in _LINES:
            self.line(_inline_text(element), element)
        elif kind == "tr":
            cells = [_inline_text(cell) for cell in element if _local(cell) in ("td", "th")]
            self.line("  ".join(cell for cell in cells if cell), element)
        elif len(element) == 0 and (element.text or "").strip():
            self.line(_inline_text(element), element)
        else:
            for child in element:
                self.render(child)

    def unit(self, element: etree._Element, kind: str) -> None:
        eid = element.get("eId") or element.get("id") or element.get("wId")
        if eid:
            self.locations.append({"eid": eid})
        self.flush(element)
        children = [child for child in element if isinstance(child.tag, str)]
        num = next((c for c in children if _local(c) == "num"), None)
        heading = next((c for c in children if _local(c) == "heading"), None)
        prefix = _number(kind, _inline_text(num)) if num is not None else ""
        if heading is not None:
            self.line(f"{prefix} {_inline_text(heading)}".strip(), element)
            if kind in _KEYWORDS and kind not in _SECTION_LIKE:
                self.out.blank()
        elif prefix:
            self.prefix = prefix
        for child in children:
            if child is not num and child is not heading:
                self.render(child)
        self.flush(element)
        if eid:
            self.locations.pop()


def _bodies(root: etree._Element) -> Iterator[etree._Element]:
    """The parts of the document that carry its text, in order (metadata and cover page left out)."""
    yield from (child for child in root if isinstance(child.tag, str))


def read_akn_bytes(data: bytes, path: str) -> Document:
    """Build a Document from an Akoma Ntoso file (any AKN 3.0 document type: act, bill, doc …)."""
    root = parse_xml(data, path, "Akoma Ntoso XML")
    if _local(root) != "akomaNtoso":
        raise LexcheckError(errors.NOT_AKOMA_NTOSO, path, root=_local(root) or str(root.tag))
    writer = _Writer()
    for document in _bodies(root):
        for part in document if len(document) else [document]:
            writer.render(part)
            writer.out.blank()
    if writer.out.empty:
        raise LexcheckError(errors.NO_TEXT, path, kind="Akoma Ntoso")
    return writer.out.document(path, "akn")
