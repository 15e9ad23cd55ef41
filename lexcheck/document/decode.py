"""Turning the bytes of a text file into a string without mangling legacy quotes and dashes."""

from __future__ import annotations

import codecs

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


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode a text file's bytes, returning ``(text, encoding)``.

    Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); otherwise strict UTF-8; otherwise the
    Windows-1252 code page that legacy word processors wrote (curly quotes and dashes at 0x91–0x97).
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
            return text.lstrip("\ufeff"), encoding.replace("-sig", "")
    sample = data[:8192]
    if b"\x00" in sample or sum(byte in _BINARY_BYTES for byte in sample) > len(sample) // 100 + 1:
        raise LexcheckError(errors.BINARY_FILE, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte, so nothing is lost.
        return data.decode("latin-1"), "latin-1"


def normalise_newlines(text: str) -> str:
    """Convert CRLF and CR line ends to LF and drop NUL padding, keeping line numbers unchanged."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
