"""GitHub Actions workflow commands (``--format github``): an annotation per finding, grouped per file.

GitHub shows each ``::error``/``::warning``/``::notice`` line as an annotation on the pull request, at the
finding's lines. ``summary`` is the Markdown table that lexcheck appends to ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from lexcheck.escaping import visible_lines
from lexcheck.report.locations import names_a_file, relative_path
from lexcheck.results import Finding

if TYPE_CHECKING:
    from lexcheck.report import RenderContext

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value (file, title): also ``:`` and ``,``, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int) -> str:
    """One workflow command line, ``::name key=value,…::message``."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(finding: Finding) -> str:
    """The annotation of one finding, placed on its lines, with the legal basis and the fix."""
    message = (
        f"{finding.provision}: {finding.message}\n“{finding.excerpt}”\n"
        f"Legal basis: {'; '.join(finding.references)}\nFix: {finding.recommendation}"
    )
    place: dict[str, str | int] = {"file": relative_path(finding.path), "line": finding.start_line}
    if finding.end_line == finding.start_line:
        # GitHub accepts columns only for an annotation on a single line.
        place.update(col=finding.start_column, endColumn=finding.end_column)
    place["endLine"] = finding.end_line
    return command(
        COMMANDS[finding.severity], message, **place, title=f"{finding.title} [{finding.concern} · {finding.rule}]"
    )


def render_context(context: RenderContext) -> str:
    """The workflow commands of a run: a group per file, then one line per input error."""
    result = context.result
    lines: list[str] = []
    for report in sorted(result.files, key=lambda r: r.path):
        path = relative_path(report.path)
        lines.append(f"::group::lexcheck {path}: {len(report.findings)} finding(s)")
        lines.extend(annotation(finding) for finding in sorted(report.findings, key=Finding.sort_key))
        for waived_item in sorted(report.waived, key=lambda w: w.finding.sort_key()):
            finding, waiver = waived_item.finding, waived_item.waiver
            lines.append(
                command(
                    "notice",
                    f"{finding.provision}: waived: {waiver.justification} ({waiver.author}; {waiver.source})",
                    file=path,
                    line=finding.start_line,
                    endLine=finding.end_line,
                    title=f"Waived: {finding.title} [{finding.concern} · {finding.rule}]",
                )
            )
        lines.append("::endgroup::")
    for error in sorted(result.errors, key=lambda e: e.path):
        where = {"file": relative_path(error.path)} if names_a_file(error.path) else {}
        lines.append(command("error", error.message, **where, title="lexcheck input error"))
    for warning in sorted(result.warnings, key=lambda w: w.path):
        where = {"file": relative_path(warning.path)} if names_a_file(warning.path) else {}
        lines.append(command("warning", warning.message, **where, title="lexcheck input warning"))
    for notice in result.notices:
        lines.append(
            command(notice.level.replace("note", "notice"), f"{notice.path}: {notice.message}", title="lexcheck")
        )
    for item in result.skipped:
        lines.append(command("notice", f"skipped: {item.reason}", file=relative_path(item.path), title="lexcheck"))
    counts = Counter(f.severity for f in result.findings)
    lines.append(
        f"lexcheck: {len(result.findings)} finding(s) in {len(result.files)} file(s): {counts.get('error', 0)} error, "
        f"{counts.get('warning', 0)} warning, {counts.get('info', 0)} info"
        + (f"; {len(result.errors)} file(s) could not be read" if result.errors else "")
        + (f"; {len(result.skipped)} file(s) skipped" if result.skipped else "")
    )
    # Bill text is shown, never obeyed: control characters and bidirectional overrides are written out.
    return visible_lines("\n".join(lines)) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def summary(context: RenderContext) -> str:
    """A Markdown summary of the run for the job's summary page: counts, then a table of findings."""
    result = context.result
    findings = result.findings
    counts = Counter(f.severity for f in findings)
    out = [
        "## lexcheck",
        "",
        f"{len(findings)} finding(s) in {len(result.files)} file(s): **{counts.get('error', 0)} error**, "
        f"{counts.get('warning', 0)} warning, {counts.get('info', 0)} info.",
        "",
    ]
    if findings:
        out += ["| file | line | provision | severity | concern | finding |", "|---|---|---|---|---|---|"]
        out += [
            f"| {_cell(relative_path(f.path))} | {f.start_line} | {_cell(f.provision)} | {f.severity} | "
            f"{f.concern} | {_cell(f.title)} |"
            for f in findings
        ]
        out.append("")
    if result.errors:
        out += ["**Files that could not be read**", ""]
        out += [
            f"- `{relative_path(e.path)}`: {_cell(e.message)}" for e in sorted(result.errors, key=lambda e: e.path)
        ]
        out.append("")
    if result.skipped:
        out += ["**Files skipped**", ""]
        out += [f"- `{relative_path(s.path)}`: {_cell(s.reason)}" for s in result.skipped]
        out.append("")
    return visible_lines("\n".join(out)) + "\n"
