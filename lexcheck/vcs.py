"""Reading bills from git: a file as it was at a revision, and the files changed since one.

lexcheck calls the ``git`` command, so it works with any repository the user's git can read.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from lexcheck import errors
from lexcheck.errors import LexcheckError


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise LexcheckError(errors.GIT_FAILED, None, detail="git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LexcheckError(errors.GIT_FAILED, None, detail=message[-1] if message else f"git {' '.join(args)} failed")
    return done.stdout


def toplevel(start: Path | None = None) -> Path:
    """The root of the git work tree that holds ``start`` (default: the working directory)."""
    folder = start or Path.cwd()
    return Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip())


def show(revision: str, path: str) -> bytes:
    """The bytes of ``path`` (relative to the working directory) as committed at ``revision``."""
    target = Path(path)
    folder = target.parent if target.parent != Path("") else Path(".")
    # "./name" makes git read the path relative to the working directory, not to the repository root.
    return _git(["show", f"{revision}:./{target.name}"], folder.resolve())


def changed_since(revision: str) -> list[str]:
    """Files changed since ``revision`` (committed, staged or not) and not deleted, relative to the working
    directory, sorted."""
    root = toplevel()
    listed = _git(["diff", "--name-only", "--diff-filter=d", "-z", revision, "--"], root)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    names = {name for chunk in (listed, untracked) for name in chunk.decode("utf-8").split("\0") if name}
    cwd = Path.cwd().resolve()
    found = []
    for name in sorted(names):
        absolute = root / name
        try:
            found.append(absolute.relative_to(cwd).as_posix())
        except ValueError:
            continue
    return found
