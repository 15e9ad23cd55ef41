"""The command-line interface (typer). Heavy modules (spaCy, and the pydantic models of rules and results) are
imported only by the commands that use them, so that ``lexcheck --help`` starts quickly."""

from __future__ import annotations

import json
import os
import signal
import sys
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from lexcheck import __version__, errors
from lexcheck.errors import LexcheckError
from lexcheck.escaping import escape_json_text, visible, visible_lines

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lexcheck.config import Config
    from lexcheck.document import Document, ReadOptions
    from lexcheck.document.inputs import Inputs
    from lexcheck.engine import Analyzer
    from lexcheck.language import Lexicon
    from lexcheck.parallel import Progress
    from lexcheck.report import OutputFormat, RenderContext, Terminal
    from lexcheck.results import Finding, RunResult
    from lexcheck.rules.loader import RuleBook
    from lexcheck.rules.model import Rule

app = typer.Typer(
    name="lexcheck",
    help="Review draft laws on trafficking in persons and smuggling of migrants against human-rights and "
    "gender-equality standards.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="List, show, test and validate rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

# Options several commands share.
ModelOption = Annotated[str | None, typer.Option(help="An installed spaCy pipeline to use instead of blank:en.")]
RulesOption = Annotated[
    list[Path] | None, typer.Option("--rules", help="Rule files or folders to use instead of the bundled packs.")
]
# What a shell reports for a command that a closed pipe stopped (128 + SIGPIPE), as for any Unix tool.
EXIT_BROKEN_PIPE = 128 + 13
STDOUT = "<stdout>"


class EvalFormat(str, Enum):
    """Report formats of ``lexcheck eval``."""

    text = "text"
    json = "json"


class DiffFormat(str, Enum):
    """Report formats of ``lexcheck diff``."""

    text = "text"
    json = "json"
    markdown = "markdown"


class InputFormat(str, Enum):
    """How ``lexcheck check`` reads its inputs: by content and suffix, or as one given format."""

    auto = "auto"
    text = "text"
    markdown = "markdown"
    docx = "docx"
    pdf = "pdf"
    html = "html"
    akn = "akn"


class TrackedChanges(str, Enum):
    """Which text of a Word file with tracked changes is checked."""

    accept = "accept"
    reject = "reject"


class FailOn(str, Enum):
    """The lowest severity that makes ``lexcheck check`` exit with 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _say(message: str) -> None:
    """One line on standard error, with control characters shown escaped (a file name may hold any)."""
    typer.echo(visible(message), err=True)


def _echo(text: str, nl: bool = True) -> None:
    """Text from rule files or bills on standard output, with control characters shown escaped."""
    typer.echo(visible_lines(text), nl=nl)


def _fail(message: str) -> NoReturn:
    _say(f"lexcheck: {message}")
    raise typer.Exit(EXIT_ERROR)


def load_rulebook(paths: list[Path] | None = None, language: str | None = None) -> RuleBook:
    """The rule book of the bundled packs or of ``paths`` (imported on first use: see the module's docstring)."""
    from lexcheck.rules.loader import load_rulebook as load

    return load(paths, language)


def _rulebook(paths: list[Path] | None = None, language: str | None = None) -> RuleBook:
    from lexcheck.rules.loader import RuleErrors

    try:
        return load_rulebook(paths, language)
    except RuleErrors as problems:
        for problem in problems.problems:
            _say(problem.one_line())
        raise typer.Exit(EXIT_ERROR) from None
    except LexcheckError as problem:
        _fail(problem.one_line())


def _analyzer(rulebook: RuleBook, rules: list[Rule], model: str | None) -> Analyzer:
    from lexcheck.engine import Analyzer

    try:
        return Analyzer(rulebook, rules, model)
    except LexcheckError as problem:
        _fail(problem.one_line())


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _outputs(format: str | None, outputs: list[str] | None) -> list[tuple[OutputFormat, str]]:
    """Where each report goes: ``-o FORMAT:PATH``, ``-o PATH`` (format from --format or the extension), or stdout.

    ``-`` as a path is standard output.
    """
    from lexcheck.report import FORMATS, format_for_path

    def named(name: str) -> OutputFormat:
        if name not in FORMATS:
            _fail(LexcheckError(errors.UNKNOWN_FORMAT, None, name=name, known=", ".join(FORMATS)).one_line())
        return FORMATS[name]

    if not outputs:
        # In a GitHub Actions job, findings become annotations unless a format is asked for.
        default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
        return [(named(format or default), "-")]
    chosen = []
    for item in outputs:
        prefix, sep, rest = item.partition(":")
        if sep and prefix in FORMATS and rest:
            chosen.append((FORMATS[prefix], rest))
        elif format is not None:
            chosen.append((named(format), item))
        else:
            chosen.append((format_for_path(item) or FORMATS["text"], item))
    return chosen


def _append_step_summary(context: RenderContext) -> None:
    """Append the Markdown summary to the GitHub Actions job summary, when running in such a job."""
    from lexcheck.report import github

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(github.summary(context))
    except OSError as exc:
        _fail(LexcheckError(errors.UNWRITABLE, target, detail=exc.strerror or str(exc)).one_line())


def _terminal() -> Terminal | None:
    """The terminal standard output is, if it is one: its width, and its colours unless NO_COLOR is set."""
    from rich.console import Console

    from lexcheck.report import Terminal

    console = Console()
    if not console.is_terminal:
        return None
    return Terminal(console.width, None if console.no_color else console.color_system)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the final flush at exit cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no real descriptor (tests, embedding)
        pass


def _write_stdout(text: str | bytes) -> None:
    """Write to standard output; a closed pipe stops quietly, any other failure is one line and exit 2."""
    if sys.stdout is None:
        _fail(LexcheckError(errors.UNWRITABLE, STDOUT, detail="standard output is closed").one_line())
    try:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except OSError as exc:
        _silence_stdout()
        _fail(LexcheckError(errors.UNWRITABLE, STDOUT, detail=exc.strerror or str(exc)).one_line())


def _write(text: str | bytes, output: str, inputs: list[str]) -> None:
    if output == "-":
        _write_stdout(text)
        return
    from lexcheck.outputs import write_atomically

    try:
        write_atomically(text, Path(output), inputs)
    except LexcheckError as problem:
        _fail(problem.one_line())


def _max_size(value: str) -> int:
    from lexcheck.document.limits import parse_size

    try:
        return parse_size(value)
    except LexcheckError as problem:
        _fail(problem.one_line())


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Bills to check: files, directories, or - for standard input (default: the configuration's include)."
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format: text (default), json, html (the bill annotated, for a browser), docx (the bill "
            "with Word comments), markdown (a review memo), sarif (code scanning), junit (CI test reports) or "
            "github (GitHub Actions annotations).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        list[str] | None,
        typer.Option(
            "--output",
            "-o",
            help="Write a report to a file instead of standard output; repeat for several. FORMAT:PATH chooses "
            "the format (json:report.json); otherwise --format, or the file's extension, decides. - is stdout.",
        ),
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rule or concern IDs (comma-separated).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Skip these rule or concern IDs (comma-separated).")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(help="Lowest severity that makes the exit code 1 (default: error).", show_default=False),
    ] = None,
    model: ModelOption = None,
    rules: RulesOption = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Show why each finding was kept, and the candidate matches that were suppressed."
        ),
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", help="Configuration file (default: the nearest lexcheck.toml or pyproject.toml upwards)."
        ),
    ] = None,
    waivers: Annotated[
        Path | None,
        typer.Option("--waivers", help="Waiver file (default: the configuration's, or lexcheck-waivers.yaml)."),
    ] = None,
    no_waivers: Annotated[bool, typer.Option("--no-waivers", help="Ignore waivers: report every finding.")] = False,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Report only findings that this baseline file does not have.")
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option("--changed-since", help="Check only the bills changed since this git revision (e.g. origin/main)."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=0, help="Worker processes for many files (0: one per core; default 1)."),
    ] = None,
    max_size: Annotated[
        str,
        typer.Option(
            "--max-size",
            metavar="SIZE",
            help="Refuse input files larger than this (50MB, 500KB, 2GiB, or bytes).",
        ),
    ] = "50MB",
    input_format: Annotated[
        InputFormat,
        typer.Option(
            "--input-format",
            help="Read every input as this format (default: recognised by content, then by suffix).",
        ),
    ] = InputFormat.auto,
    tracked_changes: Annotated[
        TrackedChanges,
        typer.Option(
            help="Word files: check the text with tracked changes accepted, or the original (rejected)."
        ),
    ] = TrackedChanges.accept,
) -> None:
    """Check bills and report, provision by provision, where they conflict with the standards.

    Reads .txt, .md, .docx, .pdf, .html and Akoma Ntoso .xml files (HTML and XML are recognised by content
    in a .txt file or on standard input too).

    Exit code 0: no finding at or above --fail-on; 1: such findings; 2: usage, rule or input error.
    """
    from lexcheck import config as configuration
    from lexcheck.checking import without_cycle_collection
    from lexcheck.document import ReadOptions
    from lexcheck.report import RenderContext
    from lexcheck.report.progress import ProgressBar

    targets = _outputs(format, output)
    limit = _max_size(max_size)
    settings = _configuration(config)
    read_options = ReadOptions(
        input_format=input_format.value,
        tracked_changes=tracked_changes.value,
        # The Word report of a Word bill is a commented copy of it, made from the bytes that were analysed.
        keep_original=any(fmt.name == "docx" for fmt, _ in targets),
    )
    progress = ProgressBar()
    try:
        result, chosen, rulebook, read = _analyse(
            paths, settings, select, ignore, model, rules, explain, changed_since, jobs, targets, limit, read_options,
            progress,
        )
    finally:
        progress.close()
    # The results are millions of objects on a large run, and a collection while the reports were made went
    # over all of them (0.5-0.7 s on a thousand bills); what is left to do makes no cycles to collect.
    with without_cycle_collection():
        known = {rule.id for rule in rulebook.rules} | rulebook.catalogue.ids()
        if not no_waivers:
            _apply_waivers(result, _waiver_file(waivers, settings), known)
        baseline_file = baseline or (settings.resolve(settings.settings.baseline) if settings.settings.baseline else None)
        if baseline_file is not None:
            _apply_baseline(result, baseline_file)
        context = RenderContext(result, _configured_rules(chosen, settings), rulebook.catalogue, explain)
        for fmt, target in targets:
            shown = replace(context, terminal=_terminal()) if target == "-" else context
            _write(fmt.render(shown), target, read)
        if any(fmt.name == "github" for fmt, _ in targets):
            _append_step_summary(context)
        if not any(fmt.name == "text" and target == "-" for fmt, target in targets):
            # Reports that are not text on the terminal do not show input problems: say them on stderr.
            for warning in result.warnings:
                _say(f"{warning.path}: warning: {warning.message}")
            for error in result.errors:
                _say(f"{error.path}: error: {error.message}")
        if result.errors:
            raise typer.Exit(EXIT_ERROR)
        level = fail_on.value if fail_on is not None else settings.settings.fail_on or "error"
        if any(_fails(f, configuration.fail_on_for(settings, f.path, level)) for f in result.findings):
            raise typer.Exit(EXIT_FINDINGS)


def _analyse(
    paths: list[str] | None,
    settings: Config,
    select: list[str] | None,
    ignore: list[str] | None,
    model: str | None,
    rules: list[Path] | None,
    explain: bool,
    changed_since: str | None = None,
    jobs: int | None = None,
    targets: Sequence[tuple[OutputFormat, str]] = (),
    max_size: int | None = None,
    read_options: ReadOptions | None = None,
    progress: Progress | None = None,
) -> tuple[RunResult, list[Rule], RuleBook, list[str]]:
    """Load the rules the command line and configuration choose, analyse the bills, apply the configuration.

    Returns the result, the rules that ran, the rule book, and every name read (no report is written over
    one of them).
    """
    from lexcheck import config as configuration
    from lexcheck.checking import check_paths
    from lexcheck.document.limits import DEFAULT_MAX_SIZE
    from lexcheck.outputs import refuse_input
    from lexcheck.parallel import AnalyzerSpec

    rule_paths = rules or _extra_rules(settings)
    rulebook = _rulebook(rule_paths, settings.settings.language)
    try:
        configuration.check_ids(settings, {rule.id for rule in rulebook.rules} | rulebook.catalogue.ids())
        chosen = rulebook.select(
            _split(select) if select else settings.settings.select,
            _split(ignore) if ignore else settings.settings.ignore,
        )
    except LexcheckError as problem:
        _fail(problem.one_line())
    inputs = _inputs(paths, settings)
    if changed_since is not None:
        inputs = _changed(inputs, changed_since)
    read = [*(paths or []), *inputs.names]
    for _, target in targets:
        if target != "-":
            # Refused before any analysis, so a long run never ends in a report that cannot be written.
            try:
                refuse_input(Path(target), read)
            except LexcheckError as problem:
                _fail(problem.one_line())
    workers = jobs if jobs is not None else settings.settings.jobs or 1
    pipeline = model or settings.settings.model
    analyzer: Analyzer | AnalyzerSpec
    if workers == 1:
        analyzer = _analyzer(rulebook, chosen, pipeline)
    else:
        # Each worker loads the rules and builds its own analyser.
        paths_given = tuple(str(p) for p in rule_paths) if rule_paths else None
        analyzer = AnalyzerSpec(paths_given, tuple(rule.id for rule in chosen), pipeline, rulebook.lexicon.language)
    limit = max_size if max_size is not None else DEFAULT_MAX_SIZE
    try:
        result = check_paths(
            inputs, analyzer, explain, limit, read_options, progress, exclude=settings.excluded, jobs=workers
        )
    except LexcheckError as problem:
        _fail(problem.one_line())
    defaults = {rule.id: rule.severity for rule in chosen}
    for report in result.files:
        report.findings = configuration.apply(settings, report.findings, defaults)
    return result, chosen, rulebook, read


def _changed(inputs: Inputs, revision: str) -> Inputs:
    """The inputs that git reports changed since ``revision``; exits 0 if there are none."""
    from lexcheck import vcs
    from lexcheck.document.inputs import Inputs
    from lexcheck.report.locations import relative_path

    try:
        changed = set(vcs.changed_since(revision))
    except LexcheckError as problem:
        _fail(problem.one_line())
    names = [name for name in inputs.names if relative_path(name) in changed]
    if not names:
        # A commit that touched no bill is not an error: there is nothing to check.
        _say(f"lexcheck: no bill changed since {revision}")
        raise typer.Exit(EXIT_OK)
    skipped = [item for item in inputs.skipped if relative_path(item.path) in changed]
    # Problems found while scanning folders concern the files changed only if they name one.
    problems = [p for p in inputs.errors if p.path is not None and relative_path(p.path) in changed]
    return Inputs(names=names, errors=problems, warnings=[], skipped=skipped)


def _waiver_file(explicit: Path | None, settings: Config) -> Path | None:
    """The waiver file: the one named, the configuration's, or lexcheck-waivers.yaml beside it if present."""
    from lexcheck.waivers import DEFAULT_FILE

    if explicit is not None:
        return explicit
    if settings.settings.waivers:
        return settings.resolve(settings.settings.waivers)
    default = settings.resolve(DEFAULT_FILE)
    return default if default.is_file() else None


def _apply_waivers(result: RunResult, path: Path | None, known: set[str]) -> None:
    from lexcheck import waivers

    if path is None:
        return
    try:
        book = waivers.load(path, known)
    except LexcheckError as problem:
        _fail(problem.one_line())
    checked = [report.path for report in result.files]
    active, waived, notices = book.apply(result.findings, checked)
    for report in result.files:
        report.findings = [f for f in active if f.path == report.path]
        report.waived = [w for w in waived if w.finding.path == report.path]
    result.notices.extend(notices)


def _apply_baseline(result: RunResult, path: Path) -> None:
    from lexcheck import baseline
    from lexcheck.results import Notice

    try:
        book = baseline.load(path)
    except LexcheckError as problem:
        _fail(problem.one_line())
    left_out = 0
    for report in result.files:
        report.findings, known = book.split(report.findings)
        left_out += len(known)
    if left_out:
        result.notices.append(Notice(str(path), f"{left_out} finding(s) already in the baseline are not reported", "note"))


def _fails(finding: Finding, level: str) -> bool:
    from lexcheck.results import SEVERITY_ORDER

    return level != "never" and SEVERITY_ORDER[finding.severity] >= SEVERITY_ORDER[level]


def _configuration(path: Path | None) -> Config:
    from lexcheck import config

    try:
        return config.load(path)
    except LexcheckError as problem:
        _fail(problem.one_line())


def _extra_rules(settings: Config) -> list[Path] | None:
    """The bundled packs plus the configuration's own rule folders, or None for the bundled packs alone."""
    from lexcheck.rules.loader import default_rules_dir

    extra = [settings.resolve(folder) for folder in settings.settings.rules]
    return [default_rules_dir(), *extra] if extra else None


def _configured_rules(rules: list[Rule], settings: Config) -> list[Rule]:
    """The rules as reports describe them, with the configuration's severity overrides."""
    table = settings.settings.severity
    return [
        rule.model_copy(update={"severity": table.get(rule.id, table.get(rule.concern, rule.severity))})
        for rule in rules
    ]


def _inputs(paths: list[str] | None, settings: Config) -> Inputs:
    """The files to check: those named (folders expanded), or those the configuration's include globs select."""
    from lexcheck.document.inputs import Inputs, collect_inputs

    if paths:
        return collect_inputs(paths)
    if not settings.settings.include:
        _fail(LexcheckError(errors.NO_INPUTS, None, detail="name files or folders, or set include in lexcheck.toml").one_line())
    files, skipped = settings.included_files()
    if not files:
        detail = f"the include globs of {settings.path} select no bill" + (f" ({len(skipped)} file(s) of other types)" if skipped else "")
        _fail(LexcheckError(errors.NO_INPUTS, None, detail=detail).one_line())
    return Inputs(names=files, skipped=skipped)


@app.command("diff")
def diff(
    paths: Annotated[
        list[str], typer.Argument(help="OLD NEW: two versions of a bill; with --rev, one path in a git repository.")
    ],
    rev: Annotated[
        str | None, typer.Option("--rev", help="Compare the path at two git revisions, A..B (B empty: the work tree).")
    ] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Report format.")] = DiffFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to a file.")] = None,
    fail_on: Annotated[
        FailOn | None, typer.Option(help="Lowest severity of an introduced finding that makes the exit code 1.")
    ] = None,
    select: Annotated[list[str] | None, typer.Option(help="Only these rule or concern IDs.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these rule or concern IDs.")] = None,
    model: Annotated[str | None, typer.Option(help="An installed spaCy pipeline.")] = None,
    rules: Annotated[list[Path] | None, typer.Option("--rules", help="Rule files or folders.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Configuration file.")] = None,
) -> None:
    """Compare two versions of a bill: findings introduced, resolved and unchanged, provision by provision.

    Exit code 0: no introduced finding at or above --fail-on; 1: such findings; 2: usage or input error.
    """
    from lexcheck import config as configuration
    from lexcheck.checking import analyse_document
    from lexcheck.diff import compare
    from lexcheck.report import diff_report

    settings = _configuration(config)
    rulebook = _rulebook(rules or _extra_rules(settings), settings.settings.language)
    try:
        configuration.check_ids(settings, {rule.id for rule in rulebook.rules} | rulebook.catalogue.ids())
        chosen = rulebook.select(
            _split(select) if select else settings.settings.select,
            _split(ignore) if ignore else settings.settings.ignore,
        )
        old, new = _versions(paths, rev, rulebook.lexicon)
    except LexcheckError as problem:
        _fail(problem.one_line())
    analyzer = _analyzer(rulebook, chosen, model or settings.settings.model)
    defaults = {rule.id: rule.severity for rule in chosen}
    analyses = []
    for document in (old, new):
        analysis = analyse_document(document, analyzer)
        analysis.findings = configuration.apply(settings, analysis.findings, defaults)
        analyses.append(analysis)
    result = compare(analyses[0], analyses[1])
    render = {"text": diff_report.render_text, "json": diff_report.render_json, "markdown": diff_report.render_markdown}
    _write(render[format.value](result), str(output) if output else "-", list(paths))
    level = fail_on.value if fail_on is not None else settings.settings.fail_on or "error"
    if any(_fails(c.finding, level) for c in result.of("introduced")):
        raise typer.Exit(EXIT_FINDINGS)


def _versions(paths: list[str], rev: str | None, lexicon: Lexicon) -> tuple[Document, Document]:
    """The two documents to compare: two files, or one path at the two ends of a revision range."""
    from lexcheck.document import ReadOptions, read_document

    options = ReadOptions(lexicon=lexicon)
    if rev is None:
        if len(paths) != 2:
            raise LexcheckError(errors.DIFF_USAGE, None)
        return read_document(paths[0], options), read_document(paths[1], options)
    if len(paths) != 1:
        raise LexcheckError(errors.DIFF_USAGE, None)
    start, sep, end = rev.partition("..")
    if not sep or not start or end.startswith("."):
        raise LexcheckError(errors.BAD_REVISION_RANGE, None, value=rev)
    path = paths[0]
    return _at_revision(path, start, options), (
        _at_revision(path, end, options) if end else read_document(path, options)
    )


def _at_revision(path: str, revision: str, options: ReadOptions) -> Document:
    from lexcheck import vcs
    from lexcheck.document import read_bytes

    return read_bytes(vcs.show(revision, path), f"{path}@{revision}", Path(path).suffix, options)


@app.command("baseline")
def make_baseline(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Bills to record (default: the configuration's include).")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The baseline file to write.")] = Path(
        "lexcheck-baseline.json"
    ),
    select: Annotated[list[str] | None, typer.Option(help="Only these rule or concern IDs.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these rule or concern IDs.")] = None,
    model: Annotated[str | None, typer.Option(help="An installed spaCy pipeline.")] = None,
    rules: Annotated[list[Path] | None, typer.Option("--rules", help="Rule files or folders.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Configuration file.")] = None,
    waivers: Annotated[Path | None, typer.Option("--waivers", help="Waiver file.")] = None,
    no_waivers: Annotated[bool, typer.Option("--no-waivers", help="Record waived findings too.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=0, help="Worker processes (0: one per core).")] = None,
) -> None:
    """Record today's findings, so that `check --baseline FILE` reports only new ones."""
    from lexcheck import baseline
    from lexcheck.report import FORMATS

    settings = _configuration(config)
    result, _, rulebook, read = _analyse(
        paths, settings, select, ignore, model, rules, False, jobs=jobs, targets=[(FORMATS["json"], str(output))]
    )
    for error in result.errors:
        _say(f"{error.path}: error: {error.message}")
    if result.errors:
        raise typer.Exit(EXIT_ERROR)
    if not no_waivers:
        _apply_waivers(result, _waiver_file(waivers, settings), {r.id for r in rulebook.rules} | rulebook.catalogue.ids())
    _write(baseline.render(result.findings, output), str(output), read)
    _echo(f"recorded {len(result.findings)} finding(s) of {len(result.files)} file(s) in {output}")


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the configuration.")] = Path("lexcheck.toml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter configuration (lexcheck.toml)."""
    from lexcheck import config

    try:
        config.write_starter(path, force)
    except LexcheckError as problem:
        _fail(problem.one_line())
    _echo(f"wrote {path}")


@rules_app.command("list")
def rules_list(
    rules: Annotated[list[Path] | None, typer.Option("--rules", help="Rule files or folders.")] = None,
) -> None:
    """List every rule: id, concern, severity and title."""
    from lexcheck.report.rules_report import rules_table

    _echo(rules_table(_rulebook(rules).rules), nl=False)


@rules_app.command("show")
def rules_show(ident: Annotated[str, typer.Argument(help="A rule ID.")]) -> None:
    """Show one rule as YAML-like text: its logic, legal basis and examples."""
    book = _rulebook()
    rule = book.get(ident)
    if rule is None:
        _fail(LexcheckError(errors.UNKNOWN_RULE_ID, None, ident=ident).one_line())
    import yaml

    _echo(f"# {book.sources[rule.id]}")
    data = rule.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    _echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), nl=False)


@rules_app.command("test")
def rules_test(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Rule files or folders (default: bundled rules).")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List passing examples too.")] = False,
) -> None:
    """Run every rule's examples; each failing example is reported. Exit 1 if any fails."""
    from lexcheck.report.rules_report import example_report
    from lexcheck.rule_tests import missing_examples, run_examples

    book = _rulebook(paths or None)
    problems = [(rule.id, problem) for rule in book.rules for problem in missing_examples(rule)]
    results = run_examples(_analyzer(book, book.rules, None), book.rules)
    _echo(example_report(problems, results, len(book.rules), verbose), nl=False)
    if problems or any(not r.ok for r in results):
        raise typer.Exit(EXIT_FINDINGS)


@rules_app.command("validate")
def rules_validate(
    paths: Annotated[list[Path], typer.Argument(help="Rule files or folders to validate.")],
) -> None:
    """Check rule files against the schema and compile their patterns."""
    book = _rulebook(paths)
    _analyzer(book, book.rules, None)
    _echo(f"{len(book.rules)} rule(s) valid")


@rules_app.command("docs")
def rules_docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the Markdown pages.")],
) -> None:
    """Write one Markdown page per concern (what it checks, why, legal basis, examples, fix) and an index."""
    from lexcheck.report.concern_docs import write_docs

    try:
        written = write_docs(_rulebook(), output)
    except OSError as exc:
        _fail(LexcheckError(errors.UNWRITABLE, str(output), detail=exc.strerror or str(exc)).one_line())
    _echo(f"wrote {len(written)} page(s) to {output}")


@rules_app.command("schema")
def rules_schema() -> None:
    """Print the JSON Schema of a rule file (for editor completion)."""
    from lexcheck.rules.model import Rule

    schema = Rule.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "lexcheck rule"
    typer.echo(escape_json_text(json.dumps(schema, indent=2, sort_keys=True)))


class SchemaName(str, Enum):
    """The documents whose JSON Schema ``lexcheck schema`` prints."""

    finding = "finding"
    compliance = "compliance"
    rule = "rule"
    lexicon = "lexicon"


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="finding, compliance (a matrix row), rule or lexicon.")],
) -> None:
    """Print the JSON Schema of a finding (with its typed evidence), a compliance-matrix row, a rule file, or a
    lexicon file (rules/lexicon/<language>.yaml)."""
    from pydantic import BaseModel

    from lexcheck.language import Lexicon
    from lexcheck.results import ConcernDecision, Finding
    from lexcheck.rules.model import Rule

    models: dict[str, type[BaseModel]] = {
        "finding": Finding,
        "compliance": ConcernDecision,
        "rule": Rule,
        "lexicon": Lexicon,
    }
    model = models[name.value]
    document = model.model_json_schema(by_alias=True)
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = f"lexcheck {name.value}"
    typer.echo(escape_json_text(json.dumps(document, indent=2, sort_keys=True)))


@app.command()
def explain(ident: Annotated[str, typer.Argument(help="A concern ID (SOM-BENEFIT) or a rule ID.")]) -> None:
    """Explain a concern or a rule: what it checks, why, the legal basis, and examples."""
    book = _rulebook()
    rule = book.get(ident)
    concern = book.catalogue.get(ident if rule is None else rule.concern)
    if rule is None and concern is None:
        _fail(LexcheckError(errors.UNKNOWN_RULE, None, ident=ident).one_line())
    from lexcheck.report.rules_report import explanation

    rules = [rule] if rule is not None else [r for r in book.rules if r.concern == ident]
    _echo(explanation(concern, rules), nl=False)


@app.command("eval")
def evaluate(
    directory: Annotated[Path, typer.Argument(help="A corpus folder with texts/ and gold/.")],
    model: ModelOption = None,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rule or concern IDs (comma-separated).")
    ] = None,
    format: Annotated[EvalFormat, typer.Option("--format", "-f", help="Report format.")] = EvalFormat.text,
) -> None:
    """Score lexcheck against a gold-labelled corpus: precision, recall and F1 per concern."""
    from lexcheck.checking import analyse_document
    from lexcheck.document import ReadOptions
    from lexcheck.evaluation import load_corpus, score
    from lexcheck.report.eval_report import score_json, score_table

    book = _rulebook()
    try:
        chosen = book.select(_split(select))
        samples, problems, skipped = load_corpus(directory, ReadOptions(lexicon=book.lexicon))
    except LexcheckError as problem:
        _fail(problem.one_line())
    for unread in problems:
        _say(unread.one_line())
    analyzer = _analyzer(book, chosen, model)
    reported = {s.name: analyse_document(s.document, analyzer).findings for s in samples}
    concerns = {rule.concern for rule in chosen}
    scores = {
        label: score(samples, reported, include_uncertain=flag, concerns=concerns)
        for label, flag in (("all gold findings", True), ("without uncertain gold findings", False))
    }
    if format is EvalFormat.json:
        typer.echo(escape_json_text(score_json(scores)))
    else:
        _echo(f"{len(samples)} text(s) in {directory}  [pipeline: {analyzer.pipeline}]")
        for name in skipped:
            _echo(f"skipped {name}: not in a Latin-script language the pipeline can analyse")
        _echo("")
        for label, result in scores.items():
            _echo(score_table(result, f"Document level, {label}:"))
            _echo("")
    if problems:
        raise typer.Exit(EXIT_ERROR)


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on. Anything but loopback lets other machines upload bills.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    max_size: Annotated[
        str, typer.Option("--max-size", metavar="SIZE", help="Refuse uploads larger than this (5MB, 500KB, or bytes).")
    ] = "5MB",
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Stop an analysis that takes longer than this many seconds.")
    ] = 60.0,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Analyses that run at once.")] = 2,
    model: ModelOption = None,
    rules: RulesOption = None,
) -> None:
    """Start a local web app: upload a bill in a browser and read the annotated report; JSON API at /api/check.

    Listens on 127.0.0.1 (this machine only) unless --host says otherwise. Needs the optional extra:
    pip install "lexcheck[serve]".
    """
    try:
        from lexcheck.serve.app import run
        from lexcheck.serve.settings import ServeSettings, check_address, exposure_warning
        from lexcheck.serve.worker import Engine, warmed_up
    except ImportError as exc:
        _fail(LexcheckError(errors.MISSING_EXTRA, None, command="lexcheck serve", extra="serve", detail=str(exc)).one_line())
    settings = ServeSettings(host=host, port=port, max_upload=_max_size(max_size), timeout=timeout, workers=workers)
    try:
        check_address(host, port)  # before the slow loading, and without a traceback
    except OSError as exc:
        detail = exc.strerror or str(exc)
        _fail(LexcheckError(errors.CANNOT_LISTEN, None, address=settings.url.removeprefix("http://"), detail=detail).one_line())
    warning = exposure_warning(host)
    if warning is not None:
        _say(f"lexcheck: {warning}")
    _say("lexcheck: loading the rules and the language pipeline…")
    book = _rulebook(rules)
    engine = warmed_up(Engine(book, _analyzer(book, book.rules, model), tuple(str(p) for p in rules or ()), model))
    _say(f"lexcheck: open {settings.url} in a browser (Ctrl+C stops the server)")
    run(settings, engine)


def version_callback(value: bool) -> None:
    """Print the version and exit."""
    if value:
        _echo(f"lexcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """lexcheck: human-rights review of trafficking and smuggling bills."""


def main() -> None:
    """Console entry point.

    A closed pipe (``lexcheck check bill.txt | head -1``) ends the process quietly, as it does any Unix
    tool; a standard output that cannot be written (a full disk) is one line on standard error and exit 2.
    """
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app()
    except OSError as exc:
        _silence_stdout()
        _say(f"lexcheck: {LexcheckError(errors.UNWRITABLE, STDOUT, detail=exc.strerror or str(exc)).one_line()}")
        sys.exit(EXIT_ERROR)
