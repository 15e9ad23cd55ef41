"""One evaluator for a condition's context: ``with``, ``without`` and ``without_unless`` in a unit of text.

Rules and instrument detection both use it, so a condition means the same wherever it is written.
"""

from __future__ import annotations

from lexcheck.engine.context import TextContext
from lexcheck.engine.matching import Hit, MatchIndex, quote
from lexcheck.rules.model import Condition
from lexcheck.structure import Definition


class Conditions:
    """Checks the context of a condition's matches in one statute."""

    def __init__(self, context: TextContext, index: MatchIndex):
        self.ctx = context
        self.index = index
        # (defined term, condition key) → whether the condition's context occurs where the term is used
        self._completed: dict[tuple[str, str], bool] = {}

    def reason(self, condition: Condition, hit: Hit) -> str | None:
        """Why a match of ``condition`` does not count in its context, or None when it does."""
        spans = self.ctx.unit_spans(condition.unit, hit.start)
        if condition.without is not None:
            for span in spans:
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
            if definition is not None and self._completed_where_used(definition, condition):
                return None
            # A prohibition ("No person shall …") is completed by the clause that punishes its breach.
            if any(self.index.any_in(condition.with_, s.start, s.end) for s in self.ctx.referring_spans(hit.start)):
                return None
            return f"context missing: nothing in the same {condition.unit} completes the pattern"
        return None

    def holds(self, condition: Condition, hit: Hit) -> bool:
        """True when a match of ``condition`` counts in its context."""
        return self.reason(condition, hit) is None

    def _completed_where_used(self, definition: Definition, condition: Condition) -> bool:
        """Whether a condition's context occurs where the defined term is used (computed once per term)."""
        assert condition.with_ is not None
        key = (definition.term, f"{condition.with_.key}@{condition.unit}")
        if key not in self._completed:
            self._completed[key] = any(
                self.index.any_in(condition.with_, s.start, s.end)
                for offset in self.ctx.term_uses(definition)
                for s in self.ctx.unit_spans(condition.unit, offset)
            )
        return self._completed[key]
