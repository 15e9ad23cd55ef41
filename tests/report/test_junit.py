"""JUnit XML output: one suite per file, a failing case per finding, passing cases for clean checks."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from lexcheck.cli import app

pytestmark = pytest.mark.usefixtures("fast_cli")
SELECTED = "SOM-BENEFIT,citizen-only-protection,death-penalty"


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bills").mkdir()
    shutil.copyfile(FIXTURES / "smuggling_bill.txt", tmp_path / "bills" / "border.txt")
    shutil.copyfile(FIXTURES / "clean_bill.txt", tmp_path / "bills" / "clean.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def junit(*args: str) -> tuple[int, ET.Element]:
    result = CliRunner().invoke(app, ["check", *args, "--format", "junit"], catch_exceptions=False)
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return result.exit_code, ET.fromstring(result.stdout)


def test_one_suite_per_file_with_a_case_per_check(workdir: Path) -> None:
    code, root = junit("bills", "--select", SELECTED)
    assert code == 1
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert list(suites) == ["bills/border.txt", "bills/clean.txt"]
    border = suites["bills/border.txt"]
    failing = [case for case in border.findall("testcase") if case.find("failure") is not None]
    passing = [case.get("name") for case in border.findall("testcase") if len(case) == 0]
    assert [case.get("name") for case in failing] == [
        "citizen-only-protection s. 5(1) (line 11)",
        "som-offence-without-benefit s. 4(1) (line 7)",
    ]
    assert passing == ["death-penalty"]
    assert border.get("tests") == "3" and border.get("failures") == "2" and border.get("errors") == "0"
    failure = failing[1].find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert failing[1].get("file") == "bills/border.txt" and failing[1].get("line") == "7"
    assert "Legal basis: Protocol against the Smuggling of Migrants" in (failure.text or "")
    assert (failure.text or "").startswith("bills/border.txt:7:1: s. 4(1)")
    clean = suites["bills/clean.txt"]
    assert clean.get("failures") == "0" and len(clean.findall("testcase")) == 3
    assert root.get("tests") == "6" and root.get("failures") == "2"


def test_unreadable_file_is_a_suite_in_error(workdir: Path) -> None:
    (workdir / "bills" / "empty.txt").write_bytes(b"")
    code, root = junit("bills", "--select", SELECTED)
    assert code == 2
    suite = next(s for s in root.findall("testsuite") if s.get("name") == "bills/empty.txt")
    error = suite.find("testcase/error")
    assert error is not None and "[LX002]" in (error.get("message") or "")
    assert root.get("errors") == "1"


def test_junit_is_byte_identical_and_chosen_by_extension(workdir: Path) -> None:
    runner = CliRunner()
    for name in ("one.junit.xml", "two.xml"):
        runner.invoke(app, ["check", "bills", "-o", name], catch_exceptions=False)
    first = (workdir / "one.junit.xml").read_bytes()
    assert first == (workdir / "two.xml").read_bytes()
    assert ET.fromstring(first).tag == "testsuites"


def test_control_characters_from_a_bill_keep_the_xml_valid(workdir: Path) -> None:
    bill = workdir / "bills" / "border.txt"
    bill.write_text(bill.read_text().replace("into the Republic", "into the Republic\x1b[31m\x0b"), encoding="utf-8")
    _, root = junit("bills/border.txt", "--select", "SOM-BENEFIT")
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and "Republic\\x1b[31m commits" in (failure.text or "")
