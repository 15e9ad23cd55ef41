"""Layout that is not the law's words: tables of contents and marginal notes (cases in layout_cases.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from lexcheck.document import Document
from lexcheck.structure import build_statute

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "layout_cases.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_layout(case: dict[str, Any]) -> None:
    document = Document("bill.txt", case["text"], "utf-8", "text")
    statute = build_statute(document)
    sections = [p for p in statute.provisions if p.kind == "section"]
    assert [[p.label, p.heading] for p in sections] == case["sections"]
    assert [document.line_of(p.start) for p in sections] == case["section_lines"]
    for words in case.get("not_in_text", []):
        assert words not in statute.text
    assert len(statute.text) == len(document.text), "offsets must stay the document's"
    labels = {p.label for p in statute.provisions}
    assert set(case.get("labels", [])) <= labels
