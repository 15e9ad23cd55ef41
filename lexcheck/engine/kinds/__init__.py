"""The rule kinds: each judges one rule over a statute and says what it decided.

A rule's kind is the block it carries (``flag``, ``require``, ``absent``, ``penalty``); this table is the
only place that maps a kind to the code that judges it.
"""

from __future__ import annotations

from collections.abc import Callable

from lexcheck.engine.judgement import Judgement
from lexcheck.engine.kinds import absent, flag, penalty, require
from lexcheck.results import RuleDecision
from lexcheck.rules.model import Rule, RuleKind

KINDS: dict[RuleKind, Callable[[Rule, Judgement], RuleDecision]] = {
    "flag": flag.judge,
    "require": require.judge,
    "absent": absent.judge,
    "penalty": penalty.judge,
}


def judge_rule(rule: Rule, judgement: Judgement) -> RuleDecision:
    """Apply one rule: its findings go to the judgement's emitter; its decision is returned."""
    wanted = set(rule.scope.instruments)
    if wanted and not judgement.instruments & wanted:
        found = " and ".join(sorted(judgement.instruments)) or "neither"
        return RuleDecision(
            rule=rule.id,
            status="not_applicable",
            remark=f"applies to laws creating {' or '.join(sorted(wanted))} offences; this law creates {found}",
        )
    return KINDS[rule.kind](rule, judgement)
