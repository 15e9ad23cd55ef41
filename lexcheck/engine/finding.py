"""Findings: what the engine reports, in the shape every output format renders."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Finding(BaseModel):
    """One concern found in one place of one bill."""

    model_config = ConfigDict(extra="forbid")

    path: str
    rule: str
    concern: str
    severity: str
    title: str
    message: str
    provision: str
    provision_heading: str | None
    start_line: int
    start_column: int
    end_line: int
    end_column: int
    start_char: int
    end_char: int
    excerpt: str
    references: list[str]
    recommendation: str
    fingerprint: str
    evidence: dict[str, Any]
    # Where the finding is in the file as the user keeps it, for formats that are not plain text:
    # {"paragraph": 12} (Word), {"page": 3} (PDF), {"eid": "sec_4__subsec_2"} (Akoma Ntoso), {"line": 40} (HTML).
    source: dict[str, int | str] | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Document order, then rule: the order of every report."""
        return (self.path, self.start_char, self.end_char, self.rule, self.fingerprint)


class Suppressed(BaseModel):
    """A candidate match that a rule saw but did not report, and why (shown by ``--explain``)."""

    model_config = ConfigDict(extra="forbid")

    path: str
    rule: str
    concern: str
    provision: str
    start_line: int
    start_char: int
    excerpt: str
    reason: str
