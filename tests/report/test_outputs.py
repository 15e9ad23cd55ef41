"""Writing reports: never over an input (same name, link or hard link), always whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from lexcheck.errors import LexcheckError
from lexcheck.outputs import write_atomically

BILL = b"Section 1. A person who traffics another person commits an offence.\n"


@pytest.fixture
def bill(tmp_path: Path) -> Path:
    path = tmp_path / "bill.txt"
    path.write_bytes(BILL)
    return path


def refused(path: Path, inputs: list[str]) -> LexcheckError:
    with pytest.raises(LexcheckError) as info:
        write_atomically("{}", path, inputs)
    return info.value


def test_the_report_never_replaces_an_input(bill: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "link.txt").symlink_to(bill)
    os.link(bill, tmp_path / "hard.txt")
    for output in (bill, Path("bill.txt"), Path("./bill.txt"), tmp_path / "link.txt", tmp_path / "hard.txt"):
        problem = refused(output, ["bill.txt"])
        assert problem.code == "LX401"
        assert problem.one_line() == f"{output}: refusing to write the report over an input file (bill.txt) [LX401]"
    # An input found in a directory counts as much as one named.
    assert refused(tmp_path / "hard.txt", [str(tmp_path), str(bill)]).code == "LX401"
    assert bill.read_bytes() == BILL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bill.txt", "hard.txt", "link.txt"]


def test_a_report_is_written_whole_with_the_usual_permissions(bill: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_atomically("{\"a\": 1}\n", target, [str(bill)])
    assert target.read_text(encoding="utf-8") == "{\"a\": 1}\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    target.chmod(0o640)
    write_atomically("second\n", target, [str(bill)])
    assert target.read_text(encoding="utf-8") == "second\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # an existing report keeps its mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bill.txt", "report.json"]  # no temporary left


def test_a_link_to_a_report_is_kept_and_its_target_replaced(tmp_path: Path) -> None:
    real = tmp_path / "reports" / "latest.txt"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.txt"
    link.symlink_to(real)
    write_atomically("new\n", link)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"


def test_a_failed_write_leaves_the_old_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old\n", encoding="utf-8")

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(LexcheckError) as info:
        write_atomically("new\n", target)
    assert info.value.one_line() == f"{target}: cannot write report: No space left on device [LX402]"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_unwritable_targets(tmp_path: Path) -> None:
    assert refused(tmp_path, []).code == "LX402"
    assert refused(tmp_path / "no" / "such" / "folder.txt", []).code == "LX402"


def test_special_files_are_written_to_not_replaced() -> None:
    write_atomically("discarded\n", Path(os.devnull))
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_fifo_without_a_reader_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    assert refused(fifo, []).code == "LX402"


def test_standard_output_as_a_path(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "from pathlib import Path; from lexcheck.outputs import write_atomically; "
        "write_atomically('report\\n', Path('/dev/stdout'))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "report\n", "")
