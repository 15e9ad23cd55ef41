"""A progress bar on standard error for runs over several files, shown only once a run takes a moment.

The bar goes to standard error and only when that is a terminal, so it is never part of a report, a pipe
or a log; it is cleared when the run ends.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

DELAY = 0.5  # seconds: a run quicker than this shows no bar at all


class ProgressBar:
    """Told ``(done, total)`` by :func:`lexcheck.checking.check_paths`; draws a bar when it is worth it."""

    def __init__(
        self, console: Console | None = None, delay: float = DELAY, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.console = console if console is not None else Console(stderr=True)
        self.delay = delay
        self.clock = clock
        self._started: float | None = None
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if total < 2 or not self.console.is_terminal:
            return
        now = self.clock()
        if self._started is None:
            self._started = now
        if self._progress is None:
            if done >= total or now - self._started < self.delay:
                return
            self._progress = Progress(
                TextColumn("checking"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("checking", total=total)
        assert self._task is not None
        self._progress.update(self._task, completed=done, total=total)
        if done >= total:
            self.close()

    @property
    def shown(self) -> bool:
        """True while the bar is on screen."""
        return self._progress is not None

    def close(self) -> None:
        """Take the bar off the screen (also when the run stops early)."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
