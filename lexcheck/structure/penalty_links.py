"""Which penalties belong to which offence: those stated in the offence's provision, and those stated
elsewhere for "an offence under this section", "section 4" or "subsection (1)"."""

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
        self._by_section: dict[int, list[tuple[Penalty, list[str]]]] = defaultdict(list)
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
            own_section = statute.provision_at(penalty.start).section()
            window = statute.text[max(0, penalty.start - _LEAD_IN) : penalty.end]
            for match in _REFERENCE.finditer(window):
                if match.group("ref").lower().startswith("this"):
                    self._by_section[id(own_section)].append((penalty, []))
                elif match.group("number"):
                    self._by_number[match.group("number")].append((penalty, _parts(match.group("sub"))))
                elif match.group("local"):
                    self._by_section[id(own_section)].append((penalty, _parts(match.group("local"))))

    def for_offence(self, unit: Provision) -> list[Penalty]:
        """The penalties that apply to the offence created by ``unit``."""
        low, high = bisect.bisect_left(self._starts, unit.start), bisect.bisect_left(self._starts, unit.end)
        linked = self.penalties[low:high]
        section = unit.section()
        path = _path(unit)
        candidates = self._by_section.get(id(section), []) + self._by_number.get(section.number, [])
        for penalty, reference in candidates:
            if penalty not in linked and _covers(reference, path):
                linked.append(penalty)
        return linked
