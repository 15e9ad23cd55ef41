"""Checking bills end to end: read → structure → analyse, file by file, collecting findings and errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lexcheck import errors, parallel
from lexcheck.document import SUPPORTED_SUFFIXES, Document, read_document
from lexcheck.engine import Analysis, Analyzer
from lexcheck.errors import LexcheckError
from lexcheck.parallel import AnalyzerSpec
from lexcheck.results import FileReport, InputError, RunResult, SkippedFile
from lexcheck.structure import build_statute


def expand_paths(paths: Iterable[str], skipped: list[SkippedFile] | None = None) -> Iterator[str]:
    """Files named directly, files with a known suffix under named directories (sorted), and ``-``.

    Files of other types found in a directory are added to ``skipped``; hidden folders (``.git``, ``.venv``)
    are not scanned.
    """
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)):
                if found.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield str(found)
                elif skipped is not None:
                    skipped.append(SkippedFile(str(found), f"unsupported file type {found.suffix or '(none)'!r}"))
        else:
            yield raw


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def nothing_checked(result: RunResult) -> InputError | None:
    """The error of a run that found no file to analyse: a CI job that checked nothing must not pass."""
    if result.files or result.errors:
        return None
    shown = ", ".join(s.path for s in result.skipped[:5]) + (" …" if len(result.skipped) > 5 else "")
    detail = f"skipped {len(result.skipped)} file(s) of other types: {shown}" if result.skipped else "the paths hold no files"
    problem = LexcheckError(errors.NO_SUPPORTED_FILES, None, supported=", ".join(SUPPORTED_SUFFIXES), skipped=detail)
    return InputError("(inputs)", f"{problem.message} [{problem.code}]")


def analyse_document(document: Document, analyzer: Analyzer, explain: bool = False) -> Analysis:
    """Structure one document and analyse it (``explain``: also keep the suppressed candidates)."""
    return analyzer.analyse(build_statute(document), explain=explain)


def check_file(name: str, analyzer: Analyzer, explain: bool = False) -> FileReport | InputError:
    """Read, structure and analyse one file; a file that cannot be read gives its one-line error."""
    try:
        document = read_document(name)
        analysis = analyse_document(document, analyzer, explain)
    except LexcheckError as problem:
        return InputError(problem.path or name, f"{problem.message} [{problem.code}]")
    except RecursionError:
        nested = LexcheckError(errors.UNREADABLE, name, detail="document structure is nested too deeply")
        return InputError(name, f"{nested.message} [{nested.code}]")
    return FileReport(
        document.path,
        analysis.findings,
        analysis.suppressed,
        analysis.instruments,
        len(analysis.statute.provisions),
        analysis.decisions,
    )


def check_paths(
    paths: Iterable[str],
    analyzer: Analyzer | AnalyzerSpec,
    explain: bool = False,
    exclude: Callable[[str], bool] | None = None,
    skipped: Iterable[SkippedFile] = (),
    jobs: int = 1,
) -> RunResult:
    """Analyse every file; a file that cannot be read is reported and the others are still analysed.

    Files for which ``exclude`` is true are left out, as if they had not been named; ``skipped`` are files
    the caller set aside, listed with those a directory scan sets aside. Given an AnalyzerSpec and
    ``jobs`` other than 1 (0: one per core), files are analysed in worker processes, with the same result.
    """
    found = list(skipped)
    # The same file named twice is analysed once.
    names = [
        name
        for name in dict.fromkeys(expand_paths(paths, found))
        if not (exclude is not None and name != "-" and exclude(name))
    ]
    if isinstance(analyzer, AnalyzerSpec) and jobs != 1 and len(names) > 1 and "-" not in names:
        pipeline, outcomes = parallel.run(names, analyzer, check_file, explain, jobs)
    else:
        built = analyzer.build() if isinstance(analyzer, AnalyzerSpec) else analyzer
        pipeline, outcomes = built.pipeline, [check_file(name, built, explain) for name in names]
    result = RunResult(pipeline=pipeline, skipped=found)
    for outcome in outcomes:
        if isinstance(outcome, InputError):
            result.errors.append(outcome)
        else:
            result.files.append(outcome)
    if exclude is not None:
        result.skipped = [item for item in result.skipped if not exclude(item.path)]
    empty = nothing_checked(result)
    if empty is not None:
        result.errors.append(empty)
    return result
