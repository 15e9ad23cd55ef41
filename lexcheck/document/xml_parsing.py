"""One hardened way to parse XML and HTML: no entity expansion, no DTD loading, no network access."""

from __future__ import annotations

from lxml import etree, html

from lexcheck import errors
from lexcheck.errors import LexcheckError


def _xml_parser() -> etree.XMLParser:
    # Entities are neither expanded nor fetched, so a "billion laughs" file or an external entity
    # (file:///etc/passwd, http://…) reads as the literal text around it and nothing else.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, path: str, kind: str = "XML") -> etree._Element:
    """Parse an XML file; invalid XML is a one-line error with the line it failed on."""
    try:
        root = etree.fromstring(data, parser=_xml_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        detail = str(exc.msg or exc).split(", line ")[0]
        raise LexcheckError(
            errors.INVALID_XML, path, line=line, kind=kind, detail=detail or "not well-formed"
        ) from None
    if root is None:
        raise LexcheckError(errors.INVALID_XML, path, kind=kind, detail="no root element")
    return root


def parse_html(data: bytes, path: str) -> etree._Element:
    """Parse an HTML page leniently (as browsers do), without fetching anything it refers to."""
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, default_doctype=False)
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise LexcheckError(errors.INVALID_XML, path, kind="HTML", detail=str(exc) or "no content") from None
    return root
