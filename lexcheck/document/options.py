"""What the user may say about how to read a bill, and the limits that protect lexcheck from hostile files."""

from __future__ import annotations

from dataclasses import dataclass

from lexcheck.language import Lexicon

# Formats a bill can be read as (``--input-format``); "auto" decides by content and file name.
INPUT_FORMATS = ("auto", "text", "markdown", "docx", "pdf", "html", "akn")

# A Word file is a zip archive: its members may unpack to at most this many bytes in all. Real bills
# unpack to a few megabytes; a zip bomb claims gigabytes and is refused before anything is unpacked.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """How to read input files.

    ``input_format`` forces a reader ("auto": by content, then by suffix). ``tracked_changes`` says how
    to read a Word file's tracked changes: "accept" reads the text with insertions and without
    deletions (as it reads once the changes are accepted), "reject" reads the original text.
    ``keep_original`` keeps a Word file's bytes with its Document, for the Word report, which comments a
    copy of the original; other reports do not need them. ``lexicon`` holds the words of the bill's
    language that reading needs (a PDF's "Page 3 of 12"); without one, only numbers and signs are known.
    The analysis supplies its own when it reads a bill.
    """

    input_format: str = "auto"
    tracked_changes: str = "accept"
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES
    keep_original: bool = False
    lexicon: Lexicon | None = None
