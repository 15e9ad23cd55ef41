"""Running one analysis in a process forked for it alone, from a worker that does nothing else.

Forking copies a process's memory but only the thread that forks. The server process has threads (the
pool's manager, the event loop's helpers), and whatever lock one of them holds at that moment stays held in
the copy: a worker forked while another thread was inside libxml2 (reading a Word file, say) waited forever
for libxml2's lock the first time it wrote a Word report. So workers are forked once, when the pool starts,
and stay; each of them forks a fresh copy of itself for every analysis. A worker has one thread and never
analyses anything itself, so its copies start with every lock free and nothing of an earlier bill.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# prctl(2): ask the kernel to send a signal when the parent process ends.
_PR_SET_PDEATHSIG = 1


def in_fresh_copy(function: Callable[..., T], *args: object) -> T:
    """``function(*args)`` run in a copy of this process forked for the call; its result or its exception.

    If the copy dies without a result (killed, or out of memory), this process ends with the copy's exit
    status, so that whoever started it sees the analysis fail as if it had died itself. If this process is
    stopped (an analysis over the time limit), the copy is stopped with it.
    """
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _end_with(parent)
        try:
            payload = pickle.dumps((True, function(*args)))
        except BaseException as exc:  # handed to the parent, which raises it
            payload = _pickled_error(exc)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not payload:
        code = os.waitstatus_to_exitcode(status)
        os._exit(128 - code if code < 0 else code or 1)  # a signal's number as a shell reports it
    succeeded, value = pickle.loads(payload)
    if succeeded:
        return value  # type: ignore[no-any-return]
    raise value


def _pickled_error(exc: BaseException) -> bytes:
    try:
        return pickle.dumps((False, exc))
    except Exception:  # an exception that cannot be pickled is passed on as its message
        return pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))


def _end_with(parent: int) -> None:
    """Have the kernel kill this process when its parent ends (Linux); exit at once if it already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)
