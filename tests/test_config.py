"""Configuration: discovery, validation (unknown keys and IDs are errors), and each key's effect."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from typer.testing import CliRunner

from lexcheck import config
from lexcheck.cli import app

pytestmark = pytest.mark.usefixtures("fast_cli")
BENEFIT = "som-offence-without-benefit"
CITIZEN = "citizen-only-protection"


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A legislation repository with a smuggling bill under bills/ and enacted/."""
    for folder in ("bills", "enacted"):
        (tmp_path / folder).mkdir()
        shutil.copyfile(FIXTURES / "smuggling_bill.txt", tmp_path / folder / "border.txt")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def check_json(*args: str):
    result = CliRunner().invoke(app, ["check", *args, "--format", "json"], catch_exceptions=False)
    return result.exit_code, (json.loads(result.stdout) if result.stdout.startswith("{") else None), result.stderr


def rules_found(data: dict) -> list[tuple[str, str, str]]:
    return [(f["path"], f["rule"], f["severity"]) for f in data["findings"]]


def test_nearest_lexcheck_toml_is_found_walking_up(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo / "lexcheck.toml", f'select = ["{BENEFIT}"]\n')
    monkeypatch.chdir(repo / "bills")
    code, data, _ = check_json("border.txt")
    assert code == 1 and [f["rule"] for f in data["findings"]] == [BENEFIT]
    assert config.discover() == (repo / "lexcheck.toml").resolve()


def test_pyproject_tool_table_is_used_and_lexcheck_toml_wins(repo: Path) -> None:
    write(repo / "pyproject.toml", f'[project]\nname = "laws"\n\n[tool.lexcheck]\nselect = ["{CITIZEN}"]\n')
    _, data, _ = check_json("bills")
    assert [f["rule"] for f in data["findings"]] == [CITIZEN]
    write(repo / "lexcheck.toml", f'select = ["{BENEFIT}"]\n')
    _, data, _ = check_json("bills")
    assert [f["rule"] for f in data["findings"]] == [BENEFIT]


def test_pyproject_without_a_lexcheck_table_is_passed_over(repo: Path) -> None:
    write(repo / "pyproject.toml", '[project]\nname = "laws"\n')
    assert config.discover() is None


def test_config_option_overrides_discovery(repo: Path) -> None:
    write(repo / "lexcheck.toml", f'select = ["{BENEFIT}"]\n')
    other = write(repo / "strict.toml", f'select = ["{CITIZEN}"]\n')
    _, data, _ = check_json("bills", "--config", str(other))
    assert [f["rule"] for f in data["findings"]] == [CITIZEN]


def test_command_line_select_wins_over_the_file(repo: Path) -> None:
    write(repo / "lexcheck.toml", f'select = ["{BENEFIT}"]\n')
    _, data, _ = check_json("bills", "--select", CITIZEN)
    assert [f["rule"] for f in data["findings"]] == [CITIZEN]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('selct = ["SOM-BENEFIT"]\n', "lexcheck.toml: configuration key selct: unknown key [LX112]"),
        ('fail_on = "error"\n', "lexcheck.toml: configuration key fail_on: unknown key [LX112]"),
        ('fail-on = "sometimes"\n', "lexcheck.toml: configuration key fail-on: Input should be"),
        ('[[overrides]]\npaths = ["enacted/**"]\nfail-on = "never"\ncolour = 1\n',
         "lexcheck.toml: configuration key overrides[0].colour: unknown key [LX112]"),
        ('select = ["SOM-BENEFT"]\n',
         "lexcheck.toml: configuration key select: unknown rule or concern ID 'SOM-BENEFT' [LX113]"),
        ('[severity]\nno-such-rule = "info"\n',
         "lexcheck.toml: configuration key severity.no-such-rule: unknown rule or concern ID 'no-such-rule' [LX113]"),
        ('select = [\n', "lexcheck.toml: not valid TOML: "),
    ],
)
def test_bad_configuration_is_an_error_naming_file_and_key(repo: Path, text: str, expected: str) -> None:
    write(repo / "lexcheck.toml", text)
    result = CliRunner().invoke(app, ["check", "bills"], catch_exceptions=False)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_errors_in_pyproject_name_the_tool_table(repo: Path) -> None:
    write(repo / "pyproject.toml", '[tool.lexcheck]\nignore = ["NOPE"]\n')
    result = CliRunner().invoke(app, ["check", "bills"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "pyproject.toml: configuration key tool.lexcheck.ignore: unknown rule or concern ID 'NOPE' [LX113]" in result.stderr


def test_severity_override_and_fail_on(repo: Path) -> None:
    write(repo / "lexcheck.toml", f"""
        select = ["{BENEFIT}", "{CITIZEN}"]
        fail-on = "error"
        [severity]
        SOM-BENEFIT = "warning"
        {CITIZEN} = "info"
    """)
    code, data, _ = check_json("bills/border.txt")
    assert rules_found(data) == [("bills/border.txt", BENEFIT, "warning"), ("bills/border.txt", CITIZEN, "info")]
    assert code == 0
    assert check_json("bills/border.txt", "--fail-on", "warning")[0] == 1
    sarif = json.loads(CliRunner().invoke(app, ["check", "bills", "--format", "sarif"]).stdout)
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert levels == {BENEFIT: "warning", CITIZEN: "note"}


def test_include_exclude_and_per_path_settings(repo: Path) -> None:
    (repo / "bills" / "archive").mkdir()
    shutil.copyfile(FIXTURES / "smuggling_bill.txt", repo / "bills" / "archive" / "old.txt")
    (repo / "bills" / "scan.odt").write_bytes(b"PK")
    write(repo / "lexcheck.toml", """
        include = ["bills/**", "enacted/**"]
        exclude = ["bills/archive/**"]
        [[overrides]]
        paths = ["enacted/**"]
        min-severity = "error"
        ignore = ["SOM-BENEFIT"]
        fail-on = "never"
    """)
    code, data, _ = check_json()
    paths = {f["path"] for f in data["findings"]}
    assert paths == {"bills/border.txt", "enacted/border.txt"}
    enacted = [f for f in data["findings"] if f["path"] == "enacted/border.txt"]
    assert [f["rule"] for f in enacted] == [CITIZEN]
    assert data["skipped"] == [{"path": "bills/scan.odt", "reason": "unsupported file type '.odt'"}]
    assert code == 1
    # Excluded files stay out even when their folder is named.
    _, data, _ = check_json("bills")
    assert {f["path"] for f in data["findings"]} == {"bills/border.txt"}


def test_per_path_fail_on_never_passes_enacted_laws(repo: Path) -> None:
    write(repo / "lexcheck.toml", '[[overrides]]\npaths = ["enacted/**"]\nfail-on = "never"\n')
    assert check_json("enacted")[0] == 0
    assert check_json("bills")[0] == 1


def test_no_paths_and_no_include_is_a_usage_error(repo: Path) -> None:
    result = CliRunner().invoke(app, ["check"], catch_exceptions=False)
    assert result.exit_code == 2 and "[LX404]" in result.stderr


def test_extra_rule_folders_add_to_the_bundled_packs(repo: Path) -> None:
    source = (REPO / "rules" / "criminalization" / f"{CITIZEN}.yaml").read_text(encoding="utf-8")
    (repo / "org-rules").mkdir()
    (repo / "org-rules" / "org-citizen.yaml").write_text(
        source.replace(f"id: {CITIZEN}", "id: org-citizen-only"), encoding="utf-8"
    )
    write(repo / "lexcheck.toml", f'rules = ["org-rules"]\nselect = ["org-citizen-only", "{BENEFIT}"]\n')
    _, data, _ = check_json("bills")
    assert {f["rule"] for f in data["findings"]} == {"org-citizen-only", BENEFIT}


def test_init_writes_a_valid_commented_starter(repo: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["init"], catch_exceptions=False)
    assert result.exit_code == 0 and (repo / "lexcheck.toml").is_file()
    text = (repo / "lexcheck.toml").read_text(encoding="utf-8")
    assert text.count("\n# ") > 10
    settings = config.parse(repo / "lexcheck.toml")
    assert settings.include == ["bills/**"] and settings.fail_on == "error"
    # Every commented-out key is a real key: uncommented, the file still validates.
    setting = re.compile(r"^# (\[|[A-Za-z-]+ = )")
    uncommented = "\n".join(line[2:] if setting.match(line) else line for line in text.splitlines())
    write(repo / "full.toml", uncommented)
    full = config.parse(repo / "full.toml")
    assert full.overrides[0].paths == ["enacted/**"] and full.jobs == 0
    again = runner.invoke(app, ["init"], catch_exceptions=False)
    assert again.exit_code == 2 and "[LX405]" in again.stderr
    assert runner.invoke(app, ["init", "--force"]).exit_code == 0
