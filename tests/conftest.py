"""Shared fixtures: one Analyzer for the whole session, and helpers to analyse small inline bills.

Every test builds its own bills (inline or under tests/fixtures/); nothing here reads /work/shared or the
corpora, so the suite runs in a plain clone.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from lexcheck.checking import check_paths
from lexcheck.document import Document, read_text_bytes
from lexcheck.engine import Analysis, Analyzer
from lexcheck.language import Lexicon
from lexcheck.report import RenderContext
from lexcheck.results import Finding
from lexcheck.rules.loader import RuleBook, load_lexicon, load_rulebook
from lexcheck.serve.worker import Engine, warmed_up
from lexcheck.structure import Statute, build_statute

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The suite (and the lexcheck processes it starts) keeps its rule-book cache apart from the user's.
if "LEXCHECK_CACHE_DIR" not in os.environ:
    os.environ["LEXCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="lexcheck-test-cache-")
    atexit.register(shutil.rmtree, os.environ["LEXCHECK_CACHE_DIR"], True)


def bill(text: str) -> str:
    """Dedent an inline bill and drop the first newline, so line 1 is the first line written."""
    return textwrap.dedent(text).lstrip("\n")


def make_document(text: str, path: str = "bill.txt", fmt: str = "text") -> Document:
    return read_text_bytes(bill(text).encode("utf-8"), path, fmt)


def english() -> Lexicon:
    """The bundled English lexicon (compiled once: a loaded lexicon is reused while its file is unchanged)."""
    return load_lexicon("en")


def make_statute(text: str, path: str = "bill.txt") -> Statute:
    return build_statute(make_document(text, path), english())


@pytest.fixture(scope="session")
def rulebook() -> RuleBook:
    return load_rulebook()


@pytest.fixture(scope="session")
def analyzer(rulebook: RuleBook) -> Analyzer:
    """The bundled rules compiled once for the whole session (building the pipeline is the slow part)."""
    return Analyzer(rulebook)


@pytest.fixture(scope="module")
def engine(rulebook: RuleBook, analyzer: Analyzer) -> Engine:
    """The web app's engine: the session's rules and pipeline, warmed up as ``lexcheck serve`` warms them."""
    return warmed_up(Engine(rulebook, analyzer))


@pytest.fixture(scope="session")
def analyse(analyzer: Analyzer) -> Callable[..., Analysis]:
    def run(text: str, path: str = "bill.txt") -> Analysis:
        return analyzer.analyse(make_statute(text, path))

    return run


@pytest.fixture(scope="session")
def findings_for(analyse: Callable[..., Analysis]) -> Callable[..., list[Finding]]:
    """Findings of one rule or concern only: other engineers may add rules that legitimately fire too."""

    def run(text: str, ident: str, path: str = "bill.txt") -> list[Finding]:
        return [f for f in analyse(text, path).findings if ident in (f.rule, f.concern)]

    return run


@pytest.fixture(scope="session")
def render_context(analyzer: Analyzer, rulebook: RuleBook) -> Callable[..., RenderContext]:
    """Check files with the bundled rules and give what a report renderer receives."""

    def run(*paths: Path | str) -> RenderContext:
        result = check_paths([str(p) for p in paths], analyzer)
        return RenderContext(result, rulebook.rules, rulebook.catalogue)

    return run


def libreoffice_pdf(document: Path, out_dir: Path) -> Path:
    """Convert a Word file to PDF with headless LibreOffice (its own profile, so that another running
    LibreOffice does not interfere); fail with LibreOffice's message if it cannot."""
    soffice = require_program("soffice", "libreoffice-writer-nogui")
    profile = out_dir / "profile"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out_dir), str(document)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    pdf = out_dir / (document.stem + ".pdf")
    assert done.returncode == 0 and pdf.exists(), done.stderr
    return pdf


def require_program(path: str, package: str) -> str:
    """A system program a test needs: skipped on a developer's machine without it, a failure in CI.

    CI (``.ci/run``, which sets ``CI``) installs the Debian package, so a missing program there is a broken
    set-up, not a reason to skip.
    """
    found = shutil.which(path) or (path if Path(path).exists() else None)
    if found is None:
        message = f"{path} is not installed (Debian package {package}; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture()
def fast_cli(monkeypatch: pytest.MonkeyPatch, rulebook: RuleBook) -> None:
    """CLI invocations reuse the session's bundled rule book; rule files passed explicitly are still loaded."""
    import lexcheck.cli

    real = lexcheck.cli.load_rulebook

    def load(paths=None, language=None):  # type: ignore[no-untyped-def]
        return rulebook if not paths and language in (None, "en") else real(paths, language)

    monkeypatch.setattr(lexcheck.cli, "load_rulebook", load)
