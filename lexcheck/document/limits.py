"""What lexcheck agrees to read: regular files (after resolving links) of bounded size, and standard input.

A FIFO named ``bill.txt`` would block a run forever and a link to ``/dev/zero`` would fill memory, so every
input is checked before a reader touches it, and read through a descriptor that is checked again.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from pathlib import Path

from lexcheck import errors
from lexcheck.errors import LexcheckError

DEFAULT_MAX_SIZE = 50_000_000
_UNITS = {
    "": 1,
    "b": 1,
    "k": 1024,
    "kb": 1000,
    "kib": 1024,
    "m": 1024**2,
    "mb": 1000**2,
    "mib": 1024**2,
    "g": 1024**3,
    "gb": 1000**3,
    "gib": 1024**3,
}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.IGNORECASE)


def parse_size(value: str, option: str = "--max-size") -> int:
    """A size in bytes from ``50MB``, ``500KB``, ``2GiB``, ``10M`` or a plain number of bytes.

    ``KB``/``MB``/``GB`` are powers of 1000; ``K``/``M``/``G`` and ``KiB``/``MiB``/``GiB`` powers of 1024.
    """
    match = _SIZE.match(value)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _UNITS or float(match.group(1)) * _UNITS[unit] < 1:
        raise LexcheckError(errors.INVALID_SIZE, None, value=value, option=option)
    return int(float(match.group(1)) * _UNITS[unit])


def format_size(size: int) -> str:
    """A size for messages: ``50 MB``, ``1.2 MB``, ``800 bytes``."""
    for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def _stat_error(path: Path, exc: OSError) -> LexcheckError:
    name = str(path)
    if isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            return LexcheckError(errors.BROKEN_LINK, name)
        return LexcheckError(errors.NOT_FOUND, name)
    if exc.errno == errno.ELOOP:
        return LexcheckError(errors.LINK_LOOP, name)
    return LexcheckError(errors.UNREADABLE, name, detail=exc.strerror or str(exc))


def _check(path: Path, status: os.stat_result, max_size: int | None) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise LexcheckError(errors.NOT_REGULAR, str(path), kind=file_kind(status.st_mode))
    if max_size is not None and status.st_size > max_size:
        raise LexcheckError(
            errors.TOO_LARGE, str(path), limit=format_size(max_size), size=format_size(status.st_size)
        )


def check_input_file(path: Path, max_size: int = DEFAULT_MAX_SIZE) -> os.stat_result:
    """Check, before anything opens it, that ``path`` leads to a regular file no larger than ``max_size``.

    Raises :class:`LexcheckError` for a missing file, a broken link or loop, a directory, FIFO, socket or
    device, and a file over the limit.
    """
    try:
        status = path.stat()
    except OSError as exc:
        raise _stat_error(path, exc) from None
    _check(path, status, max_size)
    return status


def read_regular_file(path: Path, max_size: int | None = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of a regular file (of at most ``max_size`` bytes), checked on the open descriptor.

    The file is opened without blocking (a FIFO would otherwise wait for a writer) and read no further
    than the size it had when opened, so a file swapped for a pipe or a device after
    :func:`check_input_file` cannot hang or flood the run.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _stat_error(path, exc) from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        _check(path, status, max_size)
        try:
            data = handle.read(status.st_size + 1)
        except OSError as exc:
            raise LexcheckError(errors.UNREADABLE, str(path), detail=exc.strerror or str(exc)) from None
    if len(data) > status.st_size:
        raise LexcheckError(errors.UNREADABLE, str(path), detail="the file grew while it was being read")
    return data


def read_standard_input(max_size: int = DEFAULT_MAX_SIZE, name: str = "<stdin>") -> bytes:
    """Everything on standard input, up to ``max_size`` bytes (more is refused, not truncated)."""
    stream = sys.stdin
    if stream is None:
        raise LexcheckError(errors.UNREADABLE, name, detail="standard input is closed")
    try:
        data = stream.buffer.read(max_size + 1)
    except (OSError, ValueError) as exc:  # ValueError: the stream was closed
        detail = getattr(exc, "strerror", None) or str(exc)
        raise LexcheckError(errors.UNREADABLE, name, detail=detail) from None
    if len(data) > max_size:
        raise LexcheckError(
            errors.TOO_LARGE, name, limit=format_size(max_size), size=f"over {format_size(max_size)}"
        )
    return data
