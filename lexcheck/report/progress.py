"""A progress bar on standard error for runs over several files, shown only once a run takes a moment.

The bar goes to standard error and only when that is a terminal, so it is never part of a report, a pipe
or a log; it is cleared when the run ends.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # rich is imported when a bar may be shown: a run of one file, or to a file, does without it.
    from rich.console import Console
    from rich.progress import Progress, TaskID

DELAY = 0.5  # seconds: a run quicker than this shows no bar at all


class ProgressBar:
    """Told ``(done, total)`` by :func:`lexcheck.checking.check_paths`; draws a bar when it is worth it."""

    def __init__(
        self, console: Console | None = None, delay: float = DELAY, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._console = console
        self.delay = delay
        self.clock = clock
        self._started: float | None = None
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    @property
    def console(self) -> Console:
        """The console the bar is drawn on: standard error unless another was given."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True)
        return self._console

    def __call__(self, done: int, total: int) -> None:
        if total < 2 or not self.console.is_terminal:
            return
        now = self.clock()
        if self._started is None:
            self._started = now
        if self._progress is None:
            if done >= total or now - self._started < self.delay:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

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
