"""The versioned JSON report (``--format json``): sorted, and byte-identical for the same input."""

from __future__ import annotations

import dataclasses
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING, Any

from lexcheck import __version__
from lexcheck.report.json_text import dumps_indented, models_written_as_dumped
from lexcheck.results import (
    ConcernDecision,
    Finding,
    NotCounted,
    PenaltyEvidence,
    PenaltyReading,
    RequireEvidence,
    RuleDecision,
    RunResult,
)

if TYPE_CHECKING:
    from lexcheck.report import RenderContext

SCHEMA_VERSION = 1


def build(result: RunResult, explain: bool = False) -> dict[str, Any]:
    """The report as plain data (see docs/json-format.md)."""
    return _report(result, explain, dump=True)


def _report(result: RunResult, explain: bool, dump: bool) -> dict[str, Any]:
    """The report's data; with ``dump`` false, findings, decisions and suppressed candidates stay models, for
    the compiled encoder to write without building their dictionaries first (most of a large report)."""
    findings = result.findings
    by_severity = Counter(f.severity for f in findings)
    report: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "lexcheck", "version": __version__, "pipeline": result.pipeline},
        "findings": [f.model_dump() for f in findings] if dump else findings,
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
                    "compliance": [row.model_dump(mode="json") for row in report.decisions]
                    if dump
                    else report.decisions,
                }
                for report in sorted(result.files, key=lambda r: r.path)
            ],
        },
    }
    if explain:
        suppressed = [s for report_ in result.files for s in report_.suppressed]
        report["suppressed"] = [s.model_dump() for s in suppressed] if dump else suppressed
    return report


def render_bytes(result: RunResult, explain: bool = False) -> bytes:
    """The JSON report as UTF-8; control and bidirectional formatting characters stay ``\\u`` escapes."""
    if not _models_as_dumped():
        return dumps_indented(build(result, explain)) + b"\n"
    return dumps_indented(_report(result, explain, dump=False), plain=lambda: build(result, explain)) + b"\n"


def render(result: RunResult, explain: bool = False) -> str:
    """The JSON report as text (see :func:`render_bytes`)."""
    return render_bytes(result, explain).decode("utf-8")


def render_context(context: RenderContext) -> bytes:
    """The JSON report of a run, for the format table: bytes, written to a file as they are."""
    return render_bytes(context.result, explain=context.explain)


@cache
def _models_as_dumped() -> bool:
    """Whether the installed pydantic writes the report's models as their dumps are written (checked once)."""
    reading = PenaltyReading(text="\u202e“x”\x85", minimum_years=float("nan"), maximum_years=1e16, fine=True)
    finding = Finding(
        path="a.txt", rule="r", concern="C", severity="error", title="t", message="m\n", provision="s. 1",
        provision_heading=None, start_line=1, start_column=0, end_line=2, end_column=3, start_char=0, end_char=9,
        excerpt="é\t\"", references=[], recommendation="", fingerprint="0e4", source={"page": 3, "eid": "x"},
        evidence=PenaltyEvidence(kind="penalty", maximum_years=float("inf"), threshold_years=0.5, penalties=[reading]),
    )
    require = finding.model_copy(update={"evidence": RequireEvidence(
        kind="require", scope="s", trigger="t", trigger_provision="p", trigger_pattern="q", missing="m",
        not_counted=[NotCounted(matched="x", reason="y", provision="z")],
    )})
    decision = ConcernDecision(concern="C", title="t", status="issue", where=["s. 1"], remarks=["r"],
                               rules=[RuleDecision(rule="r", status="issue", where=[], remark="x")])
    return models_written_as_dumped(
        [finding, require, [decision]],
        [finding.model_dump(), require.model_dump(), [decision.model_dump(mode="json")]],
    )
