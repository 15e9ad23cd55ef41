"""Everything the rule kinds share while judging one statute: its text, matches, penalties and filters."""

from __future__ import annotations

from dataclasses import dataclass, field

from lexcheck.engine.conditions import Conditions
from lexcheck.engine.context import TextContext
from lexcheck.engine.elements import ElementSearch
from lexcheck.engine.emit import Emitter
from lexcheck.engine.matching import Hit, MatchIndex, quote
from lexcheck.engine.scope import ScopeFilter
from lexcheck.structure.penalties import Penalty
from lexcheck.structure.penalty_links import PenaltyLinks


@dataclass
class Judgement:
    """The statute being judged and the services every rule kind uses."""

    ctx: TextContext
    index: MatchIndex
    instruments: set[str]
    penalties: list[Penalty]
    emitter: Emitter
    conditions: Conditions
    scope: ScopeFilter
    elements: ElementSearch
    _links: PenaltyLinks | None = field(default=None, repr=False)

    @classmethod
    def of(
        cls,
        ctx: TextContext,
        index: MatchIndex,
        conditions: Conditions,
        instruments: set[str],
        penalties: list[Penalty],
        emitter: Emitter,
    ) -> Judgement:
        """Assemble the shared filters for one statute."""
        return cls(
            ctx,
            index,
            instruments,
            penalties,
            emitter,
            conditions,
            ScopeFilter(ctx, index, conditions, emitter),
            ElementSearch(ctx, index, conditions),
        )

    @property
    def text(self) -> str:
        """The statute's text."""
        return self.ctx.text

    @property
    def links(self) -> PenaltyLinks:
        """Which penalties belong to which offence (built on first use: only penalty rules need it)."""
        if self._links is None:
            self._links = PenaltyLinks(self.ctx.statute, self.penalties, self.ctx.lexicon)
        return self._links

    def quote(self, hit: Hit) -> str:
        """A match's words, quoted for a reason or remark."""
        return quote(self.text, hit)

    def label(self, offset: int) -> str:
        """The label of the provision at an offset."""
        return self.ctx.provision(offset).label or "(preamble)"
