"""Writing out the text of a structured document line by line, remembering where each line came from."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lexcheck.document.model import Document, SourceLocation

# A word: what str.split() keeps (both use Unicode's white space).
_WORD = re.compile(r"\S+")


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
        """Add one line as :meth:`line` does; return where each word went: (offset, offset in ``text``, length).

        The words are written one space apart, so these are all the characters of the line but those spaces.
        """
        words = [(match.start(), match.end() - match.start()) for match in _WORD.finditer(text)]
        if not words:
            return []
        self.line(text, location)
        offset = self._length - 1 - sum(length for _, length in words) - (len(words) - 1)
        placed = []
        for start, length in words:
            placed.append((offset, start, length))
            offset += length + 1
        return placed

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
