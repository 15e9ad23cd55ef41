"""The rule language: pydantic models for rules, pattern sets and the concern catalogue.

Unknown keys are errors everywhere (``extra="forbid"``), so a typo in a rule file is reported, not ignored.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from lexcheck.language.model import LANGUAGE_CODE
from lexcheck.results import Severity

Role = Literal["definition", "offence", "penalty", "protection", "procedure", "purpose", "other"]
Unit = Literal["clause", "sentence", "provision"]
Instrument = Literal["trafficking", "smuggling"]
RuleKind = Literal["flag", "require", "absent", "penalty"]
RULE_KINDS: tuple[RuleKind, ...] = ("flag", "require", "absent", "penalty")
ConcernKind = Literal["presence", "required element", "document absence", "numeric"]

RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# spaCy accepts any token pattern, but expands "{n}" into n token slots and "{n,m}" is only bounded by
# checking match lengths: a pattern of "{0,99999999}" or "{99999999}" explodes compiling or matching.
# The bundled rules need at most 16 repetitions and 20 tokens.
MAX_PATTERN_TOKENS = 100
MAX_REPEAT = 100
_QUANTIFIER = re.compile(r"^\{\s*(\d*)\s*(?:,\s*(\d*)\s*)?\}$")
CONCERN_ID = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")


class Strict(BaseModel):
    """Base model: unknown keys are errors and models are immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Fuzzy(Strict):
    """Phrases matched approximately (rapidfuzz), for spelling and wording variants."""

    phrases: list[str] = Field(min_length=1)
    threshold: int = Field(default=88, ge=50, le=100, description="Minimum partial-ratio score (0-100).")


class MatchSpec(Strict):
    """What to look for. Every listed alternative is tried; any one of them matching is a match."""

    phrases: list[str] = Field(default_factory=list, description="Case-insensitive exact phrases.")
    lemmas: list[str] = Field(
        default_factory=list, description="Phrases matched on lemmas: 'traffic' matches 'trafficked'."
    )
    tokens: list[list[dict[str, Any]]] = Field(default_factory=list, description="spaCy Matcher token patterns.")
    fuzzy: Fuzzy | None = None
    sets: list[str] = Field(default_factory=list, description="Names of shared pattern sets.")
    not_within: MatchSpec | None = Field(
        default=None,
        description="A match lying inside a match of this is not a match: a phrase-level exclusion "
        '("trafficking" inside "drug trafficking", "resident" inside "permanent resident").',
    )
    # Where the spec sits in its rule file ("som-offence-without-benefit.require.element.match"): the stable
    # name its compiled patterns and matches are filed under.
    _key: str = PrivateAttr(default="")

    @property
    def key(self) -> str:
        """The spec's stable name, once its rule has been compiled ("" before)."""
        return self._key

    def name(self, key: str) -> None:
        """Give the spec its stable name (once; compiling the same rule again gives the same name)."""
        if self._key and self._key != key:
            raise ValueError(f"pattern already named {self._key!r}, not {key!r}")
        self._key = key

    @field_validator("tokens")
    @classmethod
    def _bounded(cls, patterns: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
        for number, pattern in enumerate(patterns, start=1):
            if len(pattern) > MAX_PATTERN_TOKENS:
                raise ValueError(f"token pattern {number} has {len(pattern)} tokens (at most {MAX_PATTERN_TOKENS})")
            for token in pattern:
                op = token.get("OP") if isinstance(token, dict) else None
                quantifier = _QUANTIFIER.match(op) if isinstance(op, str) else None
                if quantifier and any(int(n) > MAX_REPEAT for n in quantifier.groups() if n):
                    raise ValueError(
                        f"token pattern {number}: quantifier {op!r} repeats a token more than {MAX_REPEAT} times"
                    )
        return patterns

    @model_validator(mode="after")
    def _not_empty(self) -> MatchSpec:
        if not (self.phrases or self.lemmas or self.tokens or self.fuzzy or self.sets):
            raise ValueError("a match needs at least one of phrases, lemmas, tokens, fuzzy or sets")
        return self


class Condition(Strict):
    """A match, optionally required to occur with (or without) other words in the same unit of text."""

    match: MatchSpec
    with_: MatchSpec | None = Field(default=None, alias="with", description="Must also occur in the same unit.")
    without: MatchSpec | None = Field(default=None, description="Must not occur in the same unit.")
    without_unless: MatchSpec | None = Field(
        default=None,
        description="A `without` match does not count when this also occurs in the unit "
        '("for immigration offences" limits a clause, "for any offence, including immigration offences" does not).',
    )
    unit: Unit = "sentence"

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Scope(Strict):
    """Which provisions a rule looks at."""

    roles: list[Role] = Field(default_factory=list, description="Provision roles in scope; empty means all.")
    exclude_roles: list[Role] = Field(default_factory=list)
    where: Condition | None = Field(default=None, description="Provisions in scope must contain this.")
    where_not: MatchSpec | None = Field(default=None, description="Provisions containing this are out of scope.")
    law_not: MatchSpec | None = Field(
        default=None,
        description="Laws containing this anywhere (outside quoted titles and deleted words) are out of scope: a "
        "general provision elsewhere settles what the rule would flag.",
    )
    instruments: list[Instrument] = Field(
        default_factory=list, description="Only for laws that create these offences; empty means any law."
    )


class Exceptions(Strict):
    """Engine-level exceptions applied to every rule's matches, each of which a rule may switch off."""

    negation: bool = True
    exception_clause: bool = True
    title_quotation: bool = True


class Weaker(Strict):
    """A safeguard that exists but falls short of the standard: reported with its own severity and message."""

    match: Condition
    title: str = Field(description="The finding's title: what falls short, not the rule's title for a missing safeguard.")
    severity: Severity = "info"
    message: str
    anywhere: bool = Field(
        default=False,
        description="Look for this safeguard anywhere in the law, not only in the provision in scope "
        "(for example a general savings clause that partly answers a return power).",
    )


class Require(Strict):
    """Each provision in scope must contain ``element``."""

    element: Condition
    ignore: MatchSpec | None = Field(
        default=None,
        description="An element found in a clause with these words does not count (e.g. aggravation).",
    )
    exception_ignore: MatchSpec | None = Field(
        default=None,
        description="The element also counts in a provision that takes conduct out of the one in scope "
        "('Subsection (1) shall not apply to anything done otherwise than for gain'), unless that exception's "
        "item has these words (an exemption for family members only, for instance, narrows nothing else).",
    )
    weaker: list[Weaker] = Field(default_factory=list)
    across_section: bool = Field(
        default=False,
        description="The element also counts in another subsection of the same section that is itself in scope "
        "('(1) … may arrange the repatriation of victims'; '(3) Where the repatriation would expose the person to "
        "danger, … may permit the person to stay'): one power dealt with in several subsections.",
    )
    missing: str = Field(description="What is missing, as said in the finding.")


class Absent(Strict):
    """Where ``gate`` shows the law is of a kind, some provision somewhere must contain ``element``."""

    gate: Condition
    element: Condition
    weaker: list[Weaker] = Field(default_factory=list)
    missing: str = Field(description="What is missing, as said in the finding.")


class PenaltyCheck(Strict):
    """A test on the penalties extracted from the text (see lexcheck/structure/penalties.py)."""

    check: Literal["maximum_below", "mandatory_minimum"] = Field(
        description="maximum_below: the longest custody an offence in scope allows is under `years`; "
        "mandatory_minimum: a penalty sets a minimum custodial term, mandatory life, or excludes a fine."
    )
    years: float | None = Field(default=None, ge=0)
    aggravated: MatchSpec | None = Field(
        default=None,
        description="maximum_below: a penalty whose clause matches this punishes an aggravated form ('if the "
        "offence is aggravated', 'where the victim is a child') and does not set the offence's own maximum, "
        "unless the offence has no other penalty.",
    )

    @model_validator(mode="after")
    def _years_for_maximum(self) -> PenaltyCheck:
        if self.check == "maximum_below" and self.years is None:
            raise ValueError("check 'maximum_below' needs 'years'")
        return self


class Reference(Strict):
    """A legal source: an instrument and the article relied on."""

    instrument: str
    article: str | None = None

    def __str__(self) -> str:
        return f"{self.instrument}, {self.article}" if self.article else self.instrument


class Example(Strict):
    """A text the rule is tested on."""

    text: str
    note: str | None = None


class Examples(Strict):
    """Texts the rule must fire on, and texts it must stay silent on."""

    fire: list[Example | str] = Field(default_factory=list)
    pass_: list[Example | str] = Field(default_factory=list, alias="pass")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @staticmethod
    def texts(items: list[Example | str]) -> list[str]:
        """The example texts, whichever way they were written."""
        return [item.text if isinstance(item, Example) else item for item in items]


class Rule(Strict):
    """One check. Its logic is in exactly one of the blocks ``flag``, ``require``, ``absent`` or ``penalty``,
    and that block is the rule's kind."""

    id: str
    concern: str
    title: str
    severity: Severity
    message: str
    rationale: str
    recommendation: str
    references: list[Reference] = Field(min_length=1)
    toolkit: str
    language: str | None = Field(
        default=None,
        pattern=LANGUAGE_CODE,
        description="The language the rule's words are in (a lexicon's code); unset: the run's language.",
    )
    scope: Scope = Scope()
    flag: Condition | None = None
    require: Require | None = None
    absent: Absent | None = None
    penalty: PenaltyCheck | None = None
    exceptions: Exceptions = Exceptions()
    examples: Examples = Examples()

    @field_validator("id")
    @classmethod
    def _id_form(cls, value: str) -> str:
        if not RULE_ID.match(value):
            raise ValueError(
                "rule id must be lower-case words joined by hyphens, e.g. 'som-offence-without-benefit'"
            )
        return value

    @field_validator("concern")
    @classmethod
    def _concern_form(cls, value: str) -> str:
        if not CONCERN_ID.match(value):
            raise ValueError("concern must be a catalogue ID such as 'SOM-BENEFIT'")
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> Rule:
        given = [name for name in RULE_KINDS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                "a rule needs exactly one of the blocks flag, require, absent or penalty "
                f"(found: {', '.join(given) or 'none'})"
            )
        return self

    @property
    def kind(self) -> RuleKind:
        """The rule's kind: the name of the block that holds its logic."""
        return next(name for name in RULE_KINDS if getattr(self, name) is not None)


class PatternSet(Strict):
    """A named, reusable match shared between rules."""

    description: str
    match: MatchSpec


class PatternFile(Strict):
    """A file of pattern sets (``rules/patterns/*.yaml``), optionally with instrument detectors."""

    sets: dict[str, PatternSet] = Field(default_factory=dict)
    instruments: dict[Instrument, Condition] = Field(
        default_factory=dict,
        description="How to recognise a provision that creates a trafficking or a smuggling offence.",
    )


class Concern(Strict):
    """An entry of the concern catalogue."""

    id: str
    title: str
    kinds: list[ConcernKind] = Field(min_length=1, description="How the concern is checked.")
    severity: Severity
    basis: str
    toolkit: str
    summary: str = ""


class Catalogue(Strict):
    """The concern catalogue (``rules/concerns.yaml``)."""

    concerns: list[Concern]

    def ids(self) -> set[str]:
        """All concern IDs."""
        return {concern.id for concern in self.concerns}

    def get(self, ident: str) -> Concern | None:
        """The concern with this ID, if any."""
        return next((concern for concern in self.concerns if concern.id == ident), None)
