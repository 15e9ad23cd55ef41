"""What lexcheck agrees to read: regular files of bounded size, directory entries reported, each file once."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from lexcheck.document import SUPPORTED_SUFFIXES, read_document
from lexcheck.document.inputs import collect_inputs
from lexcheck.document.limits import DEFAULT_MAX_SIZE, parse_size
from lexcheck.errors import LexcheckError

BILL = b"Section 1. Offences.\n(1) A person who traffics another person commits an offence.\n"
SUPPORTED = ", ".join(SUPPORTED_SUFFIXES)


def write(path: Path, data: bytes = BILL) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def code_of(path: Path | str, **options: int) -> str:
    with pytest.raises(LexcheckError) as info:
        read_document(path, **options)
    return info.value.code


# -- files read directly ----------------------------------------------------------------------------

def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    # Opening a FIFO for reading blocks until a writer comes; lexcheck must answer at once.
    assert code_of(fifo) == "LX008"


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(LexcheckError) as info:
        read_document(link)
    assert info.value.code == "LX008"
    assert info.value.one_line() == f"{link}: not a regular file but a character device [LX008]"


def test_a_directory_named_like_a_bill_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert code_of(tmp_path / "folder.txt") == "LX008"


def test_links_to_regular_files_are_read(tmp_path: Path) -> None:
    target = write(tmp_path / "real.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_document(link).text == BILL.decode()


def test_broken_links_and_link_loops(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert code_of(tmp_path / "dangling.txt") == "LX010"
    assert code_of(tmp_path / "a.txt") == "LX011"


def test_files_over_the_size_limit_are_refused(tmp_path: Path) -> None:
    bill = write(tmp_path / "bill.txt", BILL * 20)
    assert read_document(bill, max_size=len(BILL) * 20).text
    with pytest.raises(LexcheckError) as info:
        read_document(bill, max_size=len(BILL) * 20 - 1)
    assert info.value.code == "LX009"
    assert "see --max-size" in info.value.message


def test_standard_input_is_limited_too(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO(BILL * 100))
    monkeypatch.setattr(sys, "stdin", stream)
    assert code_of("-", max_size=len(BILL)) == "LX009"


def test_closed_standard_input_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(LexcheckError) as info:
        read_document("-")
    assert info.value.one_line() == "<stdin>: cannot read file: standard input is closed [LX004]"


@pytest.mark.parametrize(
    ("text", "size"),
    [("50MB", 50_000_000), ("500KB", 500_000), ("2GiB", 2 * 1024**3), ("10M", 10 * 1024**2), ("1000", 1000),
     ("1.5 MB", 1_500_000)],
)
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "big", "12XB", "-5MB", "0"])
def test_bad_sizes(text: str) -> None:
    with pytest.raises(LexcheckError) as info:
        parse_size(text)
    assert info.value.code == "LX109"


def test_default_limit_is_50_mb() -> None:
    assert parse_size("50MB") == DEFAULT_MAX_SIZE


# -- directories ------------------------------------------------------------------------------------

def messages(problems: list[LexcheckError]) -> list[str]:
    return [problem.one_line() for problem in problems]


def test_skipped_directory_entries_are_reported(tmp_path: Path) -> None:
    bill = write(tmp_path / "sub" / "bill.txt")
    write(tmp_path / "notes.odt", b"%PDF")
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "control")
    (tmp_path / "sub" / "gone.md").symlink_to(tmp_path / "missing.md")
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a loop, if links to directories were followed
    inputs = collect_inputs([str(tmp_path)])
    assert inputs.names == [str(bill)]
    assert messages(inputs.errors) == [
        f"{tmp_path / 'pipe.txt'}: not a regular file but a FIFO (named pipe) [LX008]",
        f"{tmp_path / 'sub' / 'gone.md'}: broken symbolic link: its target does not exist [LX010]",
    ]
    assert messages(inputs.warnings) == [
        f"{tmp_path / 'control'}: skipped: a FIFO (named pipe) [LX013]",
        f"{tmp_path / 'sub' / 'up'}: skipped: link to a directory, not followed [LX013]",
        f"{tmp_path}: skipped 1 file(s) of unsupported type (.odt) [LX014]",
    ]


def test_an_empty_directory_is_nothing_to_check(tmp_path: Path) -> None:
    inputs = collect_inputs([str(tmp_path)])
    assert inputs.names == []
    assert messages(inputs.errors) == [
        f"{tmp_path}: nothing to check: no {SUPPORTED} file in this directory (it is empty) [LX012]"
    ]


def test_a_directory_of_unsupported_files_says_what_it_holds(tmp_path: Path) -> None:
    write(tmp_path / "a.odt", b"%PDF")
    write(tmp_path / "deep" / "b.png", b"\x89PNG")
    write(tmp_path / "deep" / "README", b"notes")
    [problem] = collect_inputs([str(tmp_path)]).errors
    assert problem.code == "LX012"
    assert "(3 file(s) of unsupported type: .odt, .png, no suffix)" in problem.message


# -- each file once ---------------------------------------------------------------------------------

def test_the_same_file_under_several_names_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "bill.txt")
    os.link(tmp_path / "bill.txt", tmp_path / "hard.txt")
    (tmp_path / "soft.txt").symlink_to("bill.txt")
    other = write(tmp_path / "copy.txt")
    names = ["bill.txt", "./bill.txt", str(tmp_path / "bill.txt"), "hard.txt", "soft.txt", str(tmp_path), "copy.txt"]
    assert collect_inputs(names).names == ["bill.txt", str(other)]


def test_missing_names_are_kept_once_for_their_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "absent.txt")
    assert collect_inputs([missing, missing, "-", "-"]).names == [missing, "-"]
