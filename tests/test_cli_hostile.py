"""``lexcheck check`` on hostile and broken input: one line, exit 2, the other files still analysed, no bill lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from typer.testing import CliRunner

from lexcheck.cli import app
from lexcheck.document import SUPPORTED_SUFFIXES

SMUGGLING = FIXTURES / "smuggling_bill.txt"
SELECT = ("--select", "SOM-BENEFIT")
SUPPORTED = ", ".join(SUPPORTED_SUFFIXES)


@pytest.fixture(autouse=True)
def bundled_rules_once(monkeypatch: pytest.MonkeyPatch, rulebook) -> None:
    import lexcheck.cli

    real = lexcheck.cli.load_rulebook
    monkeypatch.setattr(lexcheck.cli, "load_rulebook", lambda paths=None, language=None: rulebook if not paths else real(paths, language))


@pytest.fixture
def bill(tmp_path: Path) -> Path:
    path = tmp_path / "bill.txt"
    path.write_bytes(SMUGGLING.read_bytes())
    return path


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


def lexcheck(*args: str, cwd: Path = REPO, **options) -> subprocess.CompletedProcess[str]:
    """The real console command, in a fresh process (standard streams are the subject of these tests)."""
    return subprocess.run([sys.executable, str(REPO / "cli.py"), *args], cwd=cwd, text=True, timeout=180, **options)


# -- 1. the report never replaces a bill -------------------------------------------------------------

@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "in-directory"])
def test_output_over_an_input_is_refused_before_anything_is_written(bill: Path, tmp_path: Path, how: str) -> None:
    inputs, output = [str(bill)], bill
    if how == "symlink":
        output = tmp_path / "report.json"
        output.symlink_to(bill)
    elif how == "hardlink":
        output = tmp_path / "report.json"
        os.link(bill, output)
    elif how == "in-directory":
        inputs = [str(tmp_path)]
    result = run("check", "--format", "json", "-o", str(output), *inputs, *SELECT)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"lexcheck: {output}: refusing to write the report over an input file ({bill}) [LX401]\n"
    assert bill.read_bytes() == SMUGGLING.read_bytes()


def test_a_report_that_cannot_be_written_is_one_line(bill: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.json"
    result = run("check", str(bill), "-o", str(target), *SELECT)
    assert result.exit_code == 2
    assert result.stderr == f"lexcheck: {target}: cannot write report: No such file or directory [LX402]\n"


# -- 2. only regular files, of bounded size ------------------------------------------------------------

def test_a_fifo_and_a_link_to_dev_zero_do_not_stop_the_run(bill: Path, tmp_path: Path) -> None:
    fifo, zero = tmp_path / "x.txt", tmp_path / "zero.txt"
    os.mkfifo(fifo)
    zero.symlink_to("/dev/zero")
    result = run("check", str(fifo), str(zero), str(bill), *SELECT)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert f"{fifo}: error: not a regular file but a FIFO (named pipe) [LX008]" in lines
    assert f"{zero}: error: not a regular file but a character device [LX008]" in lines
    assert " s. 4(1) — Smuggling of migrants" in lines  # the bill was analysed


def test_max_size(bill: Path) -> None:
    result = run("check", str(bill), "--max-size", "100", "-f", "json", *SELECT)
    assert result.exit_code == 2
    assert json.loads(result.stdout)["errors"] == [
        {"path": str(bill), "message": "file is larger than the 100 bytes limit (457 bytes; see --max-size) [LX009]"}
    ]
    assert run("check", str(bill), "--max-size", "1KB", *SELECT).exit_code == 1
    result = run("check", str(bill), "--max-size", "lots", *SELECT)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("lexcheck: invalid size 'lots' for --max-size") and "[LX109]" in result.stderr


def test_skipped_directory_entries_are_reported_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "bills").mkdir()
    (tmp_path / "bills" / "bill.txt").write_bytes(SMUGGLING.read_bytes())
    (tmp_path / "bills" / "scan.odt").write_bytes(b"%PDF")
    (tmp_path / "bills" / "old.txt").symlink_to(tmp_path / "gone.txt")
    result = run("check", str(tmp_path / "bills"), "-f", "json", *SELECT)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'bills'}: warning: skipped 1 file(s) of unsupported type (.odt) [LX014]",
        f"{tmp_path / 'bills' / 'old.txt'}: error: broken symbolic link: its target does not exist [LX010]",
    ]
    assert json.loads(result.stdout)["summary"]["files_analysed"] == 1


# -- 3. standard streams ---------------------------------------------------------------------------------

def test_closed_standard_input_is_one_line_and_exit_2(bill: Path) -> None:
    proc = lexcheck("check", str(bill), "-", *SELECT, "-f", "json", stdin=None, capture_output=True,
                    preexec_fn=lambda: os.close(0))
    assert proc.returncode == 2
    assert proc.stderr == "<stdin>: error: cannot read file: standard input is closed [LX004]\n"
    assert json.loads(proc.stdout)["summary"]["files_analysed"] == 1


def test_a_full_standard_output_is_one_line_and_exit_2(bill: Path) -> None:
    with open("/dev/full", "w") as full:
        proc = lexcheck("check", str(bill), *SELECT, stdout=full, stderr=subprocess.PIPE)
    assert proc.returncode == 2
    assert proc.stderr == "lexcheck: <stdout>: cannot write report: No space left on device [LX402]\n"


def test_a_closed_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    offence = "Smuggling of migrants\n(1) A person who facilitates the illegal entry of another person commits an offence.\n"
    big.write_text("".join(f"{n}. {offence}" for n in range(1, 301)), encoding="utf-8")  # a report of 300 KB
    proc = subprocess.Popen([sys.executable, str(REPO / "cli.py"), "check", str(big), *SELECT], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(str(big).encode())
    proc.stdout.close()  # as `| head -1` does
    assert proc.stderr.read() == b""
    assert proc.wait(timeout=180) in (-13, 141)  # ended by SIGPIPE, like any Unix tool


# -- 9, 10, 11 ---------------------------------------------------------------------------------------------

def test_nothing_to_check_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "scan.odt").write_bytes(b"%PDF")
    result = run("check", str(tmp_path), "-f", "json", *SELECT)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{tmp_path}: error: nothing to check: no {SUPPORTED} file in this directory "
        "(1 file(s) of unsupported type: .odt) [LX012]\n"
    )


def test_a_file_name_cannot_forge_an_error_line(tmp_path: Path) -> None:
    name = tmp_path / "evil\nfake.txt: error: forged [LX001]\n.txt"
    name.write_bytes(b"")
    result = run("check", str(name), "-f", "json", *SELECT)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path}/evil\\nfake.txt: error: forged [LX001]\\n.txt: error: file is empty [LX002]"
    ]


def test_one_file_under_several_names_is_analysed_once(bill: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", "bill.txt", "./bill.txt", str(bill), str(tmp_path), "-f", "json", *SELECT)
    data = json.loads(result.stdout)
    assert [f["path"] for f in data["summary"]["files"]] == ["bill.txt"]
    assert len(data["findings"]) == 1


def test_a_replaced_byte_is_a_warning_naming_its_line(tmp_path: Path) -> None:
    bill = tmp_path / "bill.txt"
    damaged = "Border \udcff Control Act — 2025".encode("utf-8", "surrogateescape")
    bill.write_bytes(SMUGGLING.read_bytes().replace(b"Border Control Act", damaged))
    result = run("check", str(bill), *SELECT)
    assert result.exit_code == 1  # a warning does not change the outcome
    assert (f"{bill}: warning: 1 byte(s) that are not UTF-8 replaced by U+FFFD (the first on line 4, column 37) "
            "[LX015]") in result.stdout.splitlines()


def test_a_fault_of_lexcheck_on_one_bill_is_one_line_and_the_other_bills_are_still_checked(
    tmp_path: Path, bill: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lexcheck.checking

    real = lexcheck.checking.build_statute
    faulty = tmp_path / "faulty.txt"
    faulty.write_text("1. A person who smuggles another person commits an offence.\n", encoding="utf-8")

    def build(document, lexicon):  # type: ignore[no-untyped-def]
        if document.path.endswith("faulty.txt"):
            raise StopIteration  # what an unforeseen marker once raised inside the parser
        return real(document, lexicon)

    monkeypatch.setattr(lexcheck.checking, "build_statute", build)
    result = run("check", str(faulty), str(bill), *SELECT, "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [error["message"][-7:] for error in report["errors"]] == ["[LX501]"]
    assert report["findings"] and all(f["path"].endswith("bill.txt") for f in report["findings"])
    assert "Traceback" not in result.stderr
