"""Writing a report to a file without ever destroying a bill: never over an input, always whole or not at all.

``-o v.txt`` with ``v.txt`` among the inputs once replaced the bill with its own report. A report path that
leads to an input (the same name, a symbolic link to it, or a hard link) is refused before anything is
written; otherwise the report is written to a temporary file in the same folder and renamed over the
target, so a failed or interrupted write leaves the previous file untouched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from lexcheck import errors
from lexcheck.errors import LexcheckError

STDIN = "-"


def _identities(inputs: Iterable[str]) -> dict[tuple[int, int], str]:
    """Device and inode of every input that exists (standard input too, when it is a file)."""
    found: dict[tuple[int, int], str] = {}
    for name in inputs:
        try:
            status = os.fstat(sys.stdin.fileno()) if name == STDIN and sys.stdin is not None else os.stat(name)
        except (OSError, ValueError):
            continue
        if name == STDIN and not stat.S_ISREG(status.st_mode):
            continue
        found.setdefault((status.st_dev, status.st_ino), "standard input" if name == STDIN else name)
    return found


def refuse_input(path: Path, inputs: Iterable[str]) -> None:
    """Raise :class:`LexcheckError` when ``path`` leads to one of ``inputs`` (same file, link or hard link)."""
    try:
        status = path.stat()
    except OSError:
        return  # nothing there yet (or a broken link): it cannot be an input
    name = _identities(inputs).get((status.st_dev, status.st_ino))
    if name is not None:
        raise LexcheckError(errors.OUTPUT_IS_INPUT, str(path), input=name)


def _unwritable(path: Path, exc: OSError) -> LexcheckError:
    return LexcheckError(errors.UNWRITABLE, str(path), detail=exc.strerror or str(exc))


def _temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new file beside the target, created with the usual permissions (0666 less the umask)."""
    while True:
        candidate = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(
                candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
            ), candidate
        except FileExistsError:
            continue


def write_atomically(text: str | bytes, path: Path, inputs: Iterable[str] = ()) -> None:
    """Write ``text`` (UTF-8, or bytes as they are) to ``path``, refusing a path that leads to any of ``inputs``.

    A link is followed, so the file it points to is replaced and the link kept. A target that exists and
    is not a regular file (``/dev/stdout``, ``/dev/null``, a FIFO) is written to directly, since it cannot
    be renamed over. Raises :class:`LexcheckError` when the report cannot be written.
    """
    refuse_input(path, inputs)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        existing: os.stat_result | None = path.stat()
    except OSError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise LexcheckError(errors.UNWRITABLE, str(path), detail="it is a directory")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        try:
            # Opened without blocking: a FIFO with no reader is an error, not a hang.
            descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
            os.set_blocking(descriptor, True)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise _unwritable(path, exc) from None
        return
    # Resolved only now: /dev/stdout leads to "pipe:[…]", which is no path.
    target = Path(os.path.realpath(path))
    temporary: Path | None = None
    try:
        descriptor, temporary = _temporary(target.parent, target.name)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(temporary, stat.S_IMODE(existing.st_mode))
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        raise _unwritable(path, exc) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
