"""Penalty reading, from the case table beside this file (penalty_readings.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import english

from lexcheck.structure.penalties import Penalty, read_listed_penalty, read_penalty

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "penalty_readings.yaml").read_text("utf-8"))


def _read(case: dict[str, Any]) -> Penalty | None:
    if "lead_in" in case:
        return read_listed_penalty(case["lead_in"], case["text"], 100, english())
    return read_penalty(case["text"], 100, english())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_penalty_case(case: dict[str, Any]) -> None:
    penalty = _read(case)
    if case.get("none"):
        assert penalty is None, penalty
        return
    assert penalty is not None
    for name, value in case["expect"].items():
        assert getattr(penalty, name) == value, (name, penalty)


def test_listed_penalty_points_at_the_item() -> None:
    penalty = read_listed_penalty("is liable to imprisonment for at least—", "(a) 7 years; or", 250, english())
    assert penalty is not None
    assert (penalty.start, penalty.end) == (250, 250 + len("(a) 7 years; or"))
    assert "at least 7 years" in penalty.text
