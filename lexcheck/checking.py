"""Checking bills end to end: read → structure → analyse, file by file, collecting findings and errors."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import PurePath

from lexcheck import errors, parallel
from lexcheck.document import Document, ReadOptions, read_bytes, read_document
from lexcheck.document.inputs import Inputs, collect_inputs
from lexcheck.document.limits import DEFAULT_MAX_SIZE
from lexcheck.engine import Analysis, Analyzer
from lexcheck.errors import LexcheckError
from lexcheck.parallel import AnalyzerSpec, Progress
from lexcheck.results import FileReport, InputError, OutlineEntry, RunResult
from lexcheck.structure import Statute, build_statute


def analyse_document(document: Document, analyzer: Analyzer, explain: bool = False) -> Analysis:
    """Structure one document and analyse it (``explain``: also keep the suppressed candidates)."""
    with without_cycle_collection():
        return analyzer.analyse(build_statute(document, analyzer.lexicon), explain=explain)


@contextmanager
def without_cycle_collection(kept: bool = False) -> Iterator[None]:
    """Pause Python's cycle collector for a block of work that makes many objects and few cycles.

    An analysis makes millions of small objects that live until it ends (matches, provisions, sentences),
    and the collector went over all of them again and again: a tenth of the time on a 10 MB bill. What the
    analysis leaves in cycles (the provision tree) is collected once it is over. With ``kept``, what the
    block made is to be kept (a run's results) and goes to the oldest generation unexamined, so that the
    next young collection does not go over it all.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if kept:
            age_survivors()
        if enabled:
            gc.enable()


def age_survivors() -> None:
    """Move every object the cycle collector tracks to its oldest generation without examining them.

    Full collections, which go over that generation, stay rare (the collector runs one when it has grown by a
    quarter); a garbage cycle among these objects is still found by the next one.
    """
    gc.freeze()
    gc.unfreeze()


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
        paragraphs=document.paragraphs,
        original=document.original,
    )


def reading_options(read_options: ReadOptions | None, analyzer: Analyzer) -> ReadOptions:
    """How to read a bill for ``analyzer``: the given options, with the words of the analyser's language."""
    return replace(read_options or ReadOptions(), lexicon=analyzer.lexicon)


def _check_one(
    name: str, read: Callable[[], Document], analyzer: Analyzer, explain: bool
) -> tuple[FileReport | InputError, list[InputError]]:
    """Read and analyse one bill: its report (or why it could not be read) and its warnings."""
    warnings: list[InputError] = []
    try:
        document = read()
        warnings = [InputError.of(problem, name) for problem in document.warnings]
        return file_report(document, analyzer, explain), warnings
    except LexcheckError as problem:
        return InputError.of(problem, name), warnings
    except RecursionError:
        nested = LexcheckError(errors.UNREADABLE, name, detail="document structure is nested too deeply")
        return InputError.of(nested), warnings
    except Exception as fault:  # a bug in lexcheck must not stop the run, nor show a traceback
        failed = LexcheckError(errors.ANALYSIS_FAILED, name, detail=f"{type(fault).__name__}: {fault}"[:200])
        return InputError.of(failed), warnings


def check_file(
    name: str,
    analyzer: Analyzer,
    explain: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    read_options: ReadOptions | None = None,
) -> tuple[FileReport | InputError, list[InputError]]:
    """Read, structure and analyse one file: its report (or why it could not be read) and its warnings."""
    options = reading_options(read_options, analyzer)
    return _check_one(name, partial(read_document, name, options, max_size), analyzer, explain)


def check_bytes(
    data: bytes, name: str, analyzer: Analyzer, explain: bool = False, read_options: ReadOptions | None = None
) -> RunResult:
    """Analyse one bill held in memory (an upload), as :func:`check_paths` analyses a file.

    ``name`` is shown in reports and its suffix helps recognise the format; it is never opened. Nothing is
    read from or written to disk.
    """
    result = RunResult(pipeline=analyzer.pipeline)
    options = reading_options(read_options, analyzer)
    outcome, warnings = _check_one(
        name, partial(read_bytes, data, name, PurePath(name).suffix, options), analyzer, explain
    )
    result.warnings.extend(warnings)
    if isinstance(outcome, InputError):
        result.errors.append(outcome)
    else:
        result.files.append(outcome)
    return result


@dataclass(frozen=True)
class _FileTask:
    """check_file with the reading settings of a run: sent as it is to worker processes."""

    max_size: int
    read_options: ReadOptions | None

    def __call__(
        self, name: str, analyzer: Analyzer, explain: bool
    ) -> tuple[FileReport | InputError, list[InputError]]:
        return check_file(name, analyzer, explain, self.max_size, self.read_options)


def check_paths(
    paths: Iterable[str] | Inputs,
    analyzer: Analyzer | AnalyzerSpec,
    explain: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    read_options: ReadOptions | None = None,
    progress: Progress | None = None,
    exclude: Callable[[str], bool] | None = None,
    jobs: int = 1,
) -> RunResult:
    """Analyse every file (each once); a file that cannot be read is reported and the others are still analysed.

    ``paths`` are names as given (files, directories, ``-``) or inputs already collected from them; files
    over ``max_size`` bytes are refused. ``read_options`` says how to read the files (a forced input
    format, tracked changes in Word files); ``progress`` is told how many files are done. Files for which
    ``exclude`` is true are left out. Given an AnalyzerSpec and ``jobs`` other than 1 (0: one per core),
    files are analysed in worker processes, with the same result.
    """
    inputs = paths if isinstance(paths, Inputs) else collect_inputs(paths)

    def kept(name: str) -> bool:
        return exclude is None or name == "-" or not exclude(name)

    names = [name for name in inputs.names if kept(name)]
    task = _FileTask(max_size, read_options)
    if isinstance(analyzer, AnalyzerSpec) and jobs != 1 and len(names) > 1 and "-" not in names:
        pipeline, outcomes = parallel.run(names, analyzer, task, explain, jobs, progress)
    else:
        built = analyzer.build() if isinstance(analyzer, AnalyzerSpec) else analyzer
        pipeline, outcomes = built.pipeline, []
        with without_cycle_collection(kept=True):
            for index, name in enumerate(names):
                if progress is not None:
                    progress(index, len(names))
                outcomes.append(task(name, built, explain))
                # What a bill leaves in cycles is young: collected here. With the collector on, the results of
                # the bills before it were gone over again and again as they piled up (2.3 s on 1,000 bills).
                gc.collect(0)
        if progress is not None:
            progress(len(names), len(names))
    result = RunResult(pipeline=pipeline, skipped=[item for item in inputs.skipped if kept(item.path)])
    result.errors.extend(InputError.of(problem) for problem in inputs.errors)
    result.warnings.extend(InputError.of(problem) for problem in inputs.warnings)
    for outcome, warnings in outcomes:
        result.warnings.extend(warnings)
        if isinstance(outcome, InputError):
            result.errors.append(outcome)
        else:
            result.files.append(outcome)
    return result
