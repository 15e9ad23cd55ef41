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
    (tmp_path / "drafts" / "bill.rtf").write_bytes(b"{\\rtf1 A bill}")
    (tmp_path / "drafts" / "scan.odt").write_bytes(b"PK\x03\x04")
    (tmp_path / "drafts" / ".git").mkdir()
    (tmp_path / "drafts" / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(app, ["check", *args], catch_exceptions=False)


def test_folder_without_supported_files_is_an_error(workdir: Path) -> None:
    result = invoke("drafts")
    assert result.exit_code == 2
    assert "drafts: error: nothing to check: " in result.stdout and "[LX012]" in result.stdout
    assert "drafts/bill.rtf: skipped: unsupported file type '.rtf'" in result.stdout
    assert "drafts/scan.odt: skipped: unsupported file type '.odt'" in result.stdout
    # Hidden folders are not scanned, and say so.
    assert "drafts/.git: warning: skipped: hidden folder, not scanned [LX013]" in result.stdout
    assert ".git/HEAD" not in result.stdout


def test_include_that_selects_no_bill_is_an_error(workdir: Path) -> None:
    (workdir / "lexcheck.toml").write_text('include = ["drafts/**"]\n')
    result = invoke()
    assert result.exit_code == 2
    assert "no bills to check: the include globs of " in result.stderr and "[LX404]" in result.stderr


@pytest.fixture()
def mixed(workdir: Path) -> Path:
    shutil.copyfile(FIXTURES / "smuggling_bill.txt", workdir / "drafts" / "border.txt")
    return workdir


def test_skipped_files_do_not_fail_a_run_that_checked_something(mixed: Path) -> None:
    result = invoke("drafts", "--select", "SOM-BENEFIT", "--fail-on", "never")
    assert result.exit_code == 0
    assert "drafts/scan.odt: skipped: unsupported file type '.odt'" in result.stdout
    assert "; 2 file(s) skipped" in result.stdout


def test_skipped_files_are_listed_in_every_format(mixed: Path) -> None:
    base = ["drafts", "--select", "SOM-BENEFIT"]
    data = json.loads(invoke(*base, "--format", "json").stdout)
    assert data["skipped"] == [
        {"path": "drafts/bill.rtf", "reason": "unsupported file type '.rtf'"},
        {"path": "drafts/scan.odt", "reason": "unsupported file type '.odt'"},
    ]
    assert data["summary"]["files_skipped"] == 2
    sarif = json.loads(invoke(*base, "--format", "sarif").stdout)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    located = [(n["level"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for n in notes]
    assert [item for item in located if item[0] == "note"] == [("note", "drafts/bill.rtf"), ("note", "drafts/scan.odt")]
    # The scan's own warnings (the hidden folder, the count of files skipped) are notifications too.
    assert ("warning", "drafts/.git") in located
    root = ET.fromstring(invoke(*base, "--format", "junit").stdout)
    skipped = root.findall("testsuite/testcase/skipped")
    assert [s.get("message") for s in skipped] == ["unsupported file type '.rtf'", "unsupported file type '.odt'"]
    assert root.get("skipped") == "2"
    github = invoke(*base, "--format", "github").stdout
    assert "::notice file=drafts/bill.rtf,title=lexcheck::skipped: unsupported file type '.rtf'" in github
