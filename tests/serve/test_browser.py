"""``lexcheck serve`` for real: the command started on a free loopback port, used by concurrent clients
and by headless Chromium (Debian's, driven by Playwright).

Asserted: a bill uploaded through the page (picked or dropped) shows its findings in the DOM, nothing the
bill contains runs, the page makes no request but to this server, the downloads are the same analysis,
errors are one line, eight concurrent uploads all get their own correct results, nothing is written to
disk, and Ctrl+C stops the server cleanly. Screenshots are saved as test artefacts.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx2
import pytest
from conftest import FIXTURES, REPO, require_program

from lexcheck.checking import check_paths
from lexcheck.report.json_report import render as render_json

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
ARTEFACTS = Path(os.environ.get("LEXCHECK_TEST_ARTEFACTS", Path(os.environ.get("TMPDIR", "/tmp")) / "lexcheck-test-artefacts"))
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""
BILLS = {
    "hostile_bill.txt": FIXTURES / "hostile_bill.txt",
    "trafficking_bill.md": FIXTURES / "trafficking_bill.md",
    "cross_bill.docx": FIXTURES / "cross_bill.libreoffice.docx",
    "cross_bill.pdf": FIXTURES / "cross_bill.libreoffice.pdf",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``python cli.py serve`` on a free loopback port, with its own empty working and temporary folders."""
    root = tmp_path_factory.mktemp("serve")
    cwd, tmp = root / "cwd", root / "tmp"
    cwd.mkdir()
    tmp.mkdir()
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp), "SOURCE_DATE_EPOCH": "1700000000"}
    log = (root / "server.log").open("w+", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(REPO / "cli.py"), "serve", "--port", str(port), "--max-size", "1MB", "--workers", "2"],
        cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            if httpx2.get(f"{url}/health", timeout=2).status_code == 200:
                break
        except httpx2.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log.seek(0)
            pytest.fail(f"lexcheck serve did not start:\n{log.read()}")
        time.sleep(0.5)
    yield {"url": url, "process": process, "log": log, "cwd": cwd, "tmp": tmp}
    if process.poll() is None:
        process.kill()
        process.wait(30)


@pytest.fixture(scope="module")
def expected(analyzer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The JSON report of each bill, as ``lexcheck check NAME --format json`` prints it."""
    folder = tmp_path_factory.mktemp("expected")
    for name, source in BILLS.items():
        shutil.copyfile(source, folder / name)
    here = Path.cwd()
    os.chdir(folder)
    try:
        return {name: render_json(check_paths([name], analyzer)) for name in BILLS}
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = require_program("/usr/bin/chromium", "chromium")
    with playwright_api.sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, server: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    tab.requests = []
    tab.errors = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.add_init_script(WATCH)
    tab.goto(server["url"] + "/")
    yield tab
    context.close()


def shown_findings(page: Any) -> list[str]:
    return sorted(page.eval_on_selector_all("article.finding", "cards => cards.map(c => c.dataset.fingerprint)"))


def fingerprints(report: str) -> list[str]:
    return sorted(f["fingerprint"] for f in json.loads(report)["findings"])


def test_a_bill_uploaded_through_the_page_shows_its_findings(page: Any, server: dict[str, Any], expected) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTEFACTS / "serve-upload-page.png", full_page=True)
    page.set_input_files("#file", str(BILLS["hostile_bill.txt"]))
    assert page.locator("#chosen").inner_text().startswith("hostile_bill.txt (")
    page.select_option("#fail_on", "warning")
    with page.expect_navigation():
        page.get_by_role("button", name="Check the bill").click()
    assert page.url == server["url"] + "/check"
    wanted = fingerprints(expected["hostile_bill.txt"])
    assert len(wanted) > 10 and shown_findings(page) == wanted
    assert page.locator("h1 .path").inner_text() == "hostile_bill.txt"
    assert "does not pass this check" in page.locator("#verdict").inner_text()
    # The report's own script runs (filters work); nothing from the bill does.
    assert page.evaluate("document.documentElement.classList.contains('js')")
    page.get_by_role("checkbox", name="Error").uncheck()
    assert page.locator("article.finding[data-severity='error']").first.is_hidden()
    page.get_by_role("checkbox", name="Error").check()
    assert page.evaluate("typeof window.__lexcheckInjected") == "undefined"
    assert page.locator("body").is_visible()
    assert page.evaluate("window.__violations") == [] and page.errors == []
    assert {request.split("/")[2] for request in page.requests} == {server["url"].split("/")[2]}
    page.screenshot(path=ARTEFACTS / "serve-report-top.png")
    page.evaluate("document.querySelector('.bill mark.hl').scrollIntoView({block: 'center'})")
    page.screenshot(path=ARTEFACTS / "serve-report-bill.png")
    for name in ("serve-upload-page.png", "serve-report-top.png", "serve-report-bill.png"):
        data = (ARTEFACTS / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_a_dropped_word_file_is_checked_and_its_downloads_are_the_same_analysis(
    page: Any, expected, tmp_path: Path
) -> None:
    content = list(BILLS["cross_bill.docx"].read_bytes())
    page.evaluate(
        """bytes => {
            const file = new File([new Uint8Array(bytes)], 'cross_bill.docx');
            const transfer = new DataTransfer();
            transfer.items.add(file);
            const zone = document.getElementById('drop-zone');
            zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer, bubbles: true, cancelable: true}));
            zone.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }""",
        content,
    )
    assert page.locator("#chosen").inner_text().startswith("cross_bill.docx (")
    with page.expect_navigation():
        page.get_by_role("button", name="Check the bill").click()
    assert shown_findings(page) == fingerprints(expected["cross_bill.docx"])
    with page.expect_download() as download:
        page.locator("a[data-format='json']").click()
    assert download.value.suggested_filename == "cross_bill-lexcheck.json"
    saved = tmp_path / "report.json"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == expected["cross_bill.docx"]
    with page.expect_download() as word:
        page.locator("a[data-format='docx']").click()
    assert word.value.suggested_filename == "cross_bill-lexcheck.docx"
    # Back to the form for the next bill.
    page.get_by_role("link", name="← Check another bill").click()
    assert page.locator("#check-form").is_visible()


def test_an_unreadable_file_is_one_line_on_the_page(page: Any) -> None:
    page.set_input_files("#file", files=[{"name": "bill.txt", "mimeType": "text/plain", "buffer": b"\x00\x01binary\x00" * 50}])
    with page.expect_navigation():
        page.get_by_role("button", name="Check the bill").click()
    assert page.locator("#error").inner_text() == "bill.txt: binary file, not a text document [LX001]"
    assert "Traceback" not in page.content()
    assert page.locator("#check-form").is_visible()
    page.locator("#concerns summary").click()
    page.screenshot(path=ARTEFACTS / "serve-error.png", full_page=True)


def test_a_file_over_the_limit_is_stopped_before_it_is_sent(page: Any) -> None:
    page.set_input_files("#file", files=[{"name": "big.txt", "mimeType": "text/plain", "buffer": b"a " * 600_000}])
    assert "larger than the 1.0 MB limit" in page.locator("#chosen").inner_text()
    page.get_by_role("button", name="Check the bill").click()
    assert page.url.endswith("/") and page.requests[-1].endswith("/")


def test_eight_concurrent_uploads_all_get_their_own_results(server: dict[str, Any], expected) -> None:
    names = [*BILLS, *BILLS]

    def send(name: str) -> httpx2.Response:
        return httpx2.post(f"{server['url']}/api/check", files={"file": (name, BILLS[name].read_bytes())}, timeout=120)

    with ThreadPoolExecutor(max_workers=8) as clients:
        responses = list(clients.map(send, names))
    for name, response in zip(names, responses, strict=True):
        assert response.status_code == 200, response.text
        assert response.text == expected[name]
    assert httpx2.get(f"{server['url']}/health").json()["running"] == 0


def test_nothing_was_written_to_disk_and_ctrl_c_stops_the_server(server: dict[str, Any]) -> None:
    assert list(server["cwd"].iterdir()) == [] and list(server["tmp"].iterdir()) == []
    process = server["process"]
    process.send_signal(signal.SIGINT)
    assert process.wait(60) == 0
    server["log"].seek(0)
    log = server["log"].read()
    assert "lexcheck: open http://127.0.0.1:" in log and "Traceback" not in log
    assert not [line for line in log.splitlines() if "lexcheck: warning" in line]
