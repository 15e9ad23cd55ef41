"""The Markdown review memo, read back with a CommonMark parser (GFM tables on, raw HTML allowed so that any
leak would show): summary, compliance matrix, findings by provision, and no markup from the bill."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from lexcheck.cli import app
from lexcheck.report import FORMATS, RenderContext, format_for_path
from lexcheck.report.markdown_report import escape
from lexcheck.report.markdown_report import render_context as render_markdown
from lexcheck.report.view import placement

HOSTILE = FIXTURES / "hostile_bill.txt"
PARSER = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


@pytest.fixture(scope="module")
def memo(render_context: Callable[..., RenderContext]) -> tuple[RenderContext, str]:
    context = render_context(HOSTILE, FIXTURES / "trafficking_bill.md")
    return context, render_markdown(context)


def tokens(text: str) -> list:
    found = []
    stack = list(PARSER.parse(text))
    while stack:
        token = stack.pop(0)
        found.append(token)
        stack[:0] = token.children or []
    return found


@pytest.mark.parametrize("text", [
    '<script>alert("x")</script>', "</style><img src=x onerror=alert(1)>", "[a link](javascript:alert(1))",
    "1. Short title", "# not a heading", "- not a list", "> not a quote", "a | b | c", "**bold** _it_ `code` ~~s~~",
    "&lt;script&gt; &amp;", "see https://example.invalid/x and www.example.invalid", "back\\slash\\*", "+ plus",
    "3.—(1) A person", "line one\n\nline two",
])
def test_escaped_text_renders_as_exactly_that_text(text: str) -> None:
    # Alone on a line, and after other words (where a leading "1." or "#" means nothing).
    for prefix, line_start in (("", True), ("Text: ", False)):
        source = prefix + escape(text, line_start=line_start)
        assert "\n" not in source
        parsed = tokens(source)
        assert {t.type for t in parsed} <= {"paragraph_open", "paragraph_close", "inline", "text", "softbreak"}, source
        rendered = PARSER.render(source).strip()
        assert rendered.startswith("<p>") and rendered.endswith("</p>")
        assert html.unescape(rendered[3:-4]) == prefix + " ".join(text.split())


def test_memo_has_no_raw_html_and_shows_the_bill_as_text(memo) -> None:
    _, text = memo
    kinds = {t.type for t in tokens(text)}
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "code_inline", "code_block", "fence"}
    rendered = PARSER.render(text)
    assert "&lt;script&gt;window.__lexcheckInjected = &quot;definition&quot;&lt;/script&gt;" in rendered
    assert "<script" not in rendered and "<img" not in rendered and "<iframe" not in rendered


def test_memo_has_summary_matrix_and_findings_by_provision(memo) -> None:
    context, text = memo
    parsed = tokens(text)
    headings = ["".join(c.content for c in parsed[i + 1].children if c.type == "text")
                for i, t in enumerate(parsed) if t.type == "heading_open"]
    assert headings[0] == "lexcheck review memo"
    files = sorted(context.result.files, key=lambda r: r.path)
    assert [h for h in headings if h.endswith((".txt", ".md"))] == [r.path for r in files]
    assert headings.count("Compliance matrix") == headings.count("Whole law") == 2
    assert "s. 3 — Trafficking in persons" in headings
    # Tables: the index of files, then per file severities, toolkit areas and the matrix.
    assert sum(t.type == "table_open" for t in parsed) == 1 + 3 * len(files)
    rendered = PARSER.render(text)
    for report in files:
        for decision in report.decisions:
            assert f"<strong>{decision.concern}</strong>" in rendered
    rows = [t for t in parsed if t.type == "tr_open"]
    assert len(rows) >= sum(len(r.decisions) for r in files)
    for finding in context.result.findings:
        heading = next(h for h in headings if h.endswith(finding.title))
        assert heading.split(":")[0][2:] in ("Error", "Warning", "Info")
        assert " ".join(finding.recommendation.split()) in html.unescape(rendered)
    law = [f for f in context.result.findings if placement(f) == "law"]
    assert law and all(f"prompted by the offence in {f.provision}" in text for f in law)


def test_markdown_format_from_the_command_line(tmp_path: Path) -> None:
    assert format_for_path("memo.md") is FORMATS["markdown"]
    out = tmp_path / "memo.md"
    result = CliRunner().invoke(app, ["check", str(FIXTURES / "smuggling_bill.txt"), "-o", f"markdown:{out}"])
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("# lexcheck review memo\n")
    result = CliRunner().invoke(app, ["check", str(FIXTURES / "smuggling_bill.txt"), "--format", "markdown"])
    assert "### Compliance matrix" in result.stdout
