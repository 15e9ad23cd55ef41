"""The versioned JSON report (``--format json``): sorted, and byte-identical for the same input."""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING, Any

from lexcheck import __version__
from lexcheck.report.json_text import dumps_indented
from lexcheck.results import RunResult

if TYPE_CHECKING:
    from lexcheck.report import RenderContext

SCHEMA_VERSION = 1


def build(result: RunResult, explain: bool = False) -> dict[str, Any]:
    """The report as plain data (see docs/json-format.md)."""
    findings = result.findings
    by_severity = Counter(f.severity for f in findings)
    report: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "lexcheck", "version": __version__, "pipeline": result.pipeline},
        "findings": [f.model_dump() for f in findings],
        "errors": [{"path": e.path, "message": e.message} for e in sorted(result.errors, key=lambda e: e.path)],
        "waived": [
            {**w.finding.model_dump(), "waiver": dataclasses.asdict(w.waiver)} for w in result.waived
        ],
        "notices": [dataclasses.asdict(n) for n in result.notices],
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "summary": {
            "files_analysed": len(result.files),
            "files_with_errors": len(result.errors),
            "files_skipped": len(result.skipped),
            "findings": len(findings),
            "waived": len(result.waived),
            "by_severity": {level: by_severity.get(level, 0) for level in ("error", "warning", "info")},
            "by_concern": dict(sorted(Counter(f.concern for f in findings).items())),
            "files": [
                {
                    "path": report.path,
                    "instruments": report.instruments,
                    "provisions": report.provisions,
                    "findings": len(report.findings),
                    "compliance": [row.model_dump(mode="json") for row in report.decisions],
                }
                for report in sorted(result.files, key=lambda r: r.path)
            ],
        },
    }
    if explain:
        report["suppressed"] = [s.model_dump() for report_ in result.files for s in report_.suppressed]
    return report


def render_bytes(result: RunResult, explain: bool = False) -> bytes:
    """The JSON report as UTF-8; control and bidirectional formatting characters stay ``\\u`` escapes."""
    return dumps_indented(build(result, explain)) + b"\n"


def render(result: RunResult, explain: bool = False) -> str:
    """The JSON report as text (see :func:`render_bytes`)."""
    return render_bytes(result, explain).decode("utf-8")


def render_context(context: RenderContext) -> bytes:
    """The JSON report of a run, for the format table: bytes, written to a file as they are."""
    return render_bytes(context.result, explain=context.explain)
