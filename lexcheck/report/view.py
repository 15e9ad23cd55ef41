"""What the reports for drafters (HTML, Word, Markdown) show, computed once from a run's results.

Each finding is joined with its rule's rationale and placed: on its *words* (a flagged phrase, a mandatory
penalty), on the *provision* it concerns (a provision that lacks a required element, an offence whose
maximum penalty is too low, a safeguard that falls short), or on the *law* as a whole (a safeguard that
is nowhere in the bill). The compliance matrix is the engine's decisions, labelled; nothing here decides a
status.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Literal

from lexcheck import __version__
from lexcheck.results import (
    SEVERITY_ORDER,
    STATUS_LABELS,
    AbsentEvidence,
    ConcernDecision,
    FileReport,
    Finding,
    FlagEvidence,
    InputError,
    PenaltyEvidence,
    RequireEvidence,
    Severity,
)
from lexcheck.rules.model import Catalogue, Rule

if TYPE_CHECKING:
    from lexcheck.report import RenderContext

Placement = Literal["words", "provision", "law"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Info"}
# Shown beside the colour, so that severity and status read without it (and in black-and-white print).
SEVERITY_SYMBOLS = {"error": "✖", "warning": "▲", "info": "●"}
STATUS_SYMBOLS = {
    "issue": "✖",
    "partial": "◐",
    "safeguard_present": "✔",
    "no_issue": "○",
    "not_evaluated": "?",
    "not_applicable": "–",
}
DISCLAIMER = (
    "Findings are automated pattern checks of the text, not legal advice: a legal reviewer must confirm each "
    "one before it is relied on."
)
HOW_TO_READ = (
    "The compliance matrix lists every concern lexcheck checks, with the status this bill has for it: issue "
    "found, partial (a weaker safeguard), safeguard present (and where), no issue found, not applicable (the "
    "law does not create the kind of offence the concern is about), or not evaluated (nothing in the text "
    "decides it). Findings about the law as a whole (a safeguard that is nowhere in it) come first; the "
    "others are shown in the bill: the words that raise a concern are highlighted, and a provision that lacks "
    "a safeguard is marked in the margin. Each finding says why it matters, its legal basis, and a suggested "
    "fix with model wording."
)


@dataclass(frozen=True)
class FindingView:
    """A finding with what a reader needs beside it: why it matters, where it is shown, what limits it."""

    finding: Finding
    ident: str
    placement: Placement
    rationale: str
    toolkit: str
    concern_title: str
    missing: str | None = None
    limitation: str | None = None
    limitation_provision: str | None = None
    applies_in: list[str] = field(default_factory=list)
    penalty_note: str | None = None

    @property
    def severity_label(self) -> str:
        """Error, Warning or Info."""
        return SEVERITY_LABELS[self.finding.severity]

    @property
    def symbol(self) -> str:
        """The severity's symbol."""
        return SEVERITY_SYMBOLS[self.finding.severity]

    @property
    def where(self) -> str:
        """The provision label and heading, as a reader cites it."""
        finding = self.finding
        return finding.provision + (f" — {finding.provision_heading}" if finding.provision_heading else "")


@dataclass(frozen=True)
class MatrixRow:
    """A row of the compliance matrix: the engine's decision on one concern, with its display label."""

    decision: ConcernDecision
    toolkit: str

    @property
    def label(self) -> str:
        """The status as words ("issue found", "safeguard present" …)."""
        return STATUS_LABELS[self.decision.status]

    @property
    def symbol(self) -> str:
        """The status's symbol."""
        return STATUS_SYMBOLS[self.decision.status]

    @property
    def remarks(self) -> str:
        """The rules' remarks, one sentence each, without repeats."""
        return "; ".join(dict.fromkeys(self.decision.remarks))


@dataclass(frozen=True)
class FileView:
    """One bill: its findings placed, counted, and its compliance matrix."""

    number: int
    report: FileReport
    findings: list[FindingView]
    matrix: list[MatrixRow]

    @property
    def ident(self) -> str:
        """The HTML id of the file's section."""
        return f"file-{self.number}"

    @property
    def law_level(self) -> list[FindingView]:
        """Findings about the law as a whole, most serious first."""
        return sorted(
            (v for v in self.findings if v.placement == "law"),
            key=lambda v: (-SEVERITY_ORDER[v.finding.severity], v.finding.concern, v.finding.rule),
        )

    @property
    def in_text(self) -> list[FindingView]:
        """Findings shown in the bill's text, in document order."""
        return [v for v in self.findings if v.placement != "law"]

    @property
    def by_severity(self) -> dict[str, int]:
        """How many findings of each severity."""
        counts = Counter(v.finding.severity for v in self.findings)
        return {level: counts.get(level, 0) for level in SEVERITIES}

    @property
    def by_toolkit(self) -> list[tuple[str, int]]:
        """How many findings in each toolkit area, in the area's order."""
        counts = Counter(v.toolkit for v in self.findings)
        return sorted(counts.items(), key=lambda item: _toolkit_key(item[0]))

    @property
    def by_provision(self) -> list[tuple[str, list[FindingView]]]:
        """Findings shown in the text, grouped by provision in document order, most serious first."""
        groups: dict[str, list[FindingView]] = {}
        for view in self.in_text:
            groups.setdefault(view.where, []).append(view)
        return [
            (where, sorted(views, key=lambda v: (-SEVERITY_ORDER[v.finding.severity], v.finding.start_char)))
            for where, views in groups.items()
        ]

    @property
    def instruments(self) -> str:
        """The kinds of offence the law was found to create, in words."""
        if not self.report.instruments:
            return "no trafficking or smuggling offence"
        return " and ".join(self.report.instruments) + " offences"

    @property
    def concerns(self) -> list[tuple[str, str]]:
        """The concerns of this file's findings (ID, title), sorted by ID."""
        return sorted({(v.finding.concern, v.concern_title) for v in self.findings})


@dataclass(frozen=True)
class RunView:
    """A whole run: every file, the files that could not be read, and what was run."""

    files: list[FileView]
    errors: list[InputError]
    version: str
    pipeline: str
    generated: str
    disclaimer: str = DISCLAIMER
    how_to_read: str = HOW_TO_READ

    @property
    def findings(self) -> list[FindingView]:
        """Every finding of the run."""
        return [view for file in self.files for view in file.findings]

    @property
    def by_severity(self) -> dict[str, int]:
        """How many findings of each severity, over all files."""
        counts = Counter(v.finding.severity for v in self.findings)
        return {level: counts.get(level, 0) for level in SEVERITIES}

    @property
    def concerns(self) -> list[tuple[str, str]]:
        """The concerns of the run's findings (ID, title), sorted by ID."""
        return sorted({(v.finding.concern, v.concern_title) for v in self.findings})


def placement(finding: Finding) -> Placement:
    """Where a finding is shown: on its words, on the provision it concerns, or on the law as a whole."""
    evidence = finding.evidence
    if isinstance(evidence, AbsentEvidence):
        # A weaker safeguard is shown where it is; a safeguard that is nowhere concerns the whole law.
        return "provision" if evidence.limitation is not None else "law"
    if isinstance(evidence, RequireEvidence):
        return "provision"
    if isinstance(evidence, PenaltyEvidence) and evidence.penalty is None:
        return "provision"  # an offence's maximum penalty: the offence as a whole
    return "words"


def finding_view(finding: Finding, ident: str, rule: Rule | None, catalogue: Catalogue | None) -> FindingView:
    """Join a finding with its rule and its catalogue concern."""
    concern = catalogue.get(finding.concern) if catalogue is not None else None
    evidence = finding.evidence
    missing = limitation = limitation_provision = penalty_note = None
    applies_in: list[str] = []
    if isinstance(evidence, RequireEvidence | AbsentEvidence):
        missing, limitation = evidence.missing, evidence.limitation
    if isinstance(evidence, AbsentEvidence):
        limitation_provision = evidence.limitation_provision
    if isinstance(evidence, FlagEvidence) and evidence.applies_in:
        applies_in = list(evidence.applies_in)
    if isinstance(evidence, PenaltyEvidence) and evidence.maximum_years is not None:
        years = evidence.maximum_years
        penalty_note = "Longest custodial penalty found: " + ("life" if years == "life" else f"{years:g} years")
        if evidence.threshold_years is not None:
            penalty_note += f" (threshold {evidence.threshold_years:g} years)"
    return FindingView(
        finding=finding,
        ident=ident,
        placement=placement(finding),
        rationale=" ".join(rule.rationale.split()) if rule is not None else "",
        toolkit=concern.toolkit if concern is not None else (rule.toolkit if rule is not None else ""),
        concern_title=concern.title if concern is not None else finding.concern,
        missing=missing,
        limitation=limitation,
        limitation_provision=limitation_provision,
        applies_in=applies_in,
        penalty_note=penalty_note,
    )


def build_view(context: RenderContext) -> RunView:
    """Everything the reports for drafters show, for one run."""
    rules = {rule.id: rule for rule in context.rules}
    catalogue = context.catalogue
    toolkits = {c.id: c.toolkit for c in catalogue.concerns} if catalogue is not None else {}
    files = []
    for number, report in enumerate(sorted(context.result.files, key=lambda r: r.path), start=1):
        findings = sorted(report.findings, key=Finding.sort_key)
        views = [
            finding_view(f, f"f{number}-{index}", rules.get(f.rule), catalogue)
            for index, f in enumerate(findings, start=1)
        ]
        matrix = [MatrixRow(decision, toolkits.get(decision.concern, "")) for decision in report.decisions]
        files.append(FileView(number, report, views, matrix))
    return RunView(
        files=files,
        errors=sorted(context.result.errors, key=lambda e: e.path),
        version=__version__,
        pipeline=context.result.pipeline,
        generated=generated_at(),
    )


def generated_at() -> str:
    """When the report was made (UTC); ``SOURCE_DATE_EPOCH`` fixes it, for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch.isdigit() else datetime.now(tz=timezone.utc)
    )
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _toolkit_key(toolkit: str) -> tuple[int, ...]:
    # "Tool 1.10" after "Tool 1.9": compare the numbers, not the text.
    numbers = [int(part) for part in "".join(c if c.isdigit() else " " for c in toolkit).split()]
    return tuple(numbers) or (10**6,)
