"""References between provisions.

Offences drafted as prohibitions: "(1) No person shall …" and then "(2) A person who contravenes
subsection (1) commits an offence". The provision a penalty clause refers back to is an offence, and the
clause that punishes it is part of its context.

Words that stand for another provision: "a victim of an offence under section 3", "a child accompanying a
person detained under subsection (1)". What section 3 or subsection (1) says completes what such words mean.

The formulas of a breach and of a reference are the lexicon's (section ``references``).
"""

from __future__ import annotations

import re
from collections import defaultdict

from lexcheck.language import Lexicon
from lexcheck.structure.model import Provision, Statute

_NUMBER = re.compile(r"(?P<number>\d+[A-Z]?(?:\.\d+)?)(?P<sub>(?:\s*\(\w{1,4}\))*)")


def cross_references(statute: Statute, lexicon: Lexicon) -> list[tuple[int, int, Provision]]:
    """Every reference to another provision of the statute: (start, end, provision referred to), in order.

    References to the provision that holds them, or to one enclosing it, are left out: they add nothing.
    """
    sections = _sections_by_number(statute)
    found: list[tuple[int, int, Provision]] = []
    for match in lexicon.references.reference.finditer(statute.text):
        if lexicon.references.elsewhere.match(statute.text, match.end()):
            continue  # "Article 3 of the Immigration Control Act": a provision of another law
        source = statute.provision_at(match.start())
        targets: list[Provision | None] = []
        if match.groupdict().get("own"):
            # "a person detained under this section", said in a later subsection: what the section's opening
            # words say of that person. Said in the section's own opening words, it adds nothing.
            enclosing = source.section()
            if source is not enclosing:
                found.append((match.start(), match.end(), enclosing))
            continue
        if match.group("local"):
            targets.append(_descend(source.section(), _parts(match.group("local_ref"))))
        else:
            for number in _NUMBER.finditer(match.group("numbers")):
                section = sections.get(number.group("number"))
                targets.append(_descend(section, _parts(number.group("sub"))) if section is not None else None)
        for target in targets:
            if target is None or target is source or target in source.ancestors():
                continue
            found.append((match.start(), match.end(), target))
    return found


def _parts(text: str | None) -> list[str]:
    return re.findall(r"\((\w{1,4})\)", text or "")


def _descend(node: Provision, parts: list[str]) -> Provision | None:
    for part in parts:
        child = next((c for c in node.children if c.kind == "subdivision" and c.number == part), None)
        if child is None:
            return None
        node = child
    return node


def _sections_by_number(statute: Statute) -> dict[str, Provision]:
    sections: dict[str, Provision] = {}
    for node in statute.provisions:
        if node.kind == "section":
            sections.setdefault(node.number, node)
    return sections


def _target(match: re.Match[str], source: Provision, sections: dict[str, Provision]) -> Provision | None:
    """The provision a match names: a subsection of the source's section (group local), another section
    (groups number and sub), or the source's own section ("this section")."""
    if match.group("local"):
        return _descend(source.section(), _parts(match.group("local_ref")))
    if match.group("number"):
        section = sections.get(match.group("number"))
        return _descend(section, _parts(match.group("sub"))) if section is not None else None
    return source.section()


def link_contraventions(statute: Statute, lexicon: Lexicon) -> dict[Provision, list[Provision]]:
    """Give the offence role to provisions that a contravention clause punishes; return who refers to whom.

    The result maps each prohibition to the provisions whose words make its breach an offence.
    """
    sections = _sections_by_number(statute)
    referrers: dict[Provision, list[Provision]] = defaultdict(list)
    for match in lexicon.references.contravention.finditer(statute.text):
        source = statute.provision_at(match.start())
        if "offence" not in source.roles and "penalty" not in source.roles:
            continue
        targets = [_target(match, source, sections)]
        if match.group("local"):
            # "contravenes subsection (1) or (2)": each subsection named is an offence
            at = match.end()
            while (more := lexicon.references.contravention_more.match(statute.text, at)) is not None:
                targets.append(_descend(source.section(), _parts(more.group("local_ref"))))
                at = more.end()
        for target in targets:
            if target is None or target is source or target in source.ancestors():
                continue
            target.roles.add("offence")
            target.roles.discard("other")
            if source not in referrers[target]:
                referrers[target].append(source)
    return dict(referrers)


def link_disapplications(statute: Statute, lexicon: Lexicon) -> dict[Provision, list[Provision]]:
    """Map each provision to the provisions that take conduct out of it ("Subsection (1) shall not apply— (a)
    to anything done otherwise than for gain"): what such a provision excepts narrows the offence."""
    sections = _sections_by_number(statute)
    exceptions: dict[Provision, list[Provision]] = defaultdict(list)
    for match in lexicon.references.disapplication.finditer(statute.text):
        if not (match.group("nothing") or match.group("negated")):
            continue
        source = statute.provision_at(match.start())
        target = _target(match, source, sections)
        if target is None or target is source or source in exceptions[target]:
            continue
        exceptions[target].append(source)
        _not_an_offence(source)
    return dict(exceptions)


def _not_an_offence(source: Provision) -> None:
    """Take the offence role from a provision that only makes exceptions to offences ("Nothing in section 26A
    shall render it an offence to provide food …"), and from its section when nothing else in it is one."""
    section = source.section()
    nodes = [source] + ([section] if section is not source else [])
    for node in nodes:
        if node is section and any("offence" in part.roles for part in section.walk() if part not in nodes):
            continue
        node.roles.discard("offence")
        if not node.roles:
            node.roles.add("other")
