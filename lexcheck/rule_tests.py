"""Running every rule's ``examples``: texts it must fire on and texts it must stay silent on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lexcheck.document import read_text_bytes
from lexcheck.engine import Analyzer
from lexcheck.rules.model import Examples, Rule
from lexcheck.structure import build_statute


@dataclass(frozen=True)
class ExampleResult:
    """The outcome of one example."""

    rule: str
    expectation: str  # "fire" or "pass"
    index: int
    text: str
    ok: bool
    detail: str


def missing_examples(rule: Rule) -> list[str]:
    """Problems with a rule's examples themselves: every rule needs both kinds."""
    problems = []
    if not rule.examples.fire:
        problems.append("no example that must fire")
    if not rule.examples.pass_:
        problems.append("no example that must pass")
    return problems


def run_examples(analyzer: Analyzer, rules: Sequence[Rule]) -> list[ExampleResult]:
    """Analyse each example with the given analyzer and check the rule's expectation."""
    results = []
    for rule in rules:
        for expectation, items in (("fire", rule.examples.fire), ("pass", rule.examples.pass_)):
            for index, text in enumerate(Examples.texts(items), start=1):
                document = read_text_bytes(text.encode("utf-8"), f"{rule.id}:{expectation}[{index}]")
                analysis = analyzer.analyse(build_statute(document, analyzer.lexicon))
                hits = [f for f in analysis.findings if f.rule == rule.id]
                if expectation == "fire":
                    ok = bool(hits)
                    detail = "fired" if ok else _why_not(analysis, rule.id)
                else:
                    ok = not hits
                    detail = "silent" if ok else f"fired on {hits[0].excerpt!r} ({hits[0].message[:80]})"
                results.append(ExampleResult(rule.id, expectation, index, text, ok, detail))
    return results


def _why_not(analysis: object, rule_id: str) -> str:
    suppressed = [s for s in getattr(analysis, "suppressed", []) if s.rule == rule_id]
    if suppressed:
        return "did not fire: " + "; ".join(sorted({s.reason for s in suppressed}))[:300]
    return "did not fire: no candidate match"
