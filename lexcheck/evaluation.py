"""Measuring precision and recall against gold-labelled statutes (``texts/`` + ``gold/``).

Document level: a concern the gold lists under ``findings`` and the tool reports is a true positive; one it
lists under ``clean`` and the tool reports is a false positive; ``not_assessed`` concerns are ignored.
Location level: a true positive is located when a finding of that concern covers a line of a gold quote.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from lexcheck import errors
from lexcheck.document import SUPPORTED_SUFFIXES, Document, ReadOptions, read_document
from lexcheck.errors import LexcheckError

TEXT_SUFFIXES = SUPPORTED_SUFFIXES


class _GoldModel(BaseModel):
    # Gold files carry free-text fields the scorer does not use (rationale, reason, provision…): allow them,
    # but the keys it relies on must be there and well typed.
    model_config = ConfigDict(extra="allow", frozen=True)


class GoldItem(_GoldModel):
    """One gold finding: a concern, its verdict and the quote that shows it."""

    concern: str
    verdict: Literal["present", "absent-required-element"] = "present"
    quote: str | None = None
    uncertain: bool = False


class GoldEntry(_GoldModel):
    """A concern the gold file lists as clean or not assessed."""

    concern: str


class GoldFile(_GoldModel):
    """A gold file as written (see corpora/README.md)."""

    file: str | None = None
    coverage: str | None = None
    findings: list[GoldItem] = Field(default_factory=list)
    clean: list[GoldEntry] = Field(default_factory=list)
    not_assessed: list[GoldEntry] = Field(default_factory=list)

    @field_validator("findings", "clean", "not_assessed", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value


@dataclass
class Gold:
    """The gold labels of one text."""

    findings: list[GoldItem]
    clean: set[str]
    not_assessed: set[str]

    def concerns(self, include_uncertain: bool) -> set[str]:
        """Concerns the text shows (optionally leaving out debatable ones)."""
        return {g.concern for g in self.findings if include_uncertain or not g.uncertain}

    def uncertain_only(self) -> set[str]:
        """Concerns whose every gold finding is marked uncertain."""
        return self.concerns(True) - self.concerns(False)


@dataclass
class Sample:
    """A corpus text with its gold labels."""

    name: str
    document: Document
    gold: Gold


@dataclass
class Tally:
    """Counts for one concern."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    located: int = 0
    locatable: int = 0
    presence_located: int = 0
    presence_locatable: int = 0
    findings_judged: int = 0  # reported findings on assessed concerns whose place can be judged
    findings_on_lines: int = 0  # … of which on a line the gold quotes
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        """TP / (TP + FP), or None when the tool reported nothing assessable."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """TP / (TP + FN), or None when the gold has nothing for this concern."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p is not None and r is not None and p + r else None


def strip_header(text: str) -> tuple[str, int]:
    """Remove a leading ``#`` metadata block (ending at the first blank line); return text and lines removed."""
    if not text.startswith("#"):
        return text, 0
    end = text.find("\n\n")
    if end == -1:
        return text, 0
    header = text[: end + 2]
    if not all(line.startswith("#") for line in header.strip().splitlines()):
        return text, 0
    return text[end + 2 :], header.count("\n")


def load_gold(path: Path) -> GoldFile:
    """Read and validate one gold file; a malformed one is an LX301 error naming the file and the entry."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexcheckError(errors.GOLD_INVALID, str(path), detail=f"cannot read gold file: {exc}") from None
    if not isinstance(data, dict):
        raise LexcheckError(errors.GOLD_INVALID, str(path), detail="gold file must be a mapping")
    try:
        return GoldFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise LexcheckError(errors.GOLD_INVALID, str(path), detail=f"{where}: {first['msg']}") from None


def _gold(path: Path) -> Gold:
    labels = load_gold(path)
    return Gold(
        list(labels.findings), {e.concern for e in labels.clean}, {e.concern for e in labels.not_assessed}
    )


def is_english_script(text: str) -> bool:
    """True when most letters are Latin: the English pipeline cannot score a Chinese or Arabic text."""
    letters = [c for c in text if c.isalpha()]
    return not letters or sum(c.isascii() for c in letters) / len(letters) >= 0.5


def load_corpus(
    directory: Path, read_options: ReadOptions | None = None
) -> tuple[list[Sample], list[LexcheckError], list[str]]:
    """Read every text in ``directory/texts`` that has a gold file in ``directory/gold`` (with ``read_options``).

    Returns the samples, the files that could not be read, and the names of texts skipped because they
    are not in a Latin-script language the pipeline can analyse.
    """
    texts_dir, gold_dir = directory / "texts", directory / "gold"
    if not texts_dir.is_dir() or not gold_dir.is_dir():
        raise LexcheckError(errors.GOLD_INVALID, str(directory), detail="a corpus needs texts/ and gold/ folders")
    samples: list[Sample] = []
    problems: list[LexcheckError] = []
    skipped: list[str] = []
    for path in sorted(p for p in texts_dir.iterdir() if p.suffix.lower() in TEXT_SUFFIXES):
        gold_path = gold_dir / (path.stem + ".yaml")
        if not gold_path.is_file():
            continue
        try:
            gold = _gold(gold_path)
            document = read_document(path, read_options)
        except LexcheckError as problem:
            problems.append(problem)
            continue
        if document.format == "text":
            text, removed = strip_header(document.text)
            document = Document(document.path, text, document.encoding, document.format, first_line=1 + removed)
        if not is_english_script(document.text):
            skipped.append(path.name)
            continue
        samples.append(Sample(path.name, document, gold))
    return samples, problems, skipped


def _quote_lines(document: Document, quote: str) -> list[set[int]]:
    spans = []
    start = document.text.find(quote)
    while start != -1:
        spans.append(set(range(document.line_of(start), document.line_of(start + len(quote)) + 1)))
        start = document.text.find(quote, start + 1)
    return spans


@dataclass
class Score:
    """Evaluation results, per concern and overall."""

    tallies: dict[str, Tally]
    samples: int

    def micro(self) -> Tally:
        """All concerns pooled."""
        total = Tally()
        for tally in self.tallies.values():
            total.tp += tally.tp
            total.fp += tally.fp
            total.fn += tally.fn
            total.located += tally.located
            total.locatable += tally.locatable
            total.presence_located += tally.presence_located
            total.presence_locatable += tally.presence_locatable
            total.findings_judged += tally.findings_judged
            total.findings_on_lines += tally.findings_on_lines
        return total

    def macro(self) -> tuple[float | None, float | None]:
        """Unweighted mean precision and recall over the concerns where each is defined."""
        ps = [t.precision for t in self.tallies.values() if t.precision is not None]
        rs = [t.recall for t in self.tallies.values() if t.recall is not None]
        return (sum(ps) / len(ps) if ps else None, sum(rs) / len(rs) if rs else None)


def score(
    samples: list[Sample],
    reported: dict[str, list[Any]],
    include_uncertain: bool = True,
    concerns: set[str] | None = None,
) -> Score:
    """Compare reported findings (per sample name) with the gold labels."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for sample in samples:
        gold = sample.gold
        found: dict[str, list[Any]] = defaultdict(list)
        for finding in reported.get(sample.name, []):
            found[finding.concern].append(finding)
        positives = gold.concerns(include_uncertain)
        skip = set() if include_uncertain else gold.uncertain_only()
        for concern in sorted(set(found) | positives | gold.clean):
            if concerns is not None and concern not in concerns:
                continue
            if concern in gold.not_assessed or concern in skip:
                continue
            tally = tallies[concern]
            if concern in positives:
                if found.get(concern):
                    tally.tp += 1
                    items = [g for g in gold.findings if g.concern == concern and g.quote]
                    if items:
                        presence = any(g.verdict == "present" for g in items)
                        tally.locatable += 1
                        tally.presence_locatable += presence
                        lines = [span for g in items for span in _quote_lines(sample.document, g.quote or "")]
                        on_lines = [
                            f
                            for f in found[concern]
                            if any(set(range(f.start_line, f.end_line + 1)) & s for s in lines)
                        ]
                        tally.findings_judged += len(found[concern])
                        tally.findings_on_lines += len(on_lines)
                        if on_lines:
                            tally.located += 1
                            tally.presence_located += presence
                else:
                    tally.fn += 1
                    tally.misses.append(sample.name)
            elif found.get(concern) and concern in gold.clean:
                tally.findings_judged += len(found[concern])
                tally.fp += 1
                tally.false_positives.append(f"{sample.name}:{found[concern][0].start_line}")
    return Score(dict(sorted(tallies.items())), len(samples))
