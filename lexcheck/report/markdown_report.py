"""The review memo (``--format markdown``): GitHub-flavoured Markdown to paste into a memo or a pull request.

Summary, compliance matrix, the findings about the whole law, then the findings grouped by provision with
their legal basis and recommendation. Bill and rule text is escaped, so that nothing in a bill becomes
markup (no raw HTML, no link, no table break) wherever the memo is shown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lexcheck.report.view import SEVERITIES, SEVERITY_LABELS, SEVERITY_SYMBOLS, FileView, FindingView, build_view

if TYPE_CHECKING:
    from lexcheck.report import RenderContext

# Characters that start inline markup anywhere in a line (emphasis, code, links, HTML, entities, tables,
# strikethrough), and what makes a line a heading, quote, list or rule when it begins with it.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
_LINE_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")
_AUTOLINK = re.compile(r"(?i)\b(www)\.|(\w)(://)")
_PLURAL = {"error": "errors", "warning": "warnings", "info": "info"}


def escape(text: str, line_start: bool = False) -> str:
    """Text as Markdown that shows exactly that text: one line, no markup, no automatic link.

    ``line_start``: the text begins a line (or a quoted line), where "1." or "#" would start a block.
    """
    flat = " ".join(text.split())
    flat = _INLINE.sub(r"\\\1", flat)
    flat = _AUTOLINK.sub(lambda m: f"{m.group(1)}\\." if m.group(1) else f"{m.group(2)}\\://", flat)
    if not line_start:
        return flat
    # "1. Short title" would start a list: escape the full stop after the number, or the leading mark.
    return _LINE_START.sub(_escape_line_start, flat, count=1)


def _escape_line_start(match: re.Match[str]) -> str:
    mark = match.group(1)
    return mark + "\\" if mark[0].isdigit() else "\\" + mark


def _counts(by_severity: dict[str, int]) -> str:
    return ", ".join(
        f"{by_severity[level]} {level if by_severity[level] == 1 else _PLURAL[level]}" for level in SEVERITIES
    )


def _finding(view: FindingView, heading: str) -> list[str]:
    finding = view.finding
    where = f"{finding.provision}, line {finding.start_line}"
    if view.placement == "law":
        where = f"prompted by the offence in {finding.provision}, line {finding.start_line}"
    lines = [
        f"{heading} {view.symbol} {view.severity_label}: {escape(finding.title)}",
        "",
        f"*{escape(finding.concern)} · {escape(view.concern_title)} · rule {escape(finding.rule)} · {escape(where)}*",
        "",
        escape(finding.message, line_start=True),
        "",
        f"> {escape(finding.excerpt, line_start=True)}",
        "",
    ]
    if view.limitation is not None:
        found_in = f" ({escape(view.limitation_provision)})" if view.limitation_provision else ""
        lines.append(f"- **Weaker safeguard found:** “{escape(view.limitation)}”{found_in}")
        lines.append(f"- **A full safeguard needs:** {escape(view.missing or '')}")
    elif view.missing is not None:
        lines.append(f"- **Missing:** {escape(view.missing)}")
    if view.applies_in:
        lines.append("- **The definition applies in:** " + escape(", ".join(view.applies_in)))
    if view.penalty_note is not None:
        lines.append(f"- **Penalty:** {escape(view.penalty_note)}")
    if view.rationale:
        lines.append(f"- **Why it matters:** {escape(view.rationale)}")
    lines.append("- **Legal basis:** " + "; ".join(escape(ref) for ref in finding.references))
    lines.append(f"- **Recommendation:** {escape(finding.recommendation)}")
    lines.append("")
    return lines


def _file(file: FileView) -> list[str]:
    report = file.report
    out = [
        f"## {escape(report.path)}",
        "",
        f"Creates {escape(file.instruments)} · {report.provisions} provisions · "
        f"{len(file.findings)} finding{'s' if len(file.findings) != 1 else ''} ({_counts(file.by_severity)})",
        "",
        "| Severity | Findings |",
        "| --- | ---: |",
        *(f"| {SEVERITY_SYMBOLS[level]} {SEVERITY_LABELS[level]} | {file.by_severity[level]} |" for level in SEVERITIES),
        "",
    ]
    if file.by_toolkit:
        out += [
            "| Toolkit area | Findings |",
            "| --- | ---: |",
            *(f"| {escape(area) or '—'} | {count} |" for area, count in file.by_toolkit),
            "",
        ]
    out += ["### Compliance matrix", "", "| Concern | Status | Where | Remarks |", "| --- | --- | --- | --- |"]
    for row in file.matrix:
        decision = row.decision
        out.append(
            f"| **{escape(decision.concern)}** {escape(decision.title)} | {row.symbol} {row.label} | "
            f"{escape(', '.join(decision.where))} | {escape(row.remarks)} |"
        )
    out += ["", "### Whole law", ""]
    if not file.law_level:
        out += ["No finding concerns the law as a whole.", ""]
    for view in file.law_level:
        out += _finding(view, "####")
    out += ["### Findings by provision", ""]
    if not file.in_text:
        out += ["No finding in the provisions.", ""]
    for where, views in file.by_provision:
        out += [f"#### {escape(where)}", ""]
        for view in views:
            out += _finding(view, "#####")
    return out


def render_context(context: RenderContext) -> str:
    """The review memo of a run, for the format table."""
    run = build_view(context)
    out = [
        "# lexcheck review memo",
        "",
        f"> **Automated checks.** {escape(run.disclaimer)}",
        "",
        f"Checked {run.generated} with lexcheck {escape(run.version)} (pipeline {escape(run.pipeline)}): "
        f"{len(run.files)} file{'s' if len(run.files) != 1 else ''}, {_counts(run.by_severity)}.",
        "",
    ]
    if len(run.files) > 1 or run.errors:
        out += ["| File | Creates | Errors | Warnings | Info |", "| --- | --- | ---: | ---: | ---: |"]
        for file in run.files:
            counts = file.by_severity
            out.append(
                f"| {escape(file.report.path)} | {escape(file.instruments)} | "
                f"{counts['error']} | {counts['warning']} | {counts['info']} |"
            )
        for error in run.errors:
            out.append(f"| {escape(error.path)} | not analysed: {escape(error.message)} | | | |")
        out.append("")
    for file in run.files:
        out += _file(file)
    return "\n".join(out).rstrip("\n") + "\n"
