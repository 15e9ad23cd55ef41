"""Absent rules: a law of a kind (one creating a trafficking offence) must contain a safeguard somewhere."""

from __future__ import annotations

from lexcheck.engine.judgement import Judgement
from lexcheck.engine.units import is_operative, unit_for
from lexcheck.results import AbsentEvidence, RuleDecision
from lexcheck.rules.model import Rule


def judge(rule: Rule, j: Judgement) -> RuleDecision:
    """Report the law once when its gate is found and the safeguard is nowhere (or only weaker)."""
    absent = rule.absent
    assert absent is not None
    gates = j.scope.admitted(rule, absent.gate)
    if not gates:
        return RuleDecision(
            rule=rule.id, status="not_evaluated", remark="no provision that makes this safeguard necessary"
        )
    # Point at an operative provision in scope (the offence), not at a definition it relies on…
    wanted = set(rule.scope.roles)
    direct = [g for g in gates if not wanted or j.ctx.provision(g.start).context_roles() & wanted]
    gates = direct or gates
    # …and at an operative numbered provision rather than the title, the preamble or a definition.
    operative = [g for g in gates if is_operative(j.ctx.provision(g.start))]
    gates = operative or gates
    unit = unit_for(j.ctx, rule, gates[0].start)
    found, ignored = j.elements.find(
        absent.element, 0, len(j.text), title_quotation=rule.exceptions.title_quotation
    )
    if found is not None:
        where = j.label(found.start)
        j.emitter.suppress(rule, found, f"satisfied: {j.quote(found)} in {where}")
        return RuleDecision(
            rule=rule.id, status="safeguard_present", where=[where], remark=f"found: {j.quote(found)}"
        )
    evidence = AbsentEvidence(
        kind="absent",
        gate=j.text[gates[0].start : gates[0].end],
        gate_pattern=j.index.describe(gates[0]),
        gate_provision=unit.label or "(document)",
        missing=absent.missing,
        not_counted=ignored,
    )
    weaker = j.elements.weaker(absent.weaker, 0, len(j.text))
    if weaker is not None:
        option, hit = weaker
        limited = j.ctx.provision(hit.start)
        evidence = evidence.model_copy(
            update={"limitation": j.text[hit.start : hit.end], "limitation_provision": limited.label}
        )
        # The finding points at the safeguard that falls short: that is where the fix goes.
        finding = j.emitter.report(
            rule, limited.start, limited.end, option.severity, option.message, evidence, limited, title=option.title
        )
        return RuleDecision(
            rule=rule.id, status="partial", where=[finding.provision], remark=f"weaker safeguard: {j.quote(hit)}"
        )
    finding = j.emitter.report(rule, unit.start, unit.end, rule.severity, rule.message, evidence, unit)
    return RuleDecision(rule=rule.id, status="issue", where=[finding.provision], remark=f"missing: {absent.missing}")
