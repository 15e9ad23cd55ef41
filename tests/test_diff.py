"""lexcheck diff: two versions aligned by provision; findings introduced, resolved and unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES
from gitrepo import commit, init, needs_git
from typer.testing import CliRunner

from lexcheck.cli import app

pytestmark = pytest.mark.usefixtures("fast_cli")
V1 = FIXTURES / "amendment" / "v1.txt"
V2 = FIXTURES / "amendment" / "v2.txt"


def invoke(*args: str):
    return CliRunner().invoke(app, ["diff", *args], catch_exceptions=False)


def test_removed_clause_is_reported_as_introduced_finding() -> None:
    result = invoke(str(V1), str(V2))
    assert result.exit_code == 1
    out = result.stdout
    assert "  s. 3 (Non-punishment of victims) removed" in out
    assert "  s. 4 (Assistance) amended, now s. 3" in out
    assert (
        "s. 3 (Non-punishment of victims), which met TIP-NONPUNISHMENT, was removed: no-non-punishment-clause now reported"
        in out
    )
    assert "s. 3: Protection or assistance limited to citizens or nationals" in out
    assert "s. 4 (Assistance) was amended: citizen-only-protection now reported" in out
    assert out.rstrip().endswith("2 introduced, 0 resolved, 10 unchanged")


def test_reverse_diff_resolves_and_passes() -> None:
    result = invoke(str(V2), str(V1), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["summary"] == {"introduced": 0, "resolved": 2, "unchanged": 10}
    notes = {c["finding"]["rule"]: c["note"] for c in data["resolved"]}
    assert notes["citizen-only-protection"] == "s. 3 (Assistance) was amended: citizen-only-protection no longer reported"
    assert {c["change"] for c in data["provisions"]} == {"added", "amended"}


def test_unchanged_bill_has_only_unchanged_findings(tmp_path: Path) -> None:
    # Renumbered and re-wrapped, with a section inserted: nothing is introduced or resolved.
    text = V1.read_text(encoding="utf-8").replace("2. Offence", "2. Interpretation\nIn this Act, words have their\n"
                                                   "ordinary meaning.\n\n3. Offence").replace("3. Non-punishment",
                                                   "4. Non-punishment").replace("4. Assistance", "5. Assistance")
    renumbered = tmp_path / "v1b.txt"
    renumbered.write_text(text, encoding="utf-8")
    data = json.loads(invoke(str(V1), str(renumbered), "-f", "json").stdout)
    assert data["summary"]["introduced"] == 0 and data["summary"]["resolved"] == 0
    assert [c["change"] for c in data["provisions"]] == ["added"]


def test_markdown_and_fail_on() -> None:
    result = invoke(str(V1), str(V2), "--format", "markdown", "--select", "CITIZEN-ONLY")
    assert result.exit_code == 1
    assert result.stdout.startswith("## lexcheck: ")
    assert "| s. 3 | error | CITIZEN-ONLY | Protection or assistance limited to citizens or nationals |" in result.stdout
    assert invoke(str(V1), str(V2), "--select", "CITIZEN-ONLY", "--fail-on", "never").exit_code == 0


def test_json_is_byte_identical(tmp_path: Path) -> None:
    first = invoke(str(V1), str(V2), "-f", "json").stdout
    assert first == invoke(str(V1), str(V2), "-f", "json").stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [((str(V1),), "LX408"), ((str(V1), "--rev", "HEAD"), "LX407"), ((str(V1), "missing.txt"), "LX006")],
)
def test_usage_errors(args: tuple[str, ...], code: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2 and f"[{code}]" in result.stderr


@needs_git
def test_rev_range_reads_both_versions_from_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "laws"
    init(repo)
    (repo / "bills").mkdir()
    shutil.copyfile(V1, repo / "bills" / "tip.txt")
    first = commit(repo, "First reading")
    shutil.copyfile(V2, repo / "bills" / "tip.txt")
    second = commit(repo, "Committee amendments")
    monkeypatch.chdir(repo / "bills")
    result = invoke("tip.txt", "--rev", f"{first}..{second}", "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["old"] == f"tip.txt@{first}" and data["new"] == f"tip.txt@{second}"
    assert [c["finding"]["rule"] for c in data["introduced"]] == ["no-non-punishment-clause", "citizen-only-protection"]
    # B left empty: the work tree.
    shutil.copyfile(V1, repo / "bills" / "tip.txt")
    data = json.loads(invoke("tip.txt", "--rev", f"{second}..", "-f", "json").stdout)
    assert data["new"] == "tip.txt" and data["summary"]["resolved"] == 2
    bad = invoke("tip.txt", "--rev", "nosuch..HEAD")
    assert bad.exit_code == 2 and "[LX406]" in bad.stderr and "Traceback" not in bad.stderr
