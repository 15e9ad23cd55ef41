"""Analysing many bills in worker processes (``--jobs N``).

Where processes can be forked (Linux), the analyser is built once, before the workers start, and each
worker inherits it: building one (importing spaCy, the pipeline, the compiled patterns) costs about a
second, which every worker paid again. Elsewhere each worker loads the rules and builds its own. Workers
then take files one by one; results come back in the order the files were given, so the reports are
byte-identical to a run in one process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from lexcheck.engine import Analyzer
from lexcheck.errors import LexcheckError
from lexcheck.rules.loader import load_rulebook

T = TypeVar("T")
# Told how many files are done and how many there are in all: once before the first, then after each.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AnalyzerSpec:
    """How to build an analyser in another process: rule folders (None: bundled), rule IDs, pipeline and the
    language of the bills (None: the rules' own)."""

    rule_paths: tuple[str, ...] | None
    rule_ids: tuple[str, ...]
    model: str | None = None
    language: str | None = None

    def build(self) -> Analyzer:
        """Load the rules and build the analyser (raises LexcheckError or RuleErrors)."""
        book = load_rulebook([Path(p) for p in self.rule_paths] if self.rule_paths else None, self.language)
        chosen = set(self.rule_ids)
        return Analyzer(book, [rule for rule in book.rules if rule.id in chosen], self.model)


def worker_count(jobs: int, files: int) -> int:
    """Workers to start: ``jobs`` (0: one per core), never more than there are files."""
    wanted = jobs if jobs > 0 else (os.cpu_count() or 1)
    return max(1, min(wanted, files))


# State of a worker process: its analyser, or why it could not be built.
_analyzer: Analyzer | None = None
_problem: LexcheckError | None = None


def _start(spec: AnalyzerSpec) -> None:
    global _analyzer, _problem
    try:
        _analyzer = spec.build()
    except LexcheckError as problem:
        _problem = problem


def _run(task: Callable[[str, Analyzer, bool], T], names: Sequence[str], explain: bool) -> tuple[str, list[T]]:
    if _analyzer is None:
        raise _problem or RuntimeError("worker has no analyser")
    analyzer = _analyzer
    return analyzer.pipeline, [task(name, analyzer, explain) for name in names]


# Files per task at most: a task is a message each way and a future in the main process, whose time is taken
# from the workers' cores.
MAX_BATCH = 8


def batches(count: int, workers: int) -> list[range]:
    """The files of each task, in order: up to MAX_BATCH at a time while many are left, then fewer, down to one
    at a time at the end, so that no worker is left with a long task when the others have finished."""
    found, start = [], 0
    while start < count:
        size = max(1, min(MAX_BATCH, (count - start) // (workers * 4)))
        found.append(range(start, start + size))
        start += size
    return found


def _pool(spec: AnalyzerSpec, workers: int) -> ProcessPoolExecutor:
    """Worker processes holding an analyser: forked from this one after building it, or each building its own."""
    global _analyzer
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        # Forked before any thread of this process starts (the pool's own and the progress bar's come later).
        _analyzer = spec.build()
        # What the workers inherit is kept out of their collections: scanned there, it took 0.19 s of each
        # worker's time on 300 bills instead of 0.05 s, and every page the collector wrote to was copied. Unfrozen when the run ends (see run).
        gc.freeze()
        # The collector is paused in this process while results come in (see run); a worker's is on.
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=gc.enable
        )
    return ProcessPoolExecutor(max_workers=workers, initializer=_start, initargs=(spec,))


def run(
    names: Sequence[str],
    spec: AnalyzerSpec,
    task: Callable[[str, Analyzer, bool], T],
    explain: bool,
    jobs: int,
    progress: Progress | None = None,
) -> tuple[str, list[T]]:
    """Apply ``task`` (a module-level function) to every file in worker processes; results in input order.

    Returns the pipeline's name and the results. Raises the LexcheckError of a worker that could not build
    its analyser (an unknown pipeline, say).
    """
    global _analyzer
    workers = worker_count(jobs, len(names))
    # The results pile up here (a thousand bills: millions of objects) and the cycle collector went over all
    # of them again and again as they were unpickled: 1.5 s of the main process's 2.3 s for them, taken from
    # the workers' cores. Nothing here makes cycles that must be freed before the run ends.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with _pool(spec, workers) as pool:
            parts = batches(len(names), workers)
            futures = [pool.submit(_run, task, names[part.start : part.stop], explain) for part in parts]
            done: list[tuple[str, list[T]]] = []
            for part, future in zip(parts, futures, strict=True):
                if progress is not None:
                    progress(part.start, len(names))
                done.append(future.result())
            if progress is not None:
                progress(len(names), len(names))
    finally:
        _analyzer = None  # built here for the forked workers only
        # The results (and the analyser, frozen above) go to the collector's oldest generation unexamined, as
        # checking.age_survivors does: otherwise the first young collection after this went over all of them.
        gc.freeze()
        gc.unfreeze()
        if collecting:
            gc.enable()
    return done[0][0], [outcome for _, outcomes in done for outcome in outcomes]
