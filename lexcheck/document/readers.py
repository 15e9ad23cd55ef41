"""Reading a bill: the format is chosen by content and suffix, and one reader per format makes the Document.

The Word, PDF, HTML and Akoma Ntoso readers (python-docx, pdfminer.six, lxml) are imported when a file of
their format is read: most runs read text files, and every command imports this module.
"""

from __future__ import annotations

import re
from pathlib import Path

from lexcheck import errors
from lexcheck.document.decode import decode_text, normalise_newlines
from lexcheck.document.limits import DEFAULT_MAX_SIZE, check_input_file, read_regular_file, read_standard_input
from lexcheck.document.model import Document
from lexcheck.document.options import ReadOptions
from lexcheck.document.sniff import SUFFIXES, format_for_suffix, sniff
from lexcheck.errors import LexcheckError

# Markdown markup that carries no legal meaning. It is blanked out with spaces, not removed, so that
# offsets, lines and columns in the analysed text are those of the file the user opened.
_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]", re.MULTILINE)
_MD_QUOTE = re.compile(r"^[ \t]{0,3}(>[ \t]?)+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")
_MD_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!])")
_MD_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.MULTILINE)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def mask_markdown(text: str) -> str:
    """Replace Markdown markup (headings, emphasis, quotes, escapes, rules) by spaces of equal length."""
    for pattern in (_MD_RULE, _MD_HEADING, _MD_QUOTE, _MD_EMPHASIS, _MD_ESCAPE):
        text = pattern.sub(_blank, text)
    return text


def read_text_bytes(data: bytes, path: str, fmt: str = "text") -> Document:
    """Build a Document from the raw bytes of a plain-text or Markdown bill."""
    warnings: list[LexcheckError] = []
    text, encoding = decode_text(data, path, warnings)
    text = normalise_newlines(text)
    if fmt == "markdown":
        text = mask_markdown(text)
    if not text.strip():
        raise LexcheckError(errors.EMPTY_FILE, path)
    return Document(path=path, text=text, encoding=encoding, format=fmt, warnings=warnings)


def _read_bytes(path: Path) -> bytes:
    # read_document has checked the size limit; the descriptor is checked again for what it is.
    return read_regular_file(path, max_size=None)


SUPPORTED_SUFFIXES = SUFFIXES


def read_bytes(data: bytes, path: str, suffix: str = "", options: ReadOptions | None = None) -> Document:
    """Build a Document from a file's bytes with the reader its content (or ``--input-format``) selects."""
    options = options or ReadOptions()
    fmt = options.input_format if options.input_format != "auto" else sniff(data, suffix)
    if fmt in ("text", "markdown"):
        return read_text_bytes(data, path, fmt)
    if fmt == "docx":
        from lexcheck.document.docx import read_docx_bytes

        return read_docx_bytes(data, path, options)
    if fmt == "pdf":
        from lexcheck.document.pdf import read_pdf_bytes

        return read_pdf_bytes(data, path, options.lexicon)
    if fmt == "html":
        from lexcheck.document.html import read_html_bytes

        return read_html_bytes(data, path)
    if fmt == "akn":
        from lexcheck.document.akn import read_akn_bytes

        return read_akn_bytes(data, path)
    if fmt == "legacy-word":
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise LexcheckError(errors.PASSWORD_PROTECTED, path, kind="Word")
        raise LexcheckError(errors.LEGACY_WORD, path)
    if fmt == "zip" and format_for_suffix(suffix) is not None:
        raise LexcheckError(errors.BINARY_FILE, path)
    raise LexcheckError(
        errors.UNSUPPORTED_FORMAT, path, suffix=suffix or "(none)", supported=", ".join(SUPPORTED_SUFFIXES)
    )


def read_document(
    path: str | Path, options: ReadOptions | None = None, max_size: int = DEFAULT_MAX_SIZE
) -> Document:
    """Read a bill from disk (or standard input for ``-``); its content and suffix select the reader.

    Only a regular file (links resolved) of at most ``max_size`` bytes is read; anything else raises
    :class:`LexcheckError` before a reader opens it.
    """
    options = options or ReadOptions()
    if str(path) == "-":
        return read_bytes(read_standard_input(max_size), "<stdin>", "", options)
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise LexcheckError(errors.NOT_FOUND, str(path))
    check_input_file(path, max_size)
    return read_bytes(_read_bytes(path), str(path), path.suffix, options)
