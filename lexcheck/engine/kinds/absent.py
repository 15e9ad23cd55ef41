"""Absent rules: a law of a kind (one creating a trafficking offence) must contain a safeguard somewhere."""

from __future__ import annotations

from lexcheck.engine.elements import REMOVED
from lexcheck.engine.judgement import Judgement
from lexcheck.engine.matching import Hit
from lexcheck.engine.units import is_operative, unit_for
from lexcheck.results import AbsentEvidence, NotCounted, RuleDecision
from lexcheck.rules.model import Rule

AMENDING_NOTE = (
    " This Act amends a principal act, which may already provide the safeguard: check the principal act as amended."
)


def judge(rule: Rule, j: Judgement) -> RuleDecision:
    """Report the law once when its gate is found and the safeguard is nowhere (or only weaker).

    In an amending act, a safeguard the amendment deletes or repeals is reported where it is removed, and
    gates in its instructions (which name provisions of the principal act) do not count.
    """
    absent = rule.absent
    assert absent is not None
    found, ignored = j.elements.find(
        absent.element, 0, len(j.text), title_quotation=rule.exceptions.title_quotation, section_headings=True
    )
    if found is not None:
        where = j.label(found.start)
        j.emitter.suppress(rule, found, f"satisfied: {j.quote(found)} in {where}")
        return RuleDecision(rule=rule.id, status="safeguard_present", where=[where], remark=f"found: {j.quote(found)}")
    gates = j.scope.admitted(rule, absent.gate)
    if j.ctx.statute.amending:
        gates = [g for g in gates if not j.ctx.in_instruction(g.start)]
    removed = next((item for item in ignored if item.reason == REMOVED), None)
    if removed is not None:
        return _removed(rule, j, removed, gates)
    if not gates:
        remark = "no provision that makes this safeguard necessary"
        if j.ctx.statute.amending:
            remark = "the amendment does not touch it: the principal act decides it"
        return RuleDecision(rule=rule.id, status="not_evaluated", remark=remark)
    gate = _pointed_gate(rule, j, gates)
    unit = unit_for(j.ctx, rule, gate.start)
    evidence = AbsentEvidence(
        kind="absent",
        gate=j.text[gate.start : gate.end],
        gate_pattern=j.index.describe(gate),
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
    message = rule.message + (AMENDING_NOTE if j.ctx.statute.amending else "")
    start, end = unit.start, unit.end
    definition = j.ctx.definition_at(gate.start, gate.end)
    if definition is not None and unit.start <= definition.start and definition.end <= unit.end:
        # The gate is one definition of a long definitions section: quote that definition, not the first one.
        start, end = definition.start, definition.end
    finding = j.emitter.report(rule, start, end, rule.severity, message, evidence, unit)
    return RuleDecision(rule=rule.id, status="issue", where=[finding.provision], remark=f"missing: {absent.missing}")


def _pointed_gate(rule: Rule, j: Judgement, gates: list[Hit]) -> Hit:
    """The gate to point at: an operative provision in scope (the offence), not a definition or the title."""
    wanted = set(rule.scope.roles)
    direct = [g for g in gates if not wanted or j.ctx.provision(g.start).context_roles() & wanted]
    gates = direct or gates
    operative = [g for g in gates if is_operative(j.ctx.provision(g.start))]
    # a definitions section that mentions penalties is still not the offence
    enacting = [g for g in operative if "definition" not in j.ctx.provision(g.start).context_roles()]
    return (enacting or operative or gates)[0]


def _removed(rule: Rule, j: Judgement, removed: NotCounted, gates: list[Hit]) -> RuleDecision:
    """The amendment deletes or repeals the safeguard: report that change where it is made."""
    absent = rule.absent
    assert absent is not None
    hit = next(h for h in j.index.within(absent.element.match, 0, len(j.text)) if j.ctx.removed(h.start, h.end))
    node = j.ctx.provision(hit.start)
    gate = gates[0] if gates else hit
    evidence = AbsentEvidence(
        kind="absent",
        gate=j.text[gate.start : gate.end],
        gate_pattern=j.index.describe(gate),
        gate_provision=node.label or "(document)",
        missing=absent.missing,
        not_counted=[removed],
    )
    message = f"This amendment deletes or repeals the safeguard (“{' '.join(removed.matched.split())}”). {rule.message}"
    finding = j.emitter.report(rule, node.start, node.end, rule.severity, message, evidence, node)
    return RuleDecision(
        rule=rule.id, status="issue", where=[finding.provision], remark=f"removed by the amendment: {removed.matched}"
    )
