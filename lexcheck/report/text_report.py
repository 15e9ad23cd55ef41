"""The terminal report: findings grouped by file and provision, with the legal reference and the fix.

Lines are wrapped to the width of the terminal (100 columns elsewhere). In a file or a pipe each finding's
first line (severity, position, title, IDs) stays whole, so that one grep finds all of it; on a terminal it
wraps under its title. On a terminal that shows colour the severities, titles and labels are coloured with
rich; piped, written to a file or with ``NO_COLOR`` set, the report is plain text.
"""

from __future__ import annotations

import io
import textwrap
from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from lexcheck.escaping import visible
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
INDENT = "          "
_MARK = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
_SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}


class _Lines:
    """The report's lines, each with the styles of its parts, wrapped to one width.

    Bill text is shown, never obeyed: every piece of text added is escaped first (control characters and
    bidirectional overrides written out as ``\\x1b``, ``<U+202E>``).
    """

    def __init__(self, width: int, wrap_all: bool = False) -> None:
        self.width = max(40, width)
        self.wrap_all = wrap_all
        self.lines: list[Text] = []

    def whole(self, line: Text, hang: int) -> None:
        """A line kept whole in files; on a terminal wrapped, continuation lines indented by ``hang``."""
        if not self.wrap_all or len(line) <= self.width:
            self.lines.append(line)
            return
        wrapped = textwrap.wrap(line.plain, self.width, subsequent_indent=" " * hang, break_on_hyphens=False)
        offset = 0
        for number, piece in enumerate(wrapped):
            text = piece if number == 0 else piece[hang:]
            start = line.plain.index(text, offset)
            part = line[start : start + len(text)]
            offset = start + len(text)
            self.lines.append(part if number == 0 else Text(" " * hang) + part)

    def add(self, text: str = "", style: str = "") -> None:
        self.lines.append(Text(visible(text), style=style))

    def wrap(self, text: str, indent: str, label: str = "", label_style: str = "", style: str = "") -> None:
        """Wrapped text; continuation lines line up under the text, not under a bullet or quote mark."""
        follow = indent if indent.strip() in ("", ">") else " " * len(indent)
        text = visible(text)
        wrapped = textwrap.fill(label + text, self.width, initial_indent=indent, subsequent_indent=follow)
        for number, line in enumerate(wrapped.split("\n")):
            piece = Text(line, style=style)
            if number == 0 and label:
                piece.stylize(label_style, len(indent), len(indent) + len(label))
            self.lines.append(piece)

    def render(self, colour_system: str | None) -> str:
        if colour_system is None:
            return "".join(line.plain + "\n" for line in self.lines)
        buffer = io.StringIO()
        console = Console(
            file=buffer,
            force_terminal=True,
            color_system=colour_system,  # type: ignore[arg-type]
            width=self.width,
            highlight=False,
            emoji=False,
            markup=False,
        )
        for line in self.lines:
            console.print(line, soft_wrap=True)  # already wrapped: rich must not wrap again
        return buffer.getvalue()


def _evidence_summary(out: _Lines, finding: Finding) -> None:
    """The parts of the evidence a reader needs even without --explain."""
    evidence = finding.evidence
    if isinstance(evidence, RequireEvidence | AbsentEvidence):
        out.wrap(evidence.missing, INDENT, "Missing: ", "bold")
        if evidence.limitation is not None:
            where = evidence.limitation_provision if isinstance(evidence, AbsentEvidence) else None
            out.wrap(f"“{evidence.limitation}”" + (f" ({where})" if where else ""), INDENT, "Found instead: ", "bold")
    if isinstance(evidence, FlagEvidence) and evidence.applies_in:
        out.wrap(
            ", ".join(evidence.applies_in), INDENT, f"The definition of “{evidence.definition}” applies in: ", "bold"
        )
    if isinstance(evidence, PenaltyEvidence) and evidence.maximum_years is not None:
        threshold = f" (threshold {evidence.threshold_years:g})" if evidence.threshold_years is not None else ""
        out.wrap(f"{evidence.maximum_years} years{threshold}", INDENT, "Longest custodial penalty found: ", "bold")


def _where(finding: Finding) -> str:
    """Line and column in a text file; paragraph, page, eId or source line in other formats."""
    source = finding.source
    if not source:
        return f"{finding.start_line}:{finding.start_column}"
    names = {"paragraph": "paragraph", "page": "page", "eid": "eId", "line": "line"}
    return ", ".join(f"{names.get(key, key)} {value}" for key, value in source.items())


def _finding(out: _Lines, finding: Finding, explain: bool) -> None:
    mark = f"  {_MARK[finding.severity]:<7} "
    place = f"{visible(_where(finding))}  "
    if finding.level == "law":
        place = f"{finding.provision} {place}"
    tag = f"  [{finding.concern} · {finding.rule}]"
    first = Text(mark + place + visible(finding.title) + tag)
    first.stylize(_SEVERITY_STYLE[finding.severity], 2, 2 + len(_MARK[finding.severity]))
    start = len(mark) + len(place)
    first.stylize("bold", start, start + len(visible(finding.title)))
    first.stylize("dim", start + len(visible(finding.title)))
    out.whole(first, start)
    out.wrap(finding.message, INDENT)
    out.wrap(f"“{finding.excerpt}”", INDENT + "> ", style="italic")
    _evidence_summary(out, finding)
    out.wrap("; ".join(finding.references), INDENT, "Legal basis: ", "bold cyan")
    out.wrap(finding.recommendation, INDENT, "Fix: ", "bold green")
    if explain:
        for key, value in finding.evidence.model_dump(mode="json", exclude_defaults=True).items():
            out.wrap(f"{key}: {value}", INDENT + "· ", style="dim")


def render(
    result: RunResult,
    explain: bool = False,
    width: int = WIDTH,
    colour_system: str | None = None,
    terminal: bool = False,
) -> str:
    """The report as text for a terminal or a review memo (``colour_system``: rich's, for a colour terminal)."""
    out = _Lines(width, wrap_all=terminal)
    for report in sorted(result.files, key=lambda r: r.path):
        kinds = " and ".join(report.instruments) if report.instruments else "no trafficking or smuggling offence"
        header = Text(f"{visible(report.path)}  ({report.provisions} provisions; creates: {kinds})")
        header.stylize("bold", 0, len(visible(report.path)))
        out.whole(header, 2)
        if not report.findings:
            out.add("  no findings", "green")
        whole_law = [f for f in report.findings if f.level == "law"]
        if whole_law:
            # Safeguards missing from the whole law first, each pointing at the provision that needs it.
            out.add()
            out.add(" Whole law", "bold underline")
            for finding in sorted(whole_law, key=lambda f: (-SEVERITY_ORDER[f.severity], f.start_char, f.rule)):
                _finding(out, finding, explain)
        in_provisions = [f for f in report.findings if f.level == "provision"]
        for provision, group in groupby(in_provisions, key=lambda f: (f.provision, f.provision_heading)):
            label, heading = provision
            out.add()
            out.add(f" {label}" + (f" — {heading}" if heading else ""), "bold underline")
            # Within a provision, the most serious first.
            for finding in sorted(group, key=lambda f: (-SEVERITY_ORDER[f.severity], f.start_char, f.rule)):
                _finding(out, finding, explain)
        if report.waived:
            out.add()
            out.add(" Waived:", "bold")
            for waived_item in report.waived:
                f, w = waived_item.finding, waived_item.waiver
                out.add(f"  WAIVED  {f.start_line}:{f.start_column}  {f.provision}: {f.title}  [{f.concern} · {f.rule}]", "dim")
                until = f", until {w.expires}" if w.expires else ""
                out.wrap(f"{w.justification} ({w.author}{until}; {w.source})", "          ", style="dim")
        if explain and report.suppressed:
            out.add()
            out.add(" Candidates not reported:", "bold")
            for item in report.suppressed:
                out.wrap(f"{item.start_line}: {item.provision} {item.rule}: “{item.excerpt}” — {item.reason}", "   - ")
        out.add()
    for warning in sorted(result.warnings, key=lambda w: w.path):
        out.whole(Text(visible(f"{warning.path}: warning: {warning.message}"), style="yellow"), 2)
    for error in sorted(result.errors, key=lambda e: e.path):
        out.whole(Text(visible(f"{error.path}: error: {error.message}"), style="red"), 2)
    for skipped in result.skipped:
        out.whole(Text(visible(f"{skipped.path}: skipped: {skipped.reason}"), style="yellow"), 2)
    for notice in result.notices:
        out.whole(Text(visible(f"{notice.path}: {notice.level}: {notice.message}"), style="yellow"), 2)
    findings = result.findings
    counts = Counter(f.severity for f in findings)
    summary = (
        f"{len(findings)} finding(s) in {len(result.files)} file(s): {counts.get('error', 0)} error, "
        f"{counts.get('warning', 0)} warning, {counts.get('info', 0)} info"
        + (f"; {len(result.errors)} file(s) could not be read" if result.errors else "")
        + (f"; {len(result.skipped)} file(s) skipped" if result.skipped else "")
        + (f"; {len(result.waived)} waived" if result.waived else "")
        + f"  [pipeline: {result.pipeline}]"
    )
    out.whole(Text(summary, style="bold"), 2)
    return out.render(colour_system)


def render_context(context: RenderContext) -> str:
    """The text report of a run, for the format table: coloured and as wide as the terminal it goes to."""
    terminal = context.terminal
    if terminal is None:
        return render(context.result, explain=context.explain)
    return render(context.result, context.explain, terminal.width, terminal.colour_system, terminal=True)
