"""What `pip install .` ships: every package of lexcheck, and the rule packs with their lexicons."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_is_installed() -> None:
    packages = {
        ".".join(path.parent.relative_to(REPO).parts) for path in (REPO / "lexcheck").rglob("__init__.py")
    }
    assert packages - set(SETUPTOOLS["packages"]) == set()


def test_the_bundled_rules_ship_with_their_lexicons() -> None:
    assert SETUPTOOLS["package-dir"]["lexcheck._bundled.rules"] == "rules"
    assert "**/*.yaml" in SETUPTOOLS["package-data"]["lexcheck._bundled.rules"]
    assert (REPO / "rules" / "lexicon" / "en.yaml").is_file()
