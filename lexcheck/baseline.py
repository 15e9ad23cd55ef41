"""Baselines: today's findings recorded in a file, so that a check reports only the findings added since.

A finding is known when the baseline has one of the same file, rule and fingerprint. Fingerprints leave
out numbering, line breaks and white space, so renumbering, inserting a section or re-wrapping a bill
does not make a known finding new. Paths are stored relative to the baseline file.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ConfigDict, ValidationError

from lexcheck import __version__, errors
from lexcheck.errors import LexcheckError
from lexcheck.results import Finding

VERSION = 1


class Entry(BaseModel):
    """One recorded finding; provision and excerpt are there for the reader of the file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str
    rule: str
    fingerprint: str
    provision: str
    excerpt: str


class BaselineFile(BaseModel):
    """The file's content."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lexcheck_baseline: int
    tool_version: str
    findings: list[Entry]


def _relative(path: str, folder: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return PurePosixPath(*absolute.relative_to(folder.resolve()).parts).as_posix()
    except ValueError:
        return absolute.as_posix()


def render(findings: Iterable[Finding], target: Path) -> str:
    """The baseline file for ``findings``, written to ``target`` (sorted, so it diffs well in review)."""
    folder = target.parent
    entries = sorted(
        (
            Entry(
                path=_relative(f.path, folder),
                rule=f.rule,
                fingerprint=f.fingerprint,
                provision=f.provision,
                excerpt=f.excerpt,
            )
            for f in findings
        ),
        key=lambda e: (e.path, e.rule, e.fingerprint),
    )
    data = BaselineFile(lexcheck_baseline=VERSION, tool_version=__version__, findings=entries)
    return json.dumps(data.model_dump(), indent=2, ensure_ascii=False) + "\n"


@dataclass
class Baseline:
    """The known findings of a baseline file."""

    path: Path
    known: Counter[tuple[str, str, str]]

    def split(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """The findings that are new, and those the baseline already has."""
        remaining = Counter(self.known)
        new, known = [], []
        for finding in findings:
            key = (_relative(finding.path, self.path.parent), finding.rule, finding.fingerprint)
            if remaining[key] > 0:
                remaining[key] -= 1
                known.append(finding)
            else:
                new.append(finding)
        return new, known


def load(path: Path) -> Baseline:
    """Read a baseline file; raises LexcheckError if it is missing or not a baseline."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        parsed = BaselineFile.model_validate(data)
    except FileNotFoundError:
        raise LexcheckError(errors.NOT_FOUND, str(path)) from None
    except OSError as exc:
        raise LexcheckError(errors.UNREADABLE, str(path), detail=exc.strerror or str(exc)) from None
    except (ValueError, ValidationError) as exc:
        detail = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        raise LexcheckError(errors.BASELINE_INVALID, str(path), detail=detail) from None
    return Baseline(path, Counter((e.path, e.rule, e.fingerprint) for e in parsed.findings))
