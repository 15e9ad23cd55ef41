"""The HTML report in a real browser (headless Chromium from Debian, driven by Playwright).

Asserted through the DOM: every finding of the JSON report is on the page, the filters hide and show
findings, next/previous goes through the shown findings, nothing the bill contains was run, and the page
made no request. A screenshot of the page is saved as a test artefact.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, require_program

from lexcheck.report import RenderContext
from lexcheck.report.html_report import render_context as render_html
from lexcheck.report.json_report import build as build_json

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
ARTEFACTS = Path(os.environ.get("LEXCHECK_TEST_ARTEFACTS", Path(tempfile.gettempdir()) / "lexcheck-test-artefacts"))
# Set before any script of the page runs: records policy violations and every request the page starts.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def report(render_context: Callable[..., RenderContext], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    context = render_context(FIXTURES / "hostile_bill.txt", FIXTURES / "trafficking_bill.md")
    folder = tmp_path_factory.mktemp("html")
    page = folder / "report.html"
    page.write_text(render_html(context), encoding="utf-8")
    return {"path": page, "json": build_json(context.result)}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = require_program("/usr/bin/chromium", "chromium")
    with playwright_api.sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, report: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requests = []
    tab.errors = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.add_init_script(WATCH)
    tab.goto(report["path"].as_uri())
    yield tab
    context.close()


def visible_findings(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "article.finding", "cards => cards.filter(c => c.offsetParent !== null).map(c => c.dataset.fingerprint)"
    )


def test_every_json_finding_is_shown(page: Any, report: dict[str, Any]) -> None:
    fingerprints = sorted(f["fingerprint"] for f in report["json"]["findings"])
    assert len(fingerprints) > 10
    assert sorted(visible_findings(page)) == fingerprints
    # Each finding shown on its words has a visible highlight.
    for finding in report["json"]["findings"]:
        card = page.locator(f"article[data-fingerprint='{finding['fingerprint']}']")
        assert card.locator("h4").inner_text() == finding["title"]
        if finding["evidence"]["kind"] == "flag":
            ident = card.get_attribute("data-finding")
            assert page.locator(f"mark[data-findings~='{ident}']").first.is_visible()
    assert page.locator("#filter-status").inner_text() == f"{len(fingerprints)} of {len(fingerprints)} findings shown"


def test_severity_and_concern_filters_hide_and_show_findings(page: Any, report: dict[str, Any]) -> None:
    findings = report["json"]["findings"]
    errors = sorted(f["fingerprint"] for f in findings if f["severity"] == "error")
    others = sorted(f["fingerprint"] for f in findings if f["severity"] != "error")
    page.get_by_role("checkbox", name="Error").uncheck()
    assert sorted(visible_findings(page)) == others
    assert page.locator("#filter-status").inner_text() == f"{len(others)} of {len(findings)} findings shown"
    # The highlight of a hidden finding goes too; the words stay.
    gendered = page.locator("article[data-concern='GENDERED-DEFINITION']").first.get_attribute("data-finding")
    mark = page.locator(f"mark[data-findings~='{gendered}']").first
    assert "filtered-out" in mark.get_attribute("class") and mark.is_visible()
    assert page.locator(f"a.ref[data-findings='{gendered}']").is_hidden()
    page.get_by_role("checkbox", name="Error").check()
    assert sorted(visible_findings(page)) == sorted(errors + others)
    assert "filtered-out" not in mark.get_attribute("class")
    page.select_option("#concern-filter", "SOM-BENEFIT")
    wanted = sorted(f["fingerprint"] for f in findings if f["concern"] == "SOM-BENEFIT")
    assert wanted and sorted(visible_findings(page)) == wanted
    # The provision's margin mark stays for the finding shown; other marks are cleared.
    assert page.locator(".block.marked:not(.filtered-out)").count() >= 1
    page.select_option("#concern-filter", "")
    assert len(visible_findings(page)) == len(findings)


def test_next_and_previous_go_through_the_shown_findings(page: Any) -> None:
    order = page.eval_on_selector_all("article.finding", "cards => cards.map(c => c.dataset.finding)")
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.dataset.finding") == order[0]
    page.get_by_role("button", name="Next finding").click()
    assert page.evaluate("document.querySelector('article.current').dataset.finding") == order[1]
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.dataset.finding") == order[0]
    assert page.locator("#filter-status").inner_text().startswith(f"Finding 1 of {len(order)} shown")
    # With a filter, navigation skips what is hidden.
    page.get_by_role("checkbox", name="Warning").uncheck()
    page.get_by_role("checkbox", name="Info").uncheck()
    errors = page.eval_on_selector_all(
        "article.finding[data-severity='error']", "cards => cards.map(c => c.dataset.finding)")
    visited = []
    for _ in errors:
        page.keyboard.press("n")
        visited.append(page.evaluate("document.activeElement.dataset.finding"))
    assert sorted(visited) == sorted(errors)
    page.get_by_role("button", name="Previous finding").click()
    assert page.evaluate("document.querySelector('article.current').dataset.finding") == visited[-2]


def test_nothing_in_the_bill_runs_and_the_page_makes_no_request(page: Any, report: dict[str, Any]) -> None:
    assert page.evaluate("document.documentElement.classList.contains('js')"), "the report's own script runs"
    assert page.evaluate("typeof window.__lexcheckInjected") == "undefined"
    assert page.evaluate("window.__violations") == []
    assert page.errors == []
    assert page.requests == [report["path"].as_uri()]
    assert page.locator("body").is_visible()  # the bill's "</style><style>body{display:none}" is text
    assert page.locator("text=window.__lexcheckInjected = 'img'").first.is_visible()
    assert page.locator("iframe, img").count() == 0


def test_printed_page_hides_controls_and_keeps_highlights(page: Any) -> None:
    page.emulate_media(media="print")
    assert page.locator("#toolbar").is_hidden()
    background = page.eval_on_selector("mark.hl.sev-error", "m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("article.finding").first.is_visible()


def test_screenshot_is_saved(page: Any) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTEFACTS / "html-report-top.png")
    page.locator("mark.overlap").first.scroll_into_view_if_needed()
    page.evaluate("document.querySelector('mark.overlap').scrollIntoView({block: 'center'})")
    page.screenshot(path=ARTEFACTS / "html-report-bill.png")
    page.screenshot(path=ARTEFACTS / "html-report-full.png", full_page=True)
    for name in ("html-report-top.png", "html-report-bill.png", "html-report-full.png"):
        data = (ARTEFACTS / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    (ARTEFACTS / "README.txt").write_text(
        json.dumps({"made by": "tests/test_html_browser.py", "files": sorted(p.name for p in ARTEFACTS.glob("*.png"))})
        + "\n",
        encoding="utf-8",
    )
