"""Provision trees of numbering styles and layouts, from the case tables beside this file (*_cases.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import english

from lexcheck.document import Document
from lexcheck.structure import build_statute

CASES: list[dict[str, Any]] = [
    case
    for table in sorted(Path(__file__).parent.glob("*_cases.yaml"))
    for case in yaml.safe_load(table.read_text("utf-8"))
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_structure_case(case: dict[str, Any]) -> None:
    document = Document("bill.txt", case["text"], "utf-8", "text")
    statute = build_statute(document, english())
    sections = [p for p in statute.provisions if p.kind == "section"]
    assert [[p.label, p.heading] for p in sections] == case["sections"]
    assert [document.line_of(p.start) for p in sections] == case["section_lines"]
    for words in case.get("not_in_text", []):
        assert words not in statute.text
    assert len(statute.text) == len(document.text), "offsets must stay the document's"
    labels = {p.label for p in statute.provisions}
    assert set(case.get("labels", [])) <= labels
    for label, roles in case.get("roles", {}).items():
        provision = next(p for p in statute.provisions if p.label == label)
        assert set(roles) <= provision.roles, f"{label}: {sorted(provision.roles)}"
