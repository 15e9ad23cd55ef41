"""Classifying provisions by role (definition, offence, penalty, protection, procedure, purpose).

Roles come from drafting formulas, not from meaning: "commits an offence", "is liable to imprisonment",
"shall be entitled to". They are cheap to compute for every provision and good enough for scoping rules.
"""

from __future__ import annotations

import re

from lexcheck.structure.definitions import QUOTED_DEFINITION, is_definitions_provision
from lexcheck.structure.model import Provision

_I = re.IGNORECASE
OFFENCE = re.compile(
    r"\b(commits?\s+(?:an?\s+)?(?:criminal\s+)?offen[cs]e|(?:is|are|shall\s+be)\s+guilty\s+of|"
    r"(?:shall\s+be|is|are|be)\s+(?:punished|punishable|liable\s+(?:to|on|upon|for))|whoever\b|"
    r"(?:any|every)\s+(?:person|one|individual|alien|foreigner|public\s+servant|official|employer|migrant|woman|man)"
    r"\s+who\b|anyone\s+who|it\s+(?:is|shall\s+be)\s+(?:an\s+)?offen[cs]e|shall\s+be\s+(?:fined|imprisoned|sentenced)|"
    r"offen[cs]e\s+of\b|crime\s+of\b|(?:it\s+)?(?:is|shall\s+be)\s+unlawful\s+for\b)",
    _I,
)
_SUBJECT_ONLY = re.compile(r"whoever|anyone\s+who|(?:any|every)\s+\w+(?:\s+\w+)?\s+who", _I)
PENALTY = re.compile(
    r"\b(imprison(?:ment|ed)|penal\s+servitude|fine[ds]?\b|sentenced?|death|capital\s+punishment|caning|strokes|"
    r"whipping|flogging|liable\s+(?:to|on|upon)\s+(?:conviction|summary|a\s+fine|imprisonment)|"
    r"punish(?:ed|able|ment)|terms?\s+of\s+(?:not|years)|years?\b)",
    _I,
)
_BENEFICIARIES = (
    r"(?:victims?|trafficked\s+persons?|survivors?|smuggled\s+(?:migrants?|persons?)|"
    r"migrant\s+workers?|migrants?|workers?\s+in\s+distress|persons?\s+in\s+distress)"
)
_SERVICES = (
    r"(?:assistance|shelters?|safe\s+houses?|protection|support|services?|legal\s+aid|compensation|"
    r"rehabilitation|reintegration|accommodation|care|residence\s+permits?|recovery|reflection\s+period|"
    r"interpret\w*|counsel+ing|medical\s+(?:care|treatment))"
)
PROTECTION = re.compile(
    r"\b(victims?|trafficked\s+persons?|survivors?|smuggled\s+migrants?|child(?:ren)?\s+victims?)\b[^.;]{0,160}?"
    r"\b(shall|may|is|are)\s+(?:be\s+)?(?:entitled|provided|offered|given|granted|afforded|protected|assisted|"
    r"accommodated|placed|referred|eligible|supported|informed)"
    rf"|\b{_SERVICES}\b[^.;]{{0,120}}?\b{_BENEFICIARIES}\b"
    rf"|\b(?:shall|may|must)\s+(?:be\s+)?(?:provid|maintain|establish|operat|offer|ensur|set\s+up)\w*\b[^.;]{{0,80}}?"
    rf"\b{_SERVICES}\b",
    _I,
)
PROCEDURE = re.compile(
    r"\b(court|tribunal|proceedings?|evidence|testimony|witness(?:es)?|trial|investigat\w+|prosecut\w+|arrest\w*|"
    r"warrant|hearing|in\s+camera|appeal|magistrate|judge|deport\w*|remov(?:al|ed)|repatriat\w+|return(?:ed)?)\b",
    _I,
)
PURPOSE = re.compile(
    r"^\s*(?:whereas\b|an\s+act\s+to\b|the\s+(?:purposes?|objects?|objectives?)\s+of\s+this|this\s+(?:Act|Law)\s+"
    r"(?:aims|seeks))|\b(?:purposes?|objects?|objectives?|preamble|long\s+title|short\s+title|citation|"
    r"commencement)\b",
    _I,
)
# Anchored at the start: "Purpose of the Act" is a purposes section; "Soliciting for purposes of
# prostitution" is an offence.
PURPOSE_HEADING = re.compile(
    r"^\s*(?:the\s+|general\s+|guiding\s+)?(purposes?|objects?|objectives?|preamble|short\s+title|citation|"
    r"commencement|long\s+title|principles?|aims?)\b",
    _I,
)


def classify(text: str, heading: str | None, node: Provision) -> set[str]:
    """The roles of one provision, judged from its own words and heading."""
    roles: set[str] = set()
    heading = heading or ""
    if QUOTED_DEFINITION.search(text) or (node.kind == "section" and is_definitions_provision(text, heading)):
        roles.add("definition")
    offence = OFFENCE.search(text)
    # In a definition, "any person who …" describes who is meant; only an offence formula makes it one.
    if "definition" in roles and offence and _SUBJECT_ONLY.fullmatch(offence.group(0)):
        offence = next((m for m in OFFENCE.finditer(text) if not _SUBJECT_ONLY.fullmatch(m.group(0))), None)
    if offence or re.search(r"\boffen[cs]es?\b", heading, _I):
        roles.add("offence")
    if PENALTY.search(text) and re.search(
        r"\b(imprison|fine|death|sentence|punish|liable|caning|strokes|penal)", text, _I
    ):
        roles.add("penalty")
    if PROTECTION.search(text) or re.search(r"\b(protection|assistance|support|shelter|victims?)\b", heading, _I):
        roles.add("protection")
    if PROCEDURE.search(text):
        roles.add("procedure")
    if PURPOSE_HEADING.search(heading) or (
        re.match(PURPOSE.pattern, text.lstrip(), _I) and not OFFENCE.search(text)
    ):
        roles.add("purpose")
    if not roles:
        roles.add("other")
    return roles


def assign_roles(root: Provision, text: str) -> None:
    """Set ``roles`` on every provision from its own words (nested provisions excluded)."""
    for node in root.walk():
        # The document's own words are those before its first provision: a title, a preamble, or (for an
        # unnumbered snippet) the whole text.
        own = text[node.body_start : node.own_end]
        if node.children:
            # Closing words after the last nested provision are the provision's own too.
            own += " " + text[node.children[-1].end : node.end]
        node.roles = classify(own, node.heading, node)
    # A definitions section's items are definitions even when their own words are unquoted.
    for node in root.walk():
        if "definition" in node.roles and node.kind == "section":
            for child in node.walk():
                child.roles.add("definition")
                child.roles.discard("other")
