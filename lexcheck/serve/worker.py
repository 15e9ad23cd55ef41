"""One analysis of an uploaded bill, as a worker process runs it: bytes in, the rendered reports out.

The rules and the language pipeline are loaded once, in the server process, before any worker starts;
workers forked from it share them. Where processes cannot be forked (Windows, macOS), each worker loads
them once when it starts.
"""

from __future__ import annotations

import base64
import contextlib
import signal
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from lexcheck.checking import check_bytes
from lexcheck.document import ReadOptions
from lexcheck.engine import Analyzer
from lexcheck.report import FORMATS, Download, RenderContext, ServedPage, html_report, json_report
from lexcheck.report.view import SEVERITY_LABELS
from lexcheck.results import SEVERITY_ORDER, FileReport, RunResult, decide_concern
from lexcheck.rules.loader import RuleBook, load_rulebook
from lexcheck.rules.model import Rule

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")
# The other formats of an analysis that its web page offers, in this order, when the format exists.
DOWNLOADS = ("json", "sarif", "markdown", "docx")
_LABELS = {"json": "JSON", "sarif": "SARIF", "markdown": "Markdown memo", "docx": "Word (.docx)"}
_MEDIA_TYPES = {
    "json": "application/json",
    "sarif": "application/sarif+json",
    "markdown": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# Analysed once at start-up, so that what the pipeline loads on first use is loaded before workers fork.
_WARM_UP = b"1. Short title\nThis Act may be cited as the Warm-up Act.\n"


@dataclass(frozen=True)
class Engine:
    """The rules and the compiled pipeline, with how they were loaded (for workers that load their own)."""

    rulebook: RuleBook
    analyzer: Analyzer
    rule_paths: tuple[str, ...] = ()
    model: str | None = None

    @property
    def key(self) -> tuple[tuple[str, ...], str | None]:
        """What identifies this engine's configuration."""
        return self.rule_paths, self.model


def load_engine(rule_paths: tuple[str, ...] = (), model: str | None = None) -> Engine:
    """Load the rules and build the pipeline (the slow part of start-up), then run it once."""
    rulebook = load_rulebook([Path(p) for p in rule_paths] or None)
    analyzer = Analyzer(rulebook, rulebook.rules, model)
    return warmed_up(Engine(rulebook, analyzer, rule_paths, model))


def warmed_up(engine: Engine) -> Engine:
    """The engine after one small analysis, so lazily loaded tables are in memory before workers fork."""
    check_bytes(_WARM_UP, "warm-up.txt", engine.analyzer)
    return engine


_engine: Engine | None = None


def install(engine: Engine) -> None:
    """Make ``engine`` the one this process (and the workers forked from it) analyses with."""
    global _engine
    _engine = engine


def start_worker(rule_paths: tuple[str, ...], model: str | None) -> None:
    """Set up a worker process: the server's engine when forked from it, else a freshly loaded one."""
    # A forked worker would otherwise wake the server's event loop on signals meant for it.
    with contextlib.suppress(ValueError):  # not the main thread: no wake-up descriptor was set here
        signal.set_wakeup_fd(-1)
    if _engine is None or _engine.key != (rule_paths, model):
        install(load_engine(rule_paths, model))


@dataclass(frozen=True)
class Job:
    """One uploaded bill and how to check it.

    ``rules`` are the IDs of the chosen rules (empty: all); ``page`` asks for the HTML report with its
    downloads as well as the JSON report.
    """

    data: bytes
    name: str
    rules: tuple[str, ...] = ()
    read_options: ReadOptions = field(default_factory=ReadOptions)
    fail_on: str = "error"
    page: bool = False


@dataclass(frozen=True)
class Outcome:
    """What a job produced: the exit code ``lexcheck check`` would give, the input errors, the reports."""

    exit_code: int
    errors: tuple[str, ...]
    json: str
    html: str | None = None


def restrict(report: FileReport, rules: list[Rule]) -> FileReport:
    """A file's results as an analysis with only ``rules`` gives them: their findings and their decisions.

    Rules are judged one by one, so the others' results are left out rather than analysed again with a
    pipeline compiled for each selection.
    """
    chosen = {rule.id for rule in rules}
    decisions = [
        decide_concern(row.concern, row.title, [d for d in row.rules if d.rule in chosen]) for row in report.decisions
    ]
    return replace(
        report,
        findings=[f for f in report.findings if f.rule in chosen],
        suppressed=[s for s in report.suppressed if s.rule in chosen],
        decisions=decisions,
    )


def exit_code(result: RunResult, fail_on: str) -> int:
    """The exit code of ``lexcheck check --fail-on FAIL_ON`` for this result."""
    if result.errors:
        return EXIT_ERROR
    if fail_on != "never" and any(SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[fail_on] for f in result.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def verdict(result: RunResult, fail_on: str) -> str:
    """One sentence on whether the bill passes at the chosen threshold."""
    count = len(result.findings)
    found = f"{count} finding{'s' if count != 1 else ''}"
    if fail_on == "never":
        return f"{found}. No threshold chosen: the check passes whatever it finds."
    level = SEVERITY_LABELS[fail_on]
    above = sum(1 for f in result.findings if SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[fail_on])
    if above:
        return f"✖ {above} of {found} at or above the {level} threshold: the bill does not pass this check."
    return f"✔ {found}, none at or above the {level} threshold: the bill passes this check."


def _data_url(fmt: str, content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    media = _MEDIA_TYPES.get(fmt, "application/octet-stream")
    return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"


def downloads(context: RenderContext, name: str) -> tuple[Download, ...]:
    """The other formats of the analysis, each rendered into a link that downloads it."""
    stem = PurePath(name).stem or "bill"
    links = []
    for fmt in (FORMATS[n] for n in DOWNLOADS if n in FORMATS):
        filename = f"{stem}-lexcheck{fmt.extensions[0]}"
        url = _data_url(fmt.name, fmt.render(context))
        links.append(Download(fmt.name, _LABELS.get(fmt.name, fmt.name), filename, url))
    return tuple(links)


def run_job(job: Job) -> Outcome:
    """Check one uploaded bill with the installed engine and render what the request asked for."""
    if _engine is None:
        raise RuntimeError("no engine installed in this process")
    book = _engine.rulebook
    rules = [rule for rule in book.rules if rule.id in job.rules] if job.rules else book.rules
    # A page offers the Word report for download: for a Word bill, a commented copy of the upload itself.
    options = replace(job.read_options, keep_original=True) if job.page else job.read_options
    result = check_bytes(job.data, job.name, _engine.analyzer, read_options=options)
    if job.rules:
        result.files = [restrict(report, rules) for report in result.files]
    context = RenderContext(result, rules, book.catalogue)
    code = exit_code(result, job.fail_on)
    errors = tuple(f"{e.path}: {e.message}" for e in result.errors)
    html = None
    if job.page and not result.errors:
        notes = tuple(f"{w.path}: warning: {w.message}" for w in result.warnings)
        served = ServedPage(verdict(result, job.fail_on), code == EXIT_OK, downloads(context, job.name), notes)
        html = html_report.render_context(replace(context, served=served))
    return Outcome(code, errors, json_report.render(context.result, explain=context.explain), html)
