"""Engine behaviour from the case tables beside this file (*_cases.yaml): a bill, a concern, fires or not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

CASES: list[dict[str, Any]] = [
    case
    for table in sorted(Path(__file__).parent.glob("*_cases.yaml"))
    for case in yaml.safe_load(table.read_text("utf-8"))
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_engine_case(findings_for, case: dict[str, Any]) -> None:
    found = findings_for(case["text"], case["concern"])
    assert bool(found) is case["fires"], [f.excerpt for f in found]
