"""Readers: one per input format, each producing a :class:`Document`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from lexcheck import errors
from lexcheck.document.decode import decode_text, normalise_newlines
from lexcheck.document.limits import DEFAULT_MAX_SIZE, check_input_file, read_regular_file, read_standard_input
from lexcheck.document.model import Document
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


def _read_plain(path: Path) -> Document:
    return read_text_bytes(_read_bytes(path), str(path), "text")


def _read_markdown(path: Path) -> Document:
    return read_text_bytes(_read_bytes(path), str(path), "markdown")


def _read_bytes(path: Path) -> bytes:
    # read_document has checked the size limit; the descriptor is checked again for what it is.
    return read_regular_file(path, max_size=None)


READERS: dict[str, Callable[[Path], Document]] = {
    ".txt": _read_plain,
    ".text": _read_plain,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
}
SUPPORTED_SUFFIXES = tuple(sorted(READERS))


def read_document(path: str | Path, max_size: int = DEFAULT_MAX_SIZE) -> Document:
    """Read a bill from disk (or standard input for ``-``) with the reader its suffix selects.

    Only a regular file (links resolved) of at most ``max_size`` bytes is read; anything else raises
    :class:`LexcheckError` before a reader opens it.
    """
    if str(path) == "-":
        return read_text_bytes(read_standard_input(max_size), "<stdin>", "text")
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        if not path.exists():
            raise LexcheckError(errors.NOT_FOUND, str(path))
        raise LexcheckError(
            errors.UNSUPPORTED_FORMAT,
            str(path),
            suffix=path.suffix or "(none)",
            supported=", ".join(SUPPORTED_SUFFIXES),
        )
    check_input_file(path, max_size)
    return reader(path)
