"""What a run of lexcheck produces, in the shape every output format renders.

Findings, the candidates that were not reported, the evidence behind each finding, the per-concern
decisions of the compliance matrix, and the results of whole runs. The engine fills these models and the
reports read them; neither needs to know about the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from lexcheck.errors import LexcheckError

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"info": 1, "warning": 2, "error": 3}


class _Model(BaseModel):
    # Written as JSON, NaN and infinite floats are NaN and Infinity, as Python's json writes their dumps.
    model_config = ConfigDict(extra="forbid", frozen=True, ser_json_inf_nan="constants")


# -- evidence: why a finding was made ------------------------------------------------------------
class NotCounted(_Model):
    """A candidate element that was seen and did not count, and why."""

    matched: str
    reason: str
    provision: str


class PenaltyReading(_Model):
    """The penalty values read from one clause."""

    text: str
    minimum_years: float | None = None
    maximum_years: float | None = None
    life: bool = False
    death: bool = False
    fine: bool = False
    corporal: bool = False
    mandatory_custody: bool = False
    discretionary_minimum: bool = Field(
        default=False, description="The minimum binds only if the court chooses that sentence ('may pass')."
    )
    procedure: Literal["summary", "indictment"] | None = None


class FlagEvidence(_Model):
    """A flag rule matched harmful words."""

    kind: Literal["flag"]
    matched: str
    pattern: str
    kept: str = Field(description="Why the match was kept: its provision's roles and the exceptions checked.")
    definition: str | None = Field(default=None, description="The defined term whose definition holds the match.")
    applies_in: list[str] | None = Field(default=None, description="Provisions where that defined term is used.")


class RequireEvidence(_Model):
    """A provision in scope lacks a required element (or has only a weaker form of it)."""

    kind: Literal["require"]
    scope: str
    trigger: str
    trigger_provision: str
    trigger_pattern: str
    missing: str
    not_counted: list[NotCounted] = Field(default_factory=list)
    limitation: str | None = Field(default=None, description="The weaker safeguard found instead.")


class AbsentEvidence(_Model):
    """A law of a kind lacks a provision it should have (or has only a weaker one)."""

    kind: Literal["absent"]
    gate: str
    gate_pattern: str
    gate_provision: str
    missing: str
    not_counted: list[NotCounted] = Field(default_factory=list)
    limitation: str | None = Field(default=None, description="The weaker safeguard found instead.")
    limitation_provision: str | None = None


class PenaltyEvidence(_Model):
    """A penalty crosses a threshold: a mandatory minimum, or an offence's maximum below a number of years."""

    kind: Literal["penalty"]
    offence: str | None = None
    trigger: str | None = None
    maximum_years: float | Literal["life"] | None = None
    threshold_years: float | None = None
    penalties: list[PenaltyReading] | None = None
    penalty: PenaltyReading | None = Field(default=None, description="The mandatory penalty (mandatory minimum).")


Evidence = Annotated[
    FlagEvidence | RequireEvidence | AbsentEvidence | PenaltyEvidence, Field(discriminator="kind")
]


# -- findings ------------------------------------------------------------------------------------
class Finding(_Model):
    """One concern found in one place of one bill."""

    path: str
    rule: str
    concern: str
    severity: Severity
    title: str
    message: str
    provision: str
    provision_heading: str | None
    start_line: int
    start_column: int
    end_line: int
    end_column: int
    start_char: int
    end_char: int
    excerpt: str
    references: list[str]
    recommendation: str
    fingerprint: str
    evidence: Evidence
    # "law": a safeguard missing from the whole law (reported at the provision that makes it necessary);
    # "provision": a problem in the words of one provision.
    level: Literal["provision", "law"] = "provision"
    # Where the finding is in the file as the user keeps it, for formats that are not plain text:
    # {"paragraph": 12} (Word), {"page": 3} (PDF), {"eid": "sec_4__subsec_2"} (Akoma Ntoso), {"line": 40} (HTML).
    source: dict[str, int | str] | None = None

    @field_serializer("evidence")
    def _compact_evidence(self, evidence: BaseModel) -> dict[str, Any]:
        # Unset optional parts are left out, so each finding shows only the evidence it has.
        return evidence.model_dump(mode="json", exclude_defaults=True)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Document order, then rule: the order of every report."""
        return (self.path, self.start_char, self.end_char, self.rule, self.fingerprint)


class Suppressed(_Model):
    """A candidate match that a rule saw but did not report, and why (shown by ``--explain``)."""

    path: str
    rule: str
    concern: str
    provision: str
    start_line: int
    start_char: int
    excerpt: str
    reason: str


# -- decisions: the compliance matrix ------------------------------------------------------------
Status = Literal["issue", "partial", "safeguard_present", "no_issue", "not_evaluated", "not_applicable"]
# When several rules decide one concern, the most telling status wins.
STATUS_ORDER: dict[str, int] = {
    "issue": 6,
    "partial": 5,
    "safeguard_present": 4,
    "no_issue": 3,
    "not_evaluated": 2,
    "not_applicable": 1,
}
STATUS_LABELS: dict[str, str] = {
    "issue": "issue found",
    "partial": "partial (weaker safeguard)",
    "safeguard_present": "safeguard present",
    "no_issue": "no issue found",
    "not_evaluated": "not evaluated",
    "not_applicable": "not applicable",
}


class RuleDecision(_Model):
    """What one rule decided about one law."""

    rule: str
    status: Status
    where: list[str] = Field(default_factory=list, description="Provisions the decision rests on.")
    remark: str


class ConcernDecision(_Model):
    """The status of one catalogue concern for one law: a row of the compliance matrix."""

    concern: str
    title: str
    status: Status
    where: list[str] = Field(default_factory=list)
    remarks: list[str] = Field(default_factory=list)
    rules: list[RuleDecision] = Field(default_factory=list)


def decide_concern(concern: str, title: str, decisions: list[RuleDecision]) -> ConcernDecision:
    """Combine the decisions of a concern's rules: the most telling status, with every rule's remark."""
    if not decisions:
        return ConcernDecision(
            concern=concern, title=title, status="not_evaluated", remarks=["no rule of this concern was run"]
        )
    status = max((d.status for d in decisions), key=STATUS_ORDER.__getitem__)
    where = sorted({w for d in decisions if d.status == status for w in d.where}, key=_label_key)
    remarks = [d.remark for d in decisions if d.status == status]
    return ConcernDecision(
        concern=concern, title=title, status=status, where=where, remarks=remarks, rules=decisions
    )


def _label_key(label: str) -> tuple[int, str]:
    # "(document)" and "(preamble)" first, then provisions as written.
    return (0 if label.startswith("(") else 1, label)


# -- runs ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class InputError:
    """A file that could not be analysed (or, as a warning, a problem that did not stop it), in one line."""

    path: str
    message: str

    @classmethod
    def of(cls, problem: LexcheckError, name: str | None = None) -> InputError:
        """The user-facing form of a LexcheckError about one input."""
        return cls(problem.path or name or "", f"{problem.message} [{problem.code}]")


@dataclass(frozen=True)
class OutlineEntry:
    """One provision of a bill's structure, as reports that show the bill need it.

    Offsets index into :attr:`FileReport.text`; ``end`` covers the provisions nested in this one and
    ``depth`` is 0 for the outermost provisions (a Part, or a section of a law without Parts).
    """

    label: str
    kind: str
    heading: str | None
    start: int
    end: int
    depth: int
    container: bool = False  # a Part, Chapter or similar grouping of sections


class SourcePiece(NamedTuple):
    """A stretch of the analysed text that is one stretch of text of one run of a Word paragraph.

    ``holder`` leads from the paragraph's ``w:p`` to the ``w:r`` that holds the text (or to the equation
    holding it), as the indices of one child in each element on the way; ``offset`` is where the piece
    begins in that run's text, counting a tab or a line break as one character.
    """

    start: int  # offset in FileReport.text
    length: int
    holder: tuple[int, ...]
    offset: int


@dataclass(frozen=True)
class SourceParagraph:
    """A paragraph of a Word bill and where its text is in the analysed text.

    ``path`` leads from the document's ``w:body`` to the paragraph's ``w:p`` (child indices, so a paragraph
    of a table cell is reached through its table, row and cell). ``start`` and ``end`` are the offsets of
    its text in :attr:`FileReport.text`, list number included; ``pieces`` are those of its characters that
    come from the paragraph's runs, in order. A list number that Word shows only through list formatting,
    and white space the reading collapsed, belong to no piece.
    """

    path: tuple[int, ...]
    start: int
    end: int
    pieces: tuple[SourcePiece, ...]


@dataclass(frozen=True)
class SkippedFile:
    """A file a directory scan found and did not analyse, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class WaiverInfo:
    """Why a finding is waived: an entry of a waiver file."""

    justification: str
    author: str
    expires: str | None
    source: str  # the waiver file and entry number, "lexcheck-waivers.yaml#3"


@dataclass(frozen=True)
class Waived:
    """A finding that a waiver covers: shown as waived, not counted for --fail-on."""

    finding: Finding
    waiver: WaiverInfo


@dataclass(frozen=True)
class Notice:
    """A remark about the run itself (an expired or unused waiver, findings left out by a baseline)."""

    path: str
    message: str
    level: Literal["warning", "note"] = "warning"


@dataclass
class FileReport:
    """What was found in one file, with the bill's text and outline for reports that show the bill.

    For a Word bill, ``paragraphs`` map the text back to the file's paragraphs and runs, and ``original``
    holds the file as it was read when the run was asked to keep it (see ``ReadOptions.keep_original``).
    """

    path: str
    findings: list[Finding]
    suppressed: list[Suppressed]
    instruments: list[str]
    provisions: int
    decisions: list[ConcernDecision] = field(default_factory=list)
    text: str = field(default="", repr=False)
    outline: list[OutlineEntry] = field(default_factory=list, repr=False)
    first_line: int = 1
    source_format: str = "text"
    waived: list[Waived] = field(default_factory=list)
    # A Word bill's paragraphs, and its bytes when a report comments a copy of the original (the Word report).
    paragraphs: tuple[SourceParagraph, ...] = field(default=(), repr=False)
    original: bytes | None = field(default=None, repr=False)


@dataclass
class RunResult:
    """The outcome of checking a set of files."""

    pipeline: str
    files: list[FileReport] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """All findings, in file and document order."""
        return sorted((f for report in self.files for f in report.findings), key=Finding.sort_key)

    @property
    def waived(self) -> list[Waived]:
        """All waived findings, in file and document order."""
        return sorted((w for report in self.files for w in report.waived), key=lambda w: w.finding.sort_key())
