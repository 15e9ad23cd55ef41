"""A line-anchored scan that turns a bill's text into a provision tree.

Statutes number their provisions at the start of a line, so a single pass over the lines finds every
unit without any NLP. Enumerations are placed by style ("(1)", "(a)", "(i)", "(A)", "1.") with a stack,
which resolves the classic "(i)": the ninth letter after "(h)", otherwise the first Roman numeral.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from lexcheck.document import Document
from lexcheck.language import Lexicon
from lexcheck.language.model import ParserWords
from lexcheck.structure.layout import Layout, find_layout
from lexcheck.structure.model import CONTAINER_KINDS, Provision
from lexcheck.structure.numbering import (
    DOT_MARKER_RE,
    LETTER_PAREN_RE,
    OPENING_QUOTES,
    PAREN_MARKER_RE,
    ROMAN_ITEM_RE,
    SectionMarker,
    container_match,
    inserted_marker,
    marker_candidates,
    roman_value,
    schedule_match,
    section_marker,
    section_order_key,
)

_TERMINAL = ".,;:—–-"


@dataclass
class _Line:
    start: int  # offset of the first non-blank character
    end: int  # offset of the line end
    text: str  # the line without leading or trailing white space
    origin: int  # offset of the line's first character (white space included)


# Bare section numbers from here on are years unless they continue the numbering within this gap.
_YEAR_LIKE = Decimal(1000)
_NUMBERING_GAP = 50


@dataclass
class _Level:
    style: str
    ordinal: int
    provision: Provision


@dataclass
class _State:
    stack: list[Provision] = field(default_factory=list)
    levels: list[_Level] = field(default_factory=list)
    last_bare: Decimal | None = None
    keyword_sections: bool = False
    # The schedule being read, whose paragraphs are numbered afresh.
    schedule: Provision | None = None
    schedule_paragraphs: int = 0
    # The last item of an amending act ("3 Sections 279.01 to 279.04 of the Act are replaced by the
    # following:"): its numbering runs apart from the numbers of the sections it inserts.
    last_item: Decimal | None = None
    # The instruction of an amending act whose quoted new sections are being read ("the following sections
    # shall be inserted, namely:— '17B. …'"): they nest in it and keep apart from the act's own numbering.
    inserting: Provision | None = None


# How many item numbers an amending act's numbering may skip (a misnumbered or omitted item).
_ITEM_GAP = 3

# A line that ends a quotation of inserted text: "… determination of age.'." or "… in camera.”;"
_CLOSING_QUOTE_END = re.compile(r"[.;,]?['’\"”“»][.;,]?\s*$")


def _sublabel(parent: Provision, token: str) -> str:
    """The label of a subdivision: "s. 4(2)", or "s. 9 (new s. 17B(2))" inside an inserted section."""
    if parent.kind == "document" or parent.is_container:
        return f"({token})"
    return _child_label(parent, f"({token})")


def _child_label(parent: Provision, suffix: str) -> str:
    """``parent``'s label with ``suffix`` added, inside the brackets of an inserted section's "(new …)"."""
    if any(node.inserted for node in (parent, *parent.ancestors())):
        return f"{parent.label[:-1]}{suffix})"
    return f"{parent.label}{suffix}"


# A line this long holds a whole section with its subsections and items run together (a copy that keeps one
# line per section): "(1) Any person who— (a) recruits …; or (b) harbours …. (2) Where …".
_RUN_TOGETHER = 100
# An enumeration marker inside such a line, where a sentence, a clause or a lead-in ends before it (or an
# editorial note in brackets: "[Act 25 of 2021 wef 01/04/2022] (2) No person may …").
_INLINE_MARKER = r"(?:(?:[.;:—–\]]|--|-(?=\s))\s*{joiners}?|,\s*{joiners})(?=\( ?(?:\d{{1,3}}[A-Za-z]{{0,2}}|[a-z]{{1,2}}|[ivxlc]{{1,7}}|[A-Z]{{1,2}}) ?\)\s)"


# Where a definition may start inside such a line: after the end of the one before it.
_INLINE_DEFINITION = re.compile(r"[;.]\s+")


def _lines(text: str, joiners: Iterable[str], definition_line: re.Pattern[str]) -> list[_Line]:
    """The lines of the text, a run-together section's line cut into lines of their own at each inline marker
    and at each definition that follows another ("…; “child” means …")."""
    inline = re.compile(_INLINE_MARKER.format(joiners=f"(?:(?:{'|'.join(map(re.escape, sorted(joiners)))})\\s+)"))
    # the definition line's pattern, matched where a definition may start rather than at a line's start
    definition_at = re.compile(definition_line.pattern.removeprefix("^"), definition_line.flags)
    lines = []
    offset = 0
    for raw in text.split("\n"):
        cuts = [0]
        if len(raw) > _RUN_TOGETHER:
            cuts += [m.end() for m in inline.finditer(raw) if m.end() > 0]
            cuts += [m.end() for m in _INLINE_DEFINITION.finditer(raw) if definition_at.match(raw, m.end())]
            cuts = sorted(set(cuts))
        for low, high in zip(cuts, [*cuts[1:], len(raw)], strict=True):
            piece = raw[low:high]
            stripped = piece.strip()
            lead = len(piece) - len(piece.lstrip())
            lines.append(_Line(offset + low + lead, offset + low + len(piece.rstrip()), stripped, offset + low))
        offset += len(raw) + 1
    return lines


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text)


def _heading_like(lex: ParserWords, text: str, max_words: int, verbs: bool = False) -> bool:
    """A short title-like phrase: capitalised, no terminal punctuation, not a sentence fragment.

    ``verbs`` admits verbs ("Persons who are not liable"), for lines whose surroundings already show
    them to be headings (a blank line above, a section number below).
    """
    words = _words(text)
    if not text or not words or len(words) > max_words or text[-1] in _TERMINAL:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    if words[-1].lower() in lex.connectives:
        return False
    return verbs or not lex.verbs.search(text)


def _ends_clause(lex: ParserWords, line: _Line | None) -> bool:
    if line is None or not line.text:
        return True
    text = line.text
    if text[-1] in ".:;,—–-)]":
        return True
    last = text.rsplit(None, 1)[-1].lower()
    return last in lex.clause_end_words


class _Parser:
    def __init__(self, document: Document, layout: Layout, lexicon: Lexicon):
        self.lexicon = lexicon
        self.words = lexicon.parser
        self.text = layout.text
        self.layout = layout
        self.root = Provision("document", "", "", 0, len(self.text), 0, len(self.text))
        self.state = _State(stack=[self.root])
        self.lines = _lines(self.text, self.words.list_joiners, self.words.definition_line)
        self.line_index = {line.origin: index for index, line in enumerate(self.lines)}
        self.pending_heading: _Line | None = None
        # Where provisions closed by the line being read end: that line, or the heading just above it.
        self._next_start_hint = 0
        # A container's title on the line below its number ("CHAPTER II" / "Offences").
        self.consumed_heading: _Line | None = None
        # Lines that ended with a heading ("§ 1324. Bringing in aliens", "(a) Criminal penalties"): the
        # next line starts afresh even though the heading has no closing punctuation.
        self.heading_lines: set[int] = set()
        # Lines read as part of a heading above them (a schedule's enabling section), skipped as text.
        self.consumed_lines: set[int] = set()
        # The line that closes the quotation of inserted sections ("… by a medical determination of age.'.").
        self._closing_line: _Line | None = None

    # -- tree building -------------------------------------------------------------------------
    def _close_to(self, keep: int, offset: int) -> None:
        """Pop the provision stack down to ``keep`` entries, ending the popped provisions at ``offset``."""
        while len(self.state.stack) > keep:
            node = self.state.stack.pop()
            node.end = offset
            if not node.children:
                node.own_end = offset

    def _open(self, node: Provision) -> None:
        parent = self.state.stack[-1]
        node.parent = parent
        if not parent.children:
            parent.own_end = node.start
        parent.children.append(node)
        self.state.stack.append(node)

    def _start_offset(self, line: _Line) -> tuple[int, str | None]:
        """Where a provision begins: at a heading line just above it, if there is one."""
        heading = self.pending_heading
        self.pending_heading = None
        if heading is not None:
            # A Commonwealth title above its section ends with a full stop that is not part of it.
            title = heading.text[:-1] if heading.text.endswith(".") and not heading.text.endswith("..") else heading.text
            return heading.start, title
        return line.start, None

    # -- containers, sections, subdivisions ----------------------------------------------------
    def container(self, line: _Line, match: re.Match[str], following: _Line | None) -> None:
        word = match.group("kind").capitalize()
        schedule = match.re is self.lexicon.numbering.schedule
        kind = "schedule" if schedule else self.lexicon.numbering.container_kind(match.group("kind"))
        rank = CONTAINER_KINDS.index(kind)
        keep = 1
        for index, node in enumerate(self.state.stack[1:], start=1):
            if node.is_container and CONTAINER_KINDS.index(node.kind) < rank:
                keep = index + 1
        self._close_to(keep, self._next_start_hint)
        self.state.levels = []
        start, _ = self._start_offset(line)
        rest = match.group("rest").strip()
        if re.fullmatch(r"\(.*\)", rest):
            rest = ""  # "SCHEDULE (Section 8)": the provision it belongs to, not a title
        if schedule and not rest and following is not None and self._enabling_reference(following):
            # "SCHEDULE 2" / "Section 8" / "REMOVAL AND DETENTION": the line below names the section that
            # gives the schedule effect; the title is the line after it.
            self.consumed_lines.add(following.start)
            following = self._line_after(following)
        heading = rest or self._heading_below(following)
        self.heading_lines.add(line.start)
        number = match.group("num") or ""
        label = f"{word} {number}".strip()
        if schedule and match.group("ordinal"):
            label = f"{match.group('ordinal').strip().capitalize()} {label}"
        node = Provision(
            kind,
            number,
            label,
            start,
            len(self.text),
            line.end,
            len(self.text),
            heading=heading,
            style="container",
        )
        self._open(node)
        if schedule:
            self.state.schedule = node
            self.state.schedule_paragraphs = 0
            self.state.last_bare = None
        elif self.state.schedule is not None and self.state.schedule not in self.state.stack:
            self.state.schedule = None

    def section(self, line: _Line, marker: SectionMarker, following: _Line | None, within: Provision | None = None) -> None:
        """Open a section; ``within``: the amending instruction that inserts it into the principal act."""
        keep = 1
        for index, node in enumerate(self.state.stack[1:], start=1):
            if node.is_container:
                keep = index + 1
        if within is not None:
            keep = self.state.stack.index(within) + 1
        self._close_to(keep, self._next_start_hint)
        self.state.levels = []
        start, heading = self._start_offset(line)
        note = self._marginal_note(line)
        if note is not None and heading is not None:
            # A marginal note names the section; a short line above it is then the end of the one before
            # ("Smuggling of Migrants Act." wrapped from the short title over "2. In this Act—  Interpretation.")
            start, heading = line.start, None
        heading = heading or note
        rest = marker.rest
        rest_offset = line.start + marker.rest_offset
        # Beside a marginal note, the words after the number are the text, never a run-in title.
        # A whole line of title over "(1)" on the next line is a heading even with a verb in it ("19 Return of
        # persons whose entry was facilitated").
        over_first = following is not None and following.text.startswith("(1)")
        same_line = self._split_heading(rest, verbs=over_first) if note is None else None
        if (
            same_line is not None
            and same_line[1] == len(rest)
            and following is not None
            and following.text[:1].islower()
            and not self._is_marker_line(following)
        ):
            # "Article 3.- The consent of the victim to the envisaged exploitation" wrapped onto "is without
            # effect …": a sentence that goes on below, not a title.
            same_line = None
        if same_line is not None:
            heading, consumed = same_line
            rest_offset += consumed
            rest = rest[consumed:]
            if not rest.strip():
                self.heading_lines.add(line.start)
        elif not rest.strip() and heading is None:
            # "Article 2" / "Offences concerning trafficking in human beings" / "1. …"
            heading = self._heading_below(following)
        label = self.lexicon.numbering.labels[marker.style] + marker.number
        schedule = self.state.schedule
        if marker.style == "bare" and schedule is not None and self._schedule_paragraph(marker.number):
            label = f"{schedule.label} {self.lexicon.numbering.schedule_paragraph}{marker.number}"
        if within is not None:
            label = f"{within.label} (new {label})"
        node = Provision(
            "section",
            marker.number,
            label,
            start,
            len(self.text),
            rest_offset,
            len(self.text),
            heading=heading,
            style=marker.style,
            inserted=within is not None,
        )
        self._open(node)
        # An inserted section is numbered in the principal act, so it leaves the amending act's numbering alone.
        if within is None and marker.style == "bare":
            self.state.last_bare = section_order_key(marker.number)
            if self.lexicon.amendments.instruction.search(marker.rest):
                self.state.last_item = self.state.last_bare
        elif within is None:
            self.state.keyword_sections = True
        self.subdivisions(rest_offset, rest, line, following, allow_dot=False)

    def _split_heading(self, rest: str, verbs: bool = False) -> tuple[str, int] | None:
        """Split "Title.—Text" or a bare title line into (heading, characters consumed); ``verbs`` admits a verb
        in a bare title line that the layout already shows to be a heading."""
        dash = re.match(r"^(?P<h>[^.—–:]{2,100}?)\s*(?:\.\s*[—–-]+|[—–]+|:\s*[—–-]+)\s*", rest)
        if dash and _heading_like(self.words, dash.group("h").strip(), 12):
            return dash.group("h").strip(), dash.end()
        # A run-in title in capitals: "TRAFFICKING OF PERSONS. (a) A person commits …".
        capitals = re.match(r"^(?P<h>[A-Z][A-Z0-9 ,'’&-]{2,100}?)\.\s+(?=\S)", rest)
        if capitals and len(capitals.group("h").split()) <= 12 and _heading_like(self.words, capitals.group("h"), 12, verbs=True):
            return capitals.group("h").strip(), capitals.end()
        # A short run-in title closed by a full stop, in civil-law translations: "ARTÍCULO 14.- Non-punishment of
        # victims. Victims of trafficking in persons shall not …".
        stop = re.match(r"^(?P<h>[A-Z][^.;:()—–]{2,80}?)\.\s+(?=[A-Z]|\(\w{1,3}\)\s)", rest)
        if stop and len(stop.group("h").split()) <= 8 and _heading_like(self.words, stop.group("h"), 8):
            return stop.group("h").strip(), stop.end()
        # A title run straight into the first subsection, as text copied from a printed page gives it:
        # "2. Trafficking in persons, including the trafficking of children (1) A person who …".
        first = re.match(r"^(?P<h>[^.;:()—–]{2,250}?)\s+(?=\(1\)\s+\S)", rest)
        if first and _heading_like(self.words, first.group("h").strip().rstrip(","), 30):
            return first.group("h").strip(), first.end()
        candidate = rest.rstrip()
        if candidate.endswith(".") and not candidate.endswith(".."):
            candidate = candidate[:-1]
        if candidate and _heading_like(self.words, candidate, 12, verbs=verbs) and "." not in candidate:
            return candidate, len(rest)
        return None

    def subdivisions(self, offset: int, rest: str, line: _Line, following: _Line | None, allow_dot: bool) -> bool:
        """Open one provision per enumeration marker at the start of ``rest``; True if any was found."""
        found = False
        while True:
            match = PAREN_MARKER_RE.match(rest) or LETTER_PAREN_RE.match(rest)
            dotted = False
            if match is None and allow_dot:
                match = DOT_MARKER_RE.match(rest) or self._roman_item(rest, line)
                dotted = match is not None
            if match is None:
                return found
            level = self._place(match.group("tok"), dotted)
            if level is None:
                return found
            token = match.group("tok")
            after = rest[match.end() :]
            skipped = len(after) - len(after.lstrip(" \t—–-"))
            body = after[skipped:]
            body_offset = offset + match.end() + skipped
            start = offset
            heading = None
            if not found:
                start, heading = self._start_offset(line)
                start = min(start, offset)
            node = Provision(
                "subdivision",
                token,
                "",
                start,
                len(self.text),
                body_offset,
                len(self.text),
                heading=heading,
                style=level,
            )
            parent = self.state.stack[-1]
            node.label = _sublabel(parent, token)
            self._open(node)
            self.state.levels.append(_Level(level, marker_candidates(token, dotted)[level], node))
            found = True
            if (
                not PAREN_MARKER_RE.match(body)
                and _heading_like(self.words, body.strip(), 14)
                and self._heading_follows(line, following)
            ):
                node.heading = body.strip()
                node.body_start = body_offset + len(body)
                self.heading_lines.add(line.start)
            rest, offset = body, body_offset

    def _roman_item(self, rest: str, line: _Line) -> re.Match[str] | None:
        """A Roman-numbered item ("II. free legal counsel …"): the first after a lead-in ending in ":" or "—",
        or the next one at an open Roman level; otherwise a line such as "I. GENERAL PROVISIONS" is a title."""
        match = ROMAN_ITEM_RE.match(rest)
        if match is None or (value := roman_value(match.group("tok"))) is None:
            return None
        if value == 1:
            index = self.line_index[line.origin]
            previous = self.lines[index - 1].text if index > 0 else ""
            return match if previous.endswith((":", "—", "–")) else None
        open_roman = any(lvl.style == "upper-roman" and lvl.ordinal + 1 == value for lvl in self.state.levels)
        return match if open_roman else None

    def _marginal_note(self, line: _Line) -> str | None:
        """The marginal note beside a line, continued on the lines below until the next provision."""
        note = self.layout.notes.get(line.origin)
        if note is None:
            return None
        parts = [note]
        index = self.line_index[line.origin] + 1
        while index < len(self.lines):
            below = self.lines[index]
            more = self.layout.notes.get(below.origin)
            if more is None or container_match(below.text, self.lexicon) or section_marker(below.text, self.lexicon):
                break
            parts.append(more)
            index += 1
        return " ".join(parts).rstrip(".")

    def _heading_follows(self, line: _Line, following: _Line | None) -> bool:
        """Whether what follows a short capitalised line shows it to be a heading, not wrapped text.

        A heading is followed by a blank line, by ordinary text starting a new sentence, or by the first
        item of a new, deeper enumeration ("(a) Criminal penalties" then "(1)(A) Any person who"); wrapped
        text is followed by its own continuation ("… under paragraph" then "(c) of subsection (1) …").
        """
        if following is None:
            return False
        if self.text.count("\n", line.end, following.start) > 1:
            return True
        match = PAREN_MARKER_RE.match(following.text)
        if match is None:
            return following.text[:1].isupper()
        return 1 in marker_candidates(match.group("tok"), dotted=False).values()

    def _place(self, token: str, dotted: bool) -> str | None:
        """Choose the enumeration style of a marker and pop the stack to where it belongs."""
        candidates = marker_candidates(token, dotted)
        if not candidates:
            return None  # "(xq)": no numbering style it could belong to
        levels = self.state.levels
        chosen: tuple[int, str] | None = None
        # an inserted item repeats the ordinal of the one it follows: "(2A)" after "(2)", "(fa)" after "(f)"
        inserted = inserted_marker(token)
        # 1. the next item at an open level, deepest first ("(i)" right after "(h)")
        for index in range(len(levels) - 1, -1, -1):
            level = levels[index]
            if candidates.get(level.style) == level.ordinal + 1 or (
                inserted and level.style in ("digit", "lower") and candidates.get(level.style) == level.ordinal
            ):
                chosen = (index, level.style)
                break
        # 2. the first item of a new, deeper level ("(i)" under "(a)")
        if chosen is None:
            used = {level.style for level in levels}
            for style, ordinal in candidates.items():
                if ordinal == 1 and style not in used:
                    chosen = (len(levels), style)
                    break
        # 3. a later item at an open level, where the text skips a number (a repealed subsection), or the
        # first item of an excerpt that starts mid-section ("279.04(2) In determining …")
        if chosen is None and not levels and any(node.kind == "section" for node in self.state.stack):
            style = next(iter(candidates))
            chosen = (0, style)
        if chosen is None:
            for index in range(len(levels) - 1, -1, -1):
                level = levels[index]
                if level.style in candidates and candidates[level.style] > level.ordinal:
                    chosen = (index, level.style)
                    break
        if chosen is None:
            return None
        depth, style = chosen
        if depth < len(levels):
            keep = self.state.stack.index(levels[depth].provision)
            start = self._next_start_hint
            self._close_to(keep, start)
            del levels[depth:]
        return style

    # -- the scan ------------------------------------------------------------------------------
    def run(self) -> Provision:
        lines = self.lines
        previous: _Line | None = None
        # The next non-blank line after each line, found in one backward pass.
        following_of: list[_Line | None] = [None] * len(lines)
        upcoming: _Line | None = None
        for position in range(len(lines) - 1, -1, -1):
            following_of[position] = upcoming
            if lines[position].text:
                upcoming = lines[position]
        for index, line in enumerate(lines):
            if (
                not line.text
                or line is self.consumed_heading
                or line.start in self.consumed_lines
            ):
                previous = line
                continue
            following = following_of[index]
            self._next_start_hint = self.pending_heading.start if self.pending_heading else line.start
            self._track_insertion(line)
            boundary = _ends_clause(self.words, previous) or (previous is not None and self._was_heading(previous))
            if boundary and self._line_starts_provision(line, following):
                previous = line
                continue
            if self._closes_list(previous, line, following):
                # Closing words after a list ("(d) …,\nfor the purpose of exploitation, commits the
                # offence …") belong to the provision that introduced the list, not to its last item.
                level = self.state.levels.pop()
                parent = level.provision.parent
                if parent is not None and parent in self.state.stack:
                    self._close_to(self.state.stack.index(parent) + 1, line.start)
            if boundary and self.state.levels and self.words.definition_line.match(line.text):
                # An unnumbered definition after a list ("(d) …;" then "“victim” means …") belongs to
                # the definitions section, not to the last list item.
                section = next((n for n in reversed(self.state.stack) if n.kind == "section"), None)
                if section is not None:
                    self._close_to(self.state.stack.index(section) + 1, line.start)
                    self.state.levels = []
            if (
                boundary
                and following is not None
                and self._is_marker_line(following)
                and self._heading_above(line, following)
                and not line.text[:1].isdigit()  # "2025 CHAPTER 7" above section 1 is a year, not its title
            ):
                self.pending_heading = line
            else:
                self.pending_heading = None
            previous = line
        self._close_to(1, len(self.text))
        self.root.end = len(self.text)
        if not self.root.children:
            self.root.own_end = len(self.text)
        return self.root

    def _without_joiner(self, text: str) -> str:
        """A line without a last word that joins it to the next ("…, or provides lodging to”; and")."""
        words = text.rsplit(None, 1)
        if len(words) == 2 and words[1].lower() in self.words.clause_end_words:
            return words[0]
        return text

    def _next_instruction(self, instruction: Provision, text: str) -> bool:
        """Whether a line opens the section after an amending instruction, in the instruction's own numbering."""
        marker = section_marker(text, self.lexicon)
        if marker is None or marker.style != instruction.style or text[:1] in OPENING_QUOTES:
            return False
        current, following = section_order_key(instruction.number), section_order_key(marker.number)
        return current is not None and following is not None and following == current + 1

    def _track_insertion(self, line: _Line) -> None:
        """Open or close the quotation of new sections that an amending instruction inserts or substitutes.

        It opens at a line that starts with a quotation mark just after a line that puts new text in ("shall be
        inserted, namely:—", "to read as follows:"), inside a section, and closes after the line that ends with the
        closing mark.
        """
        if self._closing_line is not None:
            # The quotation closed on the line before: what follows is the amending act's own text again, not
            # part of the last inserted section ("TRANSITORY ARTICLES" after "… of his or her choice."").
            instruction = self.state.inserting
            self.state.inserting, self._closing_line = None, None
            if instruction is not None and instruction in self.state.stack:
                self._close_to(self.state.stack.index(instruction) + 1, line.origin)
                self.state.levels = [level for level in self.state.levels if level.provision in self.state.stack]
        if self.state.inserting is None and line.text[:1] in OPENING_QUOTES:
            index = self.line_index[line.origin] - 1
            while index >= 0 and not self.lines[index].text:
                index -= 1
            introduces = index >= 0 and bool(self.lexicon.amendments.new_text.search(self.lines[index].text))
            instruction = next((node for node in self.state.stack if node.kind == "section"), None)
            if introduces and instruction is not None:
                self.state.inserting = instruction
        if self.state.inserting is not None and _CLOSING_QUOTE_END.search(self._without_joiner(line.text)):
            self._closing_line = line

    def _heading_above(self, line: _Line, following: _Line) -> bool:
        """Whether a line is the title of the numbered line below it. Commonwealth acts end such a title with a
        full stop ("Repeal of section 12 of the principal Act." above "5. Section 12 … is repealed"); a title
        so written has no verb, which tells it from the last sentence of the section before."""
        starts_section = self._starts_section(following)
        if _heading_like(self.words, line.text, 12, verbs=starts_section):
            return True
        text = line.text
        return (
            starts_section
            and text.endswith(".")
            and not text.endswith("..")
            and ":" not in text  # "Penalty: Imprisonment for 3 years." closes the section above
            and not self.lexicon.penalties.penalty_words.search(text)
            and _heading_like(self.words, text[:-1], 12)
        )

    def _closes_list(self, previous: _Line | None, line: _Line, following: _Line | None) -> bool:
        """Whether an unnumbered line holds the closing words of a list rather than a wrapped item.

        The last item ends with "," or ";" (or "or"/"and"), the line starts in lower case and ends the
        sentence, and no further item of the same list follows; or the line states the penalty of the
        conduct the list describes.
        """
        if not self.state.levels or previous is None or not previous.text:
            return False
        item = self.state.levels[-1].provision
        parent = item.parent
        # Only a list closes: the item has siblings, and the line before is the item's own (wrapped) line.
        if parent is None or len(parent.children) < 2 or self.text.count("\n", item.start, previous.start) > 2:
            return False
        if self.words.penalty_line.match(line.text):
            return True  # "Penalty – reclusion, from 4 to 8 years" after the purposes "I – …; V – …."
        if not line.text[:1].islower():
            return False
        ends_item = previous.text[-1] in ",;" or previous.text.rsplit(None, 1)[-1].lower() in self.words.list_joiners
        # the closing words end the sentence, on this line or, wrapped, on the next ("commits the offence of
        # aggravated smuggling and is liable to the penalty" / "specified in the Second Schedule.")
        ends_sentence = line.text.rstrip().endswith((".", ":", ";")) or (
            following is not None
            and following.text[:1].islower()
            and following.text.rstrip().endswith(".")
            and not self._is_marker_line(following)
        )
        if not ends_item or not ends_sentence:
            return False
        if following is not None:
            match = PAREN_MARKER_RE.match(following.text)
            level = self.state.levels[-1]
            if match and marker_candidates(match.group("tok"), dotted=False).get(level.style) == level.ordinal + 1:
                return False
        return True

    def _heading_below(self, following: _Line | None) -> str | None:
        """Take the line below a bare number ("CHAPTER II", "Article 2") as its title, if it is one.

        A title may hold verbs ("Persons who have been smuggled") when a new sentence starts below it.
        """
        if following is None or self._is_marker_line(following):
            return None
        if not _heading_like(self.words, following.text, 12):
            after = self._line_after(following)
            if not (_heading_like(self.words, following.text, 12, verbs=True) and after is not None and after.text[:1].isupper()):
                return None
        self.consumed_heading = following
        self.heading_lines.add(following.start)
        return following.text

    def _next_item(self, marker: SectionMarker, key: Decimal) -> bool:
        """Whether a number below the last section continues an amending act's own items: "4 Subsection
        286.5(1) of the Act is replaced by the following:" after inserted sections 279.01 to 286.5 (the
        item after one that gave an instruction)."""
        last = self.state.last_item
        if last is None or not marker.rest[:1].isupper() or not last < key <= last + _ITEM_GAP:
            return False
        # A skipped number is taken only for an instruction ("12 The Act is amended by adding …").
        return key == last + 1 or bool(self.lexicon.amendments.instruction.search(marker.rest))

    def _schedule_paragraph(self, number: str) -> bool:
        """Whether a bare number in a schedule numbers its next paragraph (1, 2, 3 …), rather than a
        section that an amending schedule inserts into the principal Act ("233A Offence of …")."""
        schedule = self.state.schedule
        if self.lexicon.numbering.schedule_paragraph is None or schedule is None or schedule not in self.state.stack:
            return False
        if not number.isdigit() or int(number) != self.state.schedule_paragraphs + 1:
            return False
        self.state.schedule_paragraphs += 1
        return True

    def _enabling_reference(self, line: _Line) -> bool:
        """Whether a line only names a section ("Section 8", "Sections 8 and 9"): under a schedule's
        heading, the section that gives the schedule effect."""
        marker = section_marker(line.text, self.lexicon)
        return marker is not None and marker.style != "bare" and not marker.rest.strip()

    def _line_after(self, line: _Line) -> _Line | None:
        """The next non-blank line after ``line``."""
        for below in self.lines[self.line_index[line.origin] + 1 :]:
            if below.text:
                return below
        return None

    def _starts_section(self, line: _Line) -> bool:
        """Whether a line opens a section: "Section 4.", "Art. 5", "§ 10." or the next bare number."""
        marker = section_marker(line.text, self.lexicon)
        return marker is not None and self._accept_section(marker)

    def _was_heading(self, line: _Line) -> bool:
        return self.pending_heading is line or line.start in self.heading_lines or _heading_like(self.words, line.text, 12)

    def _is_marker_line(self, line: _Line) -> bool:
        text = line.text
        return bool(
            container_match(text, self.lexicon)
            or schedule_match(text, self.lexicon)
            or section_marker(text, self.lexicon)
            or PAREN_MARKER_RE.match(text)
            or DOT_MARKER_RE.match(text)
        )

    def _line_starts_provision(self, line: _Line, following: _Line | None) -> bool:
        text = line.text
        inserting = self.state.inserting if self.state.inserting in self.state.stack else None
        if inserting is not None and self._next_instruction(inserting, text):
            # The amending act's next section ("SEC. 202." after "SEC. 201.") ends the quoted new text.
            self.state.inserting = inserting = None
        if inserting is not None:
            marker = section_marker(text, self.lexicon)
            # "2. The placement shall be ordered …" inside an inserted "Art. 398." numbers a paragraph of it
            paragraph = marker is not None and marker.style == "bare" and self._inside_article()
            if marker is not None and marker.separator.strip() and not paragraph:
                self.section(line, marker, following, within=inserting)
                return True
            if container_match(text.lstrip(OPENING_QUOTES), self.lexicon):
                return False  # a Part or Chapter the amendment inserts: a title inside the instruction
        match = container_match(text, self.lexicon) or schedule_match(text, self.lexicon)
        if (
            match
            and len(text) <= 120
            and not self.words.verbs.search(match.group("rest"))
            and not match.group("rest")[:1].islower()
        ):
            self.container(line, match, following)
            return True
        marker = section_marker(text, self.lexicon)
        if marker is not None and marker.style == "sign" and (article := self._open_article()) is not None:
            self.sign_paragraph(line, marker, article)
            return True
        # A quoted number outside an amending instruction's new text is not one of this act's sections.
        if marker is not None and text[:1] not in OPENING_QUOTES and self._accept_section(marker):
            self.section(line, marker, following)
            return True
        in_section = any(node.kind == "section" for node in self.state.stack)
        allow_dot = in_section and (self.state.keyword_sections or self._inside_article())
        return self.subdivisions(line.start, text, line, following, allow_dot=allow_dot)

    def _open_article(self) -> Provision | None:
        """The innermost open section numbered as an article ("Art. 149-A"), if any."""
        for node in reversed(self.state.stack):
            if node.kind == "section":
                return node if node.style == "article" else None
        return None

    def sign_paragraph(self, line: _Line, marker: SectionMarker, article: Provision) -> None:
        """Open a paragraph of an article: "§ 1º The penalty is increased …" is "Art. 149-A § 1", and the items
        below it are its own."""
        keep = self.state.stack.index(article) + 1
        self._close_to(keep, line.start)
        self.state.levels = [level for level in self.state.levels if level.provision in self.state.stack]
        token = f"§ {marker.number}"
        label = _child_label(article, f" {token}")
        rest_offset = line.start + marker.rest_offset
        node = Provision(
            "subdivision", token, label, line.start, len(self.text), rest_offset, len(self.text), style="sign"
        )
        self._open(node)
        self.state.levels.append(_Level("sign", 0, node))
        self.subdivisions(rest_offset, marker.rest, line, None, allow_dot=False)

    def _inside_article(self) -> bool:
        return any(node.kind == "section" and node.style != "bare" for node in self.state.stack)

    def _accept_section(self, marker: SectionMarker) -> bool:
        if marker.style != "bare":
            # "Section 5 of this Act applies …" at the start of a wrapped line is a reference, not a heading.
            rest = marker.rest
            return bool(marker.separator.strip()) or not rest or rest[0].isupper() or rest.startswith("(")
        if self.state.keyword_sections and self._inside_article():
            return False  # "1." inside "Article 5" numbers a paragraph
        key = section_order_key(marker.number)
        if key is None:
            return False
        if self.state.last_bare is not None and key <= self.state.last_bare:
            return self._next_item(marker, key)
        # A number in the thousands that does not continue the numbering is a year at a line's start
        # ("2025 CHAPTER 7", "…the Act of\n2016."), not a section: taking it would also reject every
        # smaller section number after it.
        if key >= _YEAR_LIKE and (self.state.last_bare is None or key - self.state.last_bare > _NUMBERING_GAP):
            return False
        # A first bare section must look like one: "1." or "3.—" or a plausible start.
        return not (
            self.state.last_bare is None
            and not marker.separator.strip()
            and not marker.rest[:1].isupper()
            and not marker.rest.startswith("(")
        )


def parse_provisions(document: Document, lexicon: Lexicon, layout: Layout | None = None) -> Provision:
    """Parse the provision tree of a document; the root provision stands for the whole document.

    ``layout`` gives the text with marginal notes, tables of contents and explanatory matter blanked, and the
    notes.
    """
    return _Parser(document, layout or find_layout(document.text, lexicon), lexicon).run()
