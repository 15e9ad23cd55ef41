"""SARIF 2.1.0 (``--format sarif``) for GitHub code scanning and other SARIF viewers.

One run per report: the rules that ran as ``tool.driver.rules``, one result per finding, tool errors as
notifications. Byte-identical for the same input (no timestamps, sorted throughout).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from lexcheck import HOMEPAGE, __version__
from lexcheck.escaping import escape_json_text
from lexcheck.report.locations import SRCROOT, artifact_location, names_a_file
from lexcheck.results import Finding, Waived
from lexcheck.rules.model import Catalogue, Rule

if TYPE_CHECKING:
    from lexcheck.report import RenderContext

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "lexcheckFinding/v1"
_CODE = re.compile(r"\[(LX\d{3})\]$")
# "Tool 1.1 (criminalization of smuggling of migrants)": the toolkit tool and its area, as two tags.
_TOOLKIT = re.compile(r"^(?P<tool>Tool [\d.]+)\s*\((?P<area>[^)]*)\)\s*$")


def toolkit_tags(toolkit: str) -> list[str]:
    """A toolkit reference as tags: the tool ("Tool 1.1") and its area, or the reference as written."""
    match = _TOOLKIT.match(toolkit)
    return [match["tool"], match["area"]] if match else [toolkit]


def _help_markdown(rule: Rule, catalogue: Catalogue | None) -> str:
    concern = catalogue.get(rule.concern) if catalogue is not None else None
    lines = [f"**{rule.title}** ({rule.concern}" + (f": {concern.title}" if concern else "") + ")", ""]
    lines += [" ".join(rule.rationale.split()), "", "**Legal basis**", ""]
    lines += [f"- {reference}" for reference in rule.references]
    lines += [f"- Toolkit: {rule.toolkit}", "", "**Recommendation**", "", " ".join(rule.recommendation.split())]
    return "\n".join(lines)


def _help_text(rule: Rule) -> str:
    return (
        f"{' '.join(rule.rationale.split())} Legal basis: {'; '.join(str(r) for r in rule.references)}. "
        f"Recommendation: {' '.join(rule.recommendation.split())}"
    )


def rule_descriptor(rule: Rule, catalogue: Catalogue | None) -> dict[str, Any]:
    """The reportingDescriptor of one rule: what it checks, why, the legal basis and the fix."""
    concern = catalogue.get(rule.concern) if catalogue is not None else None
    return {
        "id": rule.id,
        "name": rule.concern,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": " ".join(rule.message.split())},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule, catalogue)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": [rule.concern, *toolkit_tags(rule.toolkit)],
            "concern": rule.concern,
            "concernTitle": concern.title if concern else rule.concern,
            "toolkit": rule.toolkit,
            "kind": rule.kind,
        },
    }


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": finding.start_line,
        "startColumn": finding.start_column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "snippet": {"text": finding.excerpt},
    }
    return {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": f"{finding.provision}: {finding.message}"},
        "locations": [
            {
                "physicalLocation": {"artifactLocation": artifact_location(finding.path), "region": region},
                "logicalLocations": [{"name": finding.provision}],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {"concern": finding.concern, "provision": finding.provision}
        # Word, PDF and XML bills: where the finding is in the file as kept (paragraph, page, element).
        | ({"source": dict(finding.source)} if finding.source else {}),
    }


def _waived_result(item: Waived, index: dict[str, int]) -> dict[str, Any]:
    result = _result(item.finding, index)
    waiver = item.waiver
    properties = {"author": waiver.author, "source": waiver.source}
    if waiver.expires:
        properties["expires"] = waiver.expires
    result["suppressions"] = [
        {"kind": "external", "status": "accepted", "justification": waiver.justification, "properties": properties}
    ]
    return result


def _notification(level: str, message: str, path: str) -> dict[str, Any]:
    notification: dict[str, Any] = {"level": level, "message": {"text": message}}
    if names_a_file(path):
        notification["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(path)}}]
    code = _CODE.search(message)
    if code is not None:
        notification["descriptor"] = {"id": code.group(1)}
    return notification


def build(context: RenderContext) -> dict[str, Any]:
    """The SARIF log as plain data."""
    result = context.result
    findings = result.findings
    waived = result.waived
    # Every rule that ran is listed, and any rule a finding names even if it was not passed in.
    rules = {rule.id: rule for rule in context.rules}
    descriptors = [rule_descriptor(rules[ident], context.catalogue) for ident in sorted(rules)]
    for ident in sorted(({f.rule for f in findings} | {w.finding.rule for w in waived}) - set(rules)):
        descriptors.append({"id": ident, "shortDescription": {"text": ident}})
    index = {descriptor["id"]: position for position, descriptor in enumerate(descriptors)}
    notifications = [
        _notification("error", error.message, error.path) for error in sorted(result.errors, key=lambda e: e.path)
    ]
    notifications += [
        _notification("warning", warning.message, warning.path)
        for warning in sorted(result.warnings, key=lambda w: w.path)
    ]
    notifications += [_notification("note", f"skipped: {item.reason}", item.path) for item in result.skipped]
    configuration = [
        {"level": notice.level, "message": {"text": f"{notice.path}: {notice.message}"}}
        for notice in result.notices
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "lexcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": HOMEPAGE,
                "rules": descriptors,
            }
        },
        "invocations": [
            {
                "executionSuccessful": not result.errors,
                "toolExecutionNotifications": notifications,
                "toolConfigurationNotifications": configuration,
            }
        ],
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The directory lexcheck was run in."}}},
        "columnKind": "unicodeCodePoints",
        "results": sorted(
            [_result(finding, index) for finding in findings] + [_waived_result(item, index) for item in waived],
            key=_result_order,
        ),
        "properties": {"pipeline": result.pipeline},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _result_order(result: dict[str, Any]) -> tuple[str, int, int, str, str]:
    location = result["locations"][0]["physicalLocation"]
    region = location["region"]
    return (
        location["artifactLocation"]["uri"],
        region["startLine"],
        region["startColumn"],
        result["ruleId"],
        result["partialFingerprints"][FINGERPRINT_KEY],
    )


def render_context(context: RenderContext) -> str:
    """The SARIF log of a run, for the format table."""
    return escape_json_text(json.dumps(build(context), indent=2, ensure_ascii=False)) + "\n"
