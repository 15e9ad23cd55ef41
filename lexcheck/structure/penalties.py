"""Reading the penalties a statute attaches to its offences: custodial terms, life, death, fines, corporal
punishment; maxima, minima and ranges; in digits or words, years or months.

Penalty formulas are a small, regular language ("liable on conviction to imprisonment for a term not
exceeding seven years", "not less than 3 nor more than 10 years"), so regular expressions over each
clause read them more reliably than a statistical parser would. The formulas are the lexicon's (section
``penalties``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lexcheck.language import Lexicon
from lexcheck.language.model import PenaltyWords

# A bracketed aside of some length inside a penalty clause.
_BRACKETED = re.compile(r"\([^()]{12,}\)")


def number_value(text: str, words: PenaltyWords) -> float:
    """The value of a number in digits or words ("twenty-one" → 21)."""
    text = text.lower().strip()
    try:
        return float(text)
    except ValueError:
        pass
    total = 0.0
    for part in re.split(r"[-\s]+", text):
        total += words.number_words.get(part, 0)
    return total


def _years(number: str, unit: str | None, words: PenaltyWords) -> float:
    return words.years(number_value(number, words), unit)


@dataclass
class Penalty:
    """The penalties stated in one clause."""

    start: int
    end: int
    text: str
    minimum_years: float | None = None
    maximum_years: float | None = None
    life: bool = False
    death: bool = False
    fine: bool = False
    corporal: bool = False
    mandatory_custody: bool = False
    # A minimum the court may choose not to impose ("the court may pass a sentence of not less than …").
    discretionary_minimum: bool = False
    procedure: str | None = None  # "summary" or "indictment"
    terms: list[str] = field(default_factory=list)

    @property
    def custodial(self) -> bool:
        """True when the clause provides a custodial penalty (a term, life or death)."""
        return self.maximum_years is not None or self.minimum_years is not None or self.life or self.death

    @property
    def upper_years(self) -> float:
        """The longest custody the clause allows (life and death count as unlimited)."""
        if self.life or self.death:
            return float("inf")
        return max(self.maximum_years or 0.0, self.minimum_years or 0.0)

    def describe(self) -> dict[str, object]:
        """The extracted values, for a finding's evidence."""
        data: dict[str, object] = {"text": self.text}
        for key in ("minimum_years", "maximum_years"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        for key in ("life", "death", "fine", "corporal", "mandatory_custody", "discretionary_minimum"):
            if getattr(self, key):
                data[key] = True
        if self.procedure:
            data["procedure"] = self.procedure
        return data


def read_penalty(text: str, start: int, lexicon: Lexicon) -> Penalty | None:
    """Read the penalties stated in one clause of text; None when the clause states none."""
    words = lexicon.penalties
    # A clause states a penalty only if a custodial word, death, corporal punishment or a fine occurs in it:
    # these searches tell most clauses apart before the readings below run.
    if not any(p.search(text) for p in (words.custodial, words.death, words.corporal, words.fine)):
        return None
    penalty = Penalty(start, start + len(text), " ".join(text.split()))
    custodial_context = bool(words.custodial.search(text))
    taken: list[tuple[int, int]] = []

    def free(match: re.Match[str]) -> bool:
        return not any(a < match.end() and match.start() < b for a, b in taken)

    if custodial_context:
        # Terms of other sanctions in the clause ("and disqualification from public office for two to five years")
        # are not custody.
        taken.extend(match.span() for match in words.non_custodial_term.finditer(text))
        for match in words.range.finditer(text):
            if not match.group("high") or not free(match):
                continue
            low = match.group("low") or match.group("low_bare")
            if low is None:
                continue
            low_years = _years(low, match.group("low_unit") or match.group("high_unit"), words)
            high_years = _years(match.group("high"), match.group("high_unit"), words)
            if low_years >= high_years:
                continue
            penalty.minimum_years = max(penalty.minimum_years or 0, low_years)
            penalty.maximum_years = max(penalty.maximum_years or 0, high_years)
            penalty.terms.append(" ".join(match.group(0).split()))
            taken.append(match.span())
        readings: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], float], str], ...] = (
            (words.minimum, lambda m: _years(m.group("low"), m.group("low_unit"), words), "minimum_years"),
            # The unit stated before the number is years.
            (words.minimum_years_before, lambda m: _years(m.group("low"), None, words), "minimum_years"),
            (words.maximum, lambda m: _years(m.group("high"), m.group("high_unit"), words), "maximum_years"),
        )
        for pattern, value, bound in readings:
            for match in pattern.finditer(text):
                if free(match):
                    setattr(penalty, bound, max(getattr(penalty, bound) or 0, value(match)))
                    penalty.terms.append(" ".join(match.group(0).split()))
                    taken.append(match.span())
        for match in words.fixed.finditer(text):
            if free(match):
                # A bare term is a maximum ("liable to imprisonment for 5 years") unless the sentence is
                # mandatory ("shall be sentenced to imprisonment for ten years").
                years = _years(match.group("high"), match.group("high_unit"), words)
                penalty.maximum_years = max(penalty.maximum_years or 0, years)
                if words.mandatory.search(text[: match.start()]) and not words.discretion.search(text):
                    penalty.minimum_years = max(penalty.minimum_years or 0, years)
                penalty.terms.append(" ".join(match.group(0).split()))
                taken.append(match.span())
        penalty.life = bool(words.life.search(text)) and bool(words.life_custody.search(text))
    penalty.death = bool(words.death.search(text))
    penalty.corporal = bool(words.corporal.search(text))
    penalty.fine = bool(words.fine.search(text))
    # words in brackets describe something else ("(which limits the sentences that may be imposed on …)")
    plain = _BRACKETED.sub(" ", text)
    penalty.mandatory_custody = bool(words.no_fine_option.search(text)) or (
        penalty.life
        and not penalty.maximum_years
        and bool(words.mandatory.search(plain))
        and not words.discretion.search(plain)
        and not words.liable.search(plain)
    )
    penalty.discretionary_minimum = (
        penalty.minimum_years is not None
        and not penalty.mandatory_custody
        and bool(words.discretionary_sentence.search(text))
        and not words.mandatory.search(text)
    )
    if words.summary.search(text):
        penalty.procedure = "summary"
    elif words.indictment.search(text):
        penalty.procedure = "indictment"
    if not (penalty.custodial or penalty.fine or penalty.corporal):
        return None
    return penalty


def read_listed_penalty(lead_in: str, item: str, start: int, lexicon: Lexicon) -> Penalty | None:
    """Read a list item's penalty together with the words that introduce the list.

    "is liable to imprisonment for at least— (a) 7 years; or (b) …, 10 years" states a minimum only when
    the lead-in and the item are read together. ``start`` and the returned span are the item's: the
    finding points at the item, while the reading covers both. None when the lead-in is not about a
    penalty, when it states a complete penalty of its own (read with its own clause), or when the item
    adds none.
    """
    words = lexicon.penalties
    lead = lead_in.rstrip(" \t\n—–-:,")
    if not words.penalty_words.search(lead):
        return None
    own = read_penalty(lead, 0, lexicon)
    if own is not None and (own.terms or own.death or own.life):
        return None
    if words.open_cue.search(lead) and (term := words.term_item.search(item)):
        # The item's number completes the lead-in's cue; the rest of the item follows.
        combined = f"{lead} {term.group(0)} {item[: term.start()]} {item[term.end() :]}"
    else:
        combined = f"{lead} {item}"
    penalty = read_penalty(combined, 0, lexicon)
    if penalty is None or (own is not None and not penalty.custodial and not penalty.corporal):
        return None
    penalty.start, penalty.end = start, start + len(item)
    return penalty
