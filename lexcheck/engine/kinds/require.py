"""Require rules: each provision of a kind (a smuggling offence) must contain an element (a benefit)."""

from __future__ import annotations

from lexcheck.engine.context import Span
from lexcheck.engine.emit import provision_label
from lexcheck.engine.judgement import Judgement
from lexcheck.engine.matching import Hit
from lexcheck.engine.units import units_of
from lexcheck.results import RequireEvidence, RuleDecision, Status
from lexcheck.rules.model import Rule
from lexcheck.structure.model import Provision


def judge(rule: Rule, j: Judgement) -> RuleDecision:
    """Report each provision in scope that lacks the required element (or has only a weaker form)."""
    require = rule.require
    assert require is not None
    if rule.scope.where is not None:
        triggers = j.scope.where_hits(rule)
    else:
        wanted = set(rule.scope.roles)
        triggers = [Hit(p.start, p.own_end, "scope", "role") for p in j.ctx.statute.provisions if p.roles & wanted]
    outcomes: dict[Status, list[str]] = {"issue": [], "partial": [], "safeguard_present": []}
    units = units_of(j.ctx, j.scope, rule, triggers)
    for unit, trigger in units:
        # Where the element may be: the provision; the definition it relies on, which is part of the offence;
        # and provisions that disapply it ("Subsection (1) shall not apply to anything done otherwise than for
        # gain"), whose exception makes the element part of the offence.
        places = [(Span(unit.start, unit.end), require.ignore)]
        definition = j.ctx.definition_at(trigger.start, trigger.end)
        if definition is not None:
            places.append((Span(definition.start, definition.end), require.ignore))
        places += [(span, require.exception_ignore) for span in j.ctx.exception_spans(trigger.start)]
        # "Where an offence under section 6 is committed in a manner that endangers …": section 6 defines the
        # offence, and its element is checked there.
        places += [(span, require.ignore) for span in j.ctx.offences_referred(unit.start, unit.end)]
        # "(2) A person who, for the same purpose, enables …": the purpose, and its element, are those of the
        # provision before
        before = unit.previous_sibling()
        if before is not None and j.ctx.lexicon.references.same_purpose.search(j.text, unit.body_start, unit.own_end):
            places.append((Span(before.start, before.end), require.ignore))
        if require.across_section:
            places += [(Span(other.start, other.end), require.ignore) for other in _same_power(j, unit, trigger, units)]
        found, ignored = None, []
        for span, ignore in places:
            found, more = j.elements.find(
                require.element, span.start, span.end, title_quotation=rule.exceptions.title_quotation, ignore=ignore
            )
            ignored += more
            if found is not None:
                break
        if found is not None:
            j.emitter.suppress(rule, found, f"satisfied: required element present ({j.quote(found)})")
            outcomes["safeguard_present"].append(j.label(found.start))
            continue
        evidence = RequireEvidence(
            kind="require",
            scope=unit.label or "(document)",
            trigger=j.text[trigger.start : trigger.end],
            trigger_provision=j.ctx.provision(trigger.start).label,
            trigger_pattern=j.index.describe(trigger) if trigger.key != "scope" else "provision role",
            missing=require.missing,
            not_counted=ignored,
        )
        weaker = j.elements.weaker(require.weaker, unit.start, unit.end)
        if weaker is not None:
            option, hit = weaker
            evidence = evidence.model_copy(update={"limitation": j.text[hit.start : hit.end]})
            j.emitter.report(
                rule, unit.start, unit.end, option.severity, option.message, evidence, unit, trigger, option.title
            )
            outcomes["partial"].append(provision_label(unit))
        else:
            j.emitter.report(rule, unit.start, unit.end, rule.severity, rule.message, evidence, unit, trigger)
            outcomes["issue"].append(provision_label(unit))
    if outcomes["issue"]:
        return RuleDecision(rule=rule.id, status="issue", where=outcomes["issue"], remark=f"missing: {require.missing}")
    if outcomes["partial"]:
        return RuleDecision(
            rule=rule.id, status="partial", where=outcomes["partial"], remark="only a weaker form of the element"
        )
    if outcomes["safeguard_present"]:
        return RuleDecision(
            rule=rule.id,
            status="safeguard_present",
            where=list(dict.fromkeys(outcomes["safeguard_present"])),
            remark="required element present in every provision checked",
        )
    return RuleDecision(rule=rule.id, status="not_evaluated", remark="no provision of the kind this rule checks")


def _same_power(j: Judgement, unit: Provision, trigger: Hit, units: list[tuple[Provision, Hit]]) -> list[Provision]:
    """Other subsections of the unit's section whose trigger begins with the same word ("the repatriation of the
    victims" … "the repatriation of a victim … would expose the person to danger"): one power in several
    subsections. A long section on many things ("voluntary" in another subsection of a US Code section) does
    not lend its words to a different power."""
    section = unit.section()
    if section.kind != "section":
        return []
    word = _first_word(j.text[trigger.start : trigger.end])
    return [
        other
        for other, hit in units
        if other is not unit
        and other.section() is section
        and _first_word(j.text[hit.start : hit.end]) == word
    ]


def _first_word(text: str) -> str:
    words = text.lower().split()
    return words[0] if words else ""
