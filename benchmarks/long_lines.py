"""Benchmark analysis time against line structure: the same bill on one line, on its own lines, and a line of
unmatched quotation marks.

Usage: python benchmarks/long_lines.py [--sizes 100000,400000,5000000] [--timeout 300]

The bills come from the generator in benchmarks/statutes.py (the same as benchmarks/run.py uses).

Bills pasted from PDFs often have no line breaks at all, so analysis time must depend on the size of the
text, not on the length of its lines. Each case runs in a fresh process (so one that hangs can be stopped
at --timeout) and times reading, structuring, analysing with every bundled rule, and rendering both
reports; setting up the rules and the pipeline is paid once per run and is not counted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import statutes  # noqa: E402


def case_text(case: str, size: int) -> str:
    """The text of one case: ``lines`` (the bill as drafted), ``one-line`` (every run of white space one space),
    ``no-stops`` (one line without full stops, so without sentence ends) or ``quotes`` (a section whose
    one line holds ``size`` unmatched opening quotation marks)."""
    if case == "quotes":
        return "Section 1. Offences.\n" + "“a " * size + "\n"
    text = statutes.statute("long-lines", size)
    if case == "no-stops":
        return statutes.single_line(text).replace(".", " ")
    return statutes.single_line(text) if case == "one-line" else text


def run_one(case: str, size: int) -> dict[str, float]:
    """Time one case in this process (called in a child process)."""
    sys.path.insert(0, str(ROOT))
    from lexcheck.document import read_text_bytes
    from lexcheck.engine import Analyzer
    from lexcheck.report import json_report, text_report
    from lexcheck.results import FileReport, RunResult
    from lexcheck.rules.loader import load_rulebook
    from lexcheck.structure import build_statute

    data = case_text(case, size).encode("utf-8")
    analyzer = Analyzer(load_rulebook())
    started = time.perf_counter()
    statute = build_statute(read_text_bytes(data, "bench.txt"), analyzer.lexicon)
    analysis = analyzer.analyse(statute, explain=False)
    report = FileReport("bench.txt", analysis.findings, [], analysis.instruments, len(statute.provisions))
    result = RunResult(analyzer.pipeline, [report])
    text_report.render(result)
    json_report.render(result)
    return {"bytes": len(data), "seconds": time.perf_counter() - started, "findings": len(analysis.findings)}


def main() -> None:
    """Run every case in a fresh process and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,400000,5000000", help="bill sizes in characters")
    parser.add_argument("--quotes", default="10000", help="numbers of unmatched quotation marks")
    parser.add_argument("--cases", default="one-line,lines,quotes", help="any of one-line,lines,no-stops,quotes")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a case is stopped")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child[0], int(args.child[1]))))
        return
    print("| case | input | time (s) | findings |")
    print("| --- | ---: | ---: | ---: |")
    for case in args.cases.split(","):
        sizes = args.quotes if case == "quotes" else args.sizes
        for size in (int(s) for s in sizes.split(",")):
            label = f"{size} quotes" if case == "quotes" else f"{size / 1e3:g} KB"
            try:
                output = subprocess.run(
                    [sys.executable, __file__, "--child", case, str(size)],
                    check=True,
                    capture_output=True,
                    text=True,
                    timeout=args.timeout,
                ).stdout
            except subprocess.TimeoutExpired:
                print(f"| {case} | {label} | > {args.timeout:g} (stopped) | |", flush=True)
                continue
            r = json.loads(output)
            print(f"| {case} | {label} | {r['seconds']:.1f} | {r['findings']} |", flush=True)


if __name__ == "__main__":
    main()
