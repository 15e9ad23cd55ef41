"""Negation and its reach, from the case table beside this file (negation_cases.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "negation_cases.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_negation_case(findings_for, case: dict[str, Any]) -> None:
    found = findings_for(case["text"], case["concern"])
    assert bool(found) is case["fires"], [f.excerpt for f in found]
