"""HTML pages of bills and consolidated acts: the main text, one line per block, mapped to source lines.

Navigation, scripts, styles, forms and page-level headers and footers are dropped; the page's ``main``
element (or its only ``article``) is read when it has one. Headings and list items keep their lines,
and the numbers an ordered list shows only through its markup are written out ("(a)", "(2)", "(iv)").
"""

from __future__ import annotations

import re

from lxml import etree

from lexcheck import errors
from lexcheck.document.builder import TextBuilder
from lexcheck.document.model import Document
from lexcheck.document.numbers import format_number
from lexcheck.document.xml_parsing import parse_html
from lexcheck.errors import LexcheckError

_DROPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "head",
    "dialog",
    "menu",
}
_DROPPED_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar", "toolbar"}
# Class and id words that mark page chrome rather than the law's text.
_CHROME_WORDS = {
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "cookie",
    "cookies",
    "skip",
    "toolbar",
    "share",
    "social",
}
_BLOCKS = {
    "p",
    "div",
    "li",
    "dd",
    "dt",
    "tr",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "body",
    "ul",
    "ol",
    "dl",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "figure",
    "figcaption",
    "address",
    "center",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CELLS = {"td", "th"}
_LIST_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
_CSS_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.IGNORECASE)
_OWN_NUMBER = re.compile(r"^\s*(?:\(\w{1,6}\)|\w{1,6}[.)]\s|§)")


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _is_chrome(element: etree._Element) -> bool:
    tag = _tag(element)
    if tag in _DROPPED:
        return True
    if (element.get("role") or "").lower() in _DROPPED_ROLES:
        return True
    if element.get("hidden") is not None or (element.get("aria-hidden") or "").lower() == "true":
        return True
    words = set(re.split(r"[\s_-]+", f"{element.get('class') or ''} {element.get('id') or ''}".lower()))
    if words & _CHROME_WORDS:
        return True
    if tag in ("header", "footer"):
        # A page's header and footer are chrome; a section's <header> holds its heading.
        return not any(_tag(a) in ("article", "section", "main") for a in element.iterancestors())
    return False


def _list_style(element: etree._Element) -> str:
    match = _CSS_LIST_STYLE.search(element.get("style") or "")
    if match:
        return match.group(1).lower().replace("latin", "alpha")
    return _LIST_TYPES.get(element.get("type") or "1", "decimal")


class _Writer:
    def __init__(self) -> None:
        self.out = TextBuilder()
        self.buffer: list[str] = []
        self.line_of_buffer = 1
        self.marker: str | None = None

    def text(self, text: str | None, element: etree._Element) -> None:
        if not text:
            return
        if not self.buffer or not "".join(self.buffer).strip():
            self.line_of_buffer = element.sourceline or self.line_of_buffer
        self.buffer.append(text)

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if text:
            if self.marker is not None:
                if not _OWN_NUMBER.match(text):
                    text = f"{self.marker} {text}"
                self.marker = None
            self.out.line(text, {"line": self.line_of_buffer})

    def render(self, element: etree._Element) -> None:
        tag = _tag(element)
        if not tag or _is_chrome(element):
            return
        block = tag in _BLOCKS
        if block:
            self.flush()
        if tag in _HEADINGS:
            self.out.blank()
        if tag == "br":
            self.flush()
        elif tag in _CELLS:
            self.text(" ", element)
        self.text(element.text, element)
        if tag in ("ol", "ul"):
            self.list_items(element, tag)
        else:
            for child in element:
                self.render(child)
                self.text(child.tail, element)
        if block:
            self.flush()

    def list_items(self, element: etree._Element, tag: str) -> None:
        style = _list_style(element) if tag == "ol" else "none"
        try:
            ordinal = int(element.get("start") or 1)
        except ValueError:
            ordinal = 1
        for child in element:
            if _tag(child) == "li":
                value = child.get("value")
                if value and value.strip().lstrip("-").isdigit():
                    ordinal = int(value)
                self.flush()
                number = format_number(ordinal, style) if style not in ("none", "disc", "circle", "square") else ""
                self.marker = f"({number})" if number else None
                self.render(child)
                self.marker = None
                ordinal += 1
            else:
                self.render(child)
            self.text(child.tail, element)


def _main_text(root: etree._Element) -> etree._Element:
    """The element holding the law's text: the page's main element, its only article, or its body."""
    for candidate in root.iter("main"):
        return candidate
    for candidate in root.iter():
        if isinstance(candidate.tag, str) and (candidate.get("role") or "").lower() == "main":
            return candidate
    articles = list(root.iter("article"))
    if len(articles) == 1:
        return articles[0]
    body = root.find("body")
    return body if body is not None else root


def read_html_bytes(data: bytes, path: str) -> Document:
    """Build a Document from an HTML page: its main text, with a source line for every line."""
    root = parse_html(data, path)
    writer = _Writer()
    writer.render(_main_text(root))
    writer.flush()
    if writer.out.empty:
        raise LexcheckError(errors.NO_TEXT, path, kind="HTML")
    return writer.out.document(path, "html")
