"""Turning the bytes of a text file into a string without mangling legacy quotes and dashes."""

from __future__ import annotations

import codecs
import re

from lexcheck import errors
from lexcheck.errors import LexcheckError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that never occur in a text document; many of them mean we were given a binary file.
_BINARY_BYTES = frozenset(range(9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}
_BINARY_TABLE = bytes(sorted(_BINARY_BYTES))
# A byte that is not UTF-8, as decoded with "surrogateescape".
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _binary(data: bytes) -> bool:
    """NUL bytes, or more than one control byte in a hundred, here or in the first 8 KB."""
    if b"\x00" in data:
        return True
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, _BINARY_TABLE))
    if controls > len(sample) // 100 + 1:
        return True
    return len(data) - len(data.translate(None, _BINARY_TABLE)) > len(data) // 100 + 1


def decode_text(data: bytes, path: str, warnings: list[LexcheckError] | None = None) -> tuple[str, str]:
    """Decode a text file's bytes, returning ``(text, encoding)``.

    Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); otherwise strict UTF-8; otherwise UTF-8
    with the stray bytes replaced by U+FFFD, unless the file as a whole reads as the Windows-1252 code
    page that legacy word processors wrote (curly quotes and dashes at 0x91–0x97, and no UTF-8 at all).
    A replacement is reported in ``warnings``, naming the line of the first. NUL padding at the end is
    dropped; a NUL anywhere else makes the file binary (removing it would shift every later column).
    Raises :class:`LexcheckError` for empty and binary input.
    """
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise LexcheckError(errors.EMPTY_FILE, path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise LexcheckError(
                    errors.UNDECODABLE, path, detail=f"invalid {encoding} ({exc.reason})"
                ) from None
            text = text.lstrip("\ufeff").rstrip("\x00")
            if "\x00" in text:
                raise LexcheckError(errors.BINARY_FILE, path)
            return text, encoding.replace("-sig", "")
    data = data.rstrip(b"\x00")
    if _binary(data):
        raise LexcheckError(errors.BINARY_FILE, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", "surrogateescape")
    stray = len(_ESCAPED_BYTE.findall(escaped))
    # Characters that were well-formed multi-byte UTF-8: what a UTF-8 bill with a damaged byte still has.
    utf8 = len(escaped) - len(escaped.encode("ascii", "ignore")) - stray
    if utf8 and utf8 >= stray:
        first = _ESCAPED_BYTE.search(escaped)
        assert first is not None
        before = normalise_newlines(escaped[: first.start()])
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        if warnings is not None:
            warnings.append(
                LexcheckError(errors.REPLACED_BYTES, path, count=stray, first_line=line, first_column=column)
            )
        return _ESCAPED_BYTE.sub("\ufffd", escaped), "utf-8"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte, so nothing is lost.
        return data.decode("latin-1"), "latin-1"


def normalise_newlines(text: str) -> str:
    """Convert CRLF and CR line ends to LF, keeping line numbers unchanged."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
