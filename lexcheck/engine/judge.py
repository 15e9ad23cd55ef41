"""Turning pattern matches into findings, rule by rule: scope, exceptions, required elements, gates."""

from __future__ import annotations

import bisect
import hashlib
import itertools
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lexcheck.engine.context import Span, TextContext
from lexcheck.engine.finding import Finding, Suppressed
from lexcheck.engine.matching import Hit, MatchIndex
from lexcheck.engine.penalties import Penalty
from lexcheck.engine.penalty_links import PenaltyLinks
from lexcheck.rules.model import Condition, Rule, Weaker
from lexcheck.structure import Definition, Provision

EXCERPT_LIMIT = 240
# Characters read on either side of a match's start when its line is longer: enough for any excerpt.
EXCERPT_WINDOW = 4 * EXCERPT_LIMIT


@dataclass
class Verdicts:
    """What the rules made of one statute."""

    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)


class Judge:
    """Applies rules to the matches found in one statute."""

    def __init__(
        self,
        path: str,
        context: TextContext,
        index: MatchIndex,
        instruments: set[str],
        penalties: list[Penalty] | None = None,
        explain: bool = True,
    ):
        self.path = path
        self.penalties = penalties or []
        self.explain = explain
        self._where_starts: dict[str, list[int]] = {}
        self._completed: dict[tuple[str, int], bool] = {}
        self._links: PenaltyLinks | None = None
        self._scope_uses: dict[tuple[tuple[str, ...], str], list[Provision]] = {}
        self.ctx = context
        self.index = index
        self.instruments = instruments
        self.text = context.text
        self.document = context.statute.document
        self.verdicts = Verdicts()
        self._fingerprints: Counter[str] = Counter()

    # -- shared checks ---------------------------------------------------------------------------
    def _roles_reason(self, rule: Rule, hit: Hit) -> str | None:
        provision = self.ctx.provision(hit.start)
        if provision.is_container:
            return "out of scope: in the title of a Part or Chapter"
        roles = provision.context_roles()
        if rule.scope.roles and not roles & set(rule.scope.roles):
            if self._uses_in_scope(rule, hit):
                return None  # a definition that operative provisions in scope rely on
            return (
                f"out of scope: provision roles {', '.join(sorted(roles))} are not {', '.join(rule.scope.roles)}"
            )
        excluded = roles & set(rule.scope.exclude_roles)
        if excluded:
            return f"out of scope: {', '.join(sorted(excluded))} provision"
        if rule.scope.where_not is not None:
            definition = self.ctx.definition_at(hit.start, hit.end)
            spans = (
                [Span(definition.start, definition.end)]
                if definition is not None
                else self.ctx.provision_spans(hit.start)
            )
            for span in spans:
                other = self.index.any_in(rule.scope.where_not, span.start, span.end)
                if other is not None:
                    return f"out of scope: provision mentions {self._quote(other)}"
        return None

    def _uses_in_scope(self, rule: Rule, hit: Hit) -> list[Provision]:
        """Provisions in scope that use the term a match helps define: where a restrictive definition bites."""
        definition = self.ctx.definition_at(hit.start, hit.end)
        if definition is None:
            return []
        key = (tuple(sorted(rule.scope.roles)), definition.term)
        if key not in self._scope_uses:
            wanted = set(rule.scope.roles)
            found: dict[int, Provision] = {}
            for offset in self.ctx.term_uses(definition):
                node = self.ctx.provision(offset)
                if not node.is_container and (not wanted or node.context_roles() & wanted):
                    found.setdefault(id(node), node)
            self._scope_uses[key] = list(found.values())
        return self._scope_uses[key]

    def _condition_reason(self, condition: Condition, hit: Hit) -> str | None:
        spans = self.ctx.unit_spans(condition.unit, hit.start)
        if condition.without is not None:
            for span in spans:
                other = self.index.any_in(condition.without, span.start, span.end)
                if other is not None and not (
                    condition.without_unless is not None
                    and any(self.index.any_in(condition.without_unless, s.start, s.end) for s in spans)
                ):
                    return f"context excludes it: {self._quote(other)} in the same {condition.unit}"
        if condition.with_ is not None and not any(
            self.index.any_in(condition.with_, s.start, s.end) for s in spans
        ):
            # A restriction in a definition ("“beneficiary” means a citizen who …") bites wherever the
            # defined term is used: the context may be completed there.
            definition = self.ctx.definition_at(hit.start, hit.end)
            if definition is not None and self._completed_where_used(definition, condition):
                return None
            return f"context missing: nothing in the same {condition.unit} completes the pattern"
        return None

    def _completed_where_used(self, definition: Definition, condition: Condition) -> bool:
        """Whether a condition's context occurs where the defined term is used (computed once per term)."""
        assert condition.with_ is not None
        key = (definition.term, id(condition))
        if key not in self._completed:
            self._completed[key] = any(
                self.index.any_in(condition.with_, s.start, s.end)
                for offset in self.ctx.term_uses(definition)
                for s in self.ctx.unit_spans(condition.unit, offset)
            )
        return self._completed[key]

    def _exception_reason(self, rule: Rule, hit: Hit) -> str | None:
        if rule.exceptions.title_quotation and self.ctx.in_title(hit.start, hit.end):
            return "title quotation: inside the quoted title of an instrument"
        if rule.exceptions.negation and (cue := self.ctx.negated(hit.start, hit.end)):
            return f"negation: governed by {cue!r}"
        if rule.exceptions.exception_clause and (cue := self.ctx.excepted(hit.start)):
            return f"exception: follows {cue!r}"
        return None

    def admitted(
        self, rule: Rule, condition: Condition, *, exceptions: bool = True, scoped: bool = True
    ) -> list[Hit]:
        """The hits of a condition that survive scope, context and (optionally) the engine's exceptions."""
        kept = []
        for hit in self.index.hits(condition.match):
            reason = self._roles_reason(rule, hit) if scoped else None
            reason = reason or self._condition_reason(condition, hit)
            if reason is None and exceptions:
                reason = self._exception_reason(rule, hit)
            if (
                reason is None
                and scoped
                and rule.scope.where is not None
                and condition is not rule.scope.where
                and not any(self._where_in(rule, span) for span in self.ctx.provision_spans(hit.start))
            ):
                reason = "out of scope: the provision does not match the rule's 'where' condition"
            if reason is None:
                kept.append(hit)
            else:
                self._suppress(rule, hit, reason)
        return kept

    def _where_in(self, rule: Rule, span: Span) -> bool:
        assert rule.scope.where is not None
        hits = self._where_hits(rule)
        starts = self._where_starts.get(rule.id)
        if starts is None:
            starts = self._where_starts[rule.id] = [hit.start for hit in hits]
        index = bisect.bisect_left(starts, span.start)
        return any(hit.end <= span.end for hit in itertools.takewhile(lambda h: h.start < span.end, hits[index:]))

    def _where_hits(self, rule: Rule) -> list[Hit]:
        cache: dict[str, list[Hit]] = self.__dict__.setdefault("_where_cache", {})
        if rule.id not in cache:
            assert rule.scope.where is not None
            cache[rule.id] = []
            cache[rule.id] = self.admitted(rule, rule.scope.where)
        return cache[rule.id]

    # -- units -----------------------------------------------------------------------------------
    def unit_for(self, rule: Rule, offset: int) -> Provision:
        """The provision a require/absent finding is about: the nearest enclosing one with an in-scope role."""
        leaf = self.ctx.provision(offset)
        chain = [leaf, *[p for p in leaf.ancestors() if p.kind != "document" and not p.is_container]]
        wanted = set(rule.scope.roles)
        if wanted:
            for node in chain:
                if node.roles & wanted:
                    return node
            for node in chain:
                if any(child.roles & wanted for child in node.walk()):
                    return node
        return leaf

    # -- the three kinds of rule ---------------------------------------------------------------
    def apply(self, rule: Rule) -> None:
        """Apply one rule, adding its findings and suppressed candidates to the verdicts."""
        if rule.scope.instruments and not self.instruments & set(rule.scope.instruments):
            return
        if rule.flag is not None:
            self._flag(rule, rule.flag)
        elif rule.require is not None:
            self._require(rule)
        elif rule.absent is not None:
            self._absent(rule)
        elif rule.penalty is not None:
            self._penalty(rule)

    def _flag(self, rule: Rule, condition: Condition) -> None:
        seen: set[Span] = set()
        for hit in self.admitted(rule, condition):
            sentence = self.ctx.sentence(hit.start)
            if sentence in seen:
                continue  # one finding per sentence: a reviewer reads sentences, not token spans
            seen.add(sentence)
            evidence: dict[str, Any] = {
                "kind": "flag",
                "matched": self.text[hit.start : hit.end],
                "pattern": self.index.describe(hit),
                "kept": self._why_kept(rule, hit),
            }
            definition = self.ctx.definition_at(hit.start, hit.end)
            if definition is not None:
                evidence["definition"] = definition.term
                users = {id(p): p for p in (self.ctx.provision(o) for o in self.ctx.term_uses(definition))}
                evidence["applies_in"] = [
                    p.label or "(preamble)" for p in sorted(users.values(), key=lambda p: p.start)
                ]
            self._report(rule, hit.start, hit.end, rule.severity, rule.message, evidence)

    @staticmethod
    def _operative(provision: Provision) -> bool:
        """A numbered provision that does something (not a title, preamble, purpose or bare definition)."""
        if provision.kind == "document" or provision.is_container:
            return False
        roles = provision.context_roles()
        return bool(roles - {"definition", "purpose", "other"}) and "purpose" not in roles

    def _in_heading(self, hit: Hit) -> bool:
        node = self.ctx.provision(hit.start)
        return bool(node.heading) and node.start <= hit.start < node.body_start

    def _why_kept(self, rule: Rule, hit: Hit) -> str:
        """Why a match survived: its provision's roles and the exceptions that were checked and did not apply."""
        roles = ", ".join(sorted(self.ctx.provision(hit.start).context_roles()))
        checked = [
            name.replace("_", " ")
            for name in ("negation", "exception_clause", "title_quotation")
            if getattr(rule.exceptions, name)
        ]
        reason = f"provision roles: {roles}"
        if checked:
            reason += f"; no {', '.join(checked)} applies"
        return reason

    def _units(self, rule: Rule, hits: list[Hit]) -> list[tuple[Provision, Hit]]:
        units: dict[int, tuple[Provision, Hit]] = {}
        # Words in a heading ("Facilitation of unlawful entry") name the offence; the offence itself is in
        # the text below, which is where the finding should point.
        in_text = [hit for hit in hits if not self._in_heading(hit)]
        for hit in in_text or hits:
            node = self.unit_for(rule, hit.start)
            if rule.scope.roles and not node.context_roles() & set(rule.scope.roles):
                # The trigger is in a definition: the provisions using the defined term are the units.
                for user in self._uses_in_scope(rule, hit):
                    target = self.unit_for(rule, user.start)
                    units.setdefault(id(target), (target, hit))
                continue
            units.setdefault(id(node), (node, hit))
        chosen = [
            (node, hit)
            for node, hit in units.values()
            if not any(id(parent) in units for parent in node.ancestors())
        ]
        return sorted(chosen, key=lambda item: item[0].start)

    def _element_hits(
        self, rule: Rule, condition: Condition, start: int, end: int
    ) -> tuple[Hit | None, list[dict[str, str]]]:
        ignored: list[dict[str, str]] = []
        assert rule.require is not None or rule.absent is not None
        ignore = rule.require.ignore if rule.require is not None else None
        for hit in self.index.within(condition.match, start, end):
            reason = self._condition_reason(condition, hit)
            if reason is None and rule.exceptions.title_quotation and self.ctx.in_title(hit.start, hit.end):
                reason = "title quotation"
            if reason is None and ignore is not None:
                for span in self._element_context(hit, start):
                    other = self.index.any_in(ignore, span.start, span.end)
                    if other is not None:
                        reason = f"does not count here: {self._quote(other)}"
                        break
            if reason is None:
                return hit, ignored
            ignored.append(
                {
                    "matched": self.text[hit.start : hit.end],
                    "reason": reason,
                    "provision": self.ctx.provision(hit.start).label,
                }
            )
        return None, ignored

    def _element_context(self, hit: Hit, unit_start: int) -> list[Span]:
        """An element's clause, its lead-in, and the words of each provision between it and the unit."""
        spans = [self.ctx.clause(hit.start)]
        lead = self.ctx.lead_in(hit.start)
        if lead is not None:
            spans.append(Span(max(lead.start, unit_start), lead.end))
        for parent in self.ctx.provision(hit.start).ancestors():
            if parent.start < unit_start or parent.kind == "document":
                break
            spans.append(Span(parent.body_start, parent.own_end))
        return spans

    def _weaker(self, weaker: list[Weaker], start: int, end: int) -> tuple[Weaker, Hit] | None:
        for option in weaker:
            low, high = (0, len(self.text)) if option.anywhere else (start, end)
            for hit in self.index.within(option.match.match, low, high):
                if self._condition_reason(option.match, hit) is None:
                    return option, hit
        return None

    def _require(self, rule: Rule) -> None:
        require = rule.require
        assert require is not None
        if rule.scope.where is not None:
            triggers = self._where_hits(rule)
        else:
            triggers = [
                Hit(p.start, p.own_end, "scope", "role")
                for p in self.ctx.statute.provisions
                if p.roles & set(rule.scope.roles)
            ]
        for unit, trigger in self._units(rule, triggers):
            found, ignored = self._element_hits(rule, require.element, unit.start, unit.end)
            definition = self.ctx.definition_at(trigger.start, trigger.end)
            if found is None and definition is not None:
                # The definition the provision relies on is part of the offence.
                found, more = self._element_hits(rule, require.element, definition.start, definition.end)
                ignored += more
            evidence: dict[str, Any] = {
                "kind": "require",
                "scope": unit.label or "(document)",
                "trigger": self.text[trigger.start : trigger.end],
                "trigger_provision": self.ctx.provision(trigger.start).label,
                "trigger_pattern": self.index.describe(trigger) if trigger.key != "scope" else "provision role",
                "missing": require.missing,
            }
            if ignored:
                evidence["not_counted"] = ignored
            if found is not None:
                self._suppress(rule, found, f"satisfied: required element present ({self._quote(found)})")
                continue
            weaker = self._weaker(require.weaker, unit.start, unit.end)
            if weaker is not None:
                option, hit = weaker
                evidence["limitation"] = self.text[hit.start : hit.end]
                self._report(rule, unit.start, unit.end, option.severity, option.message, evidence, unit, trigger)
            else:
                self._report(rule, unit.start, unit.end, rule.severity, rule.message, evidence, unit, trigger)

    def _absent(self, rule: Rule) -> None:
        absent = rule.absent
        assert absent is not None
        gates = self.admitted(rule, absent.gate)
        if not gates:
            return
        # Point at an operative provision in scope (the offence), not at a definition it relies on.
        wanted = set(rule.scope.roles)
        direct = [g for g in gates if not wanted or self.ctx.provision(g.start).context_roles() & wanted]
        gates = direct or gates
        # …and at an operative numbered provision rather than the title, the preamble or a definition.
        operative = [g for g in gates if self._operative(self.ctx.provision(g.start))]
        gates = operative or gates
        unit = self.unit_for(rule, gates[0].start)
        found, ignored = self._element_hits(rule, absent.element, 0, len(self.text))
        evidence: dict[str, Any] = {
            "kind": "absent",
            "gate": self.text[gates[0].start : gates[0].end],
            "gate_pattern": self.index.describe(gates[0]),
            "gate_provision": unit.label or "(document)",
            "missing": absent.missing,
        }
        if ignored:
            evidence["not_counted"] = ignored
        if found is not None:
            self._suppress(
                rule, found, f"satisfied: {self._quote(found)} in {self.ctx.provision(found.start).label}"
            )
            return
        weaker = self._weaker(absent.weaker, 0, len(self.text))
        if weaker is not None:
            option, hit = weaker
            limited = self.ctx.provision(hit.start)
            evidence["limitation"] = self.text[hit.start : hit.end]
            evidence["limitation_provision"] = limited.label
            # The finding points at the safeguard that falls short: that is where the fix goes.
            self._report(rule, limited.start, limited.end, option.severity, option.message, evidence, limited)
        else:
            self._report(rule, unit.start, unit.end, rule.severity, rule.message, evidence, unit)

    def _penalty(self, rule: Rule) -> None:
        check = rule.penalty
        assert check is not None
        if check.check == "mandatory_minimum":
            for penalty in self.penalties:
                if not ((penalty.minimum_years or 0) > 0 or penalty.mandatory_custody):
                    continue
                hit = Hit(penalty.start, penalty.end, "penalty", "penalty")
                reason = self._roles_reason(rule, hit) or self._exception_reason(rule, hit)
                if reason is not None:
                    self._suppress(rule, hit, reason)
                    continue
                found = {"kind": "penalty", "penalty": penalty.describe()}
                self._report(rule, penalty.start, penalty.end, rule.severity, rule.message, found)
            return
        assert check.years is not None
        triggers = self._where_hits(rule) if rule.scope.where is not None else []
        for unit, trigger in self._units(rule, triggers):
            if self._links is None:
                self._links = PenaltyLinks(self.ctx.statute, self.penalties)
            linked = self._links.for_offence(unit)
            custodial = [p for p in linked if p.custodial]
            if not linked:
                self._suppress(rule, trigger, "no penalty found for this offence")
                continue
            if any(p.procedure != "summary" for p in custodial):
                # A summary-conviction maximum beside a longer one on indictment does not set the maximum.
                custodial = [p for p in custodial if p.procedure != "summary"]
            longest = max((p.upper_years for p in custodial), default=0.0)
            evidence: dict[str, Any] = {
                "kind": "penalty",
                "offence": unit.label or "(document)",
                "trigger": self.text[trigger.start : trigger.end],
                "maximum_years": longest if longest != float("inf") else "life",
                "threshold_years": check.years,
                "penalties": [p.describe() for p in linked],
            }
            if longest >= check.years:
                self._suppress(
                    rule,
                    trigger,
                    f"maximum custodial penalty {evidence['maximum_years']} years is at least {check.years:g}",
                )
                continue
            self._report(rule, unit.start, unit.end, rule.severity, rule.message, evidence, unit)

    # -- output ----------------------------------------------------------------------------------
    def _quote(self, hit: Hit) -> str:
        return repr(" ".join(self.text[hit.start : hit.end].split()))

    def _line_bounds(self, offset: int) -> tuple[int, int]:
        """Start and end of the line holding an offset, from the document's line index (a bill pasted from a
        PDF may be one line of megabytes: scanning it for line breaks at every finding was quadratic)."""
        return self.document.line_span(self.document.line_of(offset))

    def _excerpt(self, start: int, end: int) -> str:
        line_start = self._line_bounds(start)[0]
        line_end = self._line_bounds(end)[1]
        # Only the words around the match can be shown, so only those are read from a very long line.
        head_cut = line_start < start - EXCERPT_WINDOW
        tail_cut = line_end > start + EXCERPT_WINDOW
        low = start - EXCERPT_WINDOW if head_cut else line_start
        high = start + EXCERPT_WINDOW if tail_cut else line_end
        excerpt = " ".join(self.text[low:high].split())
        if head_cut or tail_cut or len(excerpt) > EXCERPT_LIMIT:
            # Keep the matched words in view: start the excerpt a little before them when the line is long.
            lead = " ".join(self.text[low:start].split())
            if head_cut or len(lead) > EXCERPT_LIMIT // 3:
                excerpt = "… " + excerpt[max(0, len(lead) - EXCERPT_LIMIT // 6) :].split(" ", 1)[-1]
            excerpt = textwrap.shorten(excerpt, EXCERPT_LIMIT, placeholder=" …")
            if tail_cut and not excerpt.endswith("…"):
                excerpt += " …"
        return excerpt

    def _report(
        self,
        rule: Rule,
        start: int,
        end: int,
        severity: str,
        message: str,
        evidence: dict[str, Any],
        unit: Provision | None = None,
        trigger: Hit | None = None,
    ) -> None:
        while end > start and self.text[end - 1].isspace():
            end -= 1
        provision = unit or self.ctx.provision(start)
        if unit is not None:
            excerpt = self._excerpt(start, min(end, self._line_bounds(start)[1]))
            if trigger is not None and len(excerpt) < 60 and start <= trigger.start < end:
                # "(1)(A) Any person who" says little: add the line that shows the offence.
                line = self._excerpt(trigger.start, trigger.end)
                if line not in excerpt:
                    excerpt = f"{excerpt} … {line}"
        else:
            excerpt = self._excerpt(start, end)
        start_line, start_column = self.document.position(start)
        end_line, end_column = self.document.position(end)
        basis = f"{rule.id}\x00{' '.join(excerpt.lower().split())}"
        self._fingerprints[basis] += 1
        fingerprint = hashlib.sha256(f"{basis}\x00{self._fingerprints[basis]}".encode()).hexdigest()[:16]
        self.verdicts.findings.append(
            Finding(
                path=self.path,
                rule=rule.id,
                concern=rule.concern,
                severity=severity,
                title=rule.title,
                message=" ".join(message.split()),
                provision=_provision_label(provision),
                provision_heading=_heading(provision),
                start_line=start_line,
                start_column=start_column,
                end_line=end_line,
                end_column=end_column,
                start_char=start,
                end_char=end,
                excerpt=excerpt,
                references=[str(ref) for ref in rule.references],
                recommendation=" ".join(rule.recommendation.split()),
                fingerprint=fingerprint,
                evidence=evidence,
            )
        )

    def _suppress(self, rule: Rule, hit: Hit, reason: str) -> None:
        if not self.explain:
            return
        self.verdicts.suppressed.append(
            Suppressed(
                path=self.path,
                rule=rule.id,
                concern=rule.concern,
                provision=_provision_label(self.ctx.provision(hit.start)),
                start_line=self.document.line_of(hit.start),
                start_char=hit.start,
                excerpt=" ".join(self.text[hit.start : hit.end].split())[:EXCERPT_LIMIT],
                reason=reason,
            )
        )


def _provision_label(provision: Provision) -> str:
    return provision.label or "(preamble)"


def _heading(provision: Provision) -> str | None:
    for node in (provision, *provision.ancestors()):
        if node.heading:
            return node.heading
        if node.kind == "section":
            break
    return None
