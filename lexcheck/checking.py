"""Checking bills end to end: read → structure → analyse, file by file, collecting findings and errors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lexcheck import errors
from lexcheck.document import SUPPORTED_SUFFIXES, Document, ReadOptions, read_document
from lexcheck.engine import Analysis, Analyzer, Finding, Suppressed
from lexcheck.errors import LexcheckError
from lexcheck.structure import build_statute


@dataclass(frozen=True)
class InputError:
    """A file that could not be analysed, with a one-line reason."""

    path: str
    message: str


@dataclass
class FileReport:
    """What was found in one file."""

    path: str
    findings: list[Finding]
    suppressed: list[Suppressed]
    instruments: list[str]
    provisions: int


@dataclass
class RunResult:
    """The outcome of checking a set of files."""

    pipeline: str
    files: list[FileReport] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """All findings, in file and document order."""
        return sorted((f for report in self.files for f in report.findings), key=Finding.sort_key)


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named directly, files with a known suffix under named directories (sorted), and ``-``."""
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                # "~$bill.docx" is the lock file Word keeps beside an open document, not a bill.
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith("~$")
            )
            yield from (str(p) for p in found)
        else:
            yield raw


def analyse_document(document: Document, analyzer: Analyzer, explain: bool = False) -> Analysis:
    """Structure one document and analyse it (``explain``: also keep the suppressed candidates)."""
    return analyzer.analyse(build_statute(document), explain=explain)


def check_paths(
    paths: Iterable[str], analyzer: Analyzer, explain: bool = False, read_options: ReadOptions | None = None
) -> RunResult:
    """Analyse every file; a file that cannot be read is reported and the others are still analysed.

    ``read_options`` says how to read the files (a forced input format, tracked changes in Word files).
    """
    result = RunResult(pipeline=analyzer.pipeline)
    seen: set[str] = set()
    for name in expand_paths(paths):
        if name in seen:
            continue
        seen.add(name)
        try:
            document = read_document(name, read_options)
            analysis = analyse_document(document, analyzer, explain)
        except LexcheckError as problem:
            result.errors.append(InputError(problem.path or name, f"{problem.message} [{problem.code}]"))
            continue
        except RecursionError:
            nested = LexcheckError(errors.UNREADABLE, name, detail="document structure is nested too deeply")
            result.errors.append(InputError(name, f"{nested.message} [{nested.code}]"))
            continue
        result.files.append(
            FileReport(
                document.path,
                analysis.findings,
                analysis.suppressed,
                analysis.instruments,
                len(analysis.statute.provisions),
            )
        )
    return result
