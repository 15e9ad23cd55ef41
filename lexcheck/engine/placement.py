"""Where the words of a parsed piece of text lie in the statute.

A bill's text is parsed with each run of white space inside a paragraph reduced to one space: a line
wrapped and indented ("any\\n                       of the means", a marginal note blanked beside it)
would otherwise leave a white-space token between two words, and no phrase could match across the line.
Blank lines are kept, since they end sentences. A :class:`Placement` maps offsets in the compacted text
back to the statute's own offsets.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from dataclasses import dataclass

_WHITE = re.compile(r"\s+")


@dataclass(frozen=True)
class Placement:
    """Offsets of a compacted text, mapped to the statute: piecewise shifts at each compacted run."""

    # Positions in the compacted text where a segment starts, and the statute offset of each.
    points: tuple[int, ...]
    origins: tuple[int, ...]

    @classmethod
    def at_offset(cls, base: int) -> Placement:
        """A text taken unchanged from the statute at ``base``."""
        return cls((0,), (base,))

    def at(self, offset: int) -> int:
        """The statute offset of a compacted-text offset."""
        index = bisect.bisect_right(self.points, offset) - 1
        return self.origins[index] + offset - self.points[index]

    def inverse(self, origin: int) -> int:
        """The compacted-text offset of a statute offset (a position inside a compacted run maps to it)."""
        index = bisect.bisect_right(self.origins, origin) - 1
        offset = self.points[index] + origin - self.origins[index]
        if index + 1 < len(self.points):
            offset = min(offset, self.points[index + 1] - 1)
        return offset


def compact(text: str, base: int) -> tuple[str, Placement]:
    """``text`` (found at ``base`` in the statute) with white-space runs inside paragraphs made one space."""
    pieces: list[str] = []
    points, origins = [0], [base]
    kept = 0  # length of the compacted text so far
    last = 0
    for match in _WHITE.finditer(text):
        run = match.group(0)
        # A blank line ends a sentence and stays; a single space needs nothing.
        if run.count("\n") > 1 or run == " ":
            continue
        pieces.append(text[last : match.start()])
        kept += match.start() - last
        pieces.append(" ")
        kept += 1
        last = match.end()
        if match.end() - match.start() != 1:
            points.append(kept)
            origins.append(base + match.end())
    pieces.append(text[last:])
    return "".join(pieces), Placement(tuple(points), tuple(origins))


def compact_boundaries(placement: Placement, boundaries: Collection[int]) -> set[int]:
    """Statute offsets where sentences must start, as offsets of the compacted text."""
    return {placement.inverse(offset) for offset in boundaries}
