"""Checking bills end to end: read → structure → analyse, file by file, collecting findings and errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import PurePath

from lexcheck import errors
from lexcheck.document import Document, ReadOptions, read_bytes, read_document
from lexcheck.document.inputs import Inputs, collect_inputs
from lexcheck.document.limits import DEFAULT_MAX_SIZE
from lexcheck.engine import Analysis, Analyzer
from lexcheck.errors import LexcheckError
from lexcheck.results import FileReport, InputError, OutlineEntry, RunResult
from lexcheck.structure import Statute, build_statute

# Told how many files are done and how many there are in all: once before the first, then after each.
Progress = Callable[[int, int], None]


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


def file_report(document: Document, analyzer: Analyzer, explain: bool = False) -> FileReport:
    """Analyse one document into what every report shows of it: findings, decisions, its text and outline."""
    analysis = analyse_document(document, analyzer, explain)
    return FileReport(
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


def _check_one(
    result: RunResult, name: str, read: Callable[[], Document], analyzer: Analyzer, explain: bool
) -> None:
    """Read and analyse one bill into ``result``; a bill that cannot be read is one error, not an exception."""
    try:
        document = read()
        result.warnings.extend(InputError.of(problem, name) for problem in document.warnings)
        report = file_report(document, analyzer, explain)
    except LexcheckError as problem:
        result.errors.append(InputError.of(problem, name))
        return
    except RecursionError:
        nested = LexcheckError(errors.UNREADABLE, name, detail="document structure is nested too deeply")
        result.errors.append(InputError.of(nested))
        return
    result.files.append(report)


def check_bytes(
    data: bytes, name: str, analyzer: Analyzer, explain: bool = False, read_options: ReadOptions | None = None
) -> RunResult:
    """Analyse one bill held in memory (an upload), as :func:`check_paths` analyses a file.

    ``name`` is shown in reports and its suffix helps recognise the format; it is never opened. Nothing is
    read from or written to disk.
    """
    result = RunResult(pipeline=analyzer.pipeline)
    suffix = PurePath(name).suffix
    _check_one(result, name, partial(read_bytes, data, name, suffix, read_options), analyzer, explain)
    return result


def check_paths(
    paths: Iterable[str] | Inputs,
    analyzer: Analyzer,
    explain: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    read_options: ReadOptions | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Analyse every file (each once); a file that cannot be read is reported and the others are still analysed.

    ``paths`` are names as given (files, directories, ``-``) or inputs already collected from them; files
    over ``max_size`` bytes are refused. ``read_options`` says how to read the files (a forced input
    format, tracked changes in Word files); ``progress`` is told how many files are done.
    """
    inputs = paths if isinstance(paths, Inputs) else collect_inputs(paths)
    result = RunResult(pipeline=analyzer.pipeline)
    result.errors.extend(InputError.of(problem) for problem in inputs.errors)
    result.warnings.extend(InputError.of(problem) for problem in inputs.warnings)
    for index, name in enumerate(inputs.names):
        if progress is not None:
            progress(index, len(inputs.names))
        _check_one(result, name, partial(read_document, name, read_options, max_size), analyzer, explain)
    if progress is not None:
        progress(len(inputs.names), len(inputs.names))
    return result
