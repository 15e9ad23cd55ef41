"""Looking for the element a require or absent rule needs, and for a weaker safeguard in its place."""

from __future__ import annotations

import re

from lexcheck.engine.conditions import Conditions
from lexcheck.engine.context import Span, TextContext
from lexcheck.engine.matching import Hit, MatchIndex, quote
from lexcheck.results import NotCounted
from lexcheck.rules.model import Condition, MatchSpec, Weaker
from lexcheck.structure.model import Provision

# Any character that is not white space: a provision with words of its own.
_NON_BLANK = re.compile(r"\S")
# The reason given for a safeguard that the amendment itself deletes or repeals.
REMOVED = "removed by the amendment"


class ElementSearch:
    """Finds required elements and weaker safeguards in a statute's text."""

    def __init__(self, context: TextContext, index: MatchIndex, conditions: Conditions):
        self.ctx = context
        self.index = index
        self.conditions = conditions

    def find(
        self,
        condition: Condition,
        start: int,
        end: int,
        *,
        title_quotation: bool,
        ignore: MatchSpec | None = None,
        section_headings: bool = False,
    ) -> tuple[Hit | None, list[NotCounted]]:
        """The first element in ``[start, end)`` that counts, and the candidates that did not count.

        ``section_headings`` lets the heading of a section or article count ("73.4 No liability for persons
        smuggled"): a safeguard the law gives a provision of its own is named in that provision's heading.
        """
        ignored: list[NotCounted] = []
        for hit in self.index.within(condition.match, start, end):
            reason = self.conditions.reason(condition, hit)
            if reason is None and self.ctx.removed(hit.start, hit.end):
                reason = REMOVED
            if reason is None and title_quotation and self.ctx.in_title(hit.start, hit.end):
                reason = "title quotation"
            if reason is None and (cue := self.ctx.disapplied(hit.end)) is not None:
                # "the requirement … to bring the person before a Judge within 96 hours does not apply"
                reason = f"disapplied: {cue!r} follows it"
            node = self.ctx.headed(hit.start, hit.end) if reason is None else None
            if node is not None:
                if not (section_headings and self._section_heading(node)):
                    # "COMMERCIAL SMUGGLING FOR PROFIT": a title describes; only the provision's words enact.
                    reason = "in a heading"
                elif self._limited_below(condition, node):
                    # "Non-punishment of victims." over a clause limited to migration infractions: the heading
                    # names the safeguard, the words under it limit it
                    reason = "context excludes it: in the provision under the heading"
            if reason is None and ignore is not None:
                for span in self._element_context(hit, start):
                    other = self.index.any_in(ignore, span.start, span.end)
                    if other is not None:
                        reason = f"does not count here: {quote(self.ctx.text, other)}"
                        break
            if reason is None:
                return hit, ignored
            ignored.append(
                NotCounted(
                    matched=self.ctx.text[hit.start : hit.end],
                    reason=reason,
                    provision=self.ctx.provision(hit.start).label,
                )
            )
        return None, ignored

    def _limited_below(self, condition: Condition, node: Provision) -> bool:
        """Whether the words under a heading hold what the condition excludes, outside the sentences that make
        exceptions to the safeguard ("Subhead (1) does not apply to murder … or an offence under section 4")."""
        exception = self.ctx.lexicon.context.exception
        for start, end in self.ctx.sentences_in(node.body_start, node.end):
            if exception.search(self.ctx.text, start, end):
                continue
            if self.conditions.excluded_in(condition, Span(start, end)):
                return True
        return False

    def _section_heading(self, node: Provision) -> bool:
        """True for the heading of a section with words of its own (not a Part, Chapter or Schedule title)."""
        return (
            not node.is_container
            and node.kind != "schedule"
            and _NON_BLANK.search(self.ctx.text, node.body_start, node.end) is not None
        )

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

    def weaker(self, options: list[Weaker], start: int, end: int) -> tuple[Weaker, Hit] | None:
        """The first weaker safeguard found in ``[start, end)`` (or anywhere, for options that say so)."""
        for option in options:
            low, high = (0, len(self.ctx.text)) if option.anywhere else (start, end)
            for hit in self.index.within(option.match.match, low, high):
                if self.conditions.holds(option.match, hit):
                    return option, hit
        return None
