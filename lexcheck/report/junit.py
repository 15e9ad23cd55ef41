"""JUnit XML (``--format junit``) for the test-report views of GitLab, Jenkins and other CI servers.

Each file is a test suite. Each rule that ran is a check on that file: a failing test case per finding
(named by rule and provision), or one passing test case when the rule found nothing. A file that could not
be read is a suite with one test case in error.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from lexcheck.escaping import visible_lines
from lexcheck.report.locations import names_a_file, relative_path
from lexcheck.results import Finding

if TYPE_CHECKING:
    from lexcheck.report import RenderContext


def _failure_body(finding: Finding) -> str:
    return "\n".join(
        [
            f"{relative_path(finding.path)}:{finding.start_line}:{finding.start_column}: {finding.provision}",
            finding.message,
            f"“{finding.excerpt}”",
            "Legal basis: " + "; ".join(finding.references),
            "Fix: " + finding.recommendation,
        ]
    )


def _case(suite: ET.Element, path: str, name: str, line: int | None = None) -> ET.Element:
    attributes = {"classname": path, "name": name}
    if names_a_file(path):
        attributes["file"] = path
    if line is not None:
        attributes["line"] = str(line)
    return ET.SubElement(suite, "testcase", attributes)


def _count(suite: ET.Element, tag: str) -> int:
    return sum(1 for case in suite.iter("testcase") if case.find(tag) is not None)


def build(context: RenderContext) -> ET.Element:
    """The report as an XML element tree."""
    result = context.result
    rule_ids = sorted({rule.id for rule in context.rules} | {f.rule for f in result.findings})
    root = ET.Element("testsuites", {"name": "lexcheck"})
    suites: list[tuple[str, ET.Element]] = []
    for report in result.files:
        path = relative_path(report.path)
        suite = ET.Element("testsuite", {"name": path})
        ordered = sorted(report.findings, key=lambda f: f.rule)
        by_rule = {rule: list(group) for rule, group in groupby(ordered, key=lambda f: f.rule)}
        for rule in rule_ids:
            findings = sorted(by_rule.get(rule, []), key=Finding.sort_key)
            if not findings:
                _case(suite, path, rule)
            for finding in findings:
                name = f"{rule} {finding.provision} (line {finding.start_line})"
                case = _case(suite, path, name, finding.start_line)
                failure = ET.SubElement(
                    case, "failure", {"type": finding.severity, "message": f"{finding.provision}: {finding.title}"}
                )
                failure.text = _failure_body(finding)
        for waived_item in sorted(report.waived, key=lambda w: w.finding.sort_key()):
            finding, waiver = waived_item.finding, waived_item.waiver
            name = f"{finding.rule} {finding.provision} (line {finding.start_line})"
            message = f"waived: {waiver.justification} ({waiver.author}; {waiver.source})"
            ET.SubElement(_case(suite, path, name, finding.start_line), "skipped", {"message": message})
        suites.append((path, suite))
    for error in result.errors:
        path = relative_path(error.path)
        suite = ET.Element("testsuite", {"name": path})
        case = _case(suite, path, "read")
        ET.SubElement(case, "error", {"type": "input", "message": error.message}).text = error.message
        suites.append((path, suite))
    for item in result.skipped:
        path = relative_path(item.path)
        suite = ET.Element("testsuite", {"name": path})
        ET.SubElement(_case(suite, path, "read"), "skipped", {"message": item.reason})
        suites.append((path, suite))
    if result.notices:
        suite = ET.Element("testsuite", {"name": "(lexcheck)"})
        for notice in result.notices:
            ET.SubElement(_case(suite, "(lexcheck)", notice.path), "skipped", {"message": notice.message})
        suites.append(("(lexcheck)", suite))
    for _, suite in sorted(suites, key=lambda item: item[0]):
        tests = len(suite.findall("testcase"))
        suite.attrib.update(
            tests=str(tests),
            failures=str(_count(suite, "failure")),
            errors=str(_count(suite, "error")),
            skipped=str(_count(suite, "skipped")),
        )
        root.append(suite)
    root.attrib.update(
        tests=str(sum(int(s.get("tests", "0")) for s in root)),
        failures=str(sum(int(s.get("failures", "0")) for s in root)),
        errors=str(sum(int(s.get("errors", "0")) for s in root)),
        skipped=str(sum(int(s.get("skipped", "0")) for s in root)),
    )
    return root


def render_context(context: RenderContext) -> str:
    """The JUnit XML report of a run, for the format table."""
    root = build(context)
    ET.indent(root)
    # Control characters from a bill are not allowed in XML 1.0: they are written out, like on a terminal.
    return visible_lines('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
