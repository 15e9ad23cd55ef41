"""Checking bills end to end: read → structure → analyse, file by file, collecting findings and errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lexcheck import errors
from lexcheck.document import SUPPORTED_SUFFIXES, Document, read_document
from lexcheck.engine import Analysis, Analyzer
from lexcheck.errors import LexcheckError
from lexcheck.results import FileReport, InputError, OutlineEntry, RunResult
from lexcheck.structure import Statute, build_statute

# Told how many files are done and how many there are in all: once before the first, then after each.
Progress = Callable[[int, int], None]


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named directly, files with a known suffix under named directories (sorted), and ``-``."""
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            yield from (str(p) for p in found)
        else:
            yield raw


def analyse_document(document: Document, analyzer: Analyzer, explain: bool = False) -> Analysis:
    """Structure one document and analyse it (``explain``: also keep the suppressed candidates)."""
    return analyzer.analyse(build_statute(document), explain=explain)


def outline(statute: Statute) -> list[OutlineEntry]:
    """The provision tree flattened in document order, for reports that show the bill."""
    return [
        OutlineEntry(
            label=p.label,
            kind=p.kind,
            heading=p.heading,
            start=p.start,
            end=p.end,
            depth=sum(1 for _ in p.ancestors()) - 1,
            container=p.is_container,
        )
        for p in statute.provisions
    ]


def check_paths(
    paths: Iterable[str], analyzer: Analyzer, explain: bool = False, progress: Progress | None = None
) -> RunResult:
    """Analyse every file; a file that cannot be read is reported and the others are still analysed."""
    result = RunResult(pipeline=analyzer.pipeline)
    names = list(dict.fromkeys(expand_paths(paths)))
    for index, name in enumerate(names):
        if progress is not None:
            progress(index, len(names))
        try:
            document = read_document(name)
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
                analysis.decisions,
                text=document.text,
                outline=outline(analysis.statute),
                first_line=document.first_line,
                source_format=document.format,
            )
        )
    if progress is not None:
        progress(len(names), len(names))
    return result
