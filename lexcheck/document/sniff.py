"""Recognising a file's format from its first bytes, whatever its name says."""

from __future__ import annotations

import codecs
import re

_TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
_SUFFIXES = {
    **_TEXT_SUFFIXES,
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "akn",
    ".akn": "akn",
}
# Every suffix a directory scan picks up.
SUFFIXES = tuple(sorted(_SUFFIXES))

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_DECLARATION = re.compile(r"^<\?xml\b")
_FIRST_ELEMENT = re.compile(r"<(?![?!])([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_HTML_START = re.compile(r"^<(?:!doctype\s+html|html|head|body|meta|title|div|p|h[1-6]|section|article|main)\b", re.I)


def format_for_suffix(suffix: str) -> str | None:
    """The format a file name's suffix stands for (``.docx`` → ``docx``), or None."""
    return _SUFFIXES.get(suffix.lower())


def _text_start(data: bytes) -> str:
    """The start of a file as text, for looking at its first characters (decoding errors ignored)."""
    head = data[:4096]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore").lstrip("\ufeff")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


def _skip_prolog(text: str) -> str:
    """Drop white space, comments and the XML declaration before the first element."""
    text = text.lstrip()
    while True:
        if text.startswith("<!--"):
            end = text.find("-->")
            text = text[end + 3 :].lstrip() if end != -1 else ""
        elif _XML_DECLARATION.match(text):
            end = text.find("?>")
            text = text[end + 2 :].lstrip() if end != -1 else ""
        else:
            return text


def sniff(data: bytes, suffix: str = "") -> str:
    """The format of a file: its content decides where it is recognisable, its suffix otherwise.

    Returns one of the input formats, or ``"legacy-word"`` for an old binary Word (or password-protected
    Word) file, ``"zip"`` for another zip archive and ``"unknown"`` for a suffix lexcheck does not read.
    """
    named = format_for_suffix(suffix) if suffix else "text"
    head = data[:1024]
    if head.lstrip().startswith(b"%PDF-") or (named == "pdf" and b"%PDF-" in head):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if named == "docx" or b"word/" in data else "zip"
    if data.startswith(_OLE_MAGIC):
        return "legacy-word"
    if named in (None, "docx", "pdf"):
        return named or "unknown"
    start = _skip_prolog(_text_start(data))
    if start.startswith("<"):
        element = _FIRST_ELEMENT.match(start)
        if element and element.group(2) == "akomaNtoso":
            return "akn"
        if _HTML_START.match(start):
            return "html"
        if named == "akn" or _XML_DECLARATION.match(_text_start(data).lstrip()):
            return "akn"  # the Akoma Ntoso reader names the root element it found instead
    if named == "akn" and not start:
        return "akn"
    return named
