"""The text report on a terminal (colour, the terminal's width), piped or with NO_COLOR (plain), and the
progress bar of directory runs (standard error only, and only on a terminal)."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

from conftest import FIXTURES, REPO
from rich.console import Console

from lexcheck.report.progress import ProgressBar

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
BILL = FIXTURES / "smuggling_bill.txt"


def run_on_terminal(*args: str, columns: int = 80, env: dict[str, str] | None = None) -> tuple[str, int]:
    """Run lexcheck with its standard output on a pseudo-terminal of that width; return what it showed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TERM")}
    environment.update({"TERM": "xterm-256color", **(env or {})})
    process = subprocess.Popen([sys.executable, str(REPO / "cli.py"), *args], stdout=follower,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=environment, cwd=REPO)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n"), process.wait(timeout=120)


def test_report_on_a_terminal_is_coloured_and_as_wide_as_the_terminal() -> None:
    shown, code = run_on_terminal("check", str(BILL), "--select", "SOM-BENEFIT,CITIZEN-ONLY", columns=72)
    assert code == 1
    assert ANSI.search(shown), "colour on a terminal"
    plain = ANSI.sub("", shown)
    lines = plain.splitlines()
    assert max(len(line) for line in lines) <= 72
    assert any(len(line) > 60 for line in lines)
    assert "ERROR   7:1  Smuggling offence does not require a financial" in plain
    # Wider terminal, longer lines.
    wide, _ = run_on_terminal("check", str(BILL), "--select", "SOM-BENEFIT", columns=150)
    assert max(len(line) for line in ANSI.sub("", wide).splitlines()) > 100


def test_no_colour_with_no_color_or_when_piped() -> None:
    shown, _ = run_on_terminal("check", str(BILL), "--select", "SOM-BENEFIT", env={"NO_COLOR": "1"})
    assert not ANSI.search(shown) and "Smuggling offence does not require" in shown
    piped = subprocess.run([sys.executable, str(REPO / "cli.py"), "check", str(BILL), "--select", "SOM-BENEFIT"],
                           capture_output=True, text=True, cwd=REPO, check=False)
    assert piped.returncode == 1 and not ANSI.search(piped.stdout) and "\x1b" not in piped.stderr
    # Piped, text wraps at 100 columns, and each finding's first line stays whole for grep.
    lines = piped.stdout.splitlines()
    [first] = [line for line in lines if line.startswith("  ERROR ")]
    assert first.endswith("[SOM-BENEFIT · som-offence-without-benefit]")
    assert max(len(line) for line in lines if line is not first) <= 100


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def terminal_console() -> tuple[Console, io.StringIO]:
    screen = io.StringIO()
    return Console(file=screen, force_terminal=True, width=80, color_system=None), screen


def test_progress_bar_appears_once_a_run_takes_a_moment_and_is_cleared() -> None:
    console, screen = terminal_console()
    clock = Clock()
    bar = ProgressBar(console, delay=0.5, clock=clock)
    bar(0, 4)
    clock.now = 0.2
    bar(1, 4)
    assert not bar.shown and screen.getvalue() == ""
    clock.now = 0.8
    bar(2, 4)
    assert bar.shown
    clock.now = 1.0
    bar(4, 4)
    assert not bar.shown
    drawn = ANSI.sub("", screen.getvalue())
    assert "checking" in drawn and "/4" in drawn


def test_no_progress_bar_for_quick_runs_single_files_or_when_not_a_terminal(tmp_path: Path) -> None:
    console, screen = terminal_console()
    clock = Clock()
    quick = ProgressBar(console, delay=0.5, clock=clock)
    for done in range(4):
        quick(done, 3)
    assert screen.getvalue() == ""
    single = ProgressBar(console, delay=0.0, clock=clock)
    single(0, 1)
    clock.now = 10
    single(1, 1)
    assert screen.getvalue() == ""
    piped = Console(file=io.StringIO(), force_terminal=False)
    slow = ProgressBar(piped, delay=0.0, clock=clock)
    slow(0, 5)
    slow(1, 5)
    assert not slow.shown and piped.file.getvalue() == ""
    # A real directory run, piped: the report on stdout, nothing on stderr.
    for name in ("smuggling_bill.txt", "clean_bill.txt", "trafficking_bill.md"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    done = subprocess.run([sys.executable, str(REPO / "cli.py"), "check", str(tmp_path), "--fail-on", "never"],
                          capture_output=True, text=True, cwd=REPO, check=False)
    assert done.returncode == 0 and done.stderr == ""
    assert "3 file(s)" in done.stdout.splitlines()[-1]
