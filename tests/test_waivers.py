"""Waivers (findings accepted from outside the bill) and baselines (only new findings reported)."""

from __future__ import annotations

import datetime
import json
import shutil
import textwrap
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from lexcheck.cli import app

pytestmark = pytest.mark.usefixtures("fast_cli")
BENEFIT = "som-offence-without-benefit"
CITIZEN = "citizen-only-protection"
SELECT = f"{BENEFIT},{CITIZEN}"
FUTURE = (datetime.date.today() + datetime.timedelta(days=365)).isoformat()
PAST = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "bills").mkdir()
    shutil.copyfile(FIXTURES / "smuggling_bill.txt", tmp_path / "bills" / "border.txt")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def waivers(repo: Path, text: str, name: str = "lexcheck-waivers.yaml") -> Path:
    path = repo / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def check_json(*args: str) -> tuple[int, dict]:
    result = invoke("check", "bills", "--select", SELECT, "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


CITIZEN_WAIVER = f"""
    waivers:
      - rule: CITIZEN-ONLY
        file: bills/border.txt
        provision: s. 5(1)
        justification: Free legal aid for foreigners is guaranteed by the Legal Aid Act, s. 3.
        author: Drafting Office
        expires: {FUTURE}
"""


def test_waived_findings_are_shown_and_not_counted(repo: Path) -> None:
    waivers(repo, CITIZEN_WAIVER)
    code, data = check_json()
    assert [f["rule"] for f in data["findings"]] == [BENEFIT]
    [waived] = data["waived"]
    assert waived["rule"] == CITIZEN and waived["provision"] == "s. 5(1)"
    assert waived["waiver"] == {
        "justification": "Free legal aid for foreigners is guaranteed by the Legal Aid Act, s. 3.",
        "author": "Drafting Office",
        "expires": FUTURE,
        "source": "lexcheck-waivers.yaml#1",
    }
    assert code == 1 and data["notices"] == []
    # With the only error finding waived, the run passes.
    assert invoke("check", "bills", "--select", CITIZEN).exit_code == 0
    text = invoke("check", "bills", "--select", CITIZEN).stdout
    assert " Waived:" in text and "WAIVED  11:37  s. 5(1): Protection or assistance limited" in text
    assert f"(Drafting Office, until {FUTURE}; lexcheck-waivers.yaml#1)" in " ".join(text.split())
    assert "; 1 waived" in text


def test_no_waivers_shows_everything(repo: Path) -> None:
    waivers(repo, CITIZEN_WAIVER)
    _, data = check_json("--no-waivers")
    assert {f["rule"] for f in data["findings"]} == {BENEFIT, CITIZEN} and data["waived"] == []


def test_waived_findings_in_sarif_junit_and_github(repo: Path) -> None:
    waivers(repo, CITIZEN_WAIVER)
    base = ["check", "bills", "--select", SELECT]
    sarif = json.loads(invoke(*base, "--format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(results) == 2 and [r["ruleId"] for r in suppressed] == [CITIZEN]
    [suppression] = suppressed[0]["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"].startswith("Free legal aid") and suppression["properties"]["author"]
    from test_sarif import validate

    validate(sarif)
    root = ET.fromstring(invoke(*base, "--format", "junit").stdout)
    skipped = root.find("testsuite/testcase/skipped")
    assert skipped is not None and (skipped.get("message") or "").startswith("waived: Free legal aid")
    assert root.get("failures") == "1"
    github = invoke(*base, "--format", "github").stdout
    assert "::notice file=bills/border.txt,line=11,endLine=11,title=Waived%3A Protection" in github


def test_fingerprint_waiver_survives_renumbering(repo: Path) -> None:
    _, data = check_json()
    citizen = next(f for f in data["findings"] if f["rule"] == CITIZEN)
    waivers(repo, f"""
        waivers:
          - rule: {CITIZEN}
            file: bills/*.txt
            provision: s. 5(1)
            fingerprint: {citizen["fingerprint"]}
            justification: Covered elsewhere.
            author: A. Drafter
    """)
    bill = repo / "bills" / "border.txt"
    bill.write_text(
        bill.read_text().replace("4. Smuggling", "2. Commencement\nThis Act comes into force.\n\n5. Smuggling")
        .replace("5. Assistance", "6. Assistance")
    )
    _, data = check_json()
    [waived] = data["waived"]
    assert waived["provision"] == "s. 6(1)" and waived["fingerprint"] == citizen["fingerprint"]


def test_expired_and_unused_waivers_are_reported(repo: Path) -> None:
    waivers(repo, f"""
        waivers:
          - rule: {CITIZEN}
            file: bills/border.txt
            justification: Temporary.
            author: A. Drafter
            expires: {PAST}
          - rule: death-penalty
            file: bills/border.txt
            justification: The penalty was removed.
            author: A. Drafter
          - rule: death-penalty
            file: bills/other.txt
            justification: Another bill, not checked in this run.
            author: A. Drafter
    """)
    result = invoke("check", "bills", "--select", f"{SELECT},death-penalty", "--format", "json")
    code, data = result.exit_code, json.loads(result.stdout)
    assert {f["rule"] for f in data["findings"]} == {BENEFIT, CITIZEN} and code == 1
    assert data["notices"] == [
        {"path": "lexcheck-waivers.yaml#1", "level": "warning",
         "message": f"waiver for {CITIZEN} in bills/border.txt expired on {PAST}; its findings are reported again"},
        {"path": "lexcheck-waivers.yaml#2", "level": "warning",
         "message": "waiver for death-penalty in bills/border.txt matches no finding; remove it"},
    ]
    text = invoke("check", "bills", "--select", SELECT).stdout
    assert f"lexcheck-waivers.yaml#1: warning: waiver for {CITIZEN}" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("waivers:\n  - rule: death-penalty\n    file: a.txt\n    author: X\n",
         "waiver key waivers[0].justification: Field required [LX115]"),
        ("waivers:\n  - rule: death-penalty\n    file: a.txt\n    justification: J\n    author: X\n    reason: R\n",
         "waiver key waivers[0].reason: unknown key [LX115]"),
        ("waivers:\n  - rule: death-penalti\n    file: a.txt\n    justification: J\n    author: X\n",
         "waiver key waivers[0].rule: unknown rule or concern ID 'death-penalti' [LX115]"),
        ("waivers:\n  - rule: death-penalty\n    file: a.txt\n    justification: J\n    author: X\n    expires: soon\n",
         "waiver key waivers[0].expires: "),
        ("waivers: [\n", "lexcheck-waivers.yaml:2: waiver file is not valid YAML"),
    ],
)
def test_bad_waiver_file_is_an_error(repo: Path, text: str, expected: str) -> None:
    waivers(repo, text)
    result = invoke("check", "bills")
    assert result.exit_code == 2 and expected in result.stderr and "Traceback" not in result.stderr


def test_waiver_file_from_option_and_config(repo: Path) -> None:
    path = waivers(repo, CITIZEN_WAIVER, "reviewed.yaml")
    assert len(check_json("--waivers", str(path))[1]["waived"]) == 1
    (repo / "lexcheck.toml").write_text('waivers = "reviewed.yaml"\n')
    assert len(check_json()[1]["waived"]) == 1


def test_baseline_reports_only_new_findings(repo: Path) -> None:
    result = invoke("baseline", "bills", "--select", SELECT, "--output", "known.json")
    assert result.exit_code == 0 and "recorded 2 finding(s) of 1 file(s) in known.json" in result.stdout
    recorded = json.loads((repo / "known.json").read_text())
    assert [e["path"] for e in recorded["findings"]] == ["bills/border.txt"] * 2
    bill = repo / "bills" / "border.txt"
    # A new section above the findings, renumbering, re-wrapping and new white space: nothing is new.
    text = bill.read_text()
    text = text.replace("4. Smuggling", "2. Commencement\nThis Act comes into force on the day\nof its publication.\n\n"
                                        "5. Smuggling").replace("5. Assistance", "6. Assistance")
    text = text.replace("of another person into the Republic", "of another\n    person   into the Republic")
    bill.write_text(text)
    code, data = check_json("--baseline", "known.json")
    assert data["findings"] == [] and code == 0
    assert data["notices"][0]["message"] == "2 finding(s) already in the baseline are not reported"
    # A new finding is reported.
    bill.write_text(text + "\n7. Shelter\n(1) Every citizen who is a victim shall be entitled to shelter.\n")
    code, data = check_json("--baseline", "known.json")
    assert [(f["rule"], f["provision"]) for f in data["findings"]] == [(CITIZEN, "s. 7(1)")] and code == 1


def test_baseline_from_config_and_invalid_baseline(repo: Path) -> None:
    invoke("baseline", "bills", "--select", SELECT, "-o", "known.json")
    (repo / "lexcheck.toml").write_text('baseline = "known.json"\n')
    assert check_json()[1]["findings"] == []
    (repo / "bad.json").write_text('{"findings": []}')
    result = invoke("check", "bills", "--baseline", "bad.json")
    assert result.exit_code == 2 and "bad.json: not a lexcheck baseline: " in result.stderr and "[LX116]" in result.stderr
