"""Page layout that is not part of the law's words: marginal notes, tables of contents and explanatory notes.

Three layouts confuse a line-by-line reading of a statute. Acts printed with **marginal notes** carry each
section's title in a left column ("Short title and        1.—(1) This Act …"), so every line starts with
words that belong to no sentence. An **arrangement of sections** (a table of contents) at the top lists
every section number with its title, so the real sections that follow look like a second numbering.
An **explanatory note** or a bill's **summary** says what each clause does in words that are not law. All are
found here from the shape of the text alone and blanked out of the analysed text (keeping every offset); the
marginal notes are kept as headings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lexcheck.language import Lexicon
from lexcheck.structure.numbering import SectionMarker, container_match, schedule_match, section_marker

# A left-column note, a gap of three or more spaces, then the text column.
_NOTE_AND_BODY = re.compile(r"^(?P<note>\S(?:[^\n]*?\S)?)[ \t]{3,}(?P<body>\S[^\n]*)$")
# A marginal note printed to the right of a section's first line: "6. (1) A person who recruits …     Trafficking
# in persons."
_BODY_AND_RIGHT_NOTE = re.compile(r"^(?P<body>\S[^\n]*?\S)[ \t]{3,}(?P<note>[A-Z][^.\n]{1,80}\.)[ \t]*$")
# At most this many words in a right-hand note.
RIGHT_NOTE_WORDS = 10
# Lines of notes needed before a text column counts as one (a stray gap is not a layout).
MIN_NOTE_LINES = 3
# How far right of the text column a hanging indent may start a line of the same text.
HANGING_INDENT = 8
# A table of contents lists at least this many section numbers.
MIN_CONTENTS_ENTRIES = 3
CONTENTS_LINE_MAX = 100


@dataclass
class Layout:
    """The analysed text (marginal notes, tables of contents and explanatory matter blanked), the notes and the
    rows of text tables."""

    text: str
    notes: dict[int, str] = field(default_factory=dict)  # line start offset → marginal note on that line
    rows: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each table row ("a | b | c")


def _raw_lines(text: str) -> list[tuple[int, str]]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        lines.append((offset, raw))
        offset += len(raw) + 1
    return lines


def _text_column(lines: list[tuple[int, str]], lexicon: Lexicon) -> int | None:
    """The column where provision text starts when a marginal-note column precedes it."""
    columns: Counter[int] = Counter()
    for _, raw in lines:
        match = _NOTE_AND_BODY.match(raw)
        if match and section_marker(match.group("body"), lexicon) is not None and len(match.group("note")) <= 40:
            columns[match.start("body")] += 1
    if not columns:
        return None
    column, count = columns.most_common(1)[0]
    if count < MIN_NOTE_LINES or column < 8:
        return None
    # The text column is real when many more lines have their text there: aligned on it, or indented a
    # little further (hanging indents: "1. (1) This Ordinance …" above "    Suppression of …").
    aligned = sum(
        1
        for _, raw in lines
        if raw[column - 2 : column] == "  " and raw[column : column + HANGING_INDENT].strip()
    )
    return column if aligned > count else None


def _blank_notes(text: str, lines: list[tuple[int, str]], column: int) -> tuple[str, dict[int, str]]:
    notes: dict[int, str] = {}
    spans: list[tuple[int, int]] = []
    previous = -1
    for offset, raw in lines:
        match = _NOTE_AND_BODY.match(raw)
        if (
            match is not None
            and column <= match.start("body") < column + HANGING_INDENT
            and match.end("note") < column - 1
            and len(match.group("note")) <= 40
        ):
            end = match.end("note")
        elif _note_filling_column(raw, column):
            end = len(raw[: column - 2].rstrip())
        elif previous in notes and raw.strip() and len(raw.rstrip()) < column and not raw[:1].isspace():
            end = len(raw.rstrip())  # the note runs on below the text ("trafficking." under "Knowingly …")
        else:
            previous = offset
            continue
        previous = offset
        notes[offset] = raw[:end].strip()
        spans.append((offset, offset + end))
    return _blank(text, spans), notes


def _right_notes(lines: list[tuple[int, str]], lexicon: Lexicon) -> dict[int, tuple[tuple[int, int], str]]:
    """Marginal notes printed to the right of a section's first line, by line offset: (span, note).

    Only a layout that does so throughout counts (at least three sections), so that a sentence ending a line
    after a wide gap is not taken for a note.
    """
    found: dict[int, tuple[tuple[int, int], str]] = {}
    for offset, raw in lines:
        match = _BODY_AND_RIGHT_NOTE.match(raw)
        if (
            match
            and section_marker(match.group("body").strip(), lexicon) is not None
            and len(match.group("note").split()) <= RIGHT_NOTE_WORDS
        ):
            found[offset] = ((offset + match.start("note"), offset + match.end("note")), match.group("note").strip())
    return found if len(found) >= MIN_NOTE_LINES else {}


def _note_filling_column(raw: str, column: int) -> bool:
    """A note long enough to leave only two spaces before the text column ("Victims not liable for  12. (1)")."""
    note = raw[: column - 2]
    return (
        raw[column - 2 : column] == "  "
        and raw[column : column + 1].strip() != ""
        and note.strip() != ""
        and not note[:1].isspace()
        and not note.endswith(" ")
    )


def _contents_like(stripped: str, lexicon: Lexicon) -> bool:
    """A line a table of contents is made of: a numbered title, a Part heading, or a short heading line."""
    if len(stripped) > CONTENTS_LINE_MAX:
        return False
    if container_match(stripped, lexicon) or schedule_match(stripped, lexicon):
        return True
    marker = section_marker(stripped, lexicon)
    # Titles, possibly followed by dot leaders and a page number; never a sentence of the law.
    rest = re.sub(r"[ .]{2,}\d+$", "", marker.rest if marker is not None else stripped).strip()
    words = rest.split()
    # An entry left in a reprint's contents for a repealed section: "9. (Repealed)", "17. [Omitted]"
    if marker is not None and re.fullmatch(r"[(\[][A-Za-z][A-Za-z .]{2,30}[)\]]\.?", rest):
        return True
    # A full stop inside the title ends a sentence, unless a number follows it ("Repeal of Act No. 11 of 2008").
    if not words or not rest[:1].isupper() or re.search(r"[;:,—–-]$", rest) or re.search(r"\. (?!\d)", rest):
        return False
    if marker is not None:
        return len(words) <= 14
    # An unnumbered line: a heading in capitals ("PRELIMINARY", "SCHEDULE") or a short title without a stop.
    return len(words) <= 8 and (rest.isupper() or not rest.endswith("."))


def _part_key(line: str, lexicon: Lexicon) -> str:
    """A Part or Chapter heading reduced to its words, to recognise it when it comes again ("" for other lines)."""
    stripped = line.strip()
    return " ".join(stripped.upper().split()) if container_match(stripped, lexicon) else ""


def _contents(
    lines: list[tuple[int, str]], markers: list[tuple[int, SectionMarker | None]], lexicon: Lexicon
) -> set[int]:
    """Offsets of the lines of a table of contents whose section numbers appear again below it.

    The contents are the first numbered block, or a block that a line introduces as the contents ("(b) TABLE
    OF CONTENTS.—The table of contents for this Act is as follows:", inside an Act's first section).
    """
    numbered = [i for i, marker in markers if marker is not None]
    for position, first in enumerate(numbered):
        if position > 0 and not _introduces_contents(lines, first, lexicon):
            continue
        if _contents_like(lines[first][1].strip(), lexicon) and (found := _contents_block(lines, markers, first, lexicon)):
            return found
    return set()


def _introduces_contents(lines: list[tuple[int, str]], index: int, lexicon: Lexicon) -> bool:
    """Whether the non-blank line above line ``index`` announces a table of contents."""
    above = index - 1
    while above >= 0 and not lines[above][1].strip():
        above -= 1
    return above >= 0 and lexicon.parser.contents_lead.search(lines[above][1]) is not None


def _contents_block(
    lines: list[tuple[int, str]], markers: list[tuple[int, SectionMarker | None]], first: int, lexicon: Lexicon
) -> set[int]:
    """The lines of the contents that start at line ``first``, if they are contents (empty otherwise)."""
    block, numbers, last = [], [], first
    # Part headings listed so far: the first one that comes again opens the law itself.
    parts: set[str] = set()
    # Part headings just above the first entry belong to the contents too; across blank lines only as far up as
    # the line announcing the contents ("CONTENTS" / blank / "PART 1" / "OFFENCES" / blank / a cross-heading).
    above, pending = first - 1, []
    while above >= 0:
        stripped = lines[above][1].strip()
        if stripped:
            if not _contents_like(stripped, lexicon):
                break
            pending.append(above)
            if lexicon.parser.contents_lead.search(stripped):
                block += pending
                break
        above -= 1
    if not block:
        # No announcing line: the headings directly above the first entry, up to a blank line.
        above = first - 1
        while above >= 0 and lines[above][1].strip() and _contents_like(lines[above][1].strip(), lexicon):
            block.append(above)
            above -= 1
    for index in block:
        parts.add(_part_key(lines[index][1], lexicon))
    for index in range(first, len(lines)):
        stripped = lines[index][1].strip()
        if not stripped:
            continue
        entry = markers[index][1]
        if not _contents_like(stripped, lexicon) or (entry is not None and entry.number in numbers):
            break  # a sentence of the law, or the numbering starting again: the contents have ended
        part = _part_key(stripped, lexicon)
        if part and part in parts:
            break  # "PART I—PRELIMINARY" again, above the first section of the law
        parts.add(part)
        block.append(index)
        last = index
        if entry is not None:
            numbers.append(entry.number)
    later = {m.number for i, m in markers[last + 1 :] if m is not None}
    if len(numbers) >= MIN_CONTENTS_ENTRIES and numbers[0] in later and numbers[1] in later:
        return {lines[index][0] for index in block}
    return set()


def find_layout(text: str, lexicon: Lexicon) -> Layout:
    """Find marginal notes and a table of contents in a statute's text."""
    lines = _raw_lines(text)
    column = _text_column(lines, lexicon)
    notes: dict[int, str] = {}
    if column is not None:
        text, notes = _blank_notes(text, lines, column)
        lines = _raw_lines(text)
    right_notes = _right_notes(lines, lexicon)
    if right_notes:
        text = _blank(text, [span for span, _ in right_notes.values()])
        notes.update({offset: note for offset, (_, note) in right_notes.items()})
        lines = _raw_lines(text)
    markers = [(i, section_marker(raw.strip(), lexicon)) for i, (_, raw) in enumerate(lines)]
    contents = _contents(lines, markers, lexicon)
    explanatory = _explanatory(lines, markers, contents, lexicon)
    # The titles in a table of contents are not the law's words either: "Sec. 204. Detention of smuggled
    # aliens." listed in section 1 must not read as a detention power there.
    listed = [(offset, offset + len(raw)) for offset, raw in lines if offset in contents]
    if explanatory or listed:
        text = _blank(text, explanatory + listed)
        lines = _raw_lines(text)
    rows = [
        (offset + len(raw) - len(raw.lstrip()), offset + len(raw))
        for offset, raw in lines
        if raw.count("|") >= 2 and raw.strip("|-+= \t")
    ]
    return Layout(text, notes, rows)


def _explanatory(
    lines: list[tuple[int, str]],
    markers: list[tuple[int, SectionMarker | None]],
    contents: set[int],
    lexicon: Lexicon,
) -> list[tuple[int, int]]:
    """Spans of explanatory matter ("EXPLANATORY NOTE", a bill's "SUMMARY"): from the heading line to the line
    where the law begins (a preamble, an enacting formula, a Part, a numbered section), or to the end."""
    words = lexicon.parser
    spans: list[tuple[int, int]] = []
    first_numbered = next((i for i, marker in markers if marker is not None), len(lines))
    index = 0
    while index < len(lines):
        offset, raw = lines[index]
        stripped = raw.strip().rstrip(":").strip()
        if offset in contents or not words.explanatory_heading.fullmatch(stripped):
            index += 1
            continue
        # A note after the law numbers its own paragraphs ("1. Grounds for drafting. …"): only a numbered
        # article or section ends it. Before the law, a numbered line may be where the law begins.
        after_law = first_numbered < index
        end = index + 1
        while end < len(lines):
            line = lines[end][1].strip()
            marker = markers[end][1]
            ends_note = marker is not None and marker.rest[:1].isupper() and not (after_law and marker.style == "bare")
            if words.explanatory_end.match(line) or ends_note:
                break
            end += 1
        stop = lines[end][0] if end < len(lines) else lines[-1][0] + len(lines[-1][1])
        spans.append((offset, stop))
        index = end
    return spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans' characters, other than line breaks, replaced by spaces (offsets kept)."""
    chars = list(text)
    for start, end in spans:
        for position in range(start, end):
            if chars[position] != "\n":
                chars[position] = " "
    return "".join(chars)
