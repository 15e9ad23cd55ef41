"""The normalised text of a bill and the map from analysed text back to the original file."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field

from lexcheck.errors import LexcheckError
from lexcheck.results import SourceParagraph

# Where a piece of analysed text comes from in a file that is not plain text: {"paragraph": 12} in a
# Word file, {"page": 3} in a PDF, {"eid": "sec_4__subsec_2"} in Akoma Ntoso, {"line": 40} in HTML.
SourceLocation = Mapping[str, int | str]


@dataclass
class Document:
    """A bill's text as analysed, with positions that map back to the original file.

    Readers keep the analysed text offset-aligned with the source wherever they can (line breaks are
    normalised to ``\\n`` and markup is blanked out rather than removed), so a character offset maps to
    the same line and column in the file the user opened. ``first_line`` shifts reported line numbers
    when a leading block (a corpus header) was removed before analysis. ``warnings`` are problems that
    did not stop the reading (bytes replaced while decoding), each reported to the user.

    Readers of other formats (Word, PDF, HTML, Akoma Ntoso) write the text out with its numbering as text
    and keep ``sources``: sorted ``(offset, location)`` pairs, each location holding from that offset on.

    The Word reader also keeps ``paragraphs``, character by character: for each paragraph it read (table
    cells included), where it is in the file and which run each stretch of its text comes from, so that a
    report can put a comment on exactly those words of the original. ``original`` is the file's bytes when
    the reading was asked to keep them (``ReadOptions.keep_original``).
    """

    path: str
    text: str
    encoding: str = "utf-8"
    format: str = "text"
    first_line: int = 1
    warnings: list[LexcheckError] = field(default_factory=list)
    sources: tuple[tuple[int, SourceLocation], ...] = ()
    paragraphs: tuple[SourceParagraph, ...] = field(default=(), repr=False)
    original: bytes | None = field(default=None, repr=False)
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _source_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts
        self._source_starts = [offset for offset, _ in self.sources]

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) in the original file of a 0-based character offset."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + self.first_line, offset - self._line_starts[index] + 1

    def line_of(self, offset: int) -> int:
        """Return the 1-based line number in the original file of a character offset."""
        return self.position(offset)[0]

    def line_span(self, line: int) -> tuple[int, int]:
        """Return the (start, end) character offsets of a 1-based line of the original file."""
        index = line - self.first_line
        start = self._line_starts[index]
        end = self._line_starts[index + 1] - 1 if index + 1 < len(self._line_starts) else len(self.text)
        return start, end

    def source_at(self, offset: int) -> dict[str, int | str] | None:
        """Where a character offset comes from in the original file, for formats that are not plain text."""
        index = bisect.bisect_right(self._source_starts, offset) - 1
        if index < 0:
            return None if not self.sources else dict(self.sources[0][1])
        return dict(self.sources[index][1])
