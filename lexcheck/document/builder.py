"""Writing out the text of a structured document line by line, remembering where each line came from."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lexcheck.document.model import Document, SourceLocation

# A word, and white space that is more than one character: what str.split() splits at (both take
# Unicode's white space).
_WORD = re.compile(r"\S+")
_GAP = re.compile(r"\s{2,}")


class TextBuilder:
    """Collects lines of text and their source locations, and makes a Document of them.

    Each line is one paragraph of the source; ``blank()`` separates paragraphs with an empty line, as a
    blank line does in a text file (it ends a sentence and sets off a heading).
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._sources: list[tuple[int, SourceLocation]] = []
        self._blank_pending = False

    def line(self, text: str, location: SourceLocation) -> None:
        """Add one line (white space inside it collapsed) that comes from ``location``."""
        self.pieces([(text, location)])

    def mapped_line(self, text: str, location: SourceLocation) -> list[tuple[int, int, int]]:
        """Add one line as :meth:`line` does; return where it went, as (offset, offset in ``text``, length).

        Each entry is a stretch of ``text`` written as it is, but for its white space characters, each
        written as a space; the stretches are cut where white space was collapsed or dropped.
        """
        first = _WORD.search(text)
        if first is None:
            return []
        self.line(text, location)
        end = len(text.rstrip())
        stretches = []
        at, written = first.start(), self._length - 1 - len(" ".join(text.split()))
        for gap in _GAP.finditer(text, at, end):
            stretches.append((written, at, gap.start() - at))
            written += gap.start() - at + 1
            at = gap.end()
        stretches.append((written, at, end - at))
        return stretches

    def pieces(self, pieces: Sequence[tuple[str, SourceLocation]]) -> None:
        """Add one line made of pieces from several places (a paragraph running over a page break)."""
        cleaned = [(" ".join(text.split()), location) for text, location in pieces]
        cleaned = [(text, location) for text, location in cleaned if text]
        if not cleaned:
            return
        if self._blank_pending and self._length:
            self._append("\n")
        self._blank_pending = False
        for index, (text, location) in enumerate(cleaned):
            if not self._sources or self._sources[-1][1] != location:
                self._sources.append((self._length, location))
            self._append(text + ("\n" if index == len(cleaned) - 1 else " "))

    def blank(self) -> None:
        """Put an empty line before the next line, unless the text is empty or already ends with one."""
        self._blank_pending = True

    def _append(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)

    @property
    def empty(self) -> bool:
        """True until a line with text has been added."""
        return self._length == 0

    def document(self, path: str, fmt: str, encoding: str = "utf-8") -> Document:
        """The Document of the lines written so far."""
        return Document(path=path, text="".join(self._parts), encoding=encoding, format=fmt, sources=tuple(self._sources))
