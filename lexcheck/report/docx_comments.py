"""Word comments on any .docx: anchors given as paragraph positions, runs cut so each comment covers its words.

This works on a python-docx ``Document`` whatever made it: the report's own rendering of a plain-text bill,
or a copy of a bill that was a .docx to begin with. A caller says where each paragraph of
``document.paragraphs`` starts in the analysed text (:func:`anchor`), and :func:`annotate` adds the
comments, cutting runs at the commented words while keeping each run's formatting.
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx.comments import Comment
from docx.document import Document
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# Run content that can be cut anywhere without losing anything: text, tabs and line breaks.
_PLAIN_RUN_PARTS = {"rPr", "t", "tab", "br", "cr"}


@dataclass(frozen=True)
class CommentAnchor:
    """Where a comment goes: from ``start`` in paragraph ``first`` to ``end`` in paragraph ``last``.

    Paragraph numbers index ``document.paragraphs``; offsets index each paragraph's ``text``; ``end`` is
    exclusive. ``lines`` are the comment's paragraphs; ``emphasis`` of them (from the first) are bold.
    """

    first: int
    start: int
    last: int
    end: int
    lines: list[str]
    emphasis: int = 1


@dataclass(frozen=True)
class ParagraphMap:
    """Where each paragraph of a document starts in the analysed text, and how long its text is."""

    starts: list[int]
    lengths: list[int] = field(default_factory=list)

    def locate(self, offset: int) -> tuple[int, int]:
        """The paragraph holding a text offset and the offset within it (clamped to the paragraph)."""
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return index, min(max(0, offset - self.starts[index]), self.lengths[index])


def anchor(
    paragraphs: ParagraphMap, start: int, end: int, lines: list[str], whole_paragraph: bool = False
) -> CommentAnchor:
    """An anchor for the analysed text ``[start, end)``, or for the whole paragraph where ``start`` is."""
    first, at = paragraphs.locate(start)
    if whole_paragraph:
        return CommentAnchor(first, 0, first, paragraphs.lengths[first], lines)
    last, until = paragraphs.locate(max(start + 1, end) - 1)
    until += 1
    if (last, until) <= (first, at):
        last, until = first, paragraphs.lengths[first]
    if at >= paragraphs.lengths[first]:  # the words begin in the gap after a paragraph: take the next one
        first, at = min(first + 1, last), 0
    return CommentAnchor(first, at, last, min(until, paragraphs.lengths[last]), lines)


def annotate(
    document: Document, anchors: Sequence[CommentAnchor], author: str = "lexcheck", initials: str = "LX"
) -> list[Comment]:
    """Add one comment per anchor, authored ``author``; return the comments in the anchors' order."""
    paragraphs = document.paragraphs
    cuts: dict[int, set[int]] = {}
    for item in anchors:
        cuts.setdefault(item.first, set()).add(item.start)
        cuts.setdefault(item.last, set()).add(item.end)
    # Every cut is made before any comment is placed, so that no later cut moves a comment's edge.
    for index, offsets in cuts.items():
        _cut(paragraphs[index], offsets)
    comments = []
    for item in anchors:
        first = _run_from(paragraphs[item.first], item.start)
        last = _run_until(paragraphs[item.last], item.end)
        if first is None or last is None:
            continue  # an empty paragraph: nothing to hold the comment
        comment = document.add_comment([first, last], text="", author=author, initials=initials)
        _fill(comment, item)
        comments.append(comment)
    return comments


def _fill(comment: Comment, item: CommentAnchor) -> None:
    for number, line in enumerate(item.lines):
        paragraph = comment.paragraphs[0] if number == 0 else comment.add_paragraph()
        paragraph.add_run(line).bold = number < item.emphasis


def _runs(paragraph: Paragraph) -> list[tuple[Run, int, int]]:
    """The paragraph's runs (those inside hyperlinks too) with their offsets in ``paragraph.text``."""
    found = []
    offset = 0
    for item in paragraph.iter_inner_content():
        for run in [item] if isinstance(item, Run) else item.runs:
            length = len(run.text)
            found.append((run, offset, offset + length))
            offset += length
    return found


def _cut(paragraph: Paragraph, offsets: set[int]) -> None:
    for offset in sorted(offsets, reverse=True):
        for run, start, end in _runs(paragraph):
            if start < offset < end and _plain(run):
                _split(run, offset - start)
                break


def _plain(run: Run) -> bool:
    # Runs holding a picture, a field or a note reference are never cut; the comment takes the whole run.
    return all(str(child.tag).rsplit("}", 1)[-1] in _PLAIN_RUN_PARTS for child in run._r)


def _split(run: Run, at: int) -> None:
    text = run.text
    twin = copy.deepcopy(run._r)
    run._r.addnext(twin)
    run.text = text[:at]
    Run(twin, run._parent).text = text[at:]


def _run_from(paragraph: Paragraph, offset: int) -> Run | None:
    runs = [(run, start, end) for run, start, end in _runs(paragraph) if end > start]
    for run, _, end in runs:
        if end > offset:
            return run
    return runs[-1][0] if runs else None


def _run_until(paragraph: Paragraph, offset: int) -> Run | None:
    runs = [(run, start, end) for run, start, end in _runs(paragraph) if end > start]
    chosen = None
    for run, start, _ in runs:
        if start < offset or chosen is None:
            chosen = run
    return chosen
