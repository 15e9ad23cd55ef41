"""Amending acts: which words an amendment deletes or repeals, and which words only give instructions.

An act that amends a principal act carries three kinds of text: instructions ("Section 4 of the principal
Act is amended by …"), words it puts into the principal act (inserted or substituted: new law, checked
like any other), and words it takes out ('by omitting the words "shall be punished with death"', "Section 9
is repealed"). Words taken out are not law once the amendment is made: they must not be reported as if they
were, and a safeguard among them is being removed. The formulas are the lexicon's (section ``amendments``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lexcheck.language import Lexicon
from lexcheck.structure.model import Provision

# Quotation marks, opening → closing: the words an instruction takes out are quoted. Central European
# translations open with a low mark („…”, and German „…“) and French ones with guillemets («…»).
_OPEN_TO_CLOSE = {"“": "”", '"': '"', "‘": "’", "'": "'", "„": "”“", "«": "»", "‚": "’‘"}
_QUOTED = re.compile(r"[“\"‘'„«‚]")


@dataclass
class Amendments:
    """The removed words and the instructions of an amending act (empty for an ordinary act)."""

    removed: list[tuple[int, int]] = field(default_factory=list)
    instructions: list[tuple[int, int]] = field(default_factory=list)
    amending: bool = False  # the text amends a principal act


# How far after a quotation the words that take it out are looked for.
REMOVED_AFTER_REACH = 400


def _closing(text: str, quote_at: int) -> int:
    """Where the quotation opened at ``quote_at`` closes (the offset of its closing mark), or -1."""
    closes = _OPEN_TO_CLOSE[text[quote_at]]
    found = [at for mark in closes if (at := text.find(mark, quote_at + 1, quote_at + 2000)) != -1]
    end = min(found) if found else -1
    close = closes[0]
    if close in "\"'":
        # Straight quotes: skip apostrophes inside words ("person's").
        while end != -1 and close == "'" and end + 1 < len(text) and text[end + 1].isalpha():
            end = text.find(close, end + 1, quote_at + 2000)
    return end


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for raw in text.split("\n"):
        spans.append((offset, offset + len(raw)))
        offset += len(raw) + 1
    return spans


# Share of the sections that must give instructions: a full act with a part of consequential amendments
# to other laws is not an amending act.
AMENDING_SHARE = 0.3


def _amends(
    text: str, instructions: list[tuple[int, int]], provisions: list[Provision], lexicon: Lexicon
) -> bool:
    """Whether the text as a whole amends a principal act (not a full act that also amends others)."""
    words = lexicon.amendments
    if not words.amending.search(text):
        return False
    if words.amending_title.search(text[:1500]):
        return True
    sections = [node for node in provisions if node.kind == "section" and not node.inserted]
    if not sections:
        return True
    starts = [start for start, _ in instructions]
    giving = sum(1 for node in sections if any(node.start <= start < node.end for start in starts))
    return giving / len(sections) >= AMENDING_SHARE


def find_amendments(text: str, provisions: list[Provision], lexicon: Lexicon) -> Amendments:
    """Find the words an amending act deletes or repeals, and its instruction lines."""
    words = lexicon.amendments
    found = Amendments()
    for pattern in (words.removed_before, words.removed_for):
        for match in pattern.finditer(text):
            opening = match.start("quote")
            end = _closing(text, opening)
            if end == -1:
                continue
            after = text[end + 1 : end + 60]
            if pattern is words.removed_for and not words.substitute_after.match(after):
                continue  # "for “trafficking” means …" is not an instruction
            found.removed.append((opening + 1, end))
    for match in _QUOTED.finditer(text):
        if match.group(0) not in "“\"„«":
            continue
        end = _closing(text, match.start())
        # far enough for a second quotation before the verb: 'the words "…" and the words "…" are deleted'
        if end != -1 and words.removed_after.match(text[end + 1 : end + REMOVED_AFTER_REACH]):
            found.removed.append((match.start() + 1, end))
    for pattern in (words.repealed_title, words.omitted_title):
        for match in pattern.finditer(text):
            found.removed.append((match.start("title"), match.end("title")))
    if words.marked_insertion.search(text):
        # a bill that marks what it adds marks what it deletes: the bracketed words are no longer law
        for match in words.marked_deletion.finditer(text):
            group = "words" if match.group("words") is not None else "words2"
            found.removed.append((match.start(group), match.end(group)))
    for start, end in _line_spans(text):
        if words.instruction.search(text, start, end):
            found.instructions.append((start, end))
    found.amending = _amends(text, found.instructions, provisions, lexicon)
    if found.amending:
        # A provision that repeals ("Section 95 repealed (Trafficked persons not criminally liable)") takes
        # out what its heading names.
        for node in provisions:
            if (
                node.kind == "section"
                and words.repeal.search(text, node.start, node.own_end)
                and node.end - node.start < 600
            ):
                found.removed.append((node.start, node.end))
    found.removed = sorted(set(found.removed))
    return found
