"""The web app of ``lexcheck serve`` through Starlette's TestClient: the page, the report, the JSON API, limits.

The app runs its real worker processes; the JSON API is compared byte for byte with ``lexcheck check
--format json`` on the same file.
"""

from __future__ import annotations

import asyncio
import base64
import html
import io
import json
import re
import shutil
import socket
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import FIXTURES
from lxml import etree
from starlette.testclient import TestClient
from typer.testing import CliRunner

from lexcheck.checking import check_paths
from lexcheck.cli import app as cli_app
from lexcheck.errors import LexcheckError
from lexcheck.report import FORMATS, RenderContext, html_report, markdown_report
from lexcheck.serve.app import create_app
from lexcheck.serve.pool import AnalysisPool
from lexcheck.serve.settings import ServeSettings, exposure_warning, is_loopback
from lexcheck.serve.uploads import display_name
from lexcheck.serve.worker import Engine, Job

BASE = "http://127.0.0.1:8000"
DOCX = FIXTURES / "cross_bill.libreoffice.docx"
PDF = FIXTURES / "cross_bill.libreoffice.pdf"
TRAFFICKING = FIXTURES / "trafficking_bill.md"
HOSTILE = FIXTURES / "hostile_bill.txt"
LIMIT = 400_000


@pytest.fixture(scope="module")
def client(engine: Engine) -> Iterator[TestClient]:
    settings = ServeSettings(max_upload=LIMIT, workers=2)
    # Set before any worker starts (workers are forked ahead of requests), so reports show a fixed date.
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", "1700000000")
        with TestClient(create_app(settings, engine), base_url=BASE) as test_client:
            yield test_client


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, rulebook) -> CliRunner:
    """The real CLI, reusing the session's parsed rule book (the YAML takes a while to parse)."""
    import lexcheck.cli

    monkeypatch.setattr(lexcheck.cli, "load_rulebook", lambda paths=None, language=None: rulebook)
    return CliRunner()


def upload(client: TestClient, path: Path, name: str | None = None, route: str = "/api/check", **fields: Any):
    return client.post(route, files={"file": (name or path.name, path.read_bytes())}, data=fields)


def cli_json(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path, *options: str):
    """What ``lexcheck check NAME --format json`` prints for a copy of ``source`` named as uploaded."""
    shutil.copyfile(source, tmp_path / source.name)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli_app, ["check", source.name, "--format", "json", *options], catch_exceptions=False)
    return result


def data_url(page: str, fmt: str) -> bytes:
    match = re.search(rf'<a href="data:[^;]+;base64,([A-Za-z0-9+/=]+)" download="[^"]+" data-format="{fmt}">', page)
    assert match, f"no {fmt} download on the page"
    return base64.b64decode(match.group(1))


def error_line(page: str) -> str:
    lines = re.findall(r'<p class="error" role="alert" id="error">(.*?)</p>', page, re.S)
    assert len(lines) == 1
    return html.unescape(lines[0])


# -- the upload page -----------------------------------------------------------------------------------

def test_upload_page_offers_file_text_and_options_under_a_strict_policy(client: TestClient, engine: Engine) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.text
    assert '<form method="post" action="/check" enctype="multipart/form-data"' in page
    assert 'type="file" id="file" name="file"' in page and '<textarea id="text" name="text"' in page
    assert page.count('type="checkbox" name="select"') == len(engine.rulebook.catalogue.concerns)
    assert '<option value="warning">' in page and 'name="fail_on"' in page
    policy = response.headers["content-security-policy"]
    assert policy.startswith("default-src 'none'") and "form-action 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    # No external resource: every src/href is a fragment, this server's own path, or absent.
    assert not re.search(r'(?:src|href|action)="(?!/|#)', page)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"


def test_security_headers_are_on_every_response(client: TestClient) -> None:
    for response in (client.get("/nowhere"), client.get("/health"), client.post("/api/check", data={"text": "x"})):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "default-src 'none'" in response.headers["content-security-policy"]


def test_requests_for_another_host_name_are_refused_on_loopback(client: TestClient) -> None:
    # A page elsewhere that rebinds its own name to 127.0.0.1 cannot read this server's answers.
    response = client.get("/health", headers={"host": "attacker.example:8000"})
    assert response.status_code == 400
    assert client.get("/health", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/health", headers={"host": "[::1]:8000"}).status_code == 200


def test_health_reports_a_ready_server(client: TestClient, engine: Engine) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["rules"] == len(engine.rulebook.rules) and body["pipeline"] == "blank:en"


# -- the JSON API ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("source", [DOCX, HOSTILE], ids=["docx", "text"])
def test_api_returns_what_lexcheck_check_prints_byte_for_byte(
    client: TestClient, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path
) -> None:
    expected = cli_json(runner, tmp_path, monkeypatch, source)
    response = upload(client, source)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.content == expected.stdout_bytes
    assert json.loads(response.content)["findings"], "the bill has findings"
    assert response.headers["lexcheck-exit-code"] == str(expected.exit_code)


def test_api_selection_and_threshold_match_the_cli(
    client: TestClient, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = ["--select", "SOM-BENEFIT,GENDERED-DEFINITION,TIP-NONPUNISHMENT", "--ignore", "gendered-victim-definition"]
    expected = cli_json(runner, tmp_path, monkeypatch, HOSTILE, *options, "--fail-on", "warning")
    response = client.post(
        "/api/check?fail_on=warning",
        files={"file": (HOSTILE.name, HOSTILE.read_bytes())},
        data={"select": "SOM-BENEFIT,GENDERED-DEFINITION", "ignore": "gendered-victim-definition"},
        params={"select": "TIP-NONPUNISHMENT"},
    )
    assert response.content == expected.stdout_bytes
    report = json.loads(response.content)
    assert {f["concern"] for f in report["findings"]} <= {"SOM-BENEFIT", "GENDERED-DEFINITION", "TIP-NONPUNISHMENT"}
    assert response.headers["lexcheck-exit-code"] == str(expected.exit_code)


def test_api_takes_a_raw_body_named_in_the_query(client: TestClient, analyzer, tmp_path: Path, monkeypatch) -> None:
    response = client.post("/api/check?name=bill.md", content=TRAFFICKING.read_bytes())
    assert response.status_code == 200
    shutil.copyfile(TRAFFICKING, tmp_path / "bill.md")
    monkeypatch.chdir(tmp_path)
    expected = FORMATS["json"].render(RenderContext(check_paths(["bill.md"], analyzer)))
    assert response.content == expected


@pytest.mark.parametrize(
    ("content", "name", "status", "code"),
    [
        (b"\x00\x01\x02\x03binary\x00data" * 20, "bill.txt", 422, "LX001"),
        (b"", "bill.txt", 422, "LX002"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "setup.exe", 415, "LX005"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "bill.doc", 415, "LX026"),
        (b"PK\x03\x04 not really a zip archive", "bill.docx", 422, "LX007"),
        (b"%PDF-1.7\n garbage", "bill.pdf", 422, "LX007"),
    ],
    ids=["binary", "empty", "unsupported", "legacy-word", "corrupt-docx", "corrupt-pdf"],
)
def test_unreadable_uploads_are_one_error_in_the_cli_schema(
    client: TestClient, content: bytes, name: str, status: int, code: str
) -> None:
    response = client.post("/api/check", files={"file": (name, content)})
    assert response.status_code == status
    report = response.json()
    assert report["summary"]["files_analysed"] == 0 and report["findings"] == []
    [error] = report["errors"]
    assert error["path"] == name and error["message"].endswith(f"[{code}]")
    assert "Traceback" not in response.text
    assert response.headers["lexcheck-exit-code"] == "2"
    # The page says the same in one line, with the form to try again.
    page = client.post("/check", files={"file": (name, content)})
    assert page.status_code == status
    assert error_line(page.text) == f"{name}: {error['message']}"
    assert 'id="check-form"' in page.text and "Traceback" not in page.text


def test_an_upload_over_the_limit_is_refused_with_413(client: TestClient) -> None:
    big = b"1. Short title\n" + b"The Minister may make regulations. " * (LIMIT // 30)
    assert len(big) > LIMIT
    response = client.post("/api/check", files={"file": ("big.txt", big)})
    assert response.status_code == 413
    assert response.json()["errors"][0]["message"] == (
        f"file is larger than the 400 KB limit ({len(big) / 1000:.1f} KB; see --max-size) [LX009]"
    )
    page = client.post("/check", data={"text": big.decode()})
    assert page.status_code == 413
    assert "is larger than the 400 KB limit" in error_line(page.text)
    # A body far over the limit is refused without reading a form out of it.
    huge = client.post("/api/check", content=b"x" * (LIMIT * 4), headers={"content-type": "text/plain"})
    assert huge.status_code == 413 and "[LX009]" in huge.text


def test_requests_without_a_bill_or_with_bad_options_are_400(client: TestClient) -> None:
    assert "[LX602]" in client.post("/api/check", data={"text": "  "}).json()["errors"][0]["message"]
    bad_threshold = client.post("/api/check", data={"text": "1. Title", "fail_on": "sometimes"})
    assert bad_threshold.status_code == 400
    assert bad_threshold.json()["errors"][0]["message"] == (
        "invalid value 'sometimes' for fail_on (expected error or warning or info or never) [LX603]"
    )
    unknown = client.post("/api/check", data={"text": "1. Title", "select": "NO-SUCH-CONCERN"})
    assert unknown.status_code == 400 and "[LX104]" in unknown.text
    # The page's concern checkboxes all unticked is a mistake, not "every concern".
    none_chosen = client.post("/check", data={"text": "1. Title", "concerns": "chosen"})
    assert none_chosen.status_code == 400
    assert error_line(none_chosen.text).endswith("choose at least one concern to check [LX606]")


def test_file_names_are_shown_never_used_as_paths(client: TestClient, tmp_path: Path) -> None:
    for sent in ("../../../../tmp/evil.txt", "C:\\Users\\clerk\\evil.txt", "/etc/evil.txt"):
        response = upload(client, TRAFFICKING, name=sent)
        assert response.status_code == 200
        assert {f["path"] for f in response.json()["findings"]} == {"evil.txt"}
    assert not Path("/tmp/evil.txt").exists()
    assert display_name("..") == "upload" and display_name("") == "upload"
    assert display_name("a\x1b[31mb.txt") == "a[31mb.txt"
    long = display_name("x" * 500 + ".docx")
    assert len(long) <= 120 and long.endswith(".docx")


# -- the page: the annotated report ---------------------------------------------------------------------------

def test_the_report_page_is_the_html_report_with_downloads_of_the_same_analysis(
    client: TestClient, analyzer, rulebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # as the workers have it (see the client fixture)
    response = upload(client, HOSTILE, route="/check", fail_on="warning")
    assert response.status_code == 200
    page = response.text
    assert response.headers["content-security-policy"] == (
        html_report.content_security_policy() + "; frame-ancestors 'none'"
    )
    # Without the bar that the server adds, the page is what `--format html` writes.
    shutil.copyfile(HOSTILE, tmp_path / HOSTILE.name)
    monkeypatch.chdir(tmp_path)
    context = RenderContext(check_paths([HOSTILE.name], analyzer), rulebook.rules, rulebook.catalogue)
    bar = re.search(r'<nav class="served failed" aria-label="This check">.*?</nav>\n', page, re.S)
    assert bar is not None
    assert page.replace(bar.group(0), "") == html_report.render_context(context)
    findings = context.result.findings
    assert page.count('<article class="finding') == len(findings)
    assert "the bill does not pass this check" in bar.group(0)
    # Every download is the same analysis in another format.
    api = upload(client, HOSTILE)
    assert data_url(page, "json") == api.content
    assert data_url(page, "markdown").decode("utf-8") == markdown_report.render_context(context)
    assert data_url(page, "docx")[:4] == b"PK\x03\x04"
    assert ('data-format="sarif"' in page) == ("sarif" in FORMATS)
    assert 'download="hostile_bill-lexcheck.json"' in page


def test_the_word_download_of_a_word_bill_is_the_bill_commented(client: TestClient) -> None:
    page = upload(client, DOCX, route="/check").text
    download = data_url(page, "docx")
    review = docx.Document(io.BytesIO(download))
    assert review.paragraphs[0].text == f"lexcheck review of {DOCX.name}"
    assert {c.author for c in review.comments} == {"lexcheck"} and len(list(review.comments)) > 5
    with zipfile.ZipFile(io.BytesIO(download)) as copy, zipfile.ZipFile(DOCX) as original:
        # The bill's own styles, not those of a new document.
        styles = [etree.tostring(etree.fromstring(z.read("word/styles.xml")), method="c14n") for z in (copy, original)]
        assert styles[0] == styles[1]


def test_pasted_text_is_checked_like_a_file(client: TestClient) -> None:
    text = TRAFFICKING.read_text(encoding="utf-8")
    response = client.post("/check", data={"text": text, "fail_on": "never"})
    assert response.status_code == 200
    assert "lexcheck review of <span class=\"path\">pasted text</span>" in response.text
    assert "No threshold chosen" in response.text
    api = client.post("/api/check", data={"text": text})
    assert api.json()["findings"] and {f["path"] for f in api.json()["findings"]} == {"pasted text"}


def test_bill_text_and_file_names_are_escaped_in_the_pages(client: TestClient) -> None:
    page = upload(client, HOSTILE, route="/check").text
    assert "<script>window.__lexcheckInjected" not in page
    assert "&lt;script&gt;" in page
    name = '<img src=x onerror="alert(1)">.txt'
    report = upload(client, TRAFFICKING, name=name, route="/check").text
    failed = client.post("/check", files={"file": (name, b"\x00binary\x00" * 10)}).text
    for shown in (report, failed):
        assert "<img" not in shown and "&lt;img src=x onerror=" in shown


def test_an_error_page_keeps_the_options_chosen(client: TestClient) -> None:
    response = client.post(
        "/check", files={"file": ("bill.txt", b"")}, data={"fail_on": "info", "concerns": "chosen", "select": "SOM-BENEFIT"}
    )
    assert response.status_code == 422
    assert '<option value="info" selected>' in response.text
    assert 'value="SOM-BENEFIT" checked' in response.text
    assert 'value="TIP-NONPUNISHMENT" checked' not in response.text


def test_get_on_the_form_target_goes_back_to_the_form(client: TestClient) -> None:
    response = client.get("/check", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


# -- time and load limits --------------------------------------------------------------------------------

def test_an_analysis_over_the_time_limit_is_stopped_and_the_server_carries_on(engine: Engine) -> None:
    section = TRAFFICKING.read_text(encoding="utf-8")
    # Far longer than the limit allows on any machine: the point is the stop, not a measurement.
    long_bill = (section + "\n\n") * 1500
    settings = ServeSettings(max_upload=50_000_000, timeout=0.5, workers=1)
    with TestClient(create_app(settings, engine), base_url=BASE) as slow_client:
        stopped = slow_client.post("/api/check", files={"file": ("long.md", long_bill.encode())})
        assert stopped.status_code == 503
        assert stopped.json()["errors"][0]["message"] == (
            "analysis took longer than the 0.5 s limit and was stopped (see --timeout) [LX601]"
        )
        page = slow_client.post("/check", files={"file": ("long.md", long_bill.encode())})
        assert error_line(page.text) == "long.md: analysis took longer than the 0.5 s limit and was stopped (see --timeout) [LX601]"
        # The stopped worker was replaced: a short bill is analysed as usual.
        after = slow_client.post("/api/check", data={"text": "1. Short title\nThis Act is the Short Act."})
        assert after.status_code == 200


def test_a_full_queue_refuses_more_work_as_busy(engine: Engine) -> None:
    pool = AnalysisPool(ServeSettings(workers=1, max_waiting=0), engine)
    pool.start()
    try:
        pool.running = 1  # one analysis under way, none may wait
        with pytest.raises(LexcheckError) as refused:
            asyncio.run(pool.run(Job(b"1. Title", "bill.txt")))
        assert refused.value.code == "LX604"
        pool.running = 0
        outcome = asyncio.run(pool.run(Job(b"1. Short title\nThis Act is the Short Act.", "bill.txt")))
        assert outcome.exit_code == 0 and outcome.errors == ()
    finally:
        pool.stop()


# -- start-up ------------------------------------------------------------------------------------------------

def test_only_loopback_addresses_serve_this_machine_alone() -> None:
    for host in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"):
        assert is_loopback(host) and exposure_warning(host) is None
    for host in ("0.0.0.0", "::", "192.168.1.10", "lexcheck.example.org"):
        assert not is_loopback(host)
        warning = exposure_warning(host)
        assert warning is not None and warning.startswith(f"warning: listening on {host}, so other machines")
    assert ServeSettings(host="::1", port=9000).url == "http://[::1]:9000"


def test_serve_without_the_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "lexcheck.serve.app", None)  # as if Starlette were not installed
    result = CliRunner().invoke(cli_app, ["serve"])
    assert result.exit_code == 2
    assert 'lexcheck serve needs the optional \'serve\' extra: pip install "lexcheck[serve]"' in result.stderr
    assert "[LX608]" in result.stderr and "Traceback" not in result.stderr


def test_serve_refuses_a_port_in_use_before_loading_anything() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli_app, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr == f"lexcheck: cannot listen on 127.0.0.1:{port}: Address already in use [LX609]\n"
