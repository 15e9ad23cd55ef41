"""Which penalties belong to which offence: those stated in the offence's provision, those stated
elsewhere for "an offence under this section", "section 4" or "subsection (1)", and those of the grade
an offence is classed in ("is a felony of the second degree" punished as a later section sets out). The
words are the lexicon's (section ``penalty_links``)."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from lexcheck.language import Lexicon
from lexcheck.language.model import PenaltyLinkWords
from lexcheck.structure.model import Provision, Statute
from lexcheck.structure.penalties import Penalty

# How far before a penalty clause its lead-in may begin ("A person guilty of an offence under this section
# shall be liable—").
_LEAD_IN = 200


def _grade(match: re.Match[str], words: PenaltyLinkWords) -> tuple[bool, str, str]:
    """One name for each grade, however it is worded ("second-degree felony" = "felony of the second degree"):
    whether it is aggravated, its level, and its kind."""
    text = match.group(0).lower()
    kind = next((word for word in words.grade_kinds if word.lower() in text), "")
    level = (
        match.group("degree")
        or match.group("degree_before")
        or match.group("class")
        or " ".join((match.group("named") or "").lower().split())
    ).lower()
    level = words.ordinal_names.get(level, level)
    return bool(match.group("aggravated")), level, kind


def _row_references(row: str, words: PenaltyLinkWords) -> list[tuple[str, list[str]]]:
    """The sections a table row refers to in cells of their own."""
    found = []
    for cell in row.split("|"):
        match = words.cell_reference.match(cell)
        if match:
            found.append((match.group("number"), _parts(match.group("sub"))))
    return found


def _parts(text: str | None) -> list[str]:
    return re.findall(r"\((\w{1,4})\)", text or "")


def _path(provision: Provision) -> list[str]:
    """The subdivision numbers below the section: s. 4(2)(b) → ["2", "b"]."""
    path = []
    node: Provision | None = provision
    while node is not None and node.kind == "subdivision":
        path.append(node.number)
        node = node.parent
    return list(reversed(path))


def _covers(reference: list[str], path: list[str]) -> bool:
    """True when a reference to subsection ``reference`` includes provision ``path`` (or vice versa)."""
    shorter = min(len(reference), len(path))
    return reference[:shorter] == path[:shorter]


class PenaltyLinks:
    """The penalties of one statute, indexed by where they are and which offences they refer to."""

    def __init__(self, statute: Statute, penalties: list[Penalty], lexicon: Lexicon):
        self.words = lexicon.penalty_links
        self.penalties = sorted(penalties, key=lambda p: p.start)
        self._starts = [p.start for p in self.penalties]
        # section → [(penalty, referenced subdivision path)] for "this section", "section N", "subsection (k)"
        self._by_section: dict[Provision, list[tuple[Penalty, list[str]]]] = defaultdict(list)
        self._by_number: dict[str, list[tuple[Penalty, list[str]]]] = defaultdict(list)
        rows = sorted(statute.table_rows)
        row_starts = [start for start, _ in rows]
        for penalty in self.penalties:
            row = bisect.bisect_right(row_starts, penalty.start) - 1
            if row >= 0 and penalty.start < rows[row][1]:
                # A row of a penalty schedule names the section it punishes in a cell of its own.
                for number, parts in _row_references(statute.text[rows[row][0] : rows[row][1]], self.words):
                    self._by_number[number].append((penalty, parts))
                continue
            window = statute.text[max(0, penalty.start - _LEAD_IN) : penalty.end]
            if not self.words.reference.search(window) and self._entry(statute, penalty):
                continue
            self._link(statute, penalty, penalty.start, window)
        self._link_grades(statute)

    def _entry(self, statute: Statute, penalty: Penalty) -> bool:
        """Link a penalty of a schedule to the section its entry heading names ("Section 6 (harbouring for
        gain)" on the line above "On conviction on indictment: …"); False when it has no such heading."""
        node: Provision | None = statute.provision_at(penalty.start)
        while node is not None and node.kind != "schedule":
            node = node.parent
        if node is None:
            return False
        # The clause read as a penalty may begin with the heading itself ("Section 6 (…) On summary conviction …").
        start = max(node.start, penalty.start - _LEAD_IN)
        headings = list(self.words.entry_heading.finditer(statute.text, start, penalty.end))
        if not headings:
            return False
        heading = headings[-1]
        self._by_number[heading.group("number")].append((penalty, _parts(heading.group("sub"))))
        return True

    def _link_grades(self, statute: Statute) -> None:
        """Link the penalties of each grade to the offences classed in it.

        A penalty clause naming a grade sets that grade's punishment ("The punishment for a felony of the
        second degree is …"); a grade named outside any penalty classes the offence it refers to ("An
        offense under this section is a felony of the second degree"), like a penalty stated for it there.
        """
        by_grade: dict[tuple[bool, str, str], list[Penalty]] = defaultdict(list)
        classings: list[tuple[tuple[bool, str, str], int]] = []
        for match in self.words.grade.finditer(statute.text):
            index = bisect.bisect_right(self._starts, match.start()) - 1
            if index >= 0 and match.start() < self.penalties[index].end:
                by_grade[_grade(match, self.words)].append(self.penalties[index])
            else:
                classings.append((_grade(match, self.words), match.start()))
        for grade, at in classings:
            for penalty in {(p.start, p.end): p for p in by_grade.get(grade, [])}.values():
                self._link(statute, penalty, at, statute.text[max(0, at - _LEAD_IN) : at], default=True)

    def _link(self, statute: Statute, penalty: Penalty, at: int, window: str, default: bool = False) -> None:
        """Record ``penalty`` for the offences that ``window`` (words about the penalty at ``at``) refers to.

        With ``default``, words that refer to no offence apply the penalty to their own section.
        """
        own_section = statute.provision_at(at).section()
        references = list(self.words.reference.finditer(window))
        if default and not references:
            self._by_section[own_section].append((penalty, []))
        for match in references:
            if match.group("number"):
                self._by_number[match.group("number")].append((penalty, _parts(match.group("sub"))))
            elif match.group("local"):
                self._by_section[own_section].append((penalty, _parts(match.group("local"))))
            else:  # "this section"
                self._by_section[own_section].append((penalty, []))

    def for_offence(self, unit: Provision) -> list[Penalty]:
        """The penalties that apply to the offence created by ``unit``."""
        low, high = bisect.bisect_left(self._starts, unit.start), bisect.bisect_left(self._starts, unit.end)
        linked = self.penalties[low:high]
        # An amending instruction does not punish what the sections it inserts punish.
        inserted = [(node.start, node.end) for node in unit.walk() if node.inserted and node is not unit]
        if inserted:
            linked = [p for p in linked if not any(start <= p.start < end for start, end in inserted)]
        section = unit.section()
        path = _path(unit)
        candidates = self._by_section.get(section, []) + self._by_number.get(section.number, [])
        for penalty, reference in candidates:
            if penalty not in linked and _covers(reference, path):
                linked.append(penalty)
        return linked
