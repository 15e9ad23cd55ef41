"""Which penalties belong to which offence: those stated in the offence's provision, those stated
elsewhere for "an offence under this section", "section 4" or "subsection (1)", and those of the grade
an offence is classed in ("is a felony of the second degree" punished as a later section sets out)."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from lexcheck.structure.model import Provision, Statute
from lexcheck.structure.penalties import Penalty

_REFERENCE = re.compile(
    r"\b(?:offen[cs]es?|guilty|convicted|contravenes?|contravention)\b[^.;]{0,60}?\b(?:under|against|of|in)\s+"
    r"(?P<ref>this\s+(?:section|article)|(?:section|s\.|article|art\.)\s*(?P<number>\d+[A-Z]?(?:\.\d+)?)"
    r"(?P<sub>(?:\s*\(\w{1,4}\))*)|(?:subsection|paragraph)\s*(?P<local>(?:\(\w{1,4}\))+))",
    re.IGNORECASE,
)
# How far before a penalty clause its lead-in may begin ("A person guilty of an offence under this section
# shall be liable—").
_LEAD_IN = 200


# A table cell holding only a section reference: "3", "5(1)", "s. 12", "Section 4A".
_CELL_REFERENCE = re.compile(
    r"^\s*(?:(?:section|s\.|sec\.|article|art\.)\s*)?(?P<number>\d+[A-Z]?(?:\.\d+)?)(?P<sub>(?:\(\w{1,4}\))*)\s*$",
    re.IGNORECASE,
)


# Offence grades of penal codes: "a felony of the second degree", "a Class B felony", "a third-degree
# misdemeanor", "a capital felony", "an aggravated felony of the first degree", "a state jail felony".
_ORDINAL = r"first|second|third|fourth|fifth|sixth|1st|2nd|3rd|4th|5th|6th"
_GRADE = re.compile(
    rf"\b(?P<aggravated>aggravated\s+)?(?:(?:felony|misdemeanou?r|crime)\s+of\s+the\s+(?P<degree>{_ORDINAL})\s+degree"
    rf"|(?P<degree_before>{_ORDINAL})[-\s]degree\s+(?P<kind_after>felony|misdemeanou?r|crime)"
    r"|class\s+(?P<class>[A-Z0-9]{1,2})\s+(?P<kind_class>felony|misdemeanou?r|offen[cs]e|crime)"
    r"|(?P<named>capital|state\s+jail|unclassified)\s+(?P<kind_named>felony|misdemeanou?r|offen[cs]e))\b",
    re.IGNORECASE,
)


def _grade(match: re.Match[str]) -> str:
    """One name for each grade, however it is worded ("second-degree felony" = "felony of the second degree")."""
    text = match.group(0).lower()
    kind = "misdemeanor" if "misdemean" in text else "felony" if "felony" in text else "crime"
    level = (
        match.group("degree")
        or match.group("degree_before")
        or match.group("class")
        or " ".join((match.group("named") or "").lower().split())
    ).lower()
    level = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth", "6th": "sixth"}.get(
        level, level
    )
    return f"{'aggravated ' if match.group('aggravated') else ''}{level} {kind}"


def _row_references(row: str) -> list[tuple[str, list[str]]]:
    """The sections a table row refers to in cells of their own."""
    found = []
    for cell in row.split("|"):
        match = _CELL_REFERENCE.match(cell)
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

    def __init__(self, statute: Statute, penalties: list[Penalty]):
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
                for number, parts in _row_references(statute.text[rows[row][0] : rows[row][1]]):
                    self._by_number[number].append((penalty, parts))
                continue
            self._link(statute, penalty, penalty.start, statute.text[max(0, penalty.start - _LEAD_IN) : penalty.end])
        self._link_grades(statute)

    def _link_grades(self, statute: Statute) -> None:
        """Link the penalties of each grade to the offences classed in it.

        A penalty clause naming a grade sets that grade's punishment ("The punishment for a felony of the
        second degree is …"); a grade named outside any penalty classes the offence it refers to ("An
        offense under this section is a felony of the second degree"), like a penalty stated for it there.
        """
        by_grade: dict[str, list[Penalty]] = defaultdict(list)
        classings: list[tuple[str, int]] = []
        for match in _GRADE.finditer(statute.text):
            index = bisect.bisect_right(self._starts, match.start()) - 1
            if index >= 0 and match.start() < self.penalties[index].end:
                by_grade[_grade(match)].append(self.penalties[index])
            else:
                classings.append((_grade(match), match.start()))
        for grade, at in classings:
            for penalty in {(p.start, p.end): p for p in by_grade.get(grade, [])}.values():
                self._link(statute, penalty, at, statute.text[max(0, at - _LEAD_IN) : at], default=True)

    def _link(self, statute: Statute, penalty: Penalty, at: int, window: str, default: bool = False) -> None:
        """Record ``penalty`` for the offences that ``window`` (words about the penalty at ``at``) refers to.

        With ``default``, words that refer to no offence apply the penalty to their own section.
        """
        own_section = statute.provision_at(at).section()
        references = list(_REFERENCE.finditer(window))
        if default and not references:
            self._by_section[own_section].append((penalty, []))
        for match in references:
            if match.group("ref").lower().startswith("this"):
                self._by_section[own_section].append((penalty, []))
            elif match.group("number"):
                self._by_number[match.group("number")].append((penalty, _parts(match.group("sub"))))
            elif match.group("local"):
                self._by_section[own_section].append((penalty, _parts(match.group("local"))))

    def for_offence(self, unit: Provision) -> list[Penalty]:
        """The penalties that apply to the offence created by ``unit``."""
        low, high = bisect.bisect_left(self._starts, unit.start), bisect.bisect_left(self._starts, unit.end)
        linked = self.penalties[low:high]
        section = unit.section()
        path = _path(unit)
        candidates = self._by_section.get(section, []) + self._by_number.get(section.number, [])
        for penalty, reference in candidates:
            if penalty not in linked and _covers(reference, path):
                linked.append(penalty)
        return linked
