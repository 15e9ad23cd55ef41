"""GitHub Actions output: workflow commands with correct escaping, grouped per file, and the job summary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from lexcheck.cli import app
from lexcheck.report.github import command, escape_data, escape_property

pytestmark = pytest.mark.usefixtures("fast_cli")
SELECTED = "SOM-BENEFIT,citizen-only-protection"


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bills").mkdir()
    shutil.copyfile(FIXTURES / "smuggling_bill.txt", tmp_path / "bills" / "border.txt")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(app, ["check", *args], catch_exceptions=False)


def test_escaping_follows_the_runner() -> None:
    assert escape_data("50% of\r\nvictims") == "50%25 of%0D%0Avictims"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert command("warning", "x: y, z", file="dir/a,b.txt", line=3) == "::warning file=dir/a%2Cb.txt,line=3::x: y, z"


def test_annotations_grouped_per_file(workdir: Path) -> None:
    result = invoke("bills", "--select", SELECTED, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "::group::lexcheck bills/border.txt: 2 finding(s)"
    assert lines[3] == "::endgroup::"
    benefit = lines[1]
    assert benefit.startswith("::error file=bills/border.txt,line=7,col=1,endColumn=103,endLine=7,title=Smuggling offence")
    # The title holds "·" and the message a quote and newlines: the title's colons and commas are escaped.
    assert "title=Smuggling offence does not require a financial or other material benefit [SOM-BENEFIT · " in benefit
    assert "::s. 4(1): This provision" in benefit and "%0ALegal basis: " in benefit and "\n" not in benefit
    assert lines[2].startswith("::error file=bills/border.txt,line=11,col=37,")
    assert lines[-1].startswith("lexcheck: 2 finding(s) in 1 file(s)")


def test_multi_line_annotations_have_no_columns(workdir: Path) -> None:
    result = invoke("bills", "--select", "SAVINGS-CLAUSE", "--format", "github")
    [line] = [line for line in result.stdout.splitlines() if line.startswith("::warning")]
    assert line.startswith("::warning file=bills/border.txt,line=6,endLine=8,title=")


def test_severity_maps_to_commands(workdir: Path) -> None:
    result = invoke("bills", "--format", "github")
    kinds = {line.split(" ", 1)[0] for line in result.stdout.splitlines() if not line.startswith(("::group", "::end", "lexcheck"))}
    assert kinds <= {"::error", "::warning", "::notice"} and "::warning" in kinds


def test_chosen_automatically_in_github_actions(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = workdir / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = invoke("bills", "--select", SELECTED)
    assert result.exit_code == 1 and result.stdout.startswith("::group::lexcheck bills/border.txt")
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## lexcheck\n")
    assert "| bills/border.txt | 7 | s. 4(1) | error | SOM-BENEFIT |" in written
    # A format asked for wins over the environment.
    assert invoke("bills", "--select", SELECTED, "--format", "json").stdout.startswith("{")


def test_input_errors_are_error_annotations(workdir: Path) -> None:
    (workdir / "bills" / "empty.txt").write_bytes(b"")
    result = invoke("bills", "--select", SELECTED, "--format", "github")
    assert result.exit_code == 2
    assert "::error file=bills/empty.txt,title=lexcheck input error::file is empty [LX002]" in result.stdout.splitlines()


def test_control_characters_are_written_out(workdir: Path) -> None:
    bill = workdir / "bills" / "border.txt"
    bill.write_text(bill.read_text().replace("into the Republic", "into the Republic\x1b[2J"), encoding="utf-8")
    out = invoke("bills", "--select", "SOM-BENEFIT", "--format", "github").stdout
    assert "\x1b" not in out and "Republic\\x1b[2J" in out
