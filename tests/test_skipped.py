"""Files skipped for their type are listed in every format; a run that checks nothing fails (exit 2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from lexcheck.cli import app

pytestmark = pytest.mark.usefixtures("fast_cli")


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "bill.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "drafts" / "scan.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "drafts" / ".git").mkdir()
    (tmp_path / "drafts" / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(app, ["check", *args], catch_exceptions=False)


def test_folder_without_supported_files_is_an_error(workdir: Path) -> None:
    result = invoke("drafts")
    assert result.exit_code == 2
    assert "no supported file found" in result.stdout and "[LX008]" in result.stdout
    assert "skipped 2 file(s) of other types: drafts/bill.docx, drafts/scan.pdf" in result.stdout
    assert "drafts/bill.docx: skipped: unsupported file type '.docx'" in result.stdout
    assert ".git" not in result.stdout


def test_empty_folder_is_an_error(workdir: Path) -> None:
    (workdir / "none").mkdir()
    result = invoke("none", "--format", "json")
    assert result.exit_code == 2
    [error] = json.loads(result.stdout)["errors"]
    assert error["message"].endswith("the paths hold no files [LX008]")


@pytest.fixture()
def mixed(workdir: Path) -> Path:
    shutil.copyfile(FIXTURES / "smuggling_bill.txt", workdir / "drafts" / "border.txt")
    return workdir


def test_skipped_files_do_not_fail_a_run_that_checked_something(mixed: Path) -> None:
    result = invoke("drafts", "--select", "SOM-BENEFIT", "--fail-on", "never")
    assert result.exit_code == 0
    assert "drafts/scan.pdf: skipped: unsupported file type '.pdf'" in result.stdout
    assert "; 2 file(s) skipped" in result.stdout


def test_skipped_files_are_listed_in_every_format(mixed: Path) -> None:
    base = ["drafts", "--select", "SOM-BENEFIT"]
    data = json.loads(invoke(*base, "--format", "json").stdout)
    assert data["skipped"] == [
        {"path": "drafts/bill.docx", "reason": "unsupported file type '.docx'"},
        {"path": "drafts/scan.pdf", "reason": "unsupported file type '.pdf'"},
    ]
    assert data["summary"]["files_skipped"] == 2
    sarif = json.loads(invoke(*base, "--format", "sarif").stdout)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [(n["level"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for n in notes] == [
        ("note", "drafts/bill.docx"),
        ("note", "drafts/scan.pdf"),
    ]
    root = ET.fromstring(invoke(*base, "--format", "junit").stdout)
    skipped = root.findall("testsuite/testcase/skipped")
    assert [s.get("message") for s in skipped] == ["unsupported file type '.docx'", "unsupported file type '.pdf'"]
    assert root.get("skipped") == "2"
    github = invoke(*base, "--format", "github").stdout
    assert "::notice file=drafts/bill.docx,title=lexcheck::skipped: unsupported file type '.docx'" in github
