"""Flag rules: harmful words in the text (a death penalty, a citizens-only restriction)."""

from __future__ import annotations

from lexcheck.engine.context import Span
from lexcheck.engine.emit import provision_label
from lexcheck.engine.exceptions import checked_exceptions
from lexcheck.engine.judgement import Judgement
from lexcheck.engine.matching import Hit
from lexcheck.results import FlagEvidence, RuleDecision
from lexcheck.rules.model import Rule


def judge(rule: Rule, j: Judgement) -> RuleDecision:
    """Report each sentence holding an admitted match of the rule's ``flag`` condition."""
    assert rule.flag is not None
    seen: set[Span] = set()
    where: list[str] = []
    for hit in j.scope.admitted(rule, rule.flag):
        sentence = j.ctx.sentence(hit.start)
        if sentence in seen:
            continue  # one finding per sentence: a reviewer reads sentences, not token spans
        seen.add(sentence)
        definition = j.ctx.definition_at(hit.start, hit.end)
        applies_in = None
        if definition is not None:
            users = dict.fromkeys(j.ctx.provision(o) for o in j.ctx.term_uses(definition))
            applies_in = [provision_label(p) for p in sorted(users, key=lambda p: p.start)]
        evidence = FlagEvidence(
            kind="flag",
            matched=j.text[hit.start : hit.end],
            pattern=j.index.describe(hit),
            kept=_why_kept(j, rule, hit),
            definition=definition.term if definition is not None else None,
            applies_in=applies_in,
        )
        finding = j.emitter.report(rule, hit.start, hit.end, rule.severity, rule.message, evidence)
        where.append(finding.provision)
    if where:
        return RuleDecision(rule=rule.id, status="issue", where=list(dict.fromkeys(where)), remark=rule.title)
    set_aside = j.emitter.set_aside[rule.id]
    remark = "no such wording found"
    if set_aside:
        remark += f" ({set_aside} candidate match(es) set aside: negated, excepted, quoted or out of scope)"
    return RuleDecision(rule=rule.id, status="no_issue", remark=remark)


def _why_kept(j: Judgement, rule: Rule, hit: Hit) -> str:
    """Why a match survived: its provision's roles and the exceptions that were checked and did not apply."""
    roles = ", ".join(sorted(j.ctx.provision(hit.start).context_roles()))
    checked = checked_exceptions(rule.exceptions)
    reason = f"provision roles: {roles}"
    if checked:
        reason += f"; no {', '.join(checked)} applies"
    return reason
