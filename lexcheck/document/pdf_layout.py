"""From positioned lines on PDF pages to the lines of a bill: reading order, page furniture, hyphenation.

Whatever extracts the lines from a PDF, the same clean-up follows: two text columns are read one after
the other, running headers, footers and page numbers are dropped, words hyphenated at a line end are
joined, and a blank line marks a gap between paragraphs. The words of page headers ("Page 3 of 12"), of
headings that start a paragraph, and the prefixes that keep their hyphen are the lexicon's (section
``pdf``); without a lexicon only numbers and signs are known.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace

from lexcheck.language import Lexicon


@dataclass(frozen=True)
class TextLine:
    """One line of text on a page; coordinates in points, ``top`` measured from the top of the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    right: float = 0.0  # the right edge of the line's column, once the reading order is known


@dataclass
class Page:
    """The lines of one page, in any order, with the page's size."""

    number: int
    width: float
    height: float
    lines: list[TextLine]


# A page number on its own in figures: "7", "- 7 -", "7/12", "vii". A lexicon adds its words ("Page 7 of 12").
_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?P<n>\d{1,4}|[ivxlc]{1,7})(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$", re.IGNORECASE)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
# A word broken at the line end: letters, then a hyphen (or a soft hyphen) as the last character.
_BROKEN_WORD = re.compile(r"(?P<head>[^\W\d_]{2,}) ?[-\u00ad\u2010]$")
_FIRST_WORD = re.compile(r"^(?P<tail>[^\W\d_]+)(?P<attached>\S*)(?P<rest>.*)$", re.DOTALL)
# Rows within this many points of each other are one row (a number and its text set apart by a tab).
_ROW_TOLERANCE = 2.0


def _number_value(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    total = 0
    low = token.lower()
    for index, char in enumerate(low):
        value = _ROMAN[char]
        total += -value if index + 1 < len(low) and _ROMAN[low[index + 1]] > value else value
    return total if total > 0 else None


def _rows(lines: list[TextLine]) -> list[TextLine]:
    """Merge lines that sit on the same row (left to right) and sort the rows from top to bottom."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda item: (item.top, item.x0)):
        if rows and abs(rows[-1][0].top - line.top) <= _ROW_TOLERANCE:
            rows[-1].append(line)
        else:
            rows.append([line])
    merged = []
    for row in rows:
        row.sort(key=lambda item: item.x0)
        text = " ".join(item.text.strip() for item in row if item.text.strip())
        merged.append(
            TextLine(text, row[0].x0, max(i.x1 for i in row), min(i.top for i in row), max(i.bottom for i in row))
        )
    return merged


def _gutter(lines: list[TextLine], width: float) -> float | None:
    """The x position of the gap between two text columns, or None for a page of one column.

    Two columns are assumed when an empty vertical strip in the middle of the page separates at least a
    third of the lines on each side.
    """
    if len(lines) < 6 or width <= 0:
        return None
    best: tuple[int, float] | None = None
    # A centred page number or a short title may cross the gutter; columns of text do not.
    allowed = max(2, len(lines) // 20)
    for step in range(30, 71):
        x = width * step / 100
        if sum(line.x0 < x < line.x1 for line in lines) > allowed:
            continue
        left = sum(line.x1 <= x for line in lines)
        right = sum(line.x0 >= x for line in lines)
        score = min(left, right)
        if score >= len(lines) / 3 and (best is None or score > best[0]):
            best = (score, x)
    return None if best is None else best[1]


def reading_order(page: Page) -> list[TextLine]:
    """The page's lines in reading order: by rows, or the left column and then the right one.

    A line that spans the gutter (a title over both columns) closes the band above it, so that each band
    is read column by column.
    """
    lines = [line for line in page.lines if line.text.strip()]
    gutter = _gutter(lines, page.width)
    if gutter is None:
        return _with_right_edge(_rows(lines))
    ordered: list[TextLine] = []
    band: list[TextLine] = []

    def flush() -> None:
        ordered.extend(_with_right_edge(_rows([line for line in band if line.x1 <= gutter])))
        ordered.extend(_with_right_edge(_rows([line for line in band if line.x1 > gutter])))
        band.clear()

    for line in sorted(lines, key=lambda item: (item.top, item.x0)):
        if line.x0 < gutter < line.x1:
            flush()
            ordered.extend(_with_right_edge(_rows([line])))
        else:
            band.append(line)
    flush()
    return ordered


def _with_right_edge(lines: list[TextLine]) -> list[TextLine]:
    right = max((line.x1 for line in lines), default=0.0)
    return [replace(line, right=right) for line in lines]


def _edge_rows(lines: list[TextLine], depth: int = 2) -> tuple[list[int], list[int]]:
    """Indexes of the top and bottom rows of a page (by position, not by reading order)."""
    by_top = sorted(range(len(lines)), key=lambda index: lines[index].top)
    return by_top[:depth], by_top[-depth:][::-1]


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def remove_furniture(pages: list[list[TextLine]], page_number: re.Pattern[str] = _PAGE_NUMBER) -> list[list[TextLine]]:
    """Drop page numbers and running headers and footers from pages of lines in reading order.

    A running header or footer is a line, with its numbers ignored, found at the top or the bottom of at
    least two pages and of a third of them. A page number is a number alone at the top or bottom whose
    value keeps step with the page (the most common offset between the two is taken).
    """
    drop: set[tuple[int, int]] = set()
    counts: Counter[tuple[str, str]] = Counter()
    edges = []
    for lines in pages:
        top, bottom = _edge_rows(lines)
        edges.append((top, bottom))
        seen = {("top", _furniture_key(lines[i].text)) for i in top} | {
            ("bottom", _furniture_key(lines[i].text)) for i in bottom
        }
        counts.update(seen)
    repeated = {key for key, count in counts.items() if count >= 2 and count * 3 >= len(pages)}
    numbers: list[tuple[int, int, int]] = []
    for page_index, (lines, (top, bottom)) in enumerate(zip(pages, edges, strict=True)):
        for edge, indexes in (("top", top), ("bottom", bottom)):
            for index in indexes:
                text = " ".join(lines[index].text.split())
                if (edge, _furniture_key(text)) in repeated and not page_number.match(text):
                    drop.add((page_index, index))
                match = page_number.match(text)
                if match:
                    value = _number_value(match.group("n"))
                    if value is not None:
                        numbers.append((page_index, index, value - page_index))
    if numbers:
        offset, _ = Counter(item[2] for item in numbers).most_common(1)[0]
        drop.update((page, index) for page, index, shift in numbers if shift == offset)
    return [
        [line for index, line in enumerate(lines) if (page_index, index) not in drop]
        for page_index, lines in enumerate(pages)
    ]


def _keep_hyphen(head: str, tail: str, words: Counter[str], prefixes: frozenset[str]) -> bool:
    """Whether a hyphen at a line break belongs to the word ("cross-border") or only breaks it."""
    joined, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
    if words[hyphenated] != words[joined]:
        return words[hyphenated] > words[joined]
    return head.lower() in prefixes or tail[:1].isupper()


def join_hyphenation(pages: list[list[TextLine]], prefixes: frozenset[str] = frozenset()) -> list[list[TextLine]]:
    """Join words broken by a hyphen at the end of a line, moving the word's end up to the line above.

    The hyphen is kept where the document spells the word with one elsewhere, or after a prefix such as
    "non" or "cross"; otherwise it only broke the word and is dropped. The line break may fall across a
    page break.
    """
    words: Counter[str] = Counter(
        word.lower() for lines in pages for line in lines for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", line.text)
    )
    flat = [(page_index, index) for page_index, lines in enumerate(pages) for index in range(len(lines))]
    result = [list(lines) for lines in pages]
    for (page_a, index_a), (page_b, index_b) in itertools.pairwise(flat):
        first, second = result[page_a][index_a], result[page_b][index_b]
        broken = _BROKEN_WORD.search(first.text.rstrip())
        follow = _FIRST_WORD.match(second.text.lstrip())
        if broken is None or follow is None or not follow.group("tail")[:1].islower():
            continue
        head, tail = broken.group("head"), follow.group("tail")
        stem = first.text.rstrip()[:-1].rstrip()
        joined = stem + ("-" if _keep_hyphen(head, tail, words, prefixes) else "") + tail + follow.group("attached")
        rest = follow.group("rest").lstrip()
        result[page_a][index_a] = replace(first, text=joined)
        result[page_b][index_b] = replace(second, text=rest)
    return [[line for line in lines if line.text.strip()] for lines in result]


# What starts a provision on a new line, in figures and signs: a paragraph of its own even after a full line.
# A lexicon adds the heading words ("Section", "PART").
_NEW_UNIT = re.compile(r"^(?:\(\w{1,6}\)|[a-z]\)|\d{1,4}[A-Z]{0,2}(?:\.\d{1,3})*\.?(?:\s|$)|§)")
# Justified text stretches the space before punctuation; no statute sets one there.
_SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=\w)\s+(?=[,;:](?:\s|$))|(?<=[^\W\d_])\s+(?=\.$)")


@dataclass
class Paragraph:
    """One paragraph of the bill: its pieces of text (page number, text), joined by single spaces."""

    pieces: list[tuple[int, str]]
    blank_before: bool

    @property
    def text(self) -> str:
        """The paragraph as one line."""
        return " ".join(text for _, text in self.pieces)


def _clean(text: str) -> str:
    return _SPACE_BEFORE_PUNCTUATION.sub("", " ".join(text.split()))


def _continues(above: TextLine, line: TextLine, height: float, new_unit: re.Pattern[str]) -> bool:
    """Whether a line goes on with the paragraph of the line above it (wrapped, not a new paragraph).

    The line above runs so near the right edge of its column that the line's first word would not have
    fitted there (ragged or justified text alike), the line is not
    indented further, and it does not open a numbered unit or a heading, unless the break fell inside a
    chain of references ("section 1101(a)(15)(T)" / "(ii) of title 8").
    """
    if above.right <= 0 or not above.text:
        return False
    # Ragged or justified: the break was a wrap when the next line's first word did not fit above.
    char_width = (above.x1 - above.x0) / len(above.text)
    first_word = len(line.text.split(None, 1)[0]) if line.text.strip() else 0
    if above.right - above.x1 > (first_word + 1.5) * char_width:
        return False
    if height and line.x0 > above.x0 + 0.5 * height:
        return False
    if new_unit.match(line.text):
        return above.text.endswith(")") and line.text.startswith("(")
    return True


def _line_pitch(lines: list[TextLine], height: float) -> float:
    """The distance from one line to the next inside a paragraph: the lower quartile of the steps between
    lines, since a bill with a blank line after every paragraph has as many wider steps as narrow ones."""
    steps = sorted(
        below.top - above.top
        for above, below in itertools.pairwise(lines)
        if 0 < below.top - above.top < 4 * max(height, 1.0)
    )
    return steps[len(steps) // 4] if steps else 0.0


def lay_out(pages: list[Page], lexicon: Lexicon | None = None) -> list[Paragraph]:
    """The paragraphs of a document, from its pages' positioned lines, read with the words of ``lexicon``.

    Steps: reading order (two columns one after the other), page furniture removed, hyphenated words
    joined, wrapped lines joined into paragraphs (across page breaks too), and a blank line before a
    paragraph that an empty line's worth of space sets apart.
    """
    words = lexicon.pdf if lexicon is not None else None
    page_number = words.page_number if words is not None else _PAGE_NUMBER
    new_unit = words.new_unit if words is not None else _NEW_UNIT
    prefixes = words.hyphen_prefixes if words is not None else frozenset()
    ordered = join_hyphenation(remove_furniture([reading_order(page) for page in pages], page_number), prefixes)
    result: list[Paragraph] = []
    previous: TextLine | None = None
    for page, lines in zip(pages, ordered, strict=True):
        heights = [line.bottom - line.top for line in lines if line.bottom > line.top]
        height = statistics.median(heights) if heights else 0.0
        pitch = _line_pitch(lines, height)
        for index, line in enumerate(lines):
            line = replace(line, text=_clean(line.text))
            if not line.text:
                continue
            # An empty line's worth of space (not the few points a paragraph style adds) reads as a blank line.
            gap = index > 0 and pitch > 0 and line.top - lines[index - 1].top > 1.8 * pitch
            same_column = index == 0 or line.top >= lines[index - 1].top
            if result and previous is not None and not gap and same_column and _continues(previous, line, height, new_unit):
                if previous.text.endswith(")") and line.text.startswith("("):
                    number, text = result[-1].pieces[-1]
                    result[-1].pieces[-1] = (number, text + line.text)
                else:
                    result[-1].pieces.append((page.number, line.text))
            else:
                result.append(Paragraph([(page.number, line.text)], bool(result) and gap))
            previous = line
    return result
