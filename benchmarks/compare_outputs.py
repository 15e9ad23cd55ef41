"""Check that a change leaves lexcheck's output alone: JSON reports on the corpora, byte for byte.

Usage:
  python benchmarks/compare_outputs.py store DIR            write this checkout's reports into DIR
  python benchmarks/compare_outputs.py compare DIR          compare this checkout's reports with DIR
  python benchmarks/compare_outputs.py compare --rev REV    compare with the reports of git revision REV

Two reports per corpus folder: ``lexcheck check FOLDER --format json`` (every bundled rule, as users run it)
and the same with ``--explain`` (the suppressed candidates too, so that a change in what is set aside
shows). The folders: every folder of bills under this checkout's corpora/ (texts, drafting, statutes, the
challenge sets; not gold/) and the shared development corpus (shared/dev-corpus beside the checkout or beside
a folder above it, when there is one; ``--shared`` names another). ``--rev`` exports that revision with ``git
archive`` into a temporary folder and runs it with the same Python, so both runs see the same libraries.
``--jobs N`` runs this checkout's reports with N worker processes (the expected ones always with one), to
check that a parallel run gives the same bytes.

This is a tool for performance work, not a test: findings change on purpose as rules improve, so a stored
expected output would be stale as soon as a rule changes. Compare against the revision you started from.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Folders of corpora/ that hold no bills.
NOT_BILLS = {"gold"}
SHARED = Path("shared") / "dev-corpus"


def shared_corpus() -> Path | None:
    """The shared development corpus: ``shared/dev-corpus`` beside the checkout or a folder above it."""
    return next((parent / SHARED for parent in ROOT.parents if (parent / SHARED).is_dir()), None)


def report_name(corpus: str, explain: bool) -> str:
    """The file a corpus's report is stored under: ``corpora-texts.json``, ``dev-corpus-explain.json``."""
    return corpus.replace("/", "-") + ("-explain" if explain else "") + ".json"


def corpus_folder(folder: Path) -> Path:
    """The bill folder of a corpus: its ``texts/`` when it has one (gold labels beside it are not bills)."""
    return folder / "texts" if (folder / "texts").is_dir() else folder


def corpora(checkout: Path) -> list[str]:
    """The corpus folders of a checkout (``corpora/texts``, ``corpora/challenge5``, ...), sorted."""
    return sorted(
        f"corpora/{folder.name}"
        for folder in (checkout / "corpora").iterdir()
        if folder.is_dir() and folder.name not in NOT_BILLS
    )


def reports(checkout: Path, target: Path, shared: Path | None, jobs: int = 1) -> list[str]:
    """Run ``lexcheck check`` of ``checkout`` on every corpus of this checkout, writing the JSON reports into
    ``target``; ``jobs`` other than 1 is passed on as ``--jobs``."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    folders = [(corpus, corpus_folder(checkout / corpus)) for corpus in corpora(ROOT)]
    if shared is not None:
        folders.append((shared.name, corpus_folder(shared.resolve())))
    for corpus, folder in folders:
        if not folder.is_dir():
            print(f"skipped {corpus}: no such folder", file=sys.stderr)
            continue
        # Paths in the report are as given: relative to the checkout for its own corpora, so that two
        # checkouts in different folders give the same bytes.
        shown = folder.relative_to(checkout) if folder.is_relative_to(checkout) else folder
        for explain in (False, True):
            out = target / report_name(corpus, explain)
            command = [sys.executable, str(checkout / "cli.py"), "check", "--format", "json", "--fail-on", "never",
                       "--no-waivers", *(["--explain"] if explain else []), *(["--jobs", str(jobs)] if jobs != 1 else []),
                       "-o", str(out), str(shown)]
            done = subprocess.run(command, cwd=checkout, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"lexcheck failed on {corpus} (exit {done.returncode}):\n{done.stderr[-2000:]}")
            written.append(out.name)
    return written


def export(revision: str, into: Path) -> Path:
    """A copy of the checkout's files at a git revision (``git archive``), for running that version."""
    archive = into / "revision.tar"
    with archive.open("wb") as handle:
        subprocess.run(["git", "archive", "--format=tar", revision], cwd=ROOT, stdout=handle, check=True)
    checkout = into / "checkout"
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(checkout, filter="data")
        else:  # Python before 3.10.12 has no extraction filters; the archive is our own
            tar.extractall(checkout)
    return checkout


def compare(expected: Path, actual: Path, names: Sequence[str]) -> int:
    """Print which reports differ (with the start of a diff); the number that differ."""
    differing = 0
    for name in names:
        old, new = expected / name, actual / name
        if not old.is_file():
            print(f"{name}: missing from {expected}")
            differing += 1
            continue
        if old.read_bytes() == new.read_bytes():
            print(f"{name}: identical ({new.stat().st_size:,} bytes)")
            continue
        differing += 1
        diff = list(difflib.unified_diff(old.read_text(encoding="utf-8").splitlines(),
                                         new.read_text(encoding="utf-8").splitlines(),
                                         str(old), str(new), lineterm="", n=2))
        print(f"{name}: DIFFERENT ({len(diff)} diff lines)")
        print("\n".join(diff[:60]))
    return differing


def main(argv: Sequence[str] | None = None) -> int:
    """Store or compare the corpus reports; exit 1 when any report differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    store = commands.add_parser("store", help="write this checkout's reports into a folder")
    store.add_argument("folder", type=Path)
    check = commands.add_parser("compare", help="compare this checkout's reports with stored ones or a revision")
    against = check.add_mutually_exclusive_group(required=True)
    against.add_argument("folder", type=Path, nargs="?")
    against.add_argument("--rev", help="a git revision to run for the expected reports")
    for command in (store, check):
        command.add_argument("--shared", type=Path, default=shared_corpus(),
                             help=f"the shared development corpus (default: {shared_corpus() or 'none found'})")
    check.add_argument("--jobs", type=int, default=1, help="worker processes for this checkout's reports (default 1)")
    args = parser.parse_args(argv)

    if args.command == "store":
        for name in reports(ROOT, args.folder, args.shared):
            print(f"stored {args.folder / name}")
        return 0
    with tempfile.TemporaryDirectory(prefix="lexcheck-compare-") as scratch:
        work = Path(scratch)
        if args.rev:
            expected = work / "expected"
            reports(export(args.rev, work), expected, args.shared)
        else:
            expected = args.folder
        actual = work / "actual"
        names = reports(ROOT, actual, args.shared, args.jobs)
        differing = compare(expected, actual, names)
    print("all reports identical" if not differing else f"{differing} report(s) differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
