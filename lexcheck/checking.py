"""Checking bills end to end: read → structure → analyse, file by file, collecting findings and errors."""

from __future__ import annotations

from collections.abc import Iterable

from lexcheck import errors
from lexcheck.document import Document, ReadOptions, read_document
from lexcheck.document.inputs import Inputs, collect_inputs
from lexcheck.document.limits import DEFAULT_MAX_SIZE
from lexcheck.engine import Analysis, Analyzer
from lexcheck.errors import LexcheckError
from lexcheck.results import FileReport, InputError, RunResult
from lexcheck.structure import build_statute


def analyse_document(document: Document, analyzer: Analyzer, explain: bool = False) -> Analysis:
    """Structure one document and analyse it (``explain``: also keep the suppressed candidates)."""
    return analyzer.analyse(build_statute(document), explain=explain)


def check_paths(
    paths: Iterable[str] | Inputs,
    analyzer: Analyzer,
    explain: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    read_options: ReadOptions | None = None,
) -> RunResult:
    """Analyse every file (each once); a file that cannot be read is reported and the others are still analysed.

    ``paths`` are names as given (files, directories, ``-``) or inputs already collected from them; files
    over ``max_size`` bytes are refused. ``read_options`` says how to read the files (a forced input
    format, tracked changes in Word files).
    """
    inputs = paths if isinstance(paths, Inputs) else collect_inputs(paths)
    result = RunResult(pipeline=analyzer.pipeline)
    result.errors.extend(InputError.of(problem) for problem in inputs.errors)
    result.warnings.extend(InputError.of(problem) for problem in inputs.warnings)
    for name in inputs.names:
        try:
            document = read_document(name, read_options, max_size)
            result.warnings.extend(InputError.of(problem, name) for problem in document.warnings)
            analysis = analyse_document(document, analyzer, explain)
        except LexcheckError as problem:
            result.errors.append(InputError.of(problem, name))
            continue
        except RecursionError:
            nested = LexcheckError(errors.UNREADABLE, name, detail="document structure is nested too deeply")
            result.errors.append(InputError.of(nested))
            continue
        result.files.append(
            FileReport(
                document.path,
                analysis.findings,
                analysis.suppressed,
                analysis.instruments,
                len(analysis.statute.provisions),
                analysis.decisions,
            )
        )
    return result
