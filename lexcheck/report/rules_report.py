"""Rendering rules for people: the rule list, example test results, and ``lexcheck explain``."""

from __future__ import annotations

from collections.abc import Sequence

from lexcheck.rule_tests import ExampleResult
from lexcheck.rules.model import Concern, Rule


def rules_table(rules: Sequence[Rule]) -> str:
    """One line per rule: id, concern, severity and title."""
    width = max((len(rule.id) for rule in rules), default=10)
    return "".join(f"{rule.id:<{width}}  {rule.concern:<26} {rule.severity:<8} {rule.title}\n" for rule in rules)


def example_report(
    problems: Sequence[tuple[str, str]], results: Sequence[ExampleResult], rule_count: int, verbose: bool
) -> str:
    """Each failing example (and missing example kind), optionally each passing one, and a total line."""
    lines = [f"FAIL {rule}: {problem}" for rule, problem in problems]
    for result in results:
        if not result.ok:
            snippet = " ".join(result.text.split())[:120]
            lines.append(f"FAIL {result.rule} {result.expectation}[{result.index}]: {result.detail}")
            lines.append(f"     “{snippet}”")
        elif verbose:
            lines.append(f"ok   {result.rule} {result.expectation}[{result.index}]")
    failures = len(problems) + sum(not r.ok for r in results)
    lines.append(f"{len(results) - sum(not r.ok for r in results)} passed, {failures} failed ({rule_count} rules)")
    return "\n".join(lines) + "\n"


def explanation(concern: Concern | None, rules: Sequence[Rule]) -> str:
    """What a concern or rule checks, why, its legal basis, and an example of each kind."""
    lines: list[str] = []
    if concern is not None:
        lines.append(f"{concern.id} — {concern.title}")
        lines.append(f"  kind: {', '.join(concern.kinds)} · severity: {concern.severity} · {concern.toolkit}")
        lines.append(f"  basis: {concern.basis}")
        if concern.summary:
            lines.append(f"  applies to: {concern.summary}")
    for item in rules:
        lines.append("")
        lines.append(f"Rule {item.id} ({item.severity}): {item.title}")
        lines.append(f"  Why: {' '.join(item.rationale.split())}")
        lines.append(f"  Legal basis: {'; '.join(str(ref) for ref in item.references)}")
        lines.append(f"  Fix: {' '.join(item.recommendation.split())}")
        fire = item.examples.texts(item.examples.fire)
        clean = item.examples.texts(item.examples.pass_)
        if fire:
            lines.append(f"  Fires on: “{' '.join(fire[0].split())}”")
        if clean:
            lines.append(f"  Does not fire on: “{' '.join(clean[0].split())}”")
    return "\n".join(lines) + "\n"
