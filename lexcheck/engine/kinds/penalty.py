"""Penalty rules: values read from the penalties (a mandatory minimum, a maximum below a threshold)."""

from __future__ import annotations

from lexcheck.engine.emit import provision_label
from lexcheck.engine.exceptions import exception_reason
from lexcheck.engine.judgement import Judgement
from lexcheck.engine.matching import Hit
from lexcheck.engine.units import units_of
from lexcheck.results import PenaltyEvidence, PenaltyReading, RuleDecision
from lexcheck.rules.model import MatchSpec, Rule
from lexcheck.structure.penalties import Penalty


def reading(penalty: Penalty) -> PenaltyReading:
    """The values read from a penalty clause, as evidence."""
    return PenaltyReading.model_validate(penalty.describe())


def judge(rule: Rule, j: Judgement) -> RuleDecision:
    """Apply a penalty check to the penalties of the statute (or of each offence in scope)."""
    assert rule.penalty is not None
    if rule.penalty.check == "mandatory_minimum":
        return _mandatory_minimum(rule, j)
    return _maximum_below(rule, j)


def _mandatory_minimum(rule: Rule, j: Judgement) -> RuleDecision:
    where: list[str] = []
    for penalty in j.penalties:
        if not ((penalty.minimum_years or 0) > 0 or penalty.mandatory_custody):
            continue
        hit = Hit(penalty.start, penalty.end, "penalty", "penalty")
        if penalty.discretionary_minimum:
            j.emitter.suppress(rule, hit, "the court may choose whether to impose the minimum")
            continue
        reason = j.scope.roles_reason(rule, hit) or exception_reason(j.ctx, rule.exceptions, hit)
        if reason is not None:
            j.emitter.suppress(rule, hit, reason)
            continue
        evidence = PenaltyEvidence(kind="penalty", penalty=reading(penalty))
        where.append(j.emitter.report(rule, penalty.start, penalty.end, rule.severity, rule.message, evidence).provision)
    if where:
        return RuleDecision(rule=rule.id, status="issue", where=list(dict.fromkeys(where)), remark=rule.title)
    return RuleDecision(rule=rule.id, status="no_issue", remark="no mandatory minimum penalty found")


def _maximum_below(rule: Rule, j: Judgement) -> RuleDecision:
    check = rule.penalty
    assert check is not None and check.years is not None
    triggers = j.scope.where_hits(rule) if rule.scope.where is not None else []
    low: list[str] = []
    met: list[str] = []
    for unit, trigger in units_of(j.ctx, j.scope, rule, triggers):
        linked = j.links.for_offence(unit)
        custodial = [p for p in linked if p.custodial]
        if not linked:
            j.emitter.suppress(rule, trigger, "no penalty found for this offence")
            continue
        if any(p.procedure != "summary" for p in custodial):
            # A summary-conviction maximum beside a longer one on indictment does not set the maximum.
            custodial = [p for p in custodial if p.procedure != "summary"]
        if check.aggravated is not None:
            # The offence's own maximum is what its basic form carries; aggravated forms carry more.
            base = [p for p in custodial if not _aggravated(j, check.aggravated, p)]
            custodial = base or custodial
        longest = max((p.upper_years for p in custodial), default=0.0)
        maximum: float | str = longest if longest != float("inf") else "life"
        if longest < check.years and any(p.maximum_years is None and p.minimum_years for p in custodial):
            # "imprisonment for a term of not less than three years": a minimum alone leaves the maximum to
            # the general law for that kind of imprisonment, which this text does not state.
            j.emitter.suppress(rule, trigger, "the penalty states a minimum only: its maximum is not stated here")
            continue
        if longest >= check.years:
            j.emitter.suppress(
                rule, trigger, f"maximum custodial penalty {maximum} years is at least {check.years:g}"
            )
            met.append(provision_label(unit))
            continue
        evidence = PenaltyEvidence(
            kind="penalty",
            offence=unit.label or "(document)",
            trigger=j.text[trigger.start : trigger.end],
            maximum_years=longest if longest != float("inf") else "life",
            threshold_years=check.years,
            penalties=[reading(p) for p in linked],
        )
        j.emitter.report(rule, unit.start, unit.end, rule.severity, rule.message, evidence, unit)
        low.append(provision_label(unit))
    if low:
        return RuleDecision(
            rule=rule.id, status="issue", where=low, remark=f"maximum penalty below {check.years:g} years"
        )
    if met:
        return RuleDecision(
            rule=rule.id,
            status="safeguard_present",
            where=met,
            remark=f"every offence checked carries at least {check.years:g} years",
        )
    return RuleDecision(rule=rule.id, status="not_evaluated", remark="no offence with a penalty to check")


def _aggravated(j: Judgement, spec: MatchSpec, penalty: Penalty) -> bool:
    """True when the clause stating a penalty punishes an aggravated form of the offence."""
    clause = j.ctx.clause(penalty.start)
    return j.index.any_in(spec, clause.start, max(clause.end, penalty.end)) is not None
