"""The bill cut into blocks for display: one block per run of text that belongs to one provision.

A provision's own words, the words after its last nested provision and each nested provision become
separate blocks in document order, so a report can indent each by its depth, anchor each provision, and put
a finding's explanation right after the words it is about. Inside a block the text is cut into segments at
every highlight boundary, and each segment knows every highlighted finding that covers it, so
overlapping findings need no nesting of marks.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from dataclasses import dataclass, field

from lexcheck.report.view import FileView, FindingView
from lexcheck.results import SEVERITY_ORDER, OutlineEntry


@dataclass
class Segment:
    """A piece of text covered by the same highlighted findings (none for plain text)."""

    text: str
    findings: list[FindingView] = field(default_factory=list)
    opens: list[FindingView] = field(default_factory=list)
    closes: list[FindingView] = field(default_factory=list)

    @property
    def severity(self) -> str | None:
        """The most serious severity among the findings that cover this piece."""
        if not self.findings:
            return None
        return max((v.finding.severity for v in self.findings), key=SEVERITY_ORDER.__getitem__)

    @property
    def idents(self) -> str:
        """The ids of the covering findings, space-separated (for the page's filters)."""
        return " ".join(v.ident for v in self.findings)


@dataclass
class Block:
    """A run of the bill's text that belongs to one provision (``None``: text before the first one)."""

    start: int
    end: int
    provision: OutlineEntry | None
    anchors: list[tuple[str, OutlineEntry | None]] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    opens: list[FindingView] = field(default_factory=list)
    law: list[FindingView] = field(default_factory=list)
    marked_by: list[FindingView] = field(default_factory=list)
    cards: list[FindingView] = field(default_factory=list)

    @property
    def depth(self) -> int:
        """How deeply the block's provision is nested (the preamble is at depth 0)."""
        return self.provision.depth if self.provision is not None else 0

    @property
    def level(self) -> int:
        """How far to indent the block: "3.—(1) …" opens both s. 3 and s. 3(1), and sits where s. 3 does."""
        depths = [entry.depth for _, entry in self.anchors if entry is not None]
        return min([self.depth, *depths])

    @property
    def kind(self) -> str:
        """The kind of the block's provision, or ``preamble``."""
        return self.provision.kind if self.provision is not None else "preamble"

    @property
    def opens_heading(self) -> bool:
        """True when the block's first line is the number and heading of a Part or section."""
        return any(
            entry is not None and entry.heading and (entry.container or entry.kind == "section")
            for _, entry in self.anchors
        )

    @property
    def mark_severity(self) -> str | None:
        """The most serious severity of the provision-level findings that cover this block."""
        if not self.marked_by:
            return None
        return max((v.finding.severity for v in self.marked_by), key=SEVERITY_ORDER.__getitem__)

    @property
    def law_summary(self) -> str:
        """How many whole-law findings this block prompted, by severity ("1 error, 6 warnings")."""
        counts: Counter[str] = Counter(v.finding.severity for v in self.law)
        plural = {"error": "errors", "warning": "warnings", "info": "info"}
        return ", ".join(
            f"{counts[level]} {level if counts[level] == 1 else plural[level]}" for level in plural if counts[level]
        )

    @property
    def law_idents(self) -> str:
        """The ids of the whole-law findings this block prompted, space-separated."""
        return " ".join(v.ident for v in self.law)

    @property
    def law_severity(self) -> str | None:
        """The most serious severity of the whole-law findings this block prompted."""
        if not self.law:
            return None
        return max((v.finding.severity for v in self.law), key=SEVERITY_ORDER.__getitem__)

    @property
    def marked_idents(self) -> str:
        """The ids of the provision-level findings covering this block, space-separated."""
        return " ".join(v.ident for v in self.marked_by)


def provision_ids(file: FileView) -> dict[str, str]:
    """The HTML id of each provision label's first occurrence (``(preamble)`` and ``(document)`` too)."""
    ids = {"(document)": file.ident, "(preamble)": f"{file.ident}-preamble"}
    for index, entry in enumerate(file.report.outline):
        ids.setdefault(entry.label, f"{file.ident}-p{index}")
    return ids


def layout(file: FileView) -> list[Block]:
    """Cut a bill into display blocks, with its highlights, provision marks and finding cards placed."""
    report = file.report
    text = report.text
    blocks = _blocks(text, report.outline, file.ident)
    starts = [b.start for b in blocks]

    def block_at(offset: int) -> Block:
        return blocks[max(0, bisect.bisect_right(starts, offset) - 1)]

    words = [v for v in file.findings if v.placement == "words"]
    labels = {entry.label for entry in report.outline}
    for view in file.findings:
        finding = view.finding
        home = block_at(finding.start_char)
        if view.placement == "law":
            home.law.append(view)  # pointed to from the offence that prompted it; the card is at the top
            continue
        home.cards.append(view)
        if view.placement == "provision":
            home.opens.append(view)
            # The margin mark runs along the provision; text outside every provision (a preamble whose
            # finding spans the document) marks only its own block.
            if finding.provision not in labels:
                home.marked_by.append(view)
                continue
            for block in blocks:
                if block.start < _span(view)[1] and block.end > finding.start_char:
                    block.marked_by.append(view)
    for block in blocks:
        block.segments = _segments(text, block, words)
    shown = _close(blocks, words)
    for view in words:
        if view.ident not in shown:
            # Words that fall in no shown text (blank space): the pointer goes at the start of the block.
            block_at(view.finding.start_char).opens.append(view)
    return blocks


def _blocks(text: str, outline: list[OutlineEntry], file_ident: str) -> list[Block]:
    # A sweep over every provision boundary, keeping the stack of open provisions: the top is the
    # most deeply nested provision at that point.
    cuts = sorted({0, len(text)} | {e.start for e in outline} | {e.end for e in outline})
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    pending = sorted(range(len(outline)), key=lambda i: (outline[i].start, outline[i].depth))
    stack: list[int] = []
    blocks: list[Block] = []
    next_entry = 0
    for start, end in itertools.pairwise(cuts):
        while stack and outline[stack[-1]].end <= start:
            stack.pop()
        opened = []
        while next_entry < len(pending) and outline[pending[next_entry]].start <= start:
            index = pending[next_entry]
            next_entry += 1
            while stack and outline[stack[-1]].end <= outline[index].start:
                stack.pop()
            stack.append(index)
            opened.append(index)
        provision = outline[stack[-1]] if stack else None
        if blocks and blocks[-1].provision is provision and not opened:
            blocks[-1].end = end
            continue
        block = Block(start, end, provision)
        for index in opened:
            block.anchors.append((f"{file_ident}-p{index}", outline[index]))
        blocks.append(block)
    if blocks and blocks[0].provision is None:
        blocks[0].anchors.insert(0, (f"{file_ident}-preamble", None))
    # Empty provisions (a section whose first subsection starts at its own first character) leave no
    # block of their own: their anchor goes with the block that follows.
    kept: list[Block] = []
    carried: list[tuple[str, OutlineEntry | None]] = []
    for block in blocks:
        if not text[block.start : block.end].strip():
            carried.extend(block.anchors)
            continue
        block.anchors = carried + block.anchors
        carried = []
        kept.append(block)
    if carried and kept:
        kept[-1].anchors.extend(carried)
    return kept or [Block(0, len(text), None, carried)]


def _segments(text: str, block: Block, words: list[FindingView]) -> list[Segment]:
    # Blank lines around a block are the page's spacing, not text to show.
    raw = text[block.start : block.end]
    lead = len(raw) - len(raw.lstrip())
    start, end = block.start + lead, block.start + len(raw.rstrip())
    inside = [v for v in words if _span(v)[0] < end and _span(v)[1] > start]
    cuts = {start, end}
    for view in inside:
        cuts.update(min(max(offset, start), end) for offset in _span(view))
    segments = []
    for a, b in itertools.pairwise(sorted(cuts)):
        covering = [v for v in inside if _span(v)[0] <= a and _span(v)[1] >= b]
        segments.append(Segment(text[a:b], covering))
    return segments


def _span(view: FindingView) -> tuple[int, int]:
    # A finding is at least one character long, so that it can be shown.
    return view.finding.start_char, max(view.finding.end_char, view.finding.start_char + 1)


def _close(blocks: list[Block], words: list[FindingView]) -> set[str]:
    """Note each highlighted finding's first and last piece of text (its anchor and its badge); return those."""
    first: dict[str, Segment] = {}
    last: dict[str, Segment] = {}
    for block in blocks:
        for segment in block.segments:
            for view in segment.findings:
                first.setdefault(view.ident, segment)
                last[view.ident] = segment
    for view in words:
        if view.ident in last:
            first[view.ident].opens.append(view)
            last[view.ident].closes.append(view)
    return set(last)
