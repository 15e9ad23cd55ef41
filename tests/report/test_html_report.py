"""The annotated HTML report, read as markup: self-contained, escaped, complete, and placed as documented.

What a browser does with it (filters, navigation, no script run, no request) is in test_html_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from lexcheck import __version__
from lexcheck.cli import app
from lexcheck.report import FORMATS, RenderContext, format_for_path
from lexcheck.report.bill_layout import layout
from lexcheck.report.html_report import render_context as render_html
from lexcheck.report.json_report import build as build_json
from lexcheck.report.view import FileView, finding_view
from lexcheck.results import FileReport, Finding, OutlineEntry

HOSTILE = FIXTURES / "hostile_bill.txt"
TRAFFICKING = FIXTURES / "trafficking_bill.md"
SMUGGLING = FIXTURES / "smuggling_bill.txt"


@pytest.fixture(scope="module")
def hostile(render_context: Callable[..., RenderContext]) -> tuple[RenderContext, lxml.html.HtmlElement, str]:
    context = render_context(HOSTILE)
    html = render_html(context)
    return context, lxml.html.document_fromstring(html), html


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def test_page_is_self_contained_and_its_policy_allows_only_its_own_style_and_script(hostile) -> None:
    _, page, _ = hostile
    [meta] = page.xpath("//meta[@http-equiv='Content-Security-Policy']")
    policy = dict(part.strip().split(" ", 1) for part in meta.get("content").split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["connect-src"] == policy["img-src"] == policy["font-src"] == "'none'"
    [style] = page.xpath("//style")
    [script] = page.xpath("//script")
    assert policy["style-src"] == _csp_hash(style.text)
    assert policy["script-src"] == _csp_hash(script.text)
    # Nothing refers outside the page.
    assert page.xpath("//*[@src]") == []
    assert page.xpath("//link | //img | //iframe | //object | //embed | //base | //form") == []
    assert all(href.startswith("#") for href in page.xpath("//@href"))
    assert page.xpath("//@*[starts-with(name(), 'on')]") == []


def test_bill_text_is_shown_as_text_and_escaped(hostile) -> None:
    context, page, html = hostile
    assert html.count("<script") == 1 and html.count("<style") == 1
    for raw in ('<script>window.__lexcheckInjected = "title"</script>', "</style><style>body { display: none }</style>",
                "onerror=\"window.__lexcheckInjected = 'img'\"", "href=\"javascript:window.__lexcheckInjected='link'\"",
                '<iframe src="https://example.invalid/"></iframe>'):
        assert raw in page.text_content()
    # The whole bill is there, word for word (the badges after highlights aside).
    bill = lxml.html.document_fromstring(html).xpath("//div[@class='bill']")[0]
    for badge in bill.xpath(".//a[contains(@class, 'ref')]"):
        badge.drop_tree()
    shown = "".join(p.text_content() for p in bill.xpath(".//p[@class='text']"))
    [report] = context.result.files
    assert "".join(shown.split()) == "".join(report.text.split())


def test_every_finding_has_one_card_with_its_explanation(hostile) -> None:
    context, page, _ = hostile
    findings = build_json(context.result)["findings"]
    cards = page.xpath("//article[contains(@class, 'finding')]")
    assert len(cards) == len(findings) > 10
    assert sorted(card.get("data-fingerprint") for card in cards) == sorted(f["fingerprint"] for f in findings)
    rules = {rule.id: rule for rule in context.rules}
    for finding in findings:
        [card] = page.xpath(f"//article[@data-fingerprint='{finding['fingerprint']}']")
        text = " ".join(card.text_content().split())
        assert card.get("data-severity") == finding["severity"] and card.get("data-concern") == finding["concern"]
        assert {"error": "Error", "warning": "Warning", "info": "Info"}[finding["severity"]] in text
        assert card.xpath(".//svg[contains(@class, 'icon')]"), "severity has a symbol, not only a colour"
        for part in (finding["title"], finding["message"], finding["recommendation"], *finding["references"]):
            assert " ".join(part.split()) in text
        assert " ".join(rules[finding["rule"]].rationale.split()) in text


def test_findings_are_placed_on_words_provisions_and_the_whole_law(hostile) -> None:
    context, page, _ = hostile
    [report] = context.result.files
    by_concern = {f.concern: f for f in report.findings}
    card = {f.fingerprint: page.xpath(f"//article[@data-fingerprint='{f.fingerprint}']")[0] for f in report.findings}
    # A safeguard that is nowhere in the law: in the whole-law block at the top, pointed to from its offence.
    law = card[by_concern["TIP-NONPUNISHMENT"].fingerprint]
    assert law.xpath("ancestor::div[@class='law']")
    ident = law.get("data-finding")
    [pointer] = page.xpath(f"//div[@class='bill']//a[contains(@class, 'place-law')]"
                           f"[contains(concat(' ', @data-findings, ' '), ' {ident} ')]")
    law_findings = [f for f in report.findings if f.evidence.kind == "absent" and f.provision == "s. 3"]
    assert f"Whole law: {len(law_findings)} findings prompted by this provision" in pointer.text_content()
    assert pointer.get("href") == "#file-1-law"
    # A provision lacking a required element: its card in the bill, the provision marked in the margin.
    benefit = card[by_concern["SOM-BENEFIT"].fingerprint]
    ident = benefit.get("data-finding")
    [block] = benefit.xpath("ancestor::div[contains(@class, 'block')]")
    assert "marked" in block.get("class") and ident in block.get("data-marked").split()
    assert "s. 4" in block.text_content() and "Smuggling of migrants" in block.text_content()
    # Flagged words: highlighted exactly, with a badge that names the severity.
    gendered = by_concern["GENDERED-DEFINITION"]
    ident = card[gendered.fingerprint].get("data-finding")
    marks = page.xpath(f"//mark[contains(concat(' ', @data-findings, ' '), ' {ident} ')]")
    assert "".join(m.text_content() for m in marks) == report.text[gendered.start_char : gendered.end_char]
    assert "sev-error" in marks[0].get("class")
    [badge] = page.xpath(f"//a[contains(@class, 'ref')][@data-findings='{ident}']")
    assert badge.text_content() == "Error" and badge.get("href") == f"#card-{ident}"


def test_overlapping_findings_share_the_words_they_both_cover(hostile) -> None:
    context, page, _ = hostile
    [report] = context.result.files
    by_concern = {f.concern: f for f in report.findings}
    minimum, caning = by_concern["MANDATORY-MINIMUM"], by_concern["CORPORAL-PUNISHMENT"]
    assert minimum.start_char < caning.start_char < caning.end_char <= minimum.end_char
    ids = {f.concern: page.xpath(f"//article[@data-fingerprint='{f.fingerprint}']")[0].get("data-finding")
           for f in (minimum, caning)}
    [both] = page.xpath("//mark[contains(@class, 'overlap')]")
    assert set(both.get("data-findings").split()) == set(ids.values())
    assert both.text_content() == report.text[caning.start_char : caning.end_char]
    assert "sev-error" in both.get("class")  # the more serious of the two


def test_compliance_matrix_is_the_engines_decisions(hostile) -> None:
    context, page, _ = hostile
    [file] = build_json(context.result)["summary"]["files"]
    rows = page.xpath("//table[@class='matrix']/tbody/tr")
    assert [(r.get("data-concern"), r.get("data-status")) for r in rows] == [
        (row["concern"], row["status"]) for row in file["compliance"]]
    labels = {"issue": "issue found", "safeguard_present": "safeguard present", "not_applicable": "not applicable",
              "not_evaluated": "not evaluated", "no_issue": "no issue found", "partial": "partial (weaker safeguard)"}
    for row, decision in zip(rows, file["compliance"], strict=True):
        assert labels[decision["status"]] in row.text_content()
        for where in decision["where"]:
            assert row.xpath(f".//a[text()='{where}']"), f"{decision['concern']}: {where} links to the provision"
    statuses = {row["status"] for row in file["compliance"]}
    assert {"issue", "no_issue"} <= statuses


def test_top_says_what_was_checked_and_how_to_read_it(hostile) -> None:
    _, page, _ = hostile
    top = " ".join(page.xpath("//header[@class='top']")[0].text_content().split())
    for expected in ("How to read this report", "legal reviewer must confirm", "automated pattern checks"):
        assert expected in top
    checked = {dt.text_content(): dt.getnext().text_content() for dt in page.xpath("//dl[@class='checked']//dt")}
    assert checked["Pipeline"] == "blank:en" and checked["lexcheck"] == __version__
    assert checked["Checked"].endswith(" UTC")
    section = " ".join(page.xpath("//section[@class='file']")[0].text_content().split())
    assert "creates trafficking and smuggling offences" in section or "creates smuggling and trafficking offences" in section
    assert page.xpath("//table[@class='by-toolkit']//th[starts-with(text(), 'Tool 1.')]")
    toc = [a.text_content() for a in page.xpath("//nav[@class='toc']//a")]
    assert toc[:2] == ["Part I — PRELIMINARY", "s. 1 — Short title"]
    for href in page.xpath("//nav[@class='toc']//a/@href"):
        assert page.xpath(f"//*[@id='{href[1:]}']"), href


def test_weaker_safeguard_says_what_was_found_instead(render_context) -> None:
    page = lxml.html.document_fromstring(render_html(render_context(TRAFFICKING)))
    [card] = page.xpath("//article[@data-concern='TIP-NONPUNISHMENT']")
    text = " ".join(card.text_content().split())
    assert "Weaker safeguard found" in text and "“may decide not to prosecute”" in text
    # Shown at the clause that falls short, not in the whole-law block.
    assert not card.xpath("ancestor::div[@class='law']")
    assert "9." in card.xpath("ancestor::div[contains(@class, 'block')]")[0].text_content()


def test_several_files_get_an_index_and_a_section_each(render_context, tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02binary")
    context = render_context(SMUGGLING, HOSTILE, broken)
    page = lxml.html.document_fromstring(render_html(context))
    links = page.xpath("//nav[@class='index']//a")
    assert [a.text_content() for a in links] == sorted([str(SMUGGLING), str(HOSTILE)])
    for link in links:
        [section] = page.xpath(f"//section[@id='{link.get('href')[1:]}']")
        assert link.text_content() in section.xpath(".//h2")[0].text_content()
    [unread] = page.xpath("//tr[@class='unread']")
    assert str(broken) in unread.text_content() and "LX001" in unread.text_content()
    # Finding ids stay unique across files.
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_html_format_from_the_command_line(tmp_path: Path) -> None:
    assert format_for_path("r.html") is FORMATS["html"]
    out, other = tmp_path / "r.html", tmp_path / "report.out"
    result = CliRunner().invoke(app, ["check", str(SMUGGLING), "--format", "html", "--output", str(out)])
    assert result.exit_code == 1, result.output
    page = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    assert page.xpath("//article[@data-concern='SOM-BENEFIT']")
    result = CliRunner().invoke(app, ["check", str(SMUGGLING), "-o", f"html:{other}", "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 1 and result.stdout == ""
    assert other.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def _finding(concern: str, start: int, end: int, provision: str, evidence: dict) -> Finding:
    return Finding.model_validate({
        "path": "bill.txt", "rule": concern.lower(), "concern": concern, "severity": "error", "title": concern,
        "message": "m", "provision": provision, "provision_heading": None, "start_line": 1, "start_column": 1,
        "end_line": 1, "end_column": 1, "start_char": start, "end_char": end, "excerpt": "e", "references": ["r"],
        "recommendation": "f", "fingerprint": concern, "evidence": evidence,
    })


def test_layout_marks_provisions_and_splits_overlapping_highlights() -> None:
    text = "A BILL\n\n1. First.\nwords here and there\n\n2. Second.\n(1) more words\n"
    one, two, two_one = text.index("1. First"), text.index("2. Second"), text.index("(1) more")
    outline = [
        OutlineEntry("s. 1", "section", "First", one, two, 0),
        OutlineEntry("s. 2", "section", "Second", two, len(text), 0),
        OutlineEntry("s. 2(1)", "subdivision", None, two_one, len(text), 1),
    ]
    flag = {"kind": "flag", "matched": "x", "pattern": "p", "kept": "k"}
    require = {"kind": "require", "scope": "s", "trigger": "t", "trigger_provision": "s", "trigger_pattern": "p",
               "missing": "m"}
    here = text.index("here")
    findings = [
        _finding("WHOLE-DOC", 0, len(text), "(preamble)", require),  # a span over the document, from the preamble
        _finding("SECTION-TWO", two, len(text), "s. 2", require),
        _finding("WIDE", here - 6, here + 4, "s. 1", flag),
        _finding("NARROW", here, here + 8, "s. 1", flag),
    ]
    report = FileReport("bill.txt", findings, [], [], 3, text=text, outline=outline)
    file = FileView(1, report, [finding_view(f, f"f1-{i}", None, None) for i, f in enumerate(findings)], [])
    blocks = layout(file)
    assert [b.provision.label if b.provision else None for b in blocks] == [None, "s. 1", "s. 2", "s. 2(1)"]
    preamble, first, second, sub = blocks
    assert [v.finding.concern for v in preamble.marked_by] == ["WHOLE-DOC"]
    assert first.marked_by == [] and [v.finding.concern for v in second.marked_by] == ["SECTION-TWO"]
    assert [v.finding.concern for v in sub.marked_by] == ["SECTION-TWO"]
    assert [v.finding.concern for v in second.cards] == ["SECTION-TWO"] and sub.cards == []
    pieces = [(s.text, sorted(v.finding.concern for v in s.findings)) for s in first.segments]
    assert pieces == [("1. First.\n", []), ("words ", ["WIDE"]), ("here", ["NARROW", "WIDE"]),
                      (" and", ["NARROW"]), (" there", [])]
    assert [v.finding.concern for s in first.segments for v in s.closes] == ["WIDE", "NARROW"]
    assert [a for a, _ in sub.anchors] == ["file-1-p2"] and sub.level == 1 and second.opens_heading


def test_same_input_gives_the_same_page(render_context, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first = render_html(render_context(HOSTILE, SMUGGLING))
    assert first == render_html(render_context(HOSTILE, SMUGGLING))
    assert "2026-01-01 00:00 UTC" in first
