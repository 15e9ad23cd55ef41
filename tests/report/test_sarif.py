"""SARIF output: valid against the official 2.1.0 schema, and carrying what code scanning shows."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from lexcheck.cli import app

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SMUGGLING = FIXTURES / "smuggling_bill.txt"
TRAFFICKING = FIXTURES / "trafficking_bill.md"

pytestmark = pytest.mark.usefixtures("fast_cli")


def validate(log: dict) -> None:
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(log)


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository-like folder that lexcheck is run from, holding two bills."""
    (tmp_path / "bills").mkdir()
    shutil.copyfile(SMUGGLING, tmp_path / "bills" / "border.txt")
    shutil.copyfile(TRAFFICKING, tmp_path / "bills" / "trafficking.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(app, ["check", *args, "--format", "sarif"], catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout)


def test_sarif_validates_against_the_schema(workdir: Path) -> None:
    code, log = sarif("bills")
    assert code == 1
    validate(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [
        {"executionSuccessful": True, "toolExecutionNotifications": [], "toolConfigurationNotifications": []}
    ]
    assert len(run["results"]) > 3


def test_driver_lists_every_rule_with_its_legal_basis(workdir: Path, rulebook) -> None:
    _, log = sarif("bills")
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "lexcheck" and driver["semanticVersion"] and driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == sorted(rule.id for rule in rulebook.rules)
    benefit = next(rule for rule in driver["rules"] if rule["id"] == "som-offence-without-benefit")
    assert benefit["defaultConfiguration"] == {"level": "error"}
    assert "SOM-BENEFIT" in benefit["properties"]["tags"] and "Tool 1.1" in benefit["properties"]["tags"]
    assert "Smuggling of Migrants by Land, Sea and Air, art. 3(a)" in benefit["help"]["markdown"] and "**Recommendation**" in benefit["help"]["markdown"]
    assert benefit["shortDescription"]["text"] and benefit["fullDescription"]["text"]


def test_results_point_at_repository_paths_and_lines(workdir: Path) -> None:
    _, log = sarif("bills", "--select", "SOM-BENEFIT")
    run = log["runs"][0]
    [result] = run["results"]
    rules = run["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "som-offence-without-benefit"
    assert result["level"] == "error" and result["message"]["text"].startswith("s. 4(1): ")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "bills/border.txt", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 7 and location["region"]["startColumn"] == 1
    assert "facilitates the illegal entry" in location["region"]["snippet"]["text"]
    assert len(result["partialFingerprints"]["lexcheckFinding/v1"]) == 16


def test_levels_follow_severity(workdir: Path) -> None:
    _, log = sarif("bills")
    levels = {result["level"] for result in log["runs"][0]["results"]}
    assert levels <= {"error", "warning", "note"} and "warning" in levels


def test_input_errors_are_notifications(workdir: Path) -> None:
    (workdir / "bills" / "empty.txt").write_bytes(b"")
    code, log = sarif("bills")
    assert code == 2
    validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["descriptor"] == {"id": "LX002"}
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bills/empty.txt"


def test_sarif_is_byte_identical_and_chosen_by_extension(workdir: Path) -> None:
    runner = CliRunner()
    for name in ("one.sarif", "two.sarif"):
        runner.invoke(app, ["check", "bills", "-o", name], catch_exceptions=False)
    first = (workdir / "one.sarif").read_bytes()
    assert first == (workdir / "two.sarif").read_bytes()
    validate(json.loads(first))


def test_paths_outside_the_working_directory_are_file_uris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "run"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    _, log = sarif(str(SMUGGLING), "--select", "SOM-BENEFIT")
    validate(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": SMUGGLING.resolve().as_uri()}
    assert os.getcwd() == str(elsewhere)


def test_word_bill_results_say_which_paragraph(workdir: Path) -> None:
    import docx

    document = docx.Document()
    for line in SMUGGLING.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line)
    document.save(str(workdir / "bills" / "border.docx"))
    _, log = sarif("bills/border.docx", "--select", "SOM-BENEFIT")
    validate(log)
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bills/border.docx"
    assert result["properties"]["source"] == {"paragraph": 5}
