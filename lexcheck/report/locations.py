"""Where a finding's file is, as the machine formats name it: relative to the directory lexcheck runs in.

CI runs lexcheck from the repository root, so a path relative to the working directory is the repository
path that code scanning, merge-request widgets and annotations expect.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

SRCROOT = "%SRCROOT%"


def names_a_file(path: str) -> bool:
    """False for the placeholder of an error about the inputs as a whole ("(inputs)")."""
    return not path.startswith("(")


def relative_path(path: str) -> str:
    """``path`` relative to the working directory, with forward slashes; unchanged if it lies outside."""
    if path.startswith("<"):
        return path
    try:
        relative = Path(os.path.abspath(path)).relative_to(Path.cwd())
    except ValueError:
        return Path(path).as_posix()
    return PurePosixPath(*relative.parts).as_posix()


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF artifactLocation: a relative URI under %SRCROOT%, or an absolute file URI outside it."""
    relative = relative_path(path)
    if relative.startswith("<"):
        return {"uri": quote(relative.strip("<>"))}
    if Path(relative).is_absolute():
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(relative), "uriBaseId": SRCROOT}
