"""An on-disk cache for what every run would otherwise rebuild the same way: the validated rule book and the
lemma lookup table.

An entry is named by a fingerprint of everything it was built from (file contents, versions of lexcheck,
Python and the libraries concerned), so a changed rule file or an upgrade simply misses and builds afresh;
nothing is ever invalidated by hand. The folder is ``$LEXCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/lexcheck``,
else ``~/.cache/lexcheck``; ``LEXCHECK_NO_CACHE=1`` turns the cache off. Entries are pickles, so the folder is
created private to the user (as Python's own ``__pycache__`` holds code, this holds data only its owner
writes). A cache that cannot be read or written is passed over silently: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
# Entries kept per kind: enough for the bundled rules and a few rule folders used side by side.
KEEP_PER_KIND = 8


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    if os.environ.get("LEXCHECK_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("LEXCHECK_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "lexcheck"


def fingerprint(parts: Iterable[str | bytes]) -> str:
    """A hex digest of ``parts`` in order, with the Python version and the pickle protocol in it."""
    digest = hashlib.sha256(f"{sys.version}\x00{pickle.HIGHEST_PROTOCOL}".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:32]


def cached(kind: str, key: str, expected: type[T], build: Callable[[], T]) -> T:
    """The ``kind`` entry for ``key`` if the cache holds one of type ``expected``, else ``build()`` (stored)."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{kind}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
        if isinstance(value, expected):
            return value
    except Exception:
        pass  # none yet, or a damaged or foreign entry: built afresh, whatever unpickling raised
    value = build()
    _store(folder, kind, path, value)
    return value


def _store(folder: Path, kind: str, path: Path, value: object) -> None:
    """Write an entry atomically (readers never see half a file) and drop the oldest of its kind."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{kind}-", dir=folder)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP_PER_KIND:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
