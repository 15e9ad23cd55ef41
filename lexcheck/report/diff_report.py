"""Reports of ``lexcheck diff``: text, JSON and Markdown views of a DiffResult."""

from __future__ import annotations

import json
from typing import Any

from lexcheck.diff import DiffResult, FindingChange, ProvisionChange
from lexcheck.escaping import escape_json_text, visible_lines

_HEADINGS = {
    "introduced": "Introduced",
    "resolved": "Resolved",
    "unchanged": "Unchanged",
}


def _provision(change: ProvisionChange) -> str:
    heading = f" ({change.heading})" if change.heading else ""
    if change.change == "added":
        return f"{change.new}{heading} added"
    if change.change == "removed":
        return f"{change.old}{heading} removed"
    renumbered = f", now {change.new}" if change.new != change.old else ""
    return f"{change.old}{heading} amended{renumbered}"


def _line(change: FindingChange) -> str:
    f = change.finding
    where = change.new_provision if change.status != "resolved" else change.old_provision
    note = f" — {change.note}" if change.note else ""
    return f"{where}: {f.title} [{f.severity} · {f.concern} · {f.rule}]{note}"


def summary(diff: DiffResult) -> str:
    """One line of counts."""
    return (
        f"{len(diff.of('introduced'))} introduced, {len(diff.of('resolved'))} resolved, "
        f"{len(diff.of('unchanged'))} unchanged"
    )


def render_text(diff: DiffResult) -> str:
    """The diff for a terminal."""
    out = [f"lexcheck diff {diff.old} → {diff.new}", ""]
    if diff.provisions:
        out.append("Provisions:")
        out += [f"  {_provision(change)}" for change in diff.provisions]
        out.append("")
    for status in ("introduced", "resolved", "unchanged"):
        changes = diff.of(status)
        if changes:
            out.append(f"{_HEADINGS[status]} findings:")
            out += [f"  {_line(change)}" for change in changes]
            out.append("")
    out.append(summary(diff))
    return visible_lines("\n".join(out)) + "\n"


def build(diff: DiffResult) -> dict[str, Any]:
    """The diff as plain data."""

    def finding(change: FindingChange) -> dict[str, Any]:
        return {
            "status": change.status,
            "old_provision": change.old_provision,
            "new_provision": change.new_provision,
            "note": change.note,
            "finding": change.finding.model_dump(),
        }

    return {
        "old": diff.old,
        "new": diff.new,
        "provisions": [
            {"change": c.change, "old": c.old, "new": c.new, "heading": c.heading} for c in diff.provisions
        ],
        "introduced": [finding(c) for c in diff.of("introduced")],
        "resolved": [finding(c) for c in diff.of("resolved")],
        "unchanged": [finding(c) for c in diff.of("unchanged")],
        "summary": {status: len(diff.of(status)) for status in ("introduced", "resolved", "unchanged")},
    }


def render_json(diff: DiffResult) -> str:
    """The diff as JSON, byte-identical for the same two versions."""
    return escape_json_text(json.dumps(build(diff), indent=2, ensure_ascii=False)) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(diff: DiffResult) -> str:
    """The diff as Markdown, for a merge-request comment or a drafting memo."""
    out = [f"## lexcheck: `{diff.old}` → `{diff.new}`", "", f"**{summary(diff)}**", ""]
    if diff.provisions:
        out += ["### Provisions", ""] + [f"- {_cell(_provision(c))}" for c in diff.provisions] + [""]
    for status in ("introduced", "resolved", "unchanged"):
        changes = diff.of(status)
        if not changes:
            continue
        out += [f"### {_HEADINGS[status]} findings", "", "| provision | severity | concern | finding | note |"]
        out.append("|---|---|---|---|---|")
        for change in changes:
            f = change.finding
            where = change.new_provision if status != "resolved" else change.old_provision
            out.append(
                f"| {_cell(where or '')} | {f.severity} | {f.concern} | {_cell(f.title)} | {_cell(change.note)} |"
            )
        out.append("")
    return visible_lines("\n".join(out))
