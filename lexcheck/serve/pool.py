"""Analyses run in worker processes, so the server stays responsive and a stuck analysis can be stopped.

A thread cannot be stopped from outside; a process can. Each analysis that takes longer than the time
limit has its process ended (pebble replaces it) and the request gets a one-line error. Where processes
are forked, workers are copies of the loaded server made when the pool starts, and each analysis runs in a
fresh copy of its worker (lexcheck.serve.isolation): nothing of one bill (not even the words a pipeline
remembers) stays in memory for the next.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import sys
from multiprocessing.context import BaseContext

from pebble import ProcessExpired, ProcessPool

from lexcheck import errors
from lexcheck.errors import LexcheckError
from lexcheck.serve.isolation import in_fresh_copy
from lexcheck.serve.settings import ServeSettings
from lexcheck.serve.worker import Engine, Job, Outcome, install, run_job, start_worker

log = logging.getLogger("lexcheck.serve")


def _context() -> tuple[BaseContext, bool]:
    """The way to start workers, and whether they are forked (and share the loaded engine)."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork"), True
    return multiprocessing.get_context("spawn"), False


def run_in_fresh_copy(job: Job) -> Outcome:
    """``run_job`` in a copy of the worker forked for this one bill."""
    return in_fresh_copy(run_job, job)


def _seconds(limit: float) -> str:
    return f"{limit:g} s"


class AnalysisPool:
    """A bounded pool of worker processes that check one bill each, within a time limit."""

    def __init__(self, settings: ServeSettings, engine: Engine):
        self.settings = settings
        self.engine = engine
        self.running = 0
        self._pool: ProcessPool | None = None
        self._forked = False

    def start(self) -> None:
        """Start the workers (forked workers inherit the engine loaded in this process)."""
        install(self.engine)
        context, forked = _context()
        self._forked = forked
        # Workers are started once, now, and kept: forking a replacement while this process's other threads run
        # could copy a lock one of them holds (see lexcheck.serve.isolation).
        self._pool = ProcessPool(
            max_workers=self.settings.workers,
            initializer=start_worker,
            initargs=(self.engine.rule_paths, self.engine.model),
            context=context,
        )

    def stop(self) -> None:
        """Stop the workers, ending analyses still running."""
        if self._pool is not None:
            self._pool.stop()  # type: ignore[no-untyped-call]
            self._pool.join()
            self._pool = None

    @property
    def active(self) -> bool:
        """Whether the pool can take work."""
        return self._pool is not None and self._pool.active

    async def run(self, job: Job) -> Outcome:
        """Check one bill in a worker; raises LexcheckError when busy, too slow, or the worker died."""
        if self._pool is None:
            raise RuntimeError("the analysis pool is not started")
        limit = self.settings.workers + self.settings.max_waiting
        if self.running >= limit:
            raise LexcheckError(errors.SERVER_BUSY, job.name, count=self.running)
        self.running += 1
        # A forked worker analyses each bill in a fresh copy of itself, so nothing of one bill (not even the
        # words a pipeline remembers) stays for the next.
        task = run_in_fresh_copy if self._forked else run_job
        future = self._pool.schedule(task, args=(job,), timeout=self.settings.timeout)
        try:
            # If the client goes away, the awaiting task is cancelled and with it the future: its worker
            # is ended rather than left to finish an analysis for nobody.
            return await asyncio.wrap_future(future)
        except TimeoutError:
            raise LexcheckError(errors.ANALYSIS_TIMEOUT, job.name, limit=_seconds(self.settings.timeout)) from None
        except ProcessExpired as exc:
            log.error("the analysis of an upload ended its worker process (exit code %s)", exc.exitcode)
            detail = f"the analysis stopped unexpectedly (exit code {exc.exitcode})"
            raise LexcheckError(errors.UNREADABLE, job.name, detail=detail) from None
        finally:
            self.running -= 1
