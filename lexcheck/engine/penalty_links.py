"""Which penalties belong to which offence: those stated in the offence's provision, and those stated
elsewhere for "an offence under this section", "section 4" or "subsection (1)"."""

from __future__ import annotations

import re

from lexcheck.engine.penalties import Penalty
from lexcheck.structure import Provision, Statute

_REFERENCE = re.compile(
    r"\b(?:offen[cs]es?|guilty|convicted|contravenes?|contravention)\b[^.;]{0,60}?\b(?:under|against|of|in)\s+"
    r"(?P<ref>this\s+(?:section|article)|(?:section|s\.|article|art\.)\s*(?P<number>\d+[A-Z]?(?:\.\d+)?)"
    r"(?P<sub>(?:\s*\(\w{1,4}\))*)|(?:subsection|paragraph)\s*(?P<local>(?:\(\w{1,4}\))+))",
    re.IGNORECASE,
)


def _parts(text: str) -> list[str]:
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


def linked_penalties(statute: Statute, unit: Provision, penalties: list[Penalty]) -> list[Penalty]:
    """The penalties that apply to the offence created by ``unit``."""
    section = unit.section()
    linked = [p for p in penalties if unit.start <= p.start < unit.end]
    for penalty in penalties:
        if penalty in linked:
            continue
        # Read the penalty's clause and the words just before it (the lead-in "A person guilty of an
        # offence under this section shall be liable—").
        window = statute.text[max(0, penalty.start - 200) : penalty.end]
        for match in _REFERENCE.finditer(window):
            if match.group("ref").lower().startswith("this"):
                if statute.provision_at(penalty.start).section() is section:
                    linked.append(penalty)
                    break
            elif match.group("number"):
                if match.group("number") == section.number and _covers(_parts(match.group("sub")), _path(unit)):
                    linked.append(penalty)
                    break
            elif (
                match.group("local")
                and statute.provision_at(penalty.start).section() is section
                and _covers(_parts(match.group("local")), _path(unit))
            ):
                linked.append(penalty)
                break
    return linked
