"""Amendment diffs: two versions of a bill aligned provision by provision, and what changed in the findings.

Sections are aligned by their words (numbering left out, so a renumbered section is the same section), and
findings by rule and fingerprint; a finding whose words changed inside the same aligned provision is the
same finding, amended. Each finding is then introduced, resolved or unchanged, with a note saying which
amendment explains it ("s. 5 (Non-punishment of victims) was removed: TIP-NONPUNISHMENT now reported").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from lexcheck.engine import Analysis
from lexcheck.results import Finding
from lexcheck.structure import Provision, Statute

# Sections whose words are at least this similar (0-100) are the same section, amended.
SIMILAR = 60
_NOT_WORDS = re.compile(r"\([a-z0-9]{1,5}\)|\w*\d\w*|[^\w\s]")
Change = Literal["added", "removed", "amended"]
Status = Literal["introduced", "resolved", "unchanged"]


@dataclass(frozen=True)
class ProvisionChange:
    """A section added, removed or amended between the versions."""

    change: Change
    old: str | None
    new: str | None
    heading: str | None


@dataclass(frozen=True)
class FindingChange:
    """A finding of either version, with what the amendment did to it."""

    status: Status
    finding: Finding
    old_provision: str | None
    new_provision: str | None
    note: str


@dataclass
class DiffResult:
    """Everything ``lexcheck diff`` reports."""

    old: str
    new: str
    provisions: list[ProvisionChange] = field(default_factory=list)
    findings: list[FindingChange] = field(default_factory=list)

    def of(self, status: Status) -> list[FindingChange]:
        """The findings with one status, in document order."""
        return [change for change in self.findings if change.status == status]


def _words(text: str) -> str:
    return " ".join(_NOT_WORDS.sub(" ", text.lower()).split())


def _sections(statute: Statute) -> list[Provision]:
    return [p for p in statute.provisions if p.section() is p and not p.is_container]


def _name(provision: Provision) -> str:
    return provision.label + (f" ({provision.heading})" if provision.heading else "")


def align(old: Statute, new: Statute) -> tuple[dict[int, Provision], list[ProvisionChange]]:
    """Pair the sections of two versions (keyed by id of the old section) and list the changes."""
    old_sections, new_sections = _sections(old), _sections(new)
    old_words = {id(p): _words(old.text[p.start : p.end]) for p in old_sections}
    new_words = {id(p): _words(new.text[p.start : p.end]) for p in new_sections}
    pairs: dict[int, Provision] = {}
    taken: set[int] = set()
    # Identical words first, then the most similar remaining section, in document order.
    for p in old_sections:
        same = next((q for q in new_sections if id(q) not in taken and new_words[id(q)] == old_words[id(p)]), None)
        if same is not None:
            pairs[id(p)] = same
            taken.add(id(same))
    for p in old_sections:
        if id(p) in pairs:
            continue
        scored = [
            (fuzz.token_sort_ratio(old_words[id(p)], new_words[id(q)]), -index, q)
            for index, q in enumerate(new_sections)
            if id(q) not in taken
        ]
        if scored:
            score, _, best = max(scored, key=lambda item: (item[0], item[1]))
            if score >= SIMILAR:
                pairs[id(p)] = best
                taken.add(id(best))
    changes = []
    for p in old_sections:
        q = pairs.get(id(p))
        if q is None:
            changes.append(ProvisionChange("removed", p.label, None, p.heading))
        elif old_words[id(p)] != new_words[id(q)]:
            changes.append(ProvisionChange("amended", p.label, q.label, q.heading or p.heading))
    changes += [ProvisionChange("added", None, q.label, q.heading) for q in new_sections if id(q) not in taken]
    return pairs, changes


def _section_of(statute: Statute, finding: Finding) -> Provision | None:
    node = statute.provision_at(finding.start_char)
    return None if node is statute.root else node.section()


def compare(old: Analysis, new: Analysis) -> DiffResult:
    """The findings introduced, resolved and unchanged between two analysed versions of a bill."""
    pairs, changes = align(old.statute, new.statute)
    result = DiffResult(old.statute.document.path, new.statute.document.path, provisions=changes)
    back = {id(q): p for p in _sections(old.statute) if (q := pairs.get(id(p))) is not None}
    removed = {c.old for c in changes if c.change == "removed"}
    amended = {c.old for c in changes if c.change == "amended"}
    added = {c.new for c in changes if c.change == "added"}

    remaining: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in old.findings:
        remaining[(finding.rule, finding.fingerprint)].append(finding)
    unmatched_new = []
    for finding in new.findings:
        bucket = remaining.get((finding.rule, finding.fingerprint))
        if bucket:
            before = bucket.pop(0)
            result.findings.append(FindingChange("unchanged", finding, before.provision, finding.provision, ""))
        else:
            unmatched_new.append(finding)
    unmatched_old = [f for bucket in remaining.values() for f in bucket]

    # The same rule in the same (aligned) section, with amended words, is the same finding.
    for finding in list(unmatched_new):
        section = _section_of(new.statute, finding)
        before_section = back.get(id(section)) if section is not None else None
        if before_section is None:
            continue
        earlier = next(
            (f for f in unmatched_old if f.rule == finding.rule and _section_of(old.statute, f) is before_section),
            None,
        )
        if earlier is not None:
            unmatched_old.remove(earlier)
            unmatched_new.remove(finding)
            note = f"{before_section.label} was amended; still reported"
            result.findings.append(FindingChange("unchanged", finding, earlier.provision, finding.provision, note))

    old_decisions = {d.concern: d for d in old.decisions}
    for finding in unmatched_new:
        section = _section_of(new.statute, finding)
        before_section = back.get(id(section)) if section is not None else None
        note = ""
        decision = old_decisions.get(finding.concern)
        met_by = [w for w in (decision.where if decision else []) if w.split("(")[0] in removed | amended]
        if decision is not None and decision.status in ("safeguard_present", "no_issue") and met_by:
            what = "removed" if met_by[0].split("(")[0] in removed else "amended"
            provision = next(p for p in _sections(old.statute) if p.label == met_by[0].split("(")[0])
            note = f"{_name(provision)}, which met {finding.concern}, was {what}: {finding.rule} now reported"
        elif section is not None and section.label in added:
            note = f"{_name(section)} was added: {finding.rule} now reported"
        elif before_section is not None and before_section.label in amended:
            note = f"{_name(before_section)} was amended: {finding.rule} now reported"
        else:
            note = f"{finding.rule} now reported"
        old_label = before_section.label if before_section is not None else None
        result.findings.append(FindingChange("introduced", finding, old_label, finding.provision, note))
    for finding in unmatched_old:
        section = _section_of(old.statute, finding)
        if section is not None and section.label in removed:
            note = f"{_name(section)} was removed: {finding.rule} no longer reported"
        elif section is not None and section.label in amended:
            note = f"{_name(section)} was amended: {finding.rule} no longer reported"
        else:
            note = f"{finding.rule} no longer reported"
        new_section = pairs.get(id(section)) if section is not None else None
        result.findings.append(
            FindingChange("resolved", finding, finding.provision, new_section.label if new_section else None, note)
        )
    order = {"introduced": 0, "resolved": 1, "unchanged": 2}
    result.findings.sort(key=lambda c: (order[c.status], c.finding.start_char, c.finding.rule, c.finding.fingerprint))
    return result
