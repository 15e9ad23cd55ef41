"""The terminal report: findings grouped by file and provision, with the legal reference and the fix."""

from __future__ import annotations

import textwrap
from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from lexcheck.escaping import visible, visible_lines
from lexcheck.results import (
    SEVERITY_ORDER,
    AbsentEvidence,
    Finding,
    FlagEvidence,
    PenaltyEvidence,
    RequireEvidence,
    RunResult,
)

if TYPE_CHECKING:
    from lexcheck.report import RenderContext

WIDTH = 100
_MARK = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _wrap(text: str, indent: str) -> str:
    # Continuation lines line up under the text, not under a bullet or quote mark.
    follow = indent if indent.strip() in ("", ">") else " " * len(indent)
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=follow)


def _evidence_summary(finding: Finding) -> list[str]:
    """The parts of the evidence a reader needs even without --explain."""
    evidence = finding.evidence
    indent = "          "
    lines = []
    if isinstance(evidence, RequireEvidence | AbsentEvidence):
        lines.append(_wrap(f"Missing: {evidence.missing}", indent))
        if evidence.limitation is not None:
            where = evidence.limitation_provision if isinstance(evidence, AbsentEvidence) else None
            lines.append(_wrap(f"Found instead: “{evidence.limitation}”" + (f" ({where})" if where else ""), indent))
    if isinstance(evidence, FlagEvidence) and evidence.applies_in:
        lines.append(
            _wrap(f"The definition of “{evidence.definition}” applies in: " + ", ".join(evidence.applies_in), indent)
        )
    if isinstance(evidence, PenaltyEvidence) and evidence.maximum_years is not None:
        threshold = f" (threshold {evidence.threshold_years:g})" if evidence.threshold_years is not None else ""
        lines.append(_wrap(f"Longest custodial penalty found: {evidence.maximum_years} years{threshold}", indent))
    return lines


def _where(finding: Finding) -> str:
    """Line and column in a text file; paragraph, page, eId or source line in other formats."""
    source = finding.source
    if not source:
        return f"{finding.start_line}:{finding.start_column}"
    names = {"paragraph": "paragraph", "page": "page", "eid": "eId", "line": "line"}
    return ", ".join(f"{names.get(key, key)} {value}" for key, value in source.items())


def _finding(finding: Finding, explain: bool) -> list[str]:
    lines = [
        f"  {_MARK[finding.severity]:<7} {_where(finding)}  {finding.title}"
        f"  [{finding.concern} · {finding.rule}]",
        _wrap(finding.message, "          "),
        _wrap(f"“{finding.excerpt}”", "          > "),
        *_evidence_summary(finding),
        _wrap("Legal basis: " + "; ".join(finding.references), "          "),
        _wrap("Fix: " + finding.recommendation, "          "),
    ]
    if explain:
        for key, value in finding.evidence.model_dump(mode="json", exclude_defaults=True).items():
            lines.append(_wrap(f"{key}: {value}", "          · "))
    return lines


def render(result: RunResult, explain: bool = False) -> str:
    """The report as text for a terminal or a review memo, with control characters shown escaped."""
    out: list[str] = []
    for report in sorted(result.files, key=lambda r: r.path):
        kinds = " and ".join(report.instruments) if report.instruments else "no trafficking or smuggling offence"
        out.append(f"{visible(report.path)}  ({report.provisions} provisions; creates: {kinds})")
        if not report.findings:
            out.append("  no findings")
        for provision, group in groupby(report.findings, key=lambda f: (f.provision, f.provision_heading)):
            label, heading = provision
            out.append("")
            out.append(visible(f" {label}" + (f" — {heading}" if heading else "")))
            # Within a provision, the most serious first.
            for finding in sorted(group, key=lambda f: (-SEVERITY_ORDER[f.severity], f.start_char, f.rule)):
                out.extend(_finding(finding, explain))
        if report.waived:
            out.append("")
            out.append(" Waived:")
            for waived_item in report.waived:
                f, w = waived_item.finding, waived_item.waiver
                out.append(f"  WAIVED  {f.start_line}:{f.start_column}  {f.provision}: {f.title}  [{f.concern} · {f.rule}]")
                until = f", until {w.expires}" if w.expires else ""
                out.append(_wrap(f"{w.justification} ({w.author}{until}; {w.source})", "          "))
        if explain and report.suppressed:
            out.append("")
            out.append(" Candidates not reported:")
            for item in report.suppressed:
                out.append(
                    _wrap(
                        f"{item.start_line}: {item.provision} {item.rule}: “{item.excerpt}” — {item.reason}",
                        "   - ",
                    )
                )
        out.append("")
    for warning in sorted(result.warnings, key=lambda w: w.path):
        out.append(visible(f"{warning.path}: warning: {warning.message}"))
    for error in sorted(result.errors, key=lambda e: e.path):
        out.append(visible(f"{error.path}: error: {error.message}"))
    for skipped in result.skipped:
        out.append(visible(f"{skipped.path}: skipped: {skipped.reason}"))
    for notice in result.notices:
        out.append(visible(f"{notice.path}: {notice.level}: {notice.message}"))
    findings = result.findings
    counts = Counter(f.severity for f in findings)
    out.append(
        f"{len(findings)} finding(s) in {len(result.files)} file(s): {counts.get('error', 0)} error, "
        f"{counts.get('warning', 0)} warning, {counts.get('info', 0)} info"
        + (f"; {len(result.errors)} file(s) could not be read" if result.errors else "")
        + (f"; {len(result.skipped)} file(s) skipped" if result.skipped else "")
        + (f"; {len(result.waived)} waived" if result.waived else "")
        + f"  [pipeline: {result.pipeline}]"
    )
    # Bill text is shown, never obeyed: escape sequences and bidirectional overrides are written out. Lines
    # holding a file name or a heading are escaped whole first, so that a line break in one stays visible.
    return visible_lines("\n".join(out)) + "\n"


def render_context(context: RenderContext) -> str:
    """The text report of a run, for the format table."""
    return render(context.result, explain=context.explain)
