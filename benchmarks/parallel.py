"""Benchmark --jobs: time `lexcheck check` on a directory of a few hundred bills with 1 and N workers.

Usage: python benchmarks/parallel.py [--bills 300] [--jobs 1,2,0] [--rounds 1]

The bills are the bundled sample bills copied with their sections renumbered, so that each file is a
different text of realistic size. For every --jobs value the script prints the wall time, the speed-up
over the first value, and checks that the JSON report is byte-identical to the first run's.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "corpora" / "texts").glob("*.txt"))


def make_bills(folder: Path, count: int) -> None:
    """Write ``count`` bills: the samples in turn, each with its sections renumbered from a new start."""
    for number in range(count):
        sample = SAMPLES[number % len(SAMPLES)].read_text(encoding="utf-8")
        offset = number // len(SAMPLES)

        def renumbered(match: re.Match[str], offset: int = offset) -> str:
            return f"{int(match.group(1)) + offset}."

        text = re.sub(r"(?m)^(\d+)\.", renumbered, sample)
        (folder / f"bill-{number:04d}.txt").write_text(text, encoding="utf-8")


def timed_run(folder: Path, jobs: str, report: Path) -> float:
    command = [sys.executable, str(ROOT / "cli.py"), "check", str(folder), "--jobs", jobs,
               "--fail-on", "never", "-o", f"json:{report}"]
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=folder.parent)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bills", type=int, default=300)
    parser.add_argument("--jobs", default="1,2,0", help="comma-separated --jobs values; 0 is one per core")
    parser.add_argument("--rounds", type=int, default=1, help="runs per value; the fastest counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "bills"
        folder.mkdir()
        make_bills(folder, args.bills)
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(f"{args.bills} bills, {size / 1e6:.1f} MB, {os.cpu_count()} core(s)")
        print(f"{'--jobs':>7}  {'seconds':>8}  {'speed-up':>8}  output")
        first_time: float | None = None
        first_report: bytes | None = None
        for jobs in args.jobs.split(","):
            report = Path(scratch) / f"report-{jobs}.json"
            seconds = min(timed_run(folder, jobs, report) for _ in range(args.rounds))
            data = report.read_bytes()
            first_time = first_time or seconds
            first_report = first_report if first_report is not None else data
            same = "identical" if data == first_report else "DIFFERENT"
            print(f"{jobs:>7}  {seconds:8.1f}  {first_time / seconds:7.2f}x  {same}")


if __name__ == "__main__":
    main()
