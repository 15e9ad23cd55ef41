"""Readers: one per input format, each producing a :class:`Document`."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from lexcheck import errors
from lexcheck.document.decode import decode_text, normalise_newlines
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
    text, encoding = decode_text(data, path)
    text = normalise_newlines(text)
    if fmt == "markdown":
        text = mask_markdown(text)
    if not text.strip():
        raise LexcheckError(errors.EMPTY_FILE, path)
    return Document(path=path, text=text, encoding=encoding, format=fmt)


def _read_plain(path: Path) -> Document:
    return read_text_bytes(_read_bytes(path), str(path), "text")


def _read_markdown(path: Path) -> Document:
    return read_text_bytes(_read_bytes(path), str(path), "markdown")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise LexcheckError(errors.NOT_FOUND, str(path)) from None
    except OSError as exc:
        raise LexcheckError(errors.UNREADABLE, str(path), detail=exc.strerror or str(exc)) from None


READERS: dict[str, Callable[[Path], Document]] = {
    ".txt": _read_plain,
    ".text": _read_plain,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
}
SUPPORTED_SUFFIXES = tuple(sorted(READERS))


_BYTE_FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}


def read_bytes_as(data: bytes, path: str, label: str) -> Document:
    """A Document from bytes that ``path`` held (at a git revision, say), named ``label`` in reports."""
    suffix = Path(path).suffix.lower()
    if suffix not in _BYTE_FORMATS:
        raise LexcheckError(
            errors.UNSUPPORTED_FORMAT, path, suffix=suffix or "(none)", supported=", ".join(sorted(_BYTE_FORMATS))
        )
    return read_text_bytes(data, label, _BYTE_FORMATS[suffix])


def read_document(path: str | Path) -> Document:
    """Read a bill from disk (or standard input for ``-``) with the reader its suffix selects."""
    if str(path) == "-":
        return read_text_bytes(sys.stdin.buffer.read(), "<stdin>", "text")
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
    return reader(path)
