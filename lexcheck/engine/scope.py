"""Which matches a rule looks at: provision roles, the rule's ``where`` / ``where_not`` / ``law_not``, and
definitions that operative provisions in scope rely on."""

from __future__ import annotations

import bisect
import itertools

from lexcheck.engine.conditions import Conditions
from lexcheck.engine.context import Span, TextContext
from lexcheck.engine.emit import Emitter
from lexcheck.engine.exceptions import exception_reason
from lexcheck.engine.matching import Hit, MatchIndex, quote
from lexcheck.rules.model import Condition, MatchSpec, Rule
from lexcheck.structure import Provision


class ScopeFilter:
    """Admits or sets aside the matches of each rule, recording why a match was set aside."""

    def __init__(self, context: TextContext, index: MatchIndex, conditions: Conditions, emitter: Emitter):
        self.ctx = context
        self.index = index
        self.conditions = conditions
        self.emitter = emitter
        self._where: dict[str, tuple[list[Hit], list[int]]] = {}
        self._scope_uses: dict[tuple[tuple[str, ...], str], list[Provision]] = {}
        # law_not spec key → the first match that is law (None: the law has none); one search per rule
        self._law_matches: dict[str, Hit | None] = {}

    def roles_reason(self, rule: Rule, hit: Hit) -> str | None:
        """Why a match is outside the rule's scope (roles, ``where_not``), or None when it is inside."""
        provision = self.ctx.provision(hit.start)
        # A schedule's table is law (penalties, forms); a Part's own words are only its title.
        if provision.is_container and (provision.kind != "schedule" or hit.start < provision.body_start):
            return "out of scope: in the title of a Part or Chapter"
        definition = self.ctx.definition_at(hit.start, hit.end)
        if definition is not None and self.ctx.names_body(definition):
            # "“Cabinet Secretary” means the Cabinet Secretary responsible for women and children": the
            # definition of a body or an office holder names who acts, never a victim, an offence or a power.
            return "out of scope: in the definition of a body or office"
        roles = provision.context_roles()
        if rule.scope.roles and not roles & set(rule.scope.roles):
            if self.uses_in_scope(rule, hit):
                return None  # a definition that operative provisions in scope rely on
            return (
                f"out of scope: provision roles {', '.join(sorted(roles))} are not {', '.join(rule.scope.roles)}"
            )
        excluded = roles & set(rule.scope.exclude_roles)
        if excluded:
            return f"out of scope: {', '.join(sorted(excluded))} provision"
        if rule.scope.law_not is not None:
            settled = self._law_provides(rule.scope.law_not)
            if settled is not None:
                return f"out of scope: the law provides {quote(self.ctx.text, settled)} elsewhere"
        if rule.scope.where_not is not None:
            spans = (
                [Span(definition.start, definition.end)]
                if definition is not None
                else self.ctx.provision_spans(hit.start)
            )
            other = self._where_not_in(rule, spans)
            if other is not None:
                return f"out of scope: provision mentions {quote(self.ctx.text, other)}"
        return None

    def _where_not_in(self, rule: Rule, spans: list[Span]) -> Hit | None:
        """The first match of the rule's ``where_not`` in the spans, if any."""
        spec = rule.scope.where_not
        if spec is None:
            return None
        return next((hit for s in spans if (hit := self.index.any_in(spec, s.start, s.end)) is not None), None)

    def excluded_at(self, rule: Rule, offset: int) -> bool:
        """Whether the provision at ``offset`` mentions what the rule's ``where_not`` excludes."""
        return rule.scope.where_not is not None and self._where_not_in(rule, self.ctx.provision_spans(offset)) is not None

    def _law_provides(self, spec: MatchSpec) -> Hit | None:
        """The first match of ``spec`` that is law: not in a quoted title, not among deleted words.

        Negation is not tested: the words that settle a question often hold one ("even if none of the means").
        Searched once per spec, since every candidate of the rule asks the same question.
        """
        if spec.key not in self._law_matches:
            self._law_matches[spec.key] = next(
                (
                    hit
                    for hit in self.index.hits(spec)
                    if not (self.ctx.removed(hit.start, hit.end) or self.ctx.in_title(hit.start, hit.end))
                ),
                None,
            )
        return self._law_matches[spec.key]

    def uses_in_scope(self, rule: Rule, hit: Hit) -> list[Provision]:
        """Provisions in scope that use the term a match helps define: where a restrictive definition bites."""
        definition = self.ctx.definition_at(hit.start, hit.end)
        if definition is None:
            return []
        key = (tuple(sorted(rule.scope.roles)), definition.term)
        if key not in self._scope_uses:
            wanted = set(rule.scope.roles)
            found: dict[Provision, None] = {}
            for offset in self.ctx.term_uses(definition):
                node = self.ctx.provision(offset)
                if not node.is_container and (not wanted or node.context_roles() & wanted):
                    found.setdefault(node)
            self._scope_uses[key] = list(found)
        return self._scope_uses[key]

    def admitted(
        self, rule: Rule, condition: Condition, *, exceptions: bool = True, scoped: bool = True
    ) -> list[Hit]:
        """The hits of a condition that survive scope, context and (optionally) the engine's exceptions."""
        kept = []
        for hit in self.index.hits(condition.match):
            reason = self.roles_reason(rule, hit) if scoped else None
            reason = reason or self.conditions.reason(condition, hit, chains=condition is rule.flag)
            if reason is None and exceptions:
                reason = exception_reason(self.ctx, rule.exceptions, hit, offence="offence" in rule.scope.roles)
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
                self.emitter.suppress(rule, hit, reason)
        return kept

    def where_hits(self, rule: Rule) -> list[Hit]:
        """The admitted matches of a rule's ``where`` condition (computed once per rule)."""
        return self._where_index(rule)[0]

    def _where_index(self, rule: Rule) -> tuple[list[Hit], list[int]]:
        if rule.id not in self._where:
            assert rule.scope.where is not None
            hits = self.admitted(rule, rule.scope.where)
            self._where[rule.id] = (hits, [hit.start for hit in hits])
        return self._where[rule.id]

    def _where_in(self, rule: Rule, span: Span) -> bool:
        hits, starts = self._where_index(rule)
        index = bisect.bisect_left(starts, span.start)
        return any(hit.end <= span.end for hit in itertools.takewhile(lambda h: h.start < span.end, hits[index:]))
