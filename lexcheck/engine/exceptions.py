"""The engine-level exceptions every rule's matches go through: quoted titles, negation, exception clauses."""

from __future__ import annotations

from lexcheck.engine.context import TextContext
from lexcheck.engine.matching import Hit
from lexcheck.rules.model import Exceptions

EXCEPTION_NAMES = ("negation", "exception_clause", "title_quotation")


def exception_reason(ctx: TextContext, exceptions: Exceptions, hit: Hit, offence: bool = False) -> str | None:
    """Why an engine-level exception sets a match aside, or None when none applies.

    ``offence``: the match is looked for as an offence's conduct, so a prohibition addressed to anyone
    ("No person shall …") is the offence, not a negation.
    """
    if ctx.removed(hit.start, hit.end):
        return "removed by the amendment: these words are deleted or repealed"
    if exceptions.title_quotation and ctx.in_title(hit.start, hit.end):
        return "title quotation: inside the quoted title of an instrument"
    if exceptions.negation and (cue := ctx.negated(hit.start, hit.end, offence)):
        return f"negation: governed by {cue!r}"
    if exceptions.exception_clause and (cue := ctx.excepted(hit.start)):
        return f"exception: follows {cue!r}"
    return None


def checked_exceptions(exceptions: Exceptions) -> list[str]:
    """The names of the exceptions a rule has switched on, as readable words."""
    return [name.replace("_", " ") for name in EXCEPTION_NAMES if getattr(exceptions, name)]
