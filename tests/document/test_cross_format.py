"""One bill as .txt, .docx, .pdf, .html and Akoma Ntoso gives the same findings with the same provision labels."""

from __future__ import annotations

import bills
import pytest
from conftest import FIXTURES

from lexcheck.document import read_bytes
from lexcheck.engine import Analyzer
from lexcheck.results import Finding
from lexcheck.structure import build_statute

FORMATS = {
    "bill.docx": bills.to_docx,
    "bill.pdf": bills.to_pdf,
    "bill.html": bills.to_html,
    "bill.xml": bills.to_akn,
}


def findings(analyzer: Analyzer, data: bytes, name: str) -> list[Finding]:
    document = read_bytes(data, name, "." + name.rsplit(".", 1)[-1])
    return analyzer.analyse(build_statute(document, analyzer.lexicon), explain=False).findings


def summary(found: list[Finding]) -> list[tuple[str, str, str, str | None]]:
    return [(f.rule, f.severity, f.provision, f.provision_heading) for f in found]


@pytest.fixture(scope="module")
def from_text(analyzer: Analyzer) -> list[Finding]:
    found = findings(analyzer, bills.to_text().encode(), "bill.txt")
    # The bill is built to break several standards, in provisions at every level.
    provisions = {f.provision for f in found}
    assert {"s. 2(b)", "s. 3(3)", "s. 4(1)", "s. 5(1)"} <= provisions
    assert {"gendered-victim-definition", "death-penalty", "som-offence-without-benefit",
            "citizen-only-protection"} <= {f.rule for f in found}
    assert all(f.source is None for f in found)
    return found


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_same_findings_in_every_format(analyzer: Analyzer, from_text: list[Finding], name: str) -> None:
    found = findings(analyzer, FORMATS[name](), name)
    assert summary(found) == summary(from_text)
    assert all(f.source for f in found)


@pytest.mark.parametrize(
    ("fixture", "key"), [("cross_bill.libreoffice.docx", "paragraph"), ("cross_bill.libreoffice.pdf", "page")]
)
def test_same_findings_from_libreoffice_files(
    analyzer: Analyzer, from_text: list[Finding], fixture: str, key: str
) -> None:
    found = findings(analyzer, (FIXTURES / fixture).read_bytes(), fixture)
    assert summary(found) == summary(from_text)
    assert all(key in (f.source or {}) for f in found)


def test_sources_point_at_the_provision(analyzer: Analyzer) -> None:
    by_rule = {f.rule: f for f in findings(analyzer, bills.to_akn(), "bill.xml")}
    assert by_rule["citizen-only-protection"].source == {"eid": "sec_5__subsec_1"}
    assert by_rule["death-penalty"].source == {"eid": "sec_3__subsec_3"}
    by_rule = {f.rule: f for f in findings(analyzer, bills.to_docx(), "bill.docx")}
    # Title, Part I, s. 1 heading and text, s. 2 heading, text, (a), (b): the definition is paragraph 8.
    assert by_rule["gendered-victim-definition"].source == {"paragraph": 8}
    by_rule = {f.rule: f for f in findings(analyzer, bills.to_pdf(), "bill.pdf")}
    assert by_rule["death-penalty"].source == {"page": 1}
    assert by_rule["citizen-only-protection"].source == {"page": 2}
