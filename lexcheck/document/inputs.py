"""Which files a run reads: the files named, the bills found under named directories, and standard input.

Each file is read once, however many names lead to it (``bill.txt ./bill.txt $PWD/bill.txt``, a link, a
hard link), under the first name given. Nothing found in a directory is dropped silently: an entry named
like a bill that cannot be read is an error, and everything else that is skipped is reported.
"""

from __future__ import annotations

import errno
import os
import stat
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lexcheck import errors
from lexcheck.document.limits import file_kind
from lexcheck.document.readers import SUPPORTED_SUFFIXES
from lexcheck.errors import LexcheckError
from lexcheck.results import SkippedFile

STDIN = "-"


@dataclass
class Inputs:
    """The names to read, in order, and what was refused or skipped while collecting them."""

    names: list[str] = field(default_factory=list)
    errors: list[LexcheckError] = field(default_factory=list)
    warnings: list[LexcheckError] = field(default_factory=list)
    # Files found in a directory and not read for their type, one by one (every report lists them).
    skipped: list[SkippedFile] = field(default_factory=list)


@dataclass
class _Scan:
    files: list[Path] = field(default_factory=list)
    errors: list[LexcheckError] = field(default_factory=list)
    skipped: list[LexcheckError] = field(default_factory=list)
    unsupported: Counter[str] = field(default_factory=Counter)
    unsupported_files: list[Path] = field(default_factory=list)


def _identity(name: str) -> tuple[int, int] | None:
    """The device and inode a name leads to, links resolved (None when it leads nowhere)."""
    try:
        status = os.stat(name)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def _is_bill(path: Path) -> bool:
    # "~$bill.docx" is the lock file Word keeps beside an open document, not a bill.
    return path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith("~$")


def _skip(scan: _Scan, path: Path, error: LexcheckError, reason: str) -> None:
    """A bill-named entry that cannot be read is an error; any other entry is skipped with a warning."""
    if _is_bill(path):
        scan.errors.append(error)
    else:
        scan.skipped.append(LexcheckError(errors.SKIPPED_ENTRY, str(path), reason=reason))


def _scan(directory: Path) -> _Scan:
    """Walk a directory (without following links to directories, so the walk stays inside it)."""
    scan = _Scan()
    visited: set[tuple[int, int]] = set()
    pending = [directory]
    while pending:
        current = pending.pop()
        try:
            status = current.stat()
            if (status.st_dev, status.st_ino) in visited:
                continue
            visited.add((status.st_dev, status.st_ino))
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            detail = exc.strerror or str(exc)
            scan.errors.append(LexcheckError(errors.UNREADABLE_DIRECTORY, str(current), detail=detail))
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                link = entry.is_symlink()
                mode = os.stat(path).st_mode if link else entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                name = str(path)
                if isinstance(exc, FileNotFoundError):
                    _skip(scan, path, LexcheckError(errors.BROKEN_LINK, name), "broken symbolic link")
                elif exc.errno == errno.ELOOP:
                    _skip(scan, path, LexcheckError(errors.LINK_LOOP, name), "symbolic link loop")
                else:
                    scan.errors.append(LexcheckError(errors.UNREADABLE, name, detail=exc.strerror or str(exc)))
                continue
            if stat.S_ISDIR(mode):
                if entry.name.startswith("."):
                    # .git, .venv and the like hold no bills, and thousands of files of other types.
                    scan.skipped.append(LexcheckError(errors.SKIPPED_ENTRY, str(path), reason="hidden folder, not scanned"))
                elif link:
                    scan.skipped.append(
                        LexcheckError(errors.SKIPPED_ENTRY, str(path), reason="link to a directory, not followed")
                    )
                else:
                    pending.append(path)
            elif not stat.S_ISREG(mode):
                kind = file_kind(mode)
                _skip(scan, path, LexcheckError(errors.NOT_REGULAR, str(path), kind=kind), kind)
            elif _is_bill(path):
                scan.files.append(path)
            else:
                scan.unsupported[path.suffix.lower() or "no suffix"] += 1
                scan.unsupported_files.append(path)
    scan.files.sort()
    return scan


def _suffixes(counts: Counter[str]) -> str:
    names = sorted(counts)
    return ", ".join(names[:6]) + (", …" if len(names) > 6 else "")


def _found(scan: _Scan) -> str:
    """What a directory with no bill in it held, in words."""
    parts = []
    if scan.unsupported:
        parts.append(
            f"{sum(scan.unsupported.values())} file(s) of unsupported type: {_suffixes(scan.unsupported)}"
        )
    if scan.skipped:
        parts.append(f"{len(scan.skipped)} other entr{'y' if len(scan.skipped) == 1 else 'ies'} skipped")
    return "; ".join(parts) or "it is empty"


def _expand(raw: str, inputs: Inputs) -> list[str]:
    path = Path(raw)
    if raw == STDIN or not path.is_dir():
        return [raw]
    scan = _scan(path)
    inputs.errors.extend(scan.errors)
    inputs.warnings.extend(scan.skipped)
    inputs.skipped.extend(
        SkippedFile(str(p), f"unsupported file type {p.suffix.lower() or '(none)'!r}") for p in sorted(scan.unsupported_files)
    )
    if not scan.files and not scan.errors:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        inputs.errors.append(LexcheckError(errors.NOTHING_TO_CHECK, raw, supported=supported, found=_found(scan)))
    elif scan.unsupported:
        inputs.warnings.append(
            LexcheckError(
                errors.SKIPPED_UNSUPPORTED,
                raw,
                count=sum(scan.unsupported.values()),
                suffixes=_suffixes(scan.unsupported),
            )
        )
    return [str(file) for file in scan.files]


def collect_inputs(paths: Iterable[str]) -> Inputs:
    """Expand directories (bills under them, sorted) and drop second names for a file already listed."""
    inputs = Inputs()
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        if raw != STDIN and Path(raw).is_dir():
            identity = _identity(raw)
            if identity in seen:
                continue  # the same directory named twice
            if identity is not None:
                seen.add(identity)
        for name in _expand(raw, inputs):
            identity = None if name == STDIN else _identity(name)
            if identity is not None:
                if identity in seen:
                    continue
                seen.add(identity)
            elif name in inputs.names:
                continue
            inputs.names.append(name)
    return inputs
