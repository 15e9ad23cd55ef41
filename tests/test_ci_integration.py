"""End to end in a legislation repository: a temporary git repository with two commits of a bill, checked
the way CI checks it (configuration discovery, --changed-since, diff --rev, baseline, waivers), and the
documented GitHub Actions, GitLab CI and pre-commit set-ups run against it."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from conftest import FIXTURES, REPO
from gitrepo import commit, git, init, needs_git
from typer.testing import CliRunner

from lexcheck.cli import app

pytestmark = [pytest.mark.usefixtures("fast_cli"), needs_git]
V1 = FIXTURES / "amendment" / "v1.txt"
V2 = FIXTURES / "amendment" / "v2.txt"
BILL = "bills/border-control.txt"
CONFIG = """\
include = ["bills/**", "enacted/**"]
fail-on = "error"
waivers = "lexcheck-waivers.yaml"

[[overrides]]
paths = ["enacted/**"]
fail-on = "never"
"""


class Repo:
    """The repository under test: its folder and its two commits."""

    def __init__(self, root: Path, first: str, second: str):
        self.root, self.first, self.second = root, first, second


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    root = tmp_path / "parliament-bills"
    init(root)
    (root / "bills").mkdir()
    (root / "enacted").mkdir()
    (root / "lexcheck.toml").write_text(CONFIG, encoding="utf-8")
    (root / "lexcheck-waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    shutil.copyfile(V1, root / BILL)
    shutil.copyfile(FIXTURES / "smuggling_bill.txt", root / "enacted" / "border-act-2010.txt")
    (root / "bills" / "explanatory-memorandum.odt").write_bytes(b"PK\x03\x04")
    first = commit(root, "Anti-Trafficking Bill: first reading")
    shutil.copyfile(V2, root / BILL)
    second = commit(root, "Anti-Trafficking Bill: committee amendments")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return Repo(root, first, second)


def lexcheck(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def as_json(result) -> dict:
    return json.loads(result.stdout)


def test_configuration_is_found_from_a_subfolder(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.root / "bills")
    result = lexcheck("check", "--format", "json")
    data = as_json(result)
    # Paths under the working directory are relative to it; others are absolute.
    enacted = str(repo.root / "enacted" / "border-act-2010.txt")
    assert {f["path"] for f in data["findings"]} == {"border-control.txt", enacted}
    assert data["skipped"] == [{"path": "explanatory-memorandum.odt", "reason": "unsupported file type '.odt'"}]
    # The bill has errors (exit 1); the enacted law alone never fails (its override).
    assert result.exit_code == 1
    assert lexcheck("check", "../enacted").exit_code == 0


def test_changed_since_checks_only_the_amended_bill(repo: Repo) -> None:
    data = as_json(lexcheck("check", "--changed-since", repo.first, "--format", "json"))
    assert {f["path"] for f in data["findings"]} == {BILL}
    nothing = lexcheck("check", "--changed-since", "HEAD")
    assert nothing.exit_code == 0 and "no bill changed since HEAD" in nothing.stderr
    # Uncommitted edits count as changes.
    (repo.root / "enacted" / "border-act-2010.txt").write_text("1. Short title\nThis Act is the Border Act.\n\n"
                                                              "2. Offence\nA person who smuggles a migrant commits an offence.\n")
    data = as_json(lexcheck("check", "--changed-since", "HEAD", "--format", "json"))
    assert data["summary"]["files_analysed"] == 1 and data["summary"]["files"][0]["path"] == "enacted/border-act-2010.txt"
    bad = lexcheck("check", "--changed-since", "no-such-branch")
    assert bad.exit_code == 2 and "[LX406]" in bad.stderr


def test_diff_rev_reports_the_removed_non_punishment_clause(repo: Repo) -> None:
    result = lexcheck("diff", BILL, "--rev", f"{repo.first}..{repo.second}")
    assert result.exit_code == 1
    assert ("s. 3 (Non-punishment of victims), which met TIP-NONPUNISHMENT, was removed: "
            "no-non-punishment-clause now reported") in result.stdout


def test_baseline_then_waivers(repo: Repo) -> None:
    # The baseline is recorded at the first reading; the committee stage then adds two findings.
    current = (repo.root / BILL).read_bytes()
    (repo.root / BILL).write_text(git(repo.root, "show", f"{repo.first}:{BILL}"), encoding="utf-8")
    recorded = lexcheck("baseline", "-o", "lexcheck-baseline.json")
    assert recorded.exit_code == 0, recorded.stderr
    (repo.root / BILL).write_bytes(current)
    result = lexcheck("check", "--baseline", "lexcheck-baseline.json", "--format", "json")
    new = [(f["provision"], f["rule"]) for f in as_json(result)["findings"]]
    assert new == [("s. 2", "no-non-punishment-clause"), ("s. 3", "citizen-only-protection")]
    assert result.exit_code == 1
    # The drafting office waives both; the run passes and the waivers show.
    (repo.root / "lexcheck-waivers.yaml").write_text(
        "waivers:\n"
        "  - rule: TIP-NONPUNISHMENT\n    file: bills/border-control.txt\n"
        "    justification: Non-punishment is in the Criminal Code, s. 41A, amended in the same session.\n"
        "    author: Drafting Office\n    expires: 2999-12-31\n"
        "  - rule: citizen-only-protection\n    file: bills/*.txt\n    provision: s. 3\n"
        "    justification: Foreigners' assistance is in the Migrants Act, s. 9.\n    author: Committee clerk\n",
        encoding="utf-8",
    )
    result = lexcheck("check", "--baseline", "lexcheck-baseline.json", "--format", "json")
    data = as_json(result)
    assert result.exit_code == 0 and data["findings"] == []
    assert [w["rule"] for w in data["waived"]] == ["no-non-punishment-clause", "citizen-only-protection"]
    assert lexcheck("check", "--baseline", "lexcheck-baseline.json", "--no-waivers").exit_code == 1


def _commands(steps: list[str], repo: Repo) -> list[list[str]]:
    variables = {
        "${{ github.event.pull_request.base.sha }}": repo.first,
        "$CI_MERGE_REQUEST_DIFF_BASE_SHA": repo.first,
    }
    commands = []
    for step in steps:
        for name, value in variables.items():
            step = step.replace(name, value)
        assert "$" not in step, f"unsubstituted variable in {step!r}"
        words = shlex.split(step)
        if words[0] == "lexcheck":
            commands.append(words[1:])
    return commands


def test_documented_github_workflow_runs(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    workflow = yaml.safe_load((REPO / "docs" / "examples" / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["lexcheck"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    commands = _commands([s["run"] for s in steps if "run" in s], repo)
    assert len(commands) == 3
    summary = repo.root.parent / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    codes = [lexcheck(*command).exit_code for command in commands]
    assert codes == [1, 1, 1]
    sarif = json.loads((repo.root / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    from test_sarif import validate

    validate(sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {BILL, "enacted/border-act-2010.txt"}
    assert summary.read_text(encoding="utf-8").count("## lexcheck") == 2
    assert "no-non-punishment-clause now reported" in (repo.root / "lexcheck-diff.md").read_text(encoding="utf-8")


def test_documented_gitlab_job_runs(repo: Repo) -> None:
    pipeline = yaml.safe_load((REPO / "docs" / "examples" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    for job in ("lexcheck", "lexcheck-merge-request"):
        [command] = _commands(pipeline[job]["script"], repo)
        result = lexcheck(*command)
        assert result.exit_code == 1 and "finding(s) in" in result.stdout
        report = repo.root / pipeline[job]["artifacts"]["reports"]["junit"]
        root = ET.fromstring(report.read_bytes())
        suites = [s.get("name") for s in root.findall("testsuite")]
        assert BILL in suites and int(root.get("failures") or 0) > 0
    assert "enacted/border-act-2010.txt" not in suites  # the merge-request job checks only changed bills


def test_pre_commit_hook_checks_the_files_it_is_given(repo: Repo) -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "lexcheck" and hook["language"] == "python"
    files = [p.relative_to(repo.root).as_posix() for p in sorted(repo.root.rglob("*")) if p.is_file()]
    chosen = [name for name in files if re.search(hook["files"], name) and not name.startswith(".git/")]
    assert chosen == [BILL, "enacted/border-act-2010.txt"]
    entry = shlex.split(hook["entry"])
    assert entry[0] == "lexcheck"
    assert lexcheck(*entry[1:], *chosen).exit_code == 1
    assert lexcheck(*entry[1:], "enacted/border-act-2010.txt").exit_code == 0


def test_installed_command_runs_in_the_repository(repo: Repo) -> None:
    """The real entry point, in its own process: configuration found, SARIF written, exit code 1."""
    done = subprocess.run(
        [sys.executable, str(REPO / "cli.py"), "check", "--changed-since", repo.first, "-o", "sarif:out.sarif"],
        cwd=repo.root, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1, done.stderr
    results = json.loads((repo.root / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"no-non-punishment-clause", "citizen-only-protection"}
