"""Classifying provisions by role (definition, offence, penalty, protection, procedure, purpose).

Roles come from drafting formulas, not from meaning: "commits an offence", "is liable to imprisonment",
"shall be entitled to" (the lexicon's section ``roles``). They are cheap to compute for every provision and
good enough for scoping rules.
"""

from __future__ import annotations

from lexcheck.language import Lexicon
from lexcheck.structure.definitions import is_definitions_provision
from lexcheck.structure.model import Provision


def classify(text: str, heading: str | None, node: Provision, lexicon: Lexicon) -> set[str]:
    """The roles of one provision, judged from its own words and heading."""
    words = lexicon.roles
    roles: set[str] = set()
    heading = heading or ""
    if lexicon.definitions.quoted.search(text) or (
        node.kind == "section" and is_definitions_provision(text, heading, lexicon)
    ):
        roles.add("definition")
    offence = words.offence.search(text)
    # In a definition, "any person who …" describes who is meant; only an offence formula makes it one.
    if "definition" in roles and offence and words.subject_only.fullmatch(offence.group(0)):
        offence = next((m for m in words.offence.finditer(text) if not words.subject_only.fullmatch(m.group(0))), None)
    if offence or words.offence_heading.search(heading):
        roles.add("offence")
    if words.penalty.search(text) and words.penalty_words.search(text):
        roles.add("penalty")
    if words.protection.search(text) or words.protection_heading.search(heading):
        roles.add("protection")
    if words.procedure.search(text):
        roles.add("procedure")
    if words.purpose_heading.search(heading) or (words.purpose.match(text.lstrip()) and not words.offence.search(text)):
        roles.add("purpose")
    if not roles:
        roles.add("other")
    return roles


def assign_roles(root: Provision, text: str, lexicon: Lexicon) -> None:
    """Set ``roles`` on every provision from its own words (nested provisions excluded)."""
    for node in root.walk():
        # The document's own words are those before its first provision: a title, a preamble, or (for an
        # unnumbered snippet) the whole text.
        own = text[node.body_start : node.own_end]
        if node.children:
            # Closing words after a list of nested provisions are the provision's own too: after the last one,
            # or between a list and the paragraphs that follow it ("V – …." / "Penalty – …" / "§ 1º …").
            ends = [child.end for child in node.children]
            starts = [child.start for child in node.children[1:]] + [node.end]
            own += "".join(" " + text[end:start] for end, start in zip(ends, starts, strict=True) if start > end)
        node.roles = classify(own, node.heading, node, lexicon)
    # A definitions section's items are definitions even when their own words are unquoted.
    for node in root.walk():
        if "definition" in node.roles and node.kind == "section":
            for child in node.walk():
                child.roles.add("definition")
                child.roles.discard("other")
