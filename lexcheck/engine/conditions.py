"""One evaluator for a condition's context: ``with``, ``without`` and ``without_unless`` in a unit of text.

Rules and instrument detection both use it, so a condition means the same wherever it is written.
"""

from __future__ import annotations

import bisect

from lexcheck.engine.context import Span, TextContext
from lexcheck.engine.matching import Hit, MatchIndex, quote
from lexcheck.rules.model import Condition
from lexcheck.structure import Definition

# How many definitions deep a restriction is followed ("protected person" → "settled status" → citizenship).
DEFINITION_DEPTH = 3


class Conditions:
    """Checks the context of a condition's matches in one statute."""

    def __init__(self, context: TextContext, index: MatchIndex):
        self.ctx = context
        self.index = index
        # (defined term, condition key) → whether the condition's context occurs where the term is used
        self._completed: dict[tuple[str, str], bool] = {}
        self._uses: list[tuple[int, Definition]] | None = None
        self._use_starts: list[int] = []

    def reason(self, condition: Condition, hit: Hit, chains: bool = False) -> str | None:
        """Why a match of ``condition`` does not count in its context, or None when it does.

        ``chains``: a match in a definition may be completed where a definition that uses its term is used
        (for restrictions a rule flags; offences and gates are found where they are written).
        """
        spans = self.ctx.unit_spans(condition.unit, hit.start)
        if condition.without is not None:
            # In a definition, its term and head belong to every item of it: what "“servile form of marriage”
            # means" speaks of is said of "(c) a woman or female child, on the death of her husband …" too.
            definition = self.ctx.definition_at(hit.start, hit.end)
            excluding = spans + ([Span(definition.start, self.ctx.definition_head(definition)[1])] if definition else [])
            for span in excluding:
                other = self.index.any_in(condition.without, span.start, span.end)
                if other is not None and not (
                    condition.without_unless is not None
                    and any(self.index.any_in(condition.without_unless, s.start, s.end) for s in spans)
                ):
                    return f"context excludes it: {quote(self.ctx.text, other)} in the same {condition.unit}"
        if condition.with_ is not None and not any(
            self.index.any_in(condition.with_, s.start, s.end) for s in spans
        ):
            # A restriction in a definition ("“beneficiary” means a citizen who …") bites wherever the
            # defined term is used: the context may be completed there.
            definition = self.ctx.definition_at(hit.start, hit.end)
            if definition is not None and self._completed_where_used(definition, condition, 0 if chains else DEFINITION_DEPTH):
                return None
            # A defined term in the unit stands for the head of its definition ("an assisted person", defined
            # as "a victim of trafficking who …", completes a test that needs "victim").
            if any(
                self.index.any_in(condition.with_, *self.ctx.definition_head(d)) for s in spans for d in self._defined_in(s.start, s.end)
            ):
                return None
            # "A person detained under subsection (1)": what subsection (1) says completes the words.
            if any(
                self.index.any_in(condition.with_, r.start, r.end)
                for s in spans
                for r in self.ctx.referred_spans(s.start, s.end)
            ):
                return None
            # A later subsection is completed by what the section's first subsection says of its subject.
            opening = self.ctx.section_opening(hit.start) if condition.unit == "provision" else None
            if opening is not None and self.index.any_in(condition.with_, opening.start, opening.end):
                return None
            # "The placement shall not exceed 60 days" speaks of the detention the sentence before it ordered.
            antecedent = self.ctx.antecedent(hit.start) if condition.unit != "provision" else None
            if antecedent is not None and self.index.any_in(condition.with_, antecedent.start, antecedent.end):
                return None
            # A prohibition ("No person shall …") is completed by the clause that punishes its breach.
            if any(
                self.index.any_in(condition.with_, s.start, s.end) for s in self.ctx.referring_spans(hit.start)
            ):
                return None
            return f"context missing: nothing in the same {condition.unit} completes the pattern"
        return None

    def holds(self, condition: Condition, hit: Hit) -> bool:
        """True when a match of ``condition`` counts in its context."""
        return self.reason(condition, hit) is None

    def _completed_where_used(self, definition: Definition, condition: Condition, depth: int = 0) -> bool:
        """Whether a condition's context occurs where the defined term is used (computed once per term).

        The term may be used in another definition ("a protected person is one with settled status",
        "settled status means citizenship"): then it counts wherever that term is used, a few links deep.
        """
        assert condition.with_ is not None
        key = (definition.term, f"{condition.with_.key}@{condition.unit}")
        if key not in self._completed:
            self._completed[key] = False  # a cycle of definitions ends here
            found = False
            for offset in self.ctx.term_uses(definition):
                # where a defined term is used, its own clause completes it, not the items of a list it opens
                spans = self.ctx.unit_spans(condition.unit, offset, items=False)
                if self._excluded(condition, spans):
                    continue  # "a person who is not a citizen": a use the condition's exclusions rule out
                if any(self.index.any_in(condition.with_, s.start, s.end) for s in spans):
                    found = True
                    break
                outer = self.ctx.definition_at(offset, offset + len(definition.term))
                if (
                    outer is not None
                    and depth < DEFINITION_DEPTH
                    and self._completed_where_used(outer, condition, depth + 1)
                ):
                    found = True
                    break
            self._completed[key] = found
        return self._completed[key]

    def excluded_in(self, condition: Condition, span: Span) -> bool:
        """Whether a condition's ``without`` occurs in a span of text (and its ``without_unless`` does not)."""
        return self._excluded(condition, [span])

    def _excluded(self, condition: Condition, spans: list[Span]) -> bool:
        """Whether a condition's ``without`` occurs in the unit (and its ``without_unless`` does not)."""
        if condition.without is None:
            return False
        if not any(self.index.any_in(condition.without, s.start, s.end) for s in spans):
            return False
        return not (
            condition.without_unless is not None
            and any(self.index.any_in(condition.without_unless, s.start, s.end) for s in spans)
        )

    def _defined_in(self, start: int, end: int) -> list[Definition]:
        """The definitions of the defined terms used in ``[start, end)``."""
        if self._uses is None:
            uses = sorted(
                ((offset, d) for d in self.ctx.statute.definitions for offset in self.ctx.term_uses(d)),
                key=lambda item: item[0],
            )
            self._uses, self._use_starts = uses, [offset for offset, _ in uses]
        low, high = bisect.bisect_left(self._use_starts, start), bisect.bisect_left(self._use_starts, end)
        return list(dict.fromkeys(d for _, d in self._uses[low:high]))
