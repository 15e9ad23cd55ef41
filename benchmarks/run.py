"""Benchmark lexcheck against spaCy's bare tokenizer on generated statute text, in the same run.

Usage: python benchmarks/run.py [--cases startup,100k,1m,paste1m,2xrules1m,10m,paste5m,bills1000] [--repeat 3]
                                [--profile 1m] [--seed 12] [--workdir DIR] [--quick]

Cases:
  <size>         one long Act of that many bytes (100k, 1m, 10m, ...): Parts, sections, subsections,
                 definitions and penalties, one paragraph per line (benchmarks/statutes.py)
  paste<size>    the same kind of Act with every line break and run of spaces turned into one space, as when
                 a bill is pasted from a PDF
  bills<count>   a directory of that many small bills (1.5-40 KB) in five drafting traditions, a third of them
                 hard-wrapped, checked in one lexcheck run
  2xrules<size>  the Act of that size checked with every bundled rule and pattern set loaded twice (the copies
                 under other IDs), to show what independent rules cost
  startup        `lexcheck --help`, and `check` on a one-page bill (the fixed cost of a run)

Every measurement runs in a fresh process, so its peak resident memory (from the kernel's accounting of that
child) is its own. For each case and repetition the bare tokenizer (`spacy.blank("en").tokenizer` on the raw
text, as users give it; the import and set-up are not counted) runs first and lexcheck (`python cli.py check
--format json -o FILE`, all bundled rules, timed from process start to exit) right after, so both see the
same load on a shared machine; the table shows medians. `ratio` is tokenizer time / lexcheck time (the
target of issue 12 is 0.5). CPU columns are user + system time: on a busy machine they move less than
wall-clock time.

`--profile CASE` runs that case once more under cProfile and prints the stage split (start-up, read,
structure, pipeline, matching, judging, report) and the functions that take the most time; the profile is
saved in the work directory for `python -m pstats` or snakeviz.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import statutes  # noqa: E402

DEFAULT_CASES = "startup,100k,1m,paste1m,2xrules1m,10m,paste5m,bills1000"
QUICK_CASES = "100k"
# Progress messages go to standard error, so that standard output is the tables alone.
Say = Callable[[str], None]

# The stages of a run, found in the profile by the functions that do them (file, function). A stage's time
# is the cumulative time of the first function listed that the profile holds; "pipeline" runs inside
# "matching" and "matching" inside "judging" (the analysis), so each of those is shown less the one inside.
STAGE_FUNCTIONS: dict[str, list[tuple[str, str]]] = {
    "read": [("lexcheck/document/readers.py", "read_document")],
    "structure": [("lexcheck/structure/__init__.py", "build_statute")],
    "pipeline": [("lexcheck/engine/analyzer.py", "_docs"), ("lexcheck/nlp.py", "parse")],
    "matching": [("lexcheck/engine/matching.py", "run")],
    "analysis": [("lexcheck/engine/analyzer.py", "analyse")],
    "report": [("lexcheck/report/json_report.py", "render_context")],
    "write": [("lexcheck/cli.py", "_write")],
    "rules": [("lexcheck/cli.py", "_rulebook")],
    "matchers": [("lexcheck/cli.py", "_analyzer")],
    "imports": [("<frozen importlib._bootstrap>", "_find_and_load")],
}


# --- cases ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One thing to measure: a generated input and how lexcheck is run on it."""

    name: str
    kind: str  # statute, paste, bills, startup
    size: int = 0  # bytes of text (statute, paste) or number of bills
    double_rules: bool = False

    @property
    def label(self) -> str:
        if self.kind == "startup":
            return "start-up"
        if self.kind == "bills":
            return f"{self.size:,} bills"
        label = f"{self.size / 1e6:g} MB"
        if self.kind == "paste":
            label += ", one line"
        return label + (", rules ×2" if self.double_rules else "")


_SIZE = re.compile(r"(\d+(?:\.\d+)?)([km])", re.IGNORECASE)


def parse_case(name: str) -> Case:
    """A case from its name (see the module's docstring); raises ValueError for a name that is none."""
    if name == "startup":
        return Case(name, "startup")
    if match := re.fullmatch(r"bills(\d+)", name):
        return Case(name, "bills", int(match.group(1)))
    match = re.fullmatch(r"(paste|2xrules)?" + _SIZE.pattern, name, re.IGNORECASE)
    if not match:
        raise ValueError(f"unknown case {name!r}: use startup, a size (100k, 1m), paste<size>, 2xrules<size> or bills<count>")
    prefix, number, unit = match.groups()
    size = int(float(number) * (1_000 if unit.lower() == "k" else 1_000_000))
    return Case(name, "paste" if prefix == "paste" else "statute", size, double_rules=prefix == "2xrules")


def materialise(case: Case, seed: str, workdir: Path) -> Path:
    """Write a case's input under ``workdir`` (once per run) and return the file or directory."""
    if case.kind == "bills":
        folder = workdir / f"bills{case.size}-seed{seed}"
        if not folder.is_dir():
            folder.mkdir()
            for index in range(case.size):
                (folder / f"bill-{index:04d}.txt").write_text(statutes.small_bill(f"{seed}:{index}"), encoding="utf-8")
        return folder
    if case.kind == "startup":
        path = workdir / f"one-page-seed{seed}.txt"
        if not path.exists():
            path.write_text(statutes.statute(f"{seed}:page", 3_000), encoding="utf-8")
        return path
    path = workdir / f"{'paste' if case.kind == 'paste' else 'statute'}{case.size}-seed{seed}.txt"
    if not path.exists():
        text = statutes.statute(f"{seed}:{case.size}", case.size)
        path.write_text(statutes.single_line(text) if case.kind == "paste" else text, encoding="utf-8")
    return path


def doubled_rules(workdir: Path) -> Path:
    """The bundled rules and pattern sets twice: the originals, and copies whose rule IDs and set names end
    in ``-copy`` (so the copies are compiled and judged on their own, not merged with the originals)."""
    import yaml

    folder = workdir / "rules-x2"
    if folder.is_dir():
        return folder
    bundled = ROOT / "rules"
    shutil.copytree(bundled, folder / "bundled", ignore=shutil.ignore_patterns("patterns", "concerns.yaml"))

    def rename_sets(value: object) -> object:
        if isinstance(value, dict):
            return {k: ([f"{s}-copy" for s in v] if k == "sets" and isinstance(v, list) else rename_sets(v))
                    for k, v in value.items()}
        if isinstance(value, list):
            return [rename_sets(v) for v in value]
        return value

    (folder / "copies" / "patterns").mkdir(parents=True)
    for path in sorted((bundled / "patterns").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        copy = {"sets": {f"{name}-copy": rename_sets(body) for name, body in (data.get("sets") or {}).items()}}
        (folder / "copies" / "patterns" / path.name).write_text(yaml.safe_dump(copy, allow_unicode=True), encoding="utf-8")
    for path in sorted(bundled.rglob("*.yaml")):
        if path.parent.name == "patterns" or path.name == "concerns.yaml":
            continue
        rule = rename_sets(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert isinstance(rule, dict)
        rule["id"] = f"{rule['id']}-copy"
        target = folder / "copies" / path.relative_to(bundled)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(rule, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # The pattern files of the copies sit in a folder named patterns, which is how lexcheck finds them.
    return folder


# --- measuring one process -----------------------------------------------------------------------------------


@dataclass
class Measurement:
    """One child process: wall-clock seconds, CPU seconds (user + system), peak RSS in MB, what it printed."""

    wall: float
    cpu: float
    rss_mb: float
    returncode: int
    stdout: str
    stderr: str


def measure(command: Sequence[str]) -> Measurement:
    """Run a command and account for it alone: ``wait4`` gives that child's own CPU time and peak memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Measurement(wall, usage.ru_utime + usage.ru_stime, rss, process.returncode, stdout, stderr)


def lexcheck_command(target: Path, report: Path, rules: Path | None = None, extra: Sequence[str] = ()) -> list[str]:
    """``lexcheck check`` as a user runs it in CI: every bundled rule (or ``rules``), a JSON report to a file."""
    command = [sys.executable, str(ROOT / "cli.py"), "check", "--format", "json", "-o", str(report), "--fail-on", "never"]
    if rules is not None:
        command += ["--rules", str(rules)]
    return [*command, *extra, str(target)]


def check_ok(measurement: Measurement, what: str) -> None:
    if measurement.returncode != 0:
        tail = "\n".join(measurement.stderr.strip().splitlines()[-5:])
        raise SystemExit(f"{what} failed with exit code {measurement.returncode}:\n{tail}")


def tokenizer_child(paths: list[str]) -> None:
    """In a child process: tokenize each file with spaCy's bare English tokenizer and print the timings."""
    import spacy

    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    nlp = spacy.blank("en")
    started, cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(nlp.tokenizer(text)) for text in texts)
    print(json.dumps({"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
                      "tokens": tokens, "chars": sum(len(t) for t in texts)}))


def input_files(target: Path) -> list[Path]:
    return sorted(target.glob("*.txt")) if target.is_dir() else [target]


# --- the benchmark ------------------------------------------------------------------------------------------


@dataclass
class Row:
    """Medians over the repetitions of one case."""

    case: Case
    bytes: int
    tokens: int
    tokenizer: float
    tokenizer_cpu: float
    lexcheck: float
    lexcheck_cpu: float
    rss_mb: float
    findings: int
    identical: bool
    runs: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.tokenizer / self.lexcheck

    @property
    def ratio_cpu(self) -> float:
        return self.tokenizer_cpu / self.lexcheck_cpu


def run_case(case: Case, target: Path, repeat: int, workdir: Path, say: Say) -> Row:
    """Measure one case ``repeat`` times, tokenizer and lexcheck in turn, and keep the medians."""
    files = input_files(target)
    rules = doubled_rules(workdir) if case.double_rules else None
    tokenizer, lexcheck, digests = [], [], set()
    tokens = findings = 0
    for index in range(repeat):
        say(f"{case.name}: repetition {index + 1}/{repeat}: tokenizer")
        bare = measure([sys.executable, __file__, "--tokenizer-child", *map(str, files)])
        check_ok(bare, "the tokenizer")
        result = json.loads(bare.stdout)
        tokenizer.append(result)
        tokens = result["tokens"]
        say(f"{case.name}: repetition {index + 1}/{repeat}: lexcheck")
        report = workdir / f"{case.name}-{index}.json"
        run = measure(lexcheck_command(target, report, rules))
        check_ok(run, "lexcheck check")
        lexcheck.append(run)
        data = report.read_bytes()
        digests.add(hashlib.sha256(data).hexdigest())
        findings = json.loads(data)["summary"]["findings"]
        report.unlink()
    return Row(
        case,
        sum(f.stat().st_size for f in files),
        tokens,
        statistics.median(r["seconds"] for r in tokenizer),
        statistics.median(r["cpu"] for r in tokenizer),
        statistics.median(m.wall for m in lexcheck),
        statistics.median(m.cpu for m in lexcheck),
        statistics.median(m.rss_mb for m in lexcheck),
        findings,
        len(digests) == 1,
        [m.wall for m in lexcheck],
    )


def run_startup(target: Path, repeat: int, workdir: Path, say: Say) -> list[tuple[str, float, float, float, str]]:
    """``lexcheck --help`` and ``check`` on a one-page bill: medians of wall and CPU time, and peak RSS."""
    rows = []
    commands = [
        ("`lexcheck --help`", [sys.executable, str(ROOT / "cli.py"), "--help"], "≤ 0.2 s"),
        (f"`check` on a one-page bill ({target.stat().st_size / 1e3:.1f} KB, JSON)",
         lexcheck_command(target, workdir / "one-page.json"), "≤ 1.0 s"),
    ]
    for label, command, target_text in commands:
        runs = []
        for index in range(repeat):
            say(f"startup: {label}: {index + 1}/{repeat}")
            runs.append(measure(command))
            check_ok(runs[-1], label)
        rows.append((label, statistics.median(m.wall for m in runs), statistics.median(m.cpu for m in runs),
                     statistics.median(m.rss_mb for m in runs), target_text))
    return rows


def run_jobs(target: Path, repeat: int, workdir: Path, say: Say) -> list[str]:
    """``--jobs 1`` against ``--jobs 2`` on a directory, if this lexcheck has the option; Markdown lines."""
    help_text = measure([sys.executable, str(ROOT / "cli.py"), "check", "--help"]).stdout
    if "--jobs" not in help_text:
        return ["`lexcheck check` has no `--jobs` option yet, so the parallel speed-up was not measured."]
    times: dict[int, list[float]] = {1: [], 2: []}
    cpus: dict[int, list[float]] = {1: [], 2: []}
    digests: dict[int, set[str]] = {1: set(), 2: set()}
    for index in range(repeat):
        for jobs in (1, 2):
            say(f"jobs: --jobs {jobs}: {index + 1}/{repeat}")
            report = workdir / f"jobs{jobs}.json"
            run = measure(lexcheck_command(target, report, extra=["--jobs", str(jobs)]))
            check_ok(run, f"lexcheck check --jobs {jobs}")
            times[jobs].append(run.wall)
            cpus[jobs].append(run.cpu)
            digests[jobs].add(hashlib.sha256(report.read_bytes()).hexdigest())
    one, two = statistics.median(times[1]), statistics.median(times[2])
    cpu_one, cpu_two = statistics.median(cpus[1]), statistics.median(cpus[2])
    same = "identical" if len(digests[1] | digests[2]) == 1 else "DIFFERENT"
    # CPU time counts the workers too: what a second worker adds in work, whatever else the machine runs.
    return ["| jobs | lexcheck (s) | CPU, all processes (s) | speed-up |", "| ---: | ---: | ---: | ---: |",
            f"| 1 | {one:.2f} | {cpu_one:.2f} | 1.00× |",
            f"| 2 | {two:.2f} | {cpu_two:.2f} | {one / two:.2f}× (target ≥ 1.8×; JSON output {same}) |"]


# --- the profile ----------------------------------------------------------------------------------------------


def profile_child(target: str, report: str, saved: str) -> None:
    """In a child process: ``lexcheck check`` under cProfile, imports included; the stats go to ``saved``."""
    import cProfile

    sys.argv = ["lexcheck", *lexcheck_command(Path(target), Path(report))[2:]]
    sys.path.insert(0, str(ROOT))
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    try:
        from lexcheck.cli import main

        main()
    except SystemExit as exit:
        if exit.code not in (0, None):
            raise
    finally:
        profiler.disable()
    profiler.dump_stats(saved)
    print(json.dumps({"seconds": time.perf_counter() - started}))


def _matches(key: tuple[str, int, str], where: str, function: str) -> bool:
    return key[2] == function and key[0].replace(os.sep, "/").endswith(where)


def stage_times(stats: pstats.Stats) -> tuple[dict[str, float | None], list[str]]:
    """Cumulative seconds per stage (None where the profile has none of its functions) and what was missing."""
    table = stats.stats  # type: ignore[attr-defined]
    found: dict[str, float | None] = {}
    missing = []
    for stage, candidates in STAGE_FUNCTIONS.items():
        found[stage] = None
        for where, function in candidates:
            cumulative = [value[3] for key, value in table.items() if _matches(key, where, function)]
            if cumulative:
                found[stage] = sum(cumulative)
                break
        else:
            missing.append(f"{stage} ({', '.join(f'{w}:{f}' for w, f in candidates)})")
    return found, missing


def _name(key: tuple[str, int, str]) -> str:
    path, line, function = key
    path = path.replace(os.sep, "/")
    if path == "~":
        return function
    stdlib = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/"
    for marker in (str(ROOT).replace(os.sep, "/") + "/", "site-packages/", stdlib):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{line}({function})"


def profile_report(saved: Path, unprofiled: float | None, top: int = 20) -> list[str]:
    """The stage split and the top functions of a saved profile, as Markdown lines."""
    stats = pstats.Stats(str(saved))
    total = stats.total_tt  # type: ignore[attr-defined]
    stages, missing = stage_times(stats)

    def less(outer: str, inner: str) -> float | None:
        a, b = stages[outer], stages[inner]
        return None if a is None or b is None else a - b

    split = {
        "read": stages["read"],
        "structure": stages["structure"],
        "pipeline (tokenizer, sentences, lemmas)": stages["pipeline"],
        "matching (phrase and token matchers)": less("matching", "pipeline"),
        "judging (context, penalties, rules)": less("analysis", "matching"),
        "report (JSON rendering and writing)": None if stages["report"] is None else stages["report"] + (stages["write"] or 0),
    }
    known = sum(v for v in split.values() if v is not None)
    split = {"start-up (imports, rules, matchers, CLI)": total - known, **split}
    lines = [f"Profiled run: {total:.2f} s under cProfile"
             + (f" (the same run unprofiled: {unprofiled:.2f} s; cProfile slows Python code more than compiled code, "
                "so shares of pure-Python stages are overstated)" if unprofiled else ""), "",
             "| stage | seconds | share |", "| --- | ---: | ---: |"]
    for stage, seconds in split.items():
        lines.append(f"| {stage} | {'—' if seconds is None else f'{seconds:.2f}'} | "
                     f"{'—' if seconds is None else f'{100 * seconds / total:.0f}%'} |")
    # These overlap: importing spaCy happens while the pipeline is built, for instance.
    for part, label in (("imports", "all imports"), ("rules", "loading rules"),
                        ("matchers", "building the pipeline, compiling matchers")):
        seconds = stages[part]
        if seconds is not None:
            lines.append(f"| … of which {label} | {seconds:.2f} | {100 * seconds / total:.0f}% |")
    if missing:
        lines += ["", "Not found in the profile (renamed? update STAGE_FUNCTIONS in benchmarks/run.py): " + "; ".join(missing)]
    table = stats.stats  # type: ignore[attr-defined]
    by_own = sorted(table.items(), key=lambda item: item[1][2], reverse=True)[:top]
    lines += ["", f"Top {top} functions by own time (excluding what they call):", "",
              "| function | calls | own (s) | cumulative (s) |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| `{_name(key)}` | {value[1]:,} | {value[2]:.2f} | {value[3]:.2f} |" for key, value in by_own]
    ours = [(k, v) for k, v in table.items() if "/lexcheck/" in k[0].replace(os.sep, "/")]
    by_cumulative = sorted(ours, key=lambda item: item[1][3], reverse=True)[:top]
    lines += ["", f"Top {top} lexcheck functions by cumulative time (including what they call):", "",
              "| function | calls | own (s) | cumulative (s) |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| `{_name(key)}` | {value[1]:,} | {value[2]:.2f} | {value[3]:.2f} |" for key, value in by_cumulative]
    return lines


# --- output ---------------------------------------------------------------------------------------------------


def machine() -> str:
    """A one-line description of this machine and of the software measured."""
    import platform

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average {:.1f} {:.1f} {:.1f} at the start".format(*os.getloadavg())
    versions = subprocess.run([sys.executable, "-c", "import spacy, lexcheck; print(spacy.__version__, lexcheck.__version__)"],
                              capture_output=True, text=True, cwd=ROOT).stdout.split()
    spacy_version, lexcheck_version = ([*versions, "?", "?"])[:2]
    return (f"{cpu}, {os.cpu_count()} cores{memory}{load}; Python {platform.python_version()}, "
            f"spaCy {spacy_version}, lexcheck {lexcheck_version}, {platform.system()} {platform.release()}")


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| case | input | tokens | tokenizer (s) | lexcheck (s) | ratio | tokenizer CPU (s) | lexcheck CPU (s) "
        "| ratio CPU | MB/s | tokens/s | peak RSS (MB) | findings |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        flag = "" if r.identical else " (JSON differed between runs!)"
        lines.append(
            f"| {r.case.label} | {r.bytes / 1e6:.2f} MB | {r.tokens:,} | {r.tokenizer:.2f} | {r.lexcheck:.2f} | "
            f"{r.ratio:.2f} | {r.tokenizer_cpu:.2f} | {r.lexcheck_cpu:.2f} | {r.ratio_cpu:.2f} | "
            f"{r.bytes / 1e6 / r.lexcheck:.3f} | {r.tokens / r.lexcheck:,.0f} | {r.rss_mb:.0f} | {r.findings:,}{flag} |"
        )
    return lines


def targets(rows: list[Row]) -> list[str]:
    """Issue 12's targets that the measured cases can answer, each with the measured value."""
    statutes_by_size = {r.case.size: r for r in rows if r.case.kind == "statute" and not r.case.double_rules}
    lines = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "not met"

    for r in rows:
        if r.case.kind == "statute" and not r.case.double_rules and r.case.size >= 1_000_000:
            lines.append(f"- {r.case.label}: ratio {r.ratio:.2f} (CPU {r.ratio_cpu:.2f}), target ≥ 0.5: "
                         f"{verdict(r.ratio >= 0.5)}")
    if 1_000_000 in statutes_by_size and 10_000_000 in statutes_by_size:
        one, ten = statutes_by_size[1_000_000], statutes_by_size[10_000_000]
        growth, growth_cpu = ten.lexcheck / one.lexcheck, ten.lexcheck_cpu / one.lexcheck_cpu
        lines.append(f"- 10 MB takes {growth:.1f}× the time of 1 MB (CPU {growth_cpu:.1f}×), target ≤ 10.5×: "
                     f"{verdict(growth <= 10.5)}")
        lines.append(f"- peak RSS on 10 MB {ten.rss_mb:.0f} MB, target ≤ 400 MB: {verdict(ten.rss_mb <= 400)}")
    for r in rows:
        if r.case.kind == "paste" and statutes_by_size:
            size = min(statutes_by_size, key=lambda s: abs(s - r.case.size))
            wrapped = statutes_by_size[size]
            per_mb, wrapped_per_mb = r.lexcheck / (r.bytes / 1e6), wrapped.lexcheck / (wrapped.bytes / 1e6)
            lines.append(f"- {r.case.label}: {per_mb:.1f} s/MB against {wrapped_per_mb:.1f} s/MB for "
                         f"{wrapped.case.label} as drafted, target no slower: {verdict(per_mb <= wrapped_per_mb)}")
        if r.case.double_rules and r.case.size in statutes_by_size:
            single = statutes_by_size[r.case.size]
            extra = r.lexcheck / single.lexcheck - 1
            lines.append(f"- rules ×2 on {single.case.label}: +{100 * extra:.0f}% time (CPU "
                         f"+{100 * (r.lexcheck_cpu / single.lexcheck_cpu - 1):.0f}%), target ≤ +30%: {verdict(extra <= 0.3)}")
    return ["", "Targets of issue 12:", "", *lines] if lines else []


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the options, run the chosen cases and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="\n".join(__doc__.splitlines()[4:17]),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", help=f"comma-separated cases (default {DEFAULT_CASES}; with --quick {QUICK_CASES})")
    parser.add_argument("--repeat", type=int, help="repetitions of each case; the table shows medians (default 3; 1 with --quick)")
    parser.add_argument("--profile", help="profile this case once under cProfile and print the stage split "
                                          "(default 1m when it is among the cases; none with --quick); 'none' to skip")
    parser.add_argument("--seed", default="12", help="seed of the generated text (default 12)")
    parser.add_argument("--workdir", type=Path, help="keep inputs and the profile here (default: a temporary folder)")
    parser.add_argument("--quick", action="store_true", help="a short smoke run: small input, one repetition, no profile")
    parser.add_argument("--tokenizer-child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--profile-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.tokenizer_child:
        tokenizer_child(args.tokenizer_child)
        return
    if args.profile_child:
        profile_child(*args.profile_child)
        return

    try:
        cases = [parse_case(name.strip()) for name in (args.cases or (QUICK_CASES if args.quick else DEFAULT_CASES)).split(",") if name.strip()]
        profiled = args.profile or ("none" if args.quick else "1m" if any(c.name == "1m" for c in cases) else "none")
        profile_case = None if profiled == "none" else parse_case(profiled)
    except ValueError as problem:
        parser.error(str(problem))
    repeat = args.repeat or (1 if args.quick else 3)
    if repeat < 1:
        parser.error("--repeat must be at least 1")

    def say(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="lexcheck-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        out = [f"Machine: {machine()}", f"Seed {args.seed}, medians of {repeat} run(s); {time.strftime('%Y-%m-%d')}", ""]
        print("\n".join(out), flush=True)
        rows: list[Row] = []
        extra: list[str] = []
        for case in cases:
            say(f"{case.name}: generating {case.label}")
            target = materialise(case, args.seed, workdir)
            if case.kind == "startup":
                startup = run_startup(target, repeat, workdir, say)
                extra += ["", "| start-up | wall (s) | CPU (s) | peak RSS (MB) | target |", "| --- | ---: | ---: | ---: | --- |"]
                extra += [f"| {label} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {goal} |" for label, wall, cpu, rss, goal in startup]
                continue
            rows.append(run_case(case, target, repeat, workdir, say))
            if case.kind == "bills":
                extra += ["", *run_jobs(target, repeat, workdir, say)]
        print("\n".join(table(rows) + extra + targets(rows)), flush=True)
        if profile_case is not None:
            say(f"profiling {profile_case.label}")
            target = materialise(profile_case, args.seed, workdir)
            saved = workdir / f"profile-{profile_case.name}.prof"
            run = measure([sys.executable, __file__, "--profile-child", str(target), str(workdir / "profiled.json"), str(saved)])
            check_ok(run, "the profiled run")
            unprofiled = next((r.lexcheck for r in rows if r.case == profile_case), None)
            kept = f" (saved as {saved})" if args.workdir else ""
            print("\n".join(["", f"Profile of {profile_case.label}{kept}:", "",
                             *profile_report(saved, unprofiled)]), flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
