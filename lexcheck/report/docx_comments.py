"""Word comments on any .docx: each on exact words of its runs, runs cut where needed, formatting kept.

This works on a python-docx ``Document`` whatever made it: the report's own rendering of a plain-text bill,
or a copy of a bill that was a .docx to begin with. A caller says where the analysed text is in the
document with :class:`~lexcheck.results.SourceParagraph` entries (the Word reader records them for every
paragraph it reads, table cells included; the report records them for the paragraphs it writes), asks a
:class:`TextMap` of them for the :class:`CommentAnchor` of a stretch of text, and :func:`annotate` adds the
comments, cutting runs at the commented words while keeping each run's formatting.
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Sequence
from dataclasses import dataclass

from docx.comments import Comment
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml import etree

from lexcheck.document.docx import RUN_TEXT
from lexcheck.results import SourceParagraph

Path = tuple[int, ...]
_RUN, _PARAGRAPH, _PROPERTIES = qn("w:r"), qn("w:p"), qn("w:rPr")
_TEXTS = {qn("w:t"), qn("w:delText")}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_REFERENCE_STYLE = "CommentReference"


@dataclass(frozen=True)
class Place:
    """A point in a document: ``offset`` characters into the text of the run ``holder`` of a paragraph.

    ``paragraph`` leads from ``w:body`` to the ``w:p`` and ``holder`` from there to the ``w:r`` (or the
    equation), each as child indices; the run's text counts a tab or a line break as one character.
    """

    paragraph: Path
    holder: Path
    offset: int


@dataclass(frozen=True)
class CommentAnchor:
    """Where a comment goes, from ``start`` to ``end`` (exclusive). ``lines`` are the comment's
    paragraphs; ``emphasis`` of them (from the first) are bold."""

    start: Place
    end: Place
    lines: list[str]
    emphasis: int = 1


class TextMap:
    """Where each character of an analysed text is in a Word document: its paragraph, run and offset."""

    def __init__(self, paragraphs: Sequence[SourceParagraph]):
        self.paragraphs = [paragraph for paragraph in paragraphs if paragraph.pieces]
        self._starts = [paragraph.start for paragraph in self.paragraphs]
        self._pieces = [(index, piece) for index, paragraph in enumerate(self.paragraphs) for piece in paragraph.pieces]
        self._piece_starts = [piece.start for _, piece in self._pieces]

    def paragraph_at(self, offset: int) -> int:
        """The paragraph an offset of the text is in; one in the gap after a paragraph is in the next one."""
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        if offset >= self.paragraphs[index].end and index + 1 < len(self.paragraphs):
            index += 1
        return index

    def _whole(self, index: int) -> tuple[Place, Place]:
        paragraph = self.paragraphs[index]
        first, last = paragraph.pieces[0], paragraph.pieces[-1]
        return (
            Place(paragraph.path, first.holder, first.offset),
            Place(paragraph.path, last.holder, last.offset + last.length),
        )

    def anchor(
        self, start: int, end: int, lines: list[str], whole_paragraph: bool = False
    ) -> CommentAnchor | None:
        """An anchor on the text ``[start, end)``, or on the whole paragraph where ``start`` is.

        Characters that come from no run (a list number shown by list formatting) are left out of the
        anchor; text that has none at all is anchored on its paragraph. A stretch that runs from one
        table cell (or other container) into another ends with its first paragraph. None only when the
        map is empty.
        """
        if not self.paragraphs:
            return None
        if not whole_paragraph:
            first = max(0, bisect.bisect_right(self._piece_starts, start) - 1)
            if first < len(self._pieces) and self._end_of(first) <= start:
                first += 1  # the piece before ends before the words: they begin in the next one
            last = bisect.bisect_left(self._piece_starts, max(end, start + 1)) - 1
            if first <= last < len(self._pieces):
                return self._span(first, last, start, end, lines)
        return CommentAnchor(*self._whole(self.paragraph_at(start)), lines)

    def _end_of(self, index: int) -> int:
        piece = self._pieces[index][1]
        return piece.start + piece.length

    def _span(self, first: int, last: int, start: int, end: int, lines: list[str]) -> CommentAnchor:
        first_paragraph, opening = self._pieces[first]
        last_paragraph, closing = self._pieces[last]
        begin = Place(
            self.paragraphs[first_paragraph].path, opening.holder, opening.offset + max(0, start - opening.start)
        )
        if self.paragraphs[first_paragraph].path[:-1] != self.paragraphs[last_paragraph].path[:-1]:
            return CommentAnchor(begin, self._whole(first_paragraph)[1], lines)
        finish = Place(
            self.paragraphs[last_paragraph].path,
            closing.holder,
            closing.offset + min(closing.length, max(1, end - closing.start)),
        )
        return CommentAnchor(begin, finish, lines)


def annotate(
    document: Document, anchors: Sequence[CommentAnchor], author: str = "lexcheck", initials: str = "LX"
) -> list[Comment]:
    """Add one comment per anchor, authored ``author``; return the comments in the anchors' order.

    Every place is found, and every run cut, before any comment is placed, so that no cut or marker moves
    a place that is still to be found.
    """
    body = document.element.body
    holders = [(_follow(body, place.paragraph, place.holder), place.offset) for a in anchors for place in (a.start, a.end)]
    offsets: dict[etree._Element, set[int]] = {}
    for holder, offset in holders:
        offsets.setdefault(holder, set()).add(offset)
    segments = {holder: _cut(holder, cuts) for holder, cuts in offsets.items()}
    reference_style = _REFERENCE_STYLE if _has_style(document, _REFERENCE_STYLE) else None
    comments = []
    for number, item in enumerate(anchors):
        (first, start), (last, end) = holders[2 * number], holders[2 * number + 1]
        comment = document.comments.add_comment(author=author, initials=initials)
        _fill(comment, item)
        ident = str(comment.comment_id)
        _before(segments[first], start).addprevious(OxmlElement("w:commentRangeStart", attrs={qn("w:id"): ident}))
        closing = _after(segments[last], end)
        marker = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): ident})
        closing.addnext(marker)
        _outside_runs(marker).addnext(_reference(ident, reference_style))
        comments.append(comment)
    return comments


def _follow(body: etree._Element, paragraph: Path, holder: Path) -> etree._Element:
    """The run (or equation) a place is in; a map that does not fit the document is a ValueError."""
    element = _child(body, paragraph)
    if element.tag != _PARAGRAPH:
        raise ValueError(f"the text map does not fit this document: {paragraph} is no paragraph")
    return _child(element, holder)


def _child(element: etree._Element, path: Path) -> etree._Element:
    for index in path:
        if index >= len(element):
            raise ValueError(f"the text map does not fit this document: nothing at {path}")
        element = element[index]
    return element


def _has_style(document: Document, style_id: str) -> bool:
    """Whether the document defines a style (asked without adding a styles part to one that has none)."""
    try:
        styles = document.part.part_related_by(RT.STYLES)
    except KeyError:
        return False
    return styles.element.get_by_id(style_id) is not None  # type: ignore[attr-defined]


def _fill(comment: Comment, item: CommentAnchor) -> None:
    for number, line in enumerate(item.lines):
        paragraph = comment.paragraphs[0] if number == 0 else comment.add_paragraph()
        paragraph.add_run(line).bold = number < item.emphasis


def _reference(ident: str, style: str | None) -> etree._Element:
    run = OxmlElement("w:r")
    if style is not None:
        properties = OxmlElement("w:rPr")
        properties.append(OxmlElement("w:rStyle", attrs={qn("w:val"): style}))
        run.append(properties)
    run.append(OxmlElement("w:commentReference", attrs={qn("w:id"): ident}))
    return run


def _outside_runs(element: etree._Element) -> etree._Element:
    """The element itself if it is a child of its paragraph, else its ancestor that is.

    The run that shows a comment's mark goes there: never inside a tracked insertion or deletion (which
    would make the mark itself a tracked change) or a hyperlink.
    """
    while (parent := element.getparent()) is not None and parent.tag != _PARAGRAPH:
        element = parent
    return element


# -- cutting runs ------------------------------------------------------------------------------------

Segment = tuple[etree._Element, int, int]  # a run and the offsets of its text in the run it was cut from


def _length(element: etree._Element) -> int:
    tag = element.tag
    if tag in _TEXTS:
        return len(element.text or "")
    return 1 if tag in RUN_TEXT else 0


def _cuttable(holder: etree._Element) -> bool:
    # A run of text, tabs and breaks (and marks of no length, such as a note reference) can be cut
    # anywhere; one that holds a picture, a text box or other nested content is commented whole.
    return holder.tag == _RUN and all(child.tag in RUN_TEXT or len(child) == 0 or child.tag == _PROPERTIES for child in holder)


def _cut(holder: etree._Element, offsets: set[int]) -> list[Segment]:
    """Cut a run at ``offsets`` of its text; the parts keep its properties and stay in its place."""
    if not _cuttable(holder):
        return [(holder, 0, 1 << 62)]
    content = [child for child in holder if child.tag != _PROPERTIES]
    total = sum(_length(child) for child in content)
    bounds = [0, *sorted(o for o in offsets if 0 < o < total), total]
    if len(bounds) == 2:
        return [(holder, 0, total)]
    groups: list[list[etree._Element]] = [[] for _ in bounds[1:]]
    at = 0
    for child in content:
        text = (child.text or "") if child.tag in _TEXTS else ""
        if not text:  # a tab, a break, or a mark of no length: it goes where it begins
            groups[min(bisect.bisect_right(bounds, at) - 1, len(groups) - 1)].append(child)
            at += _length(child)
            continue
        while text:  # a text, shared out between the parts it overlaps
            part = bisect.bisect_right(bounds, at) - 1
            taken = min(len(text), bounds[part + 1] - at)
            piece = copy.deepcopy(child)
            piece.text = text[:taken]
            piece.set(_XML_SPACE, "preserve")
            groups[part].append(piece)
            text, at = text[taken:], at + taken
    segments: list[Segment] = []
    for number, group in enumerate(groups):
        run = holder if number == 0 else copy.deepcopy(segments[-1][0])
        for child in list(run):
            if child.tag != _PROPERTIES:
                run.remove(child)
        run.extend(group)
        if number:
            segments[-1][0].addnext(run)
        segments.append((run, bounds[number], bounds[number + 1]))
    return segments


def _before(segments: list[Segment], offset: int) -> etree._Element:
    """The run a comment that begins at ``offset`` begins before."""
    for run, _, end in segments:
        if end > offset:
            return run
    return segments[-1][0]


def _after(segments: list[Segment], offset: int) -> etree._Element:
    """The run a comment that ends at ``offset`` ends after."""
    chosen = segments[0][0]
    for run, start, _ in segments:
        if start < offset:
            chosen = run
    return chosen
