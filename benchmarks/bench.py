"""Benchmark lexcheck on bills of growing size built from the bundled sample bills.

Usage: python benchmarks/bench.py [--sizes 100000,1000000,10000000] [--rounds 3]

Prints, for each size, the time to read and structure the bill, the time to analyse it with every
bundled rule, the throughput, and the peak resident memory of a fresh process. Each size runs in its own
subprocess so that peak memory is that size's alone.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "corpora" / "texts").glob("*.txt"))


def synthetic_bill(size: int) -> str:
    """Sample bills concatenated, with sections renumbered so the whole reads as one long statute."""
    parts: list[str] = []
    total = 0
    section = 0
    while total < size:
        for path in SAMPLES:
            for block in re.split(r"\n(?=\d+\.)", path.read_text(encoding="utf-8")):
                section += 1
                block = re.sub(r"^\d+\.", f"{section}.", block)
                parts.append(block)
                total += len(block) + 1
                if total >= size:
                    break
            if total >= size:
                break
    return "\n".join(parts)


def run_one(size: int, rounds: int) -> dict[str, float]:
    """Measure one size in this process (called in a child process)."""
    sys.path.insert(0, str(ROOT))
    from lexcheck.document import read_text_bytes
    from lexcheck.engine import Analyzer
    from lexcheck.rules.loader import load_rulebook
    from lexcheck.structure import build_statute

    data = synthetic_bill(size).encode("utf-8")
    started = time.perf_counter()
    analyzer = Analyzer(load_rulebook())
    setup = time.perf_counter() - started
    structure_times, analyse_times, findings = [], [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        statute = build_statute(read_text_bytes(data, "bench.txt"))
        structure_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        findings = len(analyzer.analyse(statute, explain=False).findings)
        analyse_times.append(time.perf_counter() - started)
    return {
        "bytes": len(data),
        "setup_s": setup,
        "structure_s": min(structure_times),
        "analyse_s": min(analyse_times),
        "mb_per_s": len(data) / 1e6 / (min(structure_times) + min(analyse_times)),
        "findings": findings,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    """Run each size in a fresh process and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args.rounds)))
        return
    print("| bill size | setup (s) | read + structure (s) | analyse (s) | MB/s | findings | peak RSS (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.sizes.split(",")):
        output = subprocess.run([sys.executable, __file__, "--child", str(size), "--rounds", str(args.rounds)],
                                check=True, capture_output=True, text=True).stdout
        r = json.loads(output)
        print(f"| {r['bytes'] / 1e6:.1f} MB | {r['setup_s']:.2f} | {r['structure_s']:.2f} | {r['analyse_s']:.2f} | "
              f"{r['mb_per_s']:.2f} | {r['findings']} | {r['peak_rss_mb']:.0f} |")


if __name__ == "__main__":
    main()
