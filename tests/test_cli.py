"""The command line: check (text/JSON, selection, exit codes, inputs), rules, explain and eval."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from typer.testing import CliRunner

from lexcheck.cli import app

SMUGGLING = FIXTURES / "smuggling_bill.txt"
TRAFFICKING = FIXTURES / "trafficking_bill.md"
CLEAN = FIXTURES / "clean_bill.txt"

TOP_KEYS = {"schema_version", "tool", "findings", "waived", "notices", "errors", "skipped", "summary"}
FINDING_KEYS = {
    "path", "rule", "concern", "severity", "title", "message", "provision", "provision_heading", "start_line",
    "start_column", "end_line", "end_column", "start_char", "end_char", "excerpt", "references", "recommendation",
    "fingerprint", "evidence", "source", "level",
}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def bundled_rules_once(monkeypatch: pytest.MonkeyPatch, rulebook) -> None:
    """Parsing the bundled YAML takes a second or two; every CLI invocation in this module reuses one load.

    Rule files passed explicitly (``--rules``, ``rules validate PATH``) are still loaded for real.
    """
    import lexcheck.cli

    real = lexcheck.cli.load_rulebook

    def load(paths=None, language=None):
        return rulebook if not paths and language in (None, "en") else real(paths, language)

    monkeypatch.setattr(lexcheck.cli, "load_rulebook", load)


def run(runner: CliRunner, *args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def as_json(result) -> dict:
    return json.loads(result.stdout)


def copy_fixture(tmp_path: Path, source: Path, name: str | None = None) -> Path:
    target = tmp_path / (name or source.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


# -- check: text report -------------------------------------------------------------------------------

def test_check_text_report_grouped_by_provision(runner: CliRunner) -> None:
    result = run(runner, "check", str(SMUGGLING), "--select", "som-offence-without-benefit,citizen-only-protection")
    assert result.exit_code == 1
    out = result.stdout
    assert f"{SMUGGLING}  (" in out and "creates: smuggling" in out
    lines = out.splitlines()
    heading = lines.index(" s. 4(1) — Smuggling of migrants")
    assert lines[heading + 1].startswith("  ERROR   7:1  Smuggling offence does not require a financial")
    assert "[SOM-BENEFIT · som-offence-without-benefit]" in lines[heading + 1]
    citizen = lines.index(" s. 5(1) — Assistance")
    assert citizen > heading
    assert lines[citizen + 1].startswith("  ERROR   11:")
    assert "Legal basis: " in out and "Fix: " in out
    assert lines[-1].startswith("2 finding(s) in 1 file(s): 2 error, 0 warning, 0 info")
    assert "[pipeline: blank:en]" in lines[-1]


def test_check_clean_file(runner: CliRunner) -> None:
    result = run(runner, "check", str(CLEAN), "--select", "CITIZEN-ONLY")
    assert result.exit_code == 0
    assert "  no findings" in result.stdout
    assert "creates: no trafficking or smuggling offence" in result.stdout


def test_check_explain_lists_evidence_and_suppressed(runner: CliRunner) -> None:
    result = run(runner, "check", str(SMUGGLING), "--select", "SOM-BENEFIT", "--explain")
    assert "· missing: " in result.stdout
    assert "Candidates not reported:" in result.stdout


# -- check: JSON report -------------------------------------------------------------------------------

def test_json_report_shape(runner: CliRunner) -> None:
    result = run(runner, "check", str(SMUGGLING), "--format", "json",
                 "--select", "som-offence-without-benefit,citizen-only-protection")
    assert result.exit_code == 1
    data = as_json(result)
    assert set(data) == TOP_KEYS
    assert data["schema_version"] == 1
    assert set(data["tool"]) == {"name", "version", "pipeline"}
    assert data["tool"]["name"] == "lexcheck" and data["tool"]["pipeline"] == "blank:en"
    assert data["errors"] == []
    assert len(data["findings"]) == 2
    for finding in data["findings"]:
        assert set(finding) == FINDING_KEYS
    first = data["findings"][0]
    assert (first["path"], first["rule"], first["provision"], first["start_line"], first["start_column"]) == (
        str(SMUGGLING), "som-offence-without-benefit", "s. 4(1)", 7, 1)
    summary = data["summary"]
    assert summary["files_analysed"] == 1 and summary["files_with_errors"] == 0 and summary["findings"] == 2
    assert summary["by_severity"] == {"error": 2, "warning": 0, "info": 0}
    assert summary["by_concern"] == {"CITIZEN-ONLY": 1, "SOM-BENEFIT": 1}
    [file] = summary["files"]
    assert {k: file[k] for k in ("path", "instruments", "provisions", "findings")} == {
        "path": str(SMUGGLING), "instruments": ["smuggling"], "provisions": 6, "findings": 2}
    # The compliance matrix lists every catalogue concern once, in catalogue order.
    rows = {row["concern"]: row for row in file["compliance"]}
    assert len(rows) == len(file["compliance"]) == 36
    assert (rows["SOM-BENEFIT"]["status"], rows["SOM-BENEFIT"]["where"]) == ("issue", ["s. 4(1)"])
    assert rows["CITIZEN-ONLY"]["status"] == "issue"
    assert rows["DEATH-PENALTY"]["status"] == "not_evaluated"
    assert rows["DEATH-PENALTY"]["remarks"] == ["no rule of this concern was run"]


def test_several_outputs_in_one_run(runner: CliRunner, tmp_path: Path) -> None:
    """-o is repeatable; FORMAT:PATH or the extension chooses each format; stdout stays empty."""
    as_text, as_json_file, prefixed = tmp_path / "r.txt", tmp_path / "r.json", tmp_path / "report.out"
    result = run(runner, "check", str(SMUGGLING), "-o", str(as_text), "-o", str(as_json_file),
                 "-o", f"json:{prefixed}", "--select", "SOM-BENEFIT")
    assert result.exit_code == 1 and result.stdout == ""
    assert " s. 4(1) — Smuggling of migrants" in as_text.read_text(encoding="utf-8")
    assert json.loads(as_json_file.read_text(encoding="utf-8")) == json.loads(prefixed.read_text(encoding="utf-8"))


def test_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    result = run(runner, "check", str(SMUGGLING), "--format", "yaml")
    assert result.exit_code == 2
    assert "unknown report format 'yaml'" in result.stderr and "[LX403]" in result.stderr


def test_json_is_byte_identical_across_runs(runner: CliRunner, tmp_path: Path) -> None:
    outputs = []
    for name in ("one.json", "two.json"):
        target = tmp_path / name
        result = run(runner, "check", str(SMUGGLING), str(TRAFFICKING), "--format", "json", "--output", str(target),
                     "--select", "SOM-BENEFIT,CITIZEN-ONLY,TIP-NONPUNISHMENT")
        assert result.exit_code in (0, 1)
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["summary"]["files_analysed"] == 2


def test_output_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run(runner, "check", str(SMUGGLING), "-f", "json", "-o", str(target),
                 "--select", "som-offence-without-benefit")
    assert result.exit_code == 1
    assert result.stdout == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [f["rule"] for f in data["findings"]] == ["som-offence-without-benefit"]
    text_target = tmp_path / "report.txt"
    run(runner, "check", str(SMUGGLING), "-o", str(text_target), "--select", "SOM-BENEFIT")
    assert " s. 4(1) — Smuggling of migrants" in text_target.read_text(encoding="utf-8")


# -- check: selection and exit codes --------------------------------------------------------------------

def reported(runner: CliRunner, *options: str) -> set[tuple[str, str]]:
    """(rule, concern) of every finding on the smuggling bill."""
    result = run(runner, "check", str(SMUGGLING), "--format", "json", *options)
    assert result.exit_code in (0, 1)
    return {(f["rule"], f["concern"]) for f in as_json(result)["findings"]}


SOM = ("som-offence-without-benefit", "SOM-BENEFIT")
CIT = ("citizen-only-protection", "CITIZEN-ONLY")


def test_select_and_ignore_by_rule_and_concern(runner: CliRunner) -> None:
    assert reported(runner, "--select", "som-offence-without-benefit") == {SOM}
    by_concern = reported(runner, "--select", "CITIZEN-ONLY")
    assert CIT in by_concern and {concern for _, concern in by_concern} == {"CITIZEN-ONLY"}
    mixed = reported(runner, "--select", "SOM-BENEFIT", "--select", "citizen-only-protection")
    assert {SOM, CIT} <= mixed and {concern for _, concern in mixed} == {"SOM-BENEFIT", "CITIZEN-ONLY"}
    both = "som-offence-without-benefit,citizen-only-protection"
    assert reported(runner, "--select", both, "--ignore", "SOM-BENEFIT") == {CIT}
    assert reported(runner, "--select", both, "--ignore", "citizen-only-protection") == {SOM}
    everything_but = reported(runner, "--ignore", "SOM-BENEFIT")
    assert CIT in everything_but and all(concern != "SOM-BENEFIT" for _, concern in everything_but)


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_id_is_a_usage_error(runner: CliRunner, option: str) -> None:
    result = run(runner, "check", str(SMUGGLING), option, "NO-SUCH-RULE")
    assert result.exit_code == 2
    assert result.stderr.strip() == "lexcheck: unknown rule or concern ID 'NO-SUCH-RULE' [LX104]"
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("fail_on", "error_bill", "info_bill"),
    [("error", 1, 0), ("warning", 1, 0), ("info", 1, 1), ("never", 0, 0)],
)
def test_fail_on(runner: CliRunner, fail_on: str, error_bill: int, info_bill: int) -> None:
    # the smuggling bill has error findings; the Markdown trafficking bill only an info one (discretionary
    # non-prosecution is a weaker safeguard)
    result = run(runner, "check", str(SMUGGLING), "--select", "som-offence-without-benefit", "--fail-on", fail_on)
    assert result.exit_code == error_bill
    result = run(runner, "check", str(TRAFFICKING), "--select", "no-non-punishment-clause", "--fail-on", fail_on,
                 "--format", "json")
    assert [f["severity"] for f in as_json(result)["findings"]] == ["info"]
    assert result.exit_code == info_bill


def test_default_fail_on_is_error(runner: CliRunner) -> None:
    assert run(runner, "check", str(TRAFFICKING), "--select", "no-non-punishment-clause").exit_code == 0


# -- check: inputs --------------------------------------------------------------------------------------

def test_directories_are_scanned_recursively(runner: CliRunner, tmp_path: Path) -> None:
    copy_fixture(tmp_path, SMUGGLING, "a/b/smuggling.txt")
    copy_fixture(tmp_path, TRAFFICKING, "a/trafficking.md")
    copy_fixture(tmp_path, CLEAN, "clean.TXT")
    (tmp_path / "a" / "notes.odt").write_bytes(b"PK\x03\x04 not a bill")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run(runner, "check", str(tmp_path), "--format", "json", "--select", "SOM-BENEFIT")
    data = as_json(result)
    assert data["errors"] == []
    assert [f["path"] for f in data["summary"]["files"]] == sorted(
        str(tmp_path / name) for name in ("a/b/smuggling.txt", "a/trafficking.md", "clean.TXT"))
    assert result.exit_code == 1


def test_stdin(runner: CliRunner) -> None:
    text = SMUGGLING.read_text(encoding="utf-8")
    result = run(runner, "check", "-", "--format", "json", "--select", "som-offence-without-benefit", input=text)
    data = as_json(result)
    assert [(f["path"], f["provision"], f["start_line"]) for f in data["findings"]] == [("<stdin>", "s. 4(1)", 7)]
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "LX001"),
        ("empty.txt", b"", "LX002"),
        ("undecodable.txt", b"\xff\xfeA\x00B", "LX003"),
        ("missing.txt", None, "LX006"),
        ("bill.odt", b"PK\x03\x04", "LX005"),
        ("bill.pdf", b"%PDF-1.7", "LX007"),
    ],
)
def test_bad_file_does_not_stop_the_good_one(runner: CliRunner, tmp_path: Path, name: str, data: bytes | None,
                                             code: str) -> None:
    good = copy_fixture(tmp_path, SMUGGLING)
    bad = tmp_path / name
    if data is not None:
        bad.write_bytes(data)
    result = run(runner, "check", str(bad), str(good), "--select", "SOM-BENEFIT")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    error_lines = [line for line in result.output.splitlines() if line.startswith(f"{bad}: error:")]
    assert len(error_lines) == 1 and error_lines[0].endswith(f"[{code}]")
    assert " s. 4(1) — Smuggling of migrants" in result.stdout  # the good file was still analysed
    assert "1 file(s) could not be read" in result.stdout
    # the JSON report carries the error too, and stderr repeats it in one line
    result = run(runner, "check", str(bad), str(good), "--select", "SOM-BENEFIT", "--format", "json")
    assert result.exit_code == 2
    report = as_json(result)
    assert report["errors"] == [{"path": str(bad), "message": error_lines[0].split(": error: ", 1)[1]}]
    assert report["summary"]["files_analysed"] == 1
    assert result.stderr.strip().splitlines() == [error_lines[0]]


def test_input_files_are_not_modified(runner: CliRunner, tmp_path: Path) -> None:
    paths = [copy_fixture(tmp_path, SMUGGLING), copy_fixture(tmp_path, TRAFFICKING)]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}
    run(runner, "check", *map(str, paths))
    run(runner, "check", *map(str, paths), "--format", "json", "--explain")
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths} == before
    assert sorted(tmp_path.iterdir()) == sorted(paths)


def test_subprocess_cli_from_repo_root(tmp_path: Path) -> None:
    bill = copy_fixture(tmp_path, SMUGGLING)
    proc = subprocess.run(
        [sys.executable, "cli.py", "check", str(bill), "--format", "json", "--select", "som-offence-without-benefit"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == TOP_KEYS
    assert [(f["rule"], f["provision"]) for f in data["findings"]] == [("som-offence-without-benefit", "s. 4(1)")]
    assert proc.stderr == ""


def test_version(runner: CliRunner) -> None:
    from lexcheck import __version__

    assert run(runner, "--version").stdout.strip() == f"lexcheck {__version__}"


# -- rules ------------------------------------------------------------------------------------------------

RULE = """\
id: tmp-hanging-rule
concern: DEATH-PENALTY
title: Hanging prescribed
severity: warning
toolkit: Tool 1.9
message: Hanging is a death penalty.
rationale: ICCPR art. 6.
recommendation: Replace it with imprisonment.
references:
  - {instrument: International Covenant on Civil and Political Rights, article: art. 6}
flag:
  match:
    phrases: [hanged by the neck]
examples:
  fire: [The offender shall be hanged by the neck.]
  pass: [The offender shall be imprisoned.]
"""


def test_rules_list(runner: CliRunner) -> None:
    result = run(runner, "rules", "list")
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split(None, 3) for line in result.stdout.splitlines()}
    assert rows["som-offence-without-benefit"][1:3] == ["SOM-BENEFIT", "error"]
    assert rows["som-offence-without-benefit"][3].startswith("Smuggling offence does not require")
    assert rows["death-penalty"][1:4] == ["DEATH-PENALTY", "error", "Death penalty prescribed"]


def test_rules_list_with_own_rules(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "rule.yaml"
    path.write_text(RULE, encoding="utf-8")
    result = run(runner, "rules", "list", "--rules", str(path))
    assert [line.split()[:3] for line in result.stdout.splitlines()] == [
        ["tmp-hanging-rule", "DEATH-PENALTY", "warning"]]


def test_rules_show(runner: CliRunner) -> None:
    result = run(runner, "rules", "show", "som-offence-without-benefit")
    assert result.exit_code == 0
    assert result.stdout.startswith("# ") and "som-offence-without-benefit.yaml" in result.stdout.splitlines()[0]
    assert "id: som-offence-without-benefit" in result.stdout
    assert "concern: SOM-BENEFIT" in result.stdout
    result = run(runner, "rules", "show", "no-such-rule")
    assert result.exit_code == 2
    assert "unknown rule 'no-such-rule'" in result.stderr


def test_rules_schema(runner: CliRunner) -> None:
    result = run(runner, "rules", "schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert {"id", "concern", "flag", "require"} <= set(schema["properties"])
    assert {"id", "concern", "severity"} <= set(schema["required"])
    assert schema["additionalProperties"] is False


def test_rules_validate(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(RULE, encoding="utf-8")
    result = run(runner, "rules", "validate", str(good))
    assert result.exit_code == 0 and "1 rule(s) valid" in result.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text(RULE.replace("severity: warning", "severity: warning\nseverty: error"), encoding="utf-8")
    result = run(runner, "rules", "validate", str(broken))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{broken}:5: rule tmp-hanging-rule: severty: unknown key [LX102]"
    assert "Traceback" not in result.output


HEADLINE_RULE_FILES = [
    "criminalization/som-offence-without-benefit.yaml", "criminalization/citizen-only-protection.yaml",
    "criminalization/gendered-victim-definition.yaml", "criminalization/no-non-punishment-clause.yaml",
    "sentencing/death-penalty.yaml", "protection/female-only-assistance.yaml",
]


def test_rules_test_bundled(runner: CliRunner) -> None:
    # The headline rules of the bundled packs (other packs are being written concurrently and are
    # exercised by their authors); their examples include the catalogue's traps.
    paths = [str(REPO / "rules" / name) for name in HEADLINE_RULE_FILES]
    result = run(runner, "rules", "test", *paths)
    assert result.exit_code == 0, result.stdout
    assert "FAIL" not in result.stdout
    assert result.stdout.strip().splitlines()[-1].endswith(" 0 failed (6 rules)")


def test_rules_test_failing_examples(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(RULE, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(
        RULE.replace("id: tmp-hanging-rule", "id: tmp-bad-rule")
        .replace("fire: [The offender shall be hanged by the neck.]", "fire: [The offender shall be shot.]"),
        encoding="utf-8")
    (tmp_path / "nopass.yaml").write_text(
        RULE.replace("id: tmp-hanging-rule", "id: tmp-nopass-rule")
        .replace("  pass: [The offender shall be imprisoned.]\n", ""), encoding="utf-8")
    result = run(runner, "rules", "test", str(tmp_path), "-v")
    assert result.exit_code == 1
    out = result.stdout
    assert "ok   tmp-hanging-rule fire[1]" in out and "ok   tmp-hanging-rule pass[1]" in out
    assert "FAIL tmp-bad-rule fire[1]: did not fire" in out
    assert "FAIL tmp-nopass-rule: no example that must pass" in out
    assert out.strip().splitlines()[-1] == "4 passed, 2 failed (3 rules)"


# -- explain ----------------------------------------------------------------------------------------------

def test_explain_concern(runner: CliRunner) -> None:
    result = run(runner, "explain", "SOM-BENEFIT")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("SOM-BENEFIT — smuggling offence without the financial or other material benefit element")
    assert "Rule som-offence-without-benefit (error):" in out
    assert "Legal basis: Protocol against the Smuggling of Migrants" in out
    assert "Fires on: “" in out and "Does not fire on: “" in out


def test_explain_rule(runner: CliRunner) -> None:
    result = run(runner, "explain", "female-only-assistance")
    assert result.exit_code == 0
    assert result.stdout.startswith("GENDERED-DEFINITION — ")
    assert "Rule female-only-assistance (error)" in result.stdout
    assert "Rule gendered-victim-definition" not in result.stdout


def test_explain_unknown(runner: CliRunner) -> None:
    result = run(runner, "explain", "NOPE")
    assert result.exit_code == 2
    assert result.stderr.strip() == "lexcheck: unknown rule or concern ID 'NOPE' [LX104]"


# -- eval -------------------------------------------------------------------------------------------------

HEADER = "# Source: test corpus\n# Note: Any person who traffics a child shall be punished with death.\n\n"


def build_corpus(root: Path) -> Path:
    (root / "texts").mkdir(parents=True)
    (root / "gold").mkdir()
    (root / "texts" / "border.txt").write_text(HEADER + SMUGGLING.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "gold" / "border.yaml").write_text(textwrap.dedent("""\
        file: border.txt
        coverage: complete
        findings:
        - concern: SOM-BENEFIT
          verdict: absent-required-element
          provision: s. 4(1)
          quote: A person who facilitates the illegal entry of another person
        clean:
        - concern: DEATH-PENALTY
          reason: no death penalty in the bill (the header is not part of it)
        - concern: CITIZEN-ONLY
          reason: deliberately wrong, to produce a false alarm
        not_assessed: []
        """), encoding="utf-8")
    # a text without gold is ignored
    (root / "texts" / "unlabelled.txt").write_text("1. Any person who traffics a child shall be punished with death.\n",
                                                   encoding="utf-8")
    return root


def test_eval_prints_precision_and_recall(runner: CliRunner, tmp_path: Path) -> None:
    corpus = build_corpus(tmp_path / "corpus")
    result = run(runner, "eval", str(corpus), "--select", "SOM-BENEFIT,DEATH-PENALTY,CITIZEN-ONLY")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"1 text(s) in {corpus}")
    assert "Document level, all gold findings:" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line and not line.startswith(" ")}
    assert rows["concern"][:7] == ["concern", "TP", "FP", "FN", "prec", "recall", "F1"]
    assert rows["SOM-BENEFIT"][1:8] == ["1", "0", "0", "1.00", "1.00", "1.00", "1/1"]
    assert rows["CITIZEN-ONLY"][1:4] == ["0", "1", "0"]
    assert "    false alarm: border.txt:14" in out  # line 11 of the bill + the 3 header lines
    # the '#' header block is stripped: its death-penalty sentence is not a false alarm
    assert rows["DEATH-PENALTY"][1:4] == ["0", "0", "0"]


def test_eval_json(runner: CliRunner, tmp_path: Path) -> None:
    corpus = build_corpus(tmp_path / "corpus")
    result = run(runner, "eval", str(corpus), "--select", "SOM-BENEFIT", "--format", "json")
    data = json.loads(result.stdout)
    assert data["all gold findings"]["SOM-BENEFIT"] == {
        "tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "located": 1, "locatable": 1}


def test_eval_header_lines_shift_reported_lines(tmp_path: Path, analyzer) -> None:
    from lexcheck.checking import analyse_document
    from lexcheck.evaluation import load_corpus

    corpus = build_corpus(tmp_path / "corpus")
    samples, problems, skipped = load_corpus(corpus)
    assert problems == [] and skipped == []
    (sample,) = samples
    assert not sample.document.text.startswith("#")
    assert sample.document.first_line == 4
    findings = [f for f in analyse_document(sample.document, analyzer).findings if f.concern == "SOM-BENEFIT"]
    original = (corpus / "texts" / "border.txt").read_text(encoding="utf-8").splitlines()
    expected = next(number for number, line in enumerate(original, start=1)
                    if line.startswith("(1) A person who facilitates"))
    assert expected == 10  # line 7 of the bill + the 3 header lines
    assert [f.start_line for f in findings if f.rule == "som-offence-without-benefit"] == [expected]
    assert all(f.concern != "DEATH-PENALTY" for f in analyse_document(sample.document, analyzer).findings)


def test_eval_needs_texts_and_gold(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "eval", str(tmp_path))
    assert result.exit_code == 2
    assert "a corpus needs texts/ and gold/ folders [LX301]" in result.stderr


def test_eval_reports_a_broken_gold_file(runner: CliRunner, tmp_path: Path) -> None:
    corpus = build_corpus(tmp_path / "corpus")
    (corpus / "gold" / "border.yaml").write_text("findings:\n- verdict: present\n", encoding="utf-8")
    result = run(runner, "eval", str(corpus), "--select", "SOM-BENEFIT")
    assert result.exit_code == 2
    assert "border.yaml: findings.0.concern: Field required [LX301]" in result.stderr


def test_every_error_code_is_documented_once() -> None:
    from lexcheck import errors

    codes = [v.code for v in vars(errors).values() if isinstance(v, errors.ErrorCode)]
    assert len(codes) == len(set(codes)), "an error code is used twice"
    page = (Path(__file__).resolve().parents[1] / "docs" / "errors.md").read_text(encoding="utf-8")
    assert {code for code in codes if f"| {code} |" not in page} == set()


@pytest.mark.parametrize("name", ["finding", "compliance", "rule", "lexicon"])
def test_published_schemas_are_current(runner: CliRunner, name: str) -> None:
    """docs/schemas/ holds what `lexcheck schema NAME` prints (regenerate with that command)."""
    result = run(runner, "schema", name)
    assert result.exit_code == 0
    page = Path(__file__).resolve().parents[1] / "docs" / "schemas" / f"{name}.schema.json"
    assert json.loads(page.read_text(encoding="utf-8")) == json.loads(result.stdout)


def test_json_findings_validate_against_the_finding_schema(runner: CliRunner) -> None:
    from lexcheck.results import Finding

    result = run(runner, "check", str(SMUGGLING), str(TRAFFICKING), "--format", "json")
    for finding in as_json(result)["findings"]:
        Finding.model_validate(finding)
