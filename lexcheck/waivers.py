"""Waivers: findings a drafting office has reviewed and accepted, kept in a file beside the bills.

A bill cannot carry suppression comments, so a waiver names the finding from outside: its rule (or
concern), its file, and optionally its provision and the finding's fingerprint. Every waiver needs a
justification and an author, and may expire. Waived findings are shown as waived and do not count for
``--fail-on``; expired waivers and waivers that no longer match a finding are reported.

```yaml
waivers:
  - rule: no-savings-clause
    file: bills/border.txt
    provision: s. 4
    fingerprint: 59030bda95dff5a6
    justification: Non-refoulement is guaranteed by section 12 of the Refugees Act.
    author: Legal Drafting Office
    expires: 2027-06-30
```
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pathspec
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lexcheck import errors
from lexcheck.errors import LexcheckError
from lexcheck.results import Finding, Notice, Waived, WaiverInfo

DEFAULT_FILE = "lexcheck-waivers.yaml"


class Waiver(BaseModel):
    """One waiver entry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str = Field(description="A rule ID, or a concern ID for all of its rules.")
    file: str = Field(description="The bill's path or a glob, relative to the waiver file.")
    provision: str | None = Field(default=None, description="Only in this provision ('s. 4(1)').")
    fingerprint: str | None = Field(default=None, description="Only the finding with this fingerprint.")
    justification: str = Field(min_length=1)
    author: str = Field(min_length=1)
    expires: datetime.date | None = None


class WaiverFile(BaseModel):
    """A waiver file: a list of waivers under ``waivers``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    waivers: list[Waiver] = Field(default_factory=list)


@dataclass
class Waivers:
    """The waivers of one file, ready to match findings."""

    path: Path
    entries: list[Waiver]

    def _relative(self, path: str) -> str | None:
        try:
            return Path(os.path.abspath(path)).relative_to(self.path.resolve().parent).as_posix()
        except ValueError:
            return None

    def _covers_file(self, waiver: Waiver, path: str) -> bool:
        relative = self._relative(path)
        return relative is not None and pathspec.GitIgnoreSpec.from_lines([waiver.file]).match_file(relative)

    def _matches(self, waiver: Waiver, finding: Finding) -> bool:
        if waiver.rule not in (finding.rule, finding.concern) or not self._covers_file(waiver, finding.path):
            return False
        if waiver.fingerprint is not None:
            # The fingerprint survives renumbering; the provision label may be out of date, so it is not required.
            return waiver.fingerprint == finding.fingerprint
        return waiver.provision is None or waiver.provision == finding.provision

    def source(self, number: int) -> str:
        """Where an entry is written: the waiver file and the entry's number (1-based)."""
        return f"{self.path}#{number}"

    def apply(
        self, findings: list[Finding], checked: Iterable[str], today: datetime.date | None = None
    ) -> tuple[list[Finding], list[Waived], list[Notice]]:
        """Split findings into active and waived, and report expired and unused waivers.

        A waiver counts as unused only if it names a file that was checked in this run (a run over some
        bills says nothing about waivers for the others).
        """
        today = today or datetime.date.today()
        active, waived = [], []
        used: set[int] = set()
        expired = {n for n, w in enumerate(self.entries) if w.expires is not None and w.expires < today}
        for finding in findings:
            number = next(
                (n for n, w in enumerate(self.entries) if n not in expired and self._matches(w, finding)), None
            )
            if number is None:
                active.append(finding)
                continue
            used.add(number)
            entry = self.entries[number]
            info = WaiverInfo(
                entry.justification,
                entry.author,
                entry.expires.isoformat() if entry.expires else None,
                self.source(number + 1),
            )
            waived.append(Waived(finding, info))
        notices = []
        checked = list(checked)
        for number, entry in enumerate(self.entries):
            where = self.source(number + 1)
            if number in expired:
                notices.append(
                    Notice(
                        where,
                        f"waiver for {entry.rule} in {entry.file} expired on {entry.expires}; "
                        "its findings are reported again",
                    )
                )
            elif number not in used and any(self._covers_file(entry, path) for path in checked):
                notices.append(
                    Notice(where, f"waiver for {entry.rule} in {entry.file} matches no finding; remove it")
                )
        return active, waived, notices


def load(path: Path, known: set[str]) -> Waivers:
    """Read and validate a waiver file; every rule must be a known rule or concern ID."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexcheckError(errors.NOT_FOUND, str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexcheckError(
            errors.UNREADABLE, str(path), detail=getattr(exc, "strerror", None) or str(exc)
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise LexcheckError(
            errors.WAIVER_SYNTAX, str(path), line, detail=getattr(exc, "problem", None) or str(exc)
        ) from None
    try:
        parsed = WaiverFile.model_validate(data if data is not None else {})
    except ValidationError as exc:
        problem = exc.errors()[0]
        key = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in problem["loc"]).replace(
            ".[", "["
        )
        detail = "unknown key" if problem["type"] == "extra_forbidden" else problem["msg"]
        raise LexcheckError(errors.WAIVER_INVALID, str(path), key=key or "(top level)", detail=detail) from None
    for number, entry in enumerate(parsed.waivers):
        if entry.rule not in known:
            raise LexcheckError(
                errors.WAIVER_INVALID,
                str(path),
                key=f"waivers[{number}].rule",
                detail=f"unknown rule or concern ID {entry.rule!r}",
            )
    return Waivers(path, list(parsed.waivers))
