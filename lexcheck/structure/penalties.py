"""Reading the penalties a statute attaches to its offences: custodial terms, life, death, fines, corporal
punishment; maxima, minima and ranges; in digits or words, years or months.

Penalty formulas are a small, regular language ("liable on conviction to imprisonment for a term not
exceeding seven years", "not less than 3 nor more than 10 years"), so regular expressions over each
clause read them more reliably than a statistical parser would.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_I = re.IGNORECASE
_UNITS = {"year": 1.0, "month": 1 / 12, "week": 1 / 52, "day": 1 / 365}
_WORDS = {
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "half": 0.5,
}
NUMBER = (
    r"(?:\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty)(?:[-\s](?:one|two|three|four|five|six|seven|"
    r"eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|half)"
)
# "seven (7) years", "7 years'", "twelve months"
# "300 day-fines" counts fines, not days.
TERM = rf"(?P<{{name}}>{NUMBER})(?:\s*\(\d+\))?\s*(?P<{{name}}_unit>years?|months?|weeks?|days?)\b(?![-\s]fines?\b)"
_MAX_CUES = (
    r"not\s+exceeding|not\s+more\s+than|no\s+more\s+than|up\s+to|may\s+extend\s+to|maximum(?:\s+term)?\s+of|"
    r"not\s+to\s+exceed|at\s+most|a\s+term\s+not\s+exceeding|which\s+may\s+extend\s+to"
)
_MIN_CUES = (
    r"not\s+less\s+than|no\s+less\s+than|at\s+least|minimum(?:\s+(?:term|sentence|penalty|punishment))?"
    r"(?:\s+of\s+imprisonment)?(?:\s+for)?(?:\s+a\s+term)?\s+of|which\s+shall\s+not\s+be\s+less\s+than"
)


def _term(name: str) -> str:
    return TERM.replace("{name}", name)


RANGE = re.compile(
    rf"(?:{_MIN_CUES}\s+)?(?:between|from|of)?\s*(?:{_term('low')}|(?P<low_bare>{NUMBER}))\s*"
    rf"(?:to|and|-|–|nor\s+more\s+than|but\s+not\s+more\s+than|but\s+not\s+exceeding|or\s+more\s+than)\s+"
    rf"(?:{_MAX_CUES}\s+)?{_term('high')}",
    _I,
)
MAXIMUM = re.compile(rf"(?:{_MAX_CUES})\s+(?:imprisonment\s+(?:for\s+)?)?(?:a\s+term\s+of\s+)?{_term('high')}", _I)
MINIMUM = re.compile(rf"(?:{_MIN_CUES})\s+{_term('low')}", _I)
# "any term of years not less than 15": the unit is stated before the number
MINIMUM_YEARS_BEFORE = re.compile(rf"term\s+of\s+years\s+(?:{_MIN_CUES})\s+(?P<low>{NUMBER})\b", _I)
FIXED = re.compile(
    rf"(?:imprison(?:ment|ed)|custody|detention|penal\s+servitude|jail|prison)\s+(?:for\s+|of\s+)?(?:a\s+(?:term|period)"
    rf"\s+of\s+)?{_term('high')}",
    _I,
)
LIFE = re.compile(
    r"\b(?:imprison(?:ment|ed)\s+for\s+life|life\s+imprisonment|imprisonment\s+for\s+the\s+(?:rest|remainder)"
    r"\s+of\s+(?:his|her|their|the\s+offender's)\s+(?:natural\s+)?life|(?:or|and)\s+(?:for\s+)?life\b|"
    r"imprisonment\s+for\s+(?:the\s+)?(?:whole\s+of\s+)?life|for\s+life)",
    _I,
)
DEATH = re.compile(
    r"\b(?:punish(?:ed|able)\s+(?:with|by)\s+death|sentenced?\s+to\s+death|death\s+penalty|"
    r"penalty\s+of\s+death|capital\s+punishment|liable\s+to\s+death|by\s+death\b|suffer\s+death\b|"
    r"\|\s*death\b)",
    _I,
)
CORPORAL = re.compile(r"\b(?:caning|whipping|flogging|lashes|strokes|corporal\s+punishment)\b", _I)
FINE = re.compile(r"\bfine[sd]?\b", _I)
CUSTODIAL = re.compile(
    r"\b(?:imprison\w*|custod\w*|penal\s+servitude|jail|prison|detention|deprivation\s+of\s+liberty|"
    r"term\s+of\s+years|criminal\s+detention)\b",
    _I,
)
MANDATORY = re.compile(
    r"\b(?:shall|must)\s+be\s+(?:sentenced|punished|imprisoned)\b|\bwithout\s+the\s+option\s+of\s+a\s+fine\b"
    r"|\bmandatory\b",
    _I,
)
# "the court may pass a sentence of not less than …": the court chooses whether to impose that sentence, so
# the minimum is not mandatory.
DISCRETIONARY_SENTENCE = re.compile(
    r"\bmay\s+(?:pass|impose|award|order|give)\b[^.;]{0,40}?\b(?:sentence|term|imprisonment|penalty)\b"
    r"|\bmay\s+(?:sentence|imprison)\b",
    _I,
)
NO_FINE_OPTION = re.compile(r"\bwithout\s+the\s+option\s+of\s+a\s+fine\b", _I)
SUMMARY = re.compile(r"\bsummary\s+conviction|\bsummarily\b|\bon\s+summary\b", _I)
INDICTMENT = re.compile(r"\bon\s+indictment\b|\bconviction\s+on\s+indictment\b", _I)
DISCRETION = re.compile(
    r"\bor\s+(?:a\s+|to\s+a\s+|with\s+a\s+)?fine\b|\bor\s+both\b|\bor\s+(?:a\s+)?non-custodial\b", _I
)


def number_value(text: str) -> float:
    """The value of a number in digits or words ("twenty-one" → 21)."""
    text = text.lower().strip()
    try:
        return float(text)
    except ValueError:
        pass
    total = 0.0
    for part in re.split(r"[-\s]+", text):
        total += _WORDS.get(part, 0)
    return total


def _years(number: str, unit: str | None) -> float:
    factor = _UNITS.get((unit or "year").lower().rstrip("s"), 1.0)
    return round(number_value(number) * factor, 4)


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


def read_penalty(text: str, start: int = 0) -> Penalty | None:
    """Read the penalties stated in one clause of text; None when the clause states none."""
    penalty = Penalty(start, start + len(text), " ".join(text.split()))
    custodial_context = bool(CUSTODIAL.search(text))
    taken: list[tuple[int, int]] = []

    def free(match: re.Match[str]) -> bool:
        return not any(a < match.end() and match.start() < b for a, b in taken)

    if custodial_context:
        for match in RANGE.finditer(text):
            if not match.group("high"):
                continue
            low = match.group("low") or match.group("low_bare")
            if low is None:
                continue
            low_years = _years(low, match.group("low_unit") or match.group("high_unit"))
            high_years = _years(match.group("high"), match.group("high_unit"))
            if low_years >= high_years:
                continue
            penalty.minimum_years = max(penalty.minimum_years or 0, low_years)
            penalty.maximum_years = max(penalty.maximum_years or 0, high_years)
            penalty.terms.append(" ".join(match.group(0).split()))
            taken.append(match.span())
        readings: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], float], str], ...] = (
            (MINIMUM, lambda m: _years(m.group("low"), m.group("low_unit")), "minimum_years"),
            (MINIMUM_YEARS_BEFORE, lambda m: _years(m.group("low"), "years"), "minimum_years"),
            (MAXIMUM, lambda m: _years(m.group("high"), m.group("high_unit")), "maximum_years"),
        )
        for pattern, value, bound in readings:
            for match in pattern.finditer(text):
                if free(match):
                    setattr(penalty, bound, max(getattr(penalty, bound) or 0, value(match)))
                    penalty.terms.append(" ".join(match.group(0).split()))
                    taken.append(match.span())
        for match in FIXED.finditer(text):
            if free(match):
                # A bare term is a maximum ("liable to imprisonment for 5 years") unless the sentence is
                # mandatory ("shall be sentenced to imprisonment for ten years").
                years = _years(match.group("high"), match.group("high_unit"))
                penalty.maximum_years = max(penalty.maximum_years or 0, years)
                if MANDATORY.search(text[: match.start()]) and not DISCRETION.search(text):
                    penalty.minimum_years = max(penalty.minimum_years or 0, years)
                penalty.terms.append(" ".join(match.group(0).split()))
                taken.append(match.span())
        penalty.life = bool(LIFE.search(text)) and bool(re.search(r"imprison|term\s+of\s+years|custod", text, _I))
    penalty.death = bool(DEATH.search(text))
    penalty.corporal = bool(CORPORAL.search(text))
    penalty.fine = bool(FINE.search(text))
    penalty.mandatory_custody = bool(NO_FINE_OPTION.search(text)) or (
        penalty.life
        and not penalty.maximum_years
        and bool(MANDATORY.search(text))
        and not DISCRETION.search(text)
        and not re.search(r"\bliable\b|\bmay\b", text, _I)
    )
    penalty.discretionary_minimum = (
        penalty.minimum_years is not None
        and not penalty.mandatory_custody
        and bool(DISCRETIONARY_SENTENCE.search(text))
        and not MANDATORY.search(text)
    )
    if SUMMARY.search(text):
        penalty.procedure = "summary"
    elif INDICTMENT.search(text):
        penalty.procedure = "indictment"
    if not (penalty.custodial or penalty.fine or penalty.corporal):
        return None
    return penalty


# A lead-in that stops at the penalty's number ("imprisonment for at least—", "a fine not exceeding—"): each
# item of its list supplies the number.
_OPEN_CUE = re.compile(
    rf"(?:{_MIN_CUES}|{_MAX_CUES}|\b(?:imprison(?:ment|ed)|custody|detention|jail|prison)\s+(?:for|of)"
    rf"(?:\s+a\s+(?:term|period)\s+of)?|\bterm\s+of)\s*$",
    _I,
)
_PENALTY_WORDS = re.compile(r"\b(?:liable|punish\w*|sentenc\w*|penalt\w*|imprison\w*|fine[sd]?)\b", _I)
_TERM_IN_ITEM = re.compile(_term("item"), _I)


def read_listed_penalty(lead_in: str, item: str, start: int) -> Penalty | None:
    """Read a list item's penalty together with the words that introduce the list.

    "is liable to imprisonment for at least— (a) 7 years; or (b) …, 10 years" states a minimum only when
    the lead-in and the item are read together. ``start`` and the returned span are the item's: the
    finding points at the item, while the reading covers both. None when the lead-in is not about a
    penalty, when it states a complete penalty of its own (read with its own clause), or when the item
    adds none.
    """
    lead = lead_in.rstrip(" \t\n—–-:,")
    if not _PENALTY_WORDS.search(lead):
        return None
    own = read_penalty(lead)
    if own is not None and (own.terms or own.death or own.life):
        return None
    if _OPEN_CUE.search(lead) and (term := _TERM_IN_ITEM.search(item)):
        # The item's number completes the lead-in's cue; the rest of the item follows.
        combined = f"{lead} {term.group(0)} {item[: term.start()]} {item[term.end() :]}"
    else:
        combined = f"{lead} {item}"
    penalty = read_penalty(combined)
    if penalty is None or (own is not None and not penalty.custodial and not penalty.corporal):
        return None
    penalty.start, penalty.end = start, start + len(item)
    return penalty
