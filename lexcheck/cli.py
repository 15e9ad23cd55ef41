"""The command-line interface (typer). Heavy modules (spaCy) are imported only by commands that analyse text."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from lexcheck import __version__, errors
from lexcheck.errors import LexcheckError
from lexcheck.results import SEVERITY_ORDER, Finding, Notice, RunResult, SkippedFile
from lexcheck.rules.loader import RuleBook, RuleErrors, load_rulebook
from lexcheck.rules.model import Rule

if TYPE_CHECKING:
    from lexcheck.config import Config
    from lexcheck.document import Document
    from lexcheck.engine import Analyzer
    from lexcheck.report import OutputFormat, RenderContext

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


class EvalFormat(str, Enum):
    """Report formats of ``lexcheck eval``."""

    text = "text"
    json = "json"


class DiffFormat(str, Enum):
    """Report formats of ``lexcheck diff``."""

    text = "text"
    json = "json"
    markdown = "markdown"


class FailOn(str, Enum):
    """The lowest severity that makes ``lexcheck check`` exit with 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _fail(message: str) -> NoReturn:
    typer.echo(f"lexcheck: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _rulebook(paths: list[Path] | None = None) -> RuleBook:
    try:
        return load_rulebook(paths)
    except RuleErrors as problems:
        for problem in problems.problems:
            typer.echo(problem.one_line(), err=True)
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
        _fail(LexcheckError(errors.CANNOT_WRITE, target, detail=exc.strerror or str(exc)).one_line())


def _write(data: str | bytes, output: str) -> None:
    if output == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    try:
        if isinstance(data, bytes):
            Path(output).write_bytes(data)
        else:
            Path(output).write_text(data, encoding="utf-8")
    except OSError as exc:
        _fail(LexcheckError(errors.CANNOT_WRITE, output, detail=exc.strerror or str(exc)).one_line())


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
        typer.Option("--format", "-f", help="Report format: text (default), json, sarif, junit or github.", show_default=False),
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
    model: Annotated[
        str | None, typer.Option(help="An installed spaCy pipeline to use instead of blank:en.")
    ] = None,
    rules: Annotated[
        list[Path] | None,
        typer.Option("--rules", help="Rule files or folders to use instead of the bundled packs."),
    ] = None,
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
) -> None:
    """Check bills and report, provision by provision, where they conflict with the standards.

    Exit code 0: no finding at or above --fail-on; 1: such findings; 2: usage, rule or input error.
    """
    from lexcheck import config as configuration
    from lexcheck.report import RenderContext

    targets = _outputs(format, output)
    settings = _configuration(config)
    result, chosen, rulebook = _analyse(paths, settings, select, ignore, model, rules, explain, changed_since, jobs)
    known = {rule.id for rule in rulebook.rules} | rulebook.catalogue.ids()
    if not no_waivers:
        _apply_waivers(result, _waiver_file(waivers, settings), known)
    baseline_file = baseline or (settings.resolve(settings.settings.baseline) if settings.settings.baseline else None)
    if baseline_file is not None:
        _apply_baseline(result, baseline_file)
    context = RenderContext(result, _configured_rules(chosen, settings), rulebook.catalogue, explain)
    for fmt, target in targets:
        _write(fmt.render(context), target)
    if any(fmt.name == "github" for fmt, _ in targets):
        _append_step_summary(context)
    if not any(fmt.name == "text" and target == "-" for fmt, target in targets):
        # Reports that are not text on the terminal do not show input errors: say them on stderr.
        for error in result.errors:
            typer.echo(f"{error.path}: error: {error.message}", err=True)
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
) -> tuple[RunResult, list[Rule], RuleBook]:
    """Load the rules the command line and configuration choose, analyse the bills, apply the configuration."""
    from lexcheck import config as configuration
    from lexcheck.checking import check_paths
    from lexcheck.parallel import AnalyzerSpec

    rule_paths = rules or _extra_rules(settings)
    rulebook = _rulebook(rule_paths)
    try:
        configuration.check_ids(settings, {rule.id for rule in rulebook.rules} | rulebook.catalogue.ids())
        chosen = rulebook.select(
            _split(select) if select else settings.settings.select,
            _split(ignore) if ignore else settings.settings.ignore,
        )
    except LexcheckError as problem:
        _fail(problem.one_line())
    inputs, skipped = _inputs(paths, settings)
    if changed_since is not None:
        inputs, skipped = _changed(inputs, skipped, changed_since)
    workers = jobs if jobs is not None else settings.settings.jobs or 1
    pipeline = model or settings.settings.model
    analyzer: Analyzer | AnalyzerSpec
    if workers == 1:
        analyzer = _analyzer(rulebook, chosen, pipeline)
    else:
        # Each worker loads the rules and builds its own analyser.
        paths_given = tuple(str(p) for p in rule_paths) if rule_paths else None
        analyzer = AnalyzerSpec(paths_given, tuple(rule.id for rule in chosen), pipeline)
    try:
        result = check_paths(inputs, analyzer, explain, exclude=settings.excluded, skipped=skipped, jobs=workers)
    except LexcheckError as problem:
        _fail(problem.one_line())
    defaults = {rule.id: rule.severity for rule in chosen}
    for report in result.files:
        report.findings = configuration.apply(settings, report.findings, defaults)
    return result, chosen, rulebook


def _changed(inputs: list[str], skipped: list[SkippedFile], revision: str) -> tuple[list[str], list[SkippedFile]]:
    """The inputs (folders expanded) that git reports changed since ``revision``; exits 0 if there are none."""
    from lexcheck import vcs
    from lexcheck.checking import expand_paths
    from lexcheck.report.locations import relative_path

    try:
        changed = set(vcs.changed_since(revision))
    except LexcheckError as problem:
        _fail(problem.one_line())
    found = list(skipped)
    files = [name for name in expand_paths(inputs, found) if relative_path(name) in changed]
    if not files:
        # A commit that touched no bill is not an error: there is nothing to check.
        typer.echo(f"lexcheck: no bill changed since {revision}", err=True)
        raise typer.Exit(EXIT_OK)
    return files, [item for item in found if relative_path(item.path) in changed]


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


def _inputs(paths: list[str] | None, settings: Config) -> tuple[list[str], list[SkippedFile]]:
    """The files to check: those named, or those the configuration's include globs select (and the files
    of other types those select)."""
    if paths:
        return paths, []
    if not settings.settings.include:
        _fail(LexcheckError(errors.NO_INPUTS, None).one_line())
    return settings.included_files()


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
    rulebook = _rulebook(rules or _extra_rules(settings))
    try:
        configuration.check_ids(settings, {rule.id for rule in rulebook.rules} | rulebook.catalogue.ids())
        chosen = rulebook.select(
            _split(select) if select else settings.settings.select,
            _split(ignore) if ignore else settings.settings.ignore,
        )
        old, new = _versions(paths, rev)
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
    _write(render[format.value](result), str(output) if output else "-")
    level = fail_on.value if fail_on is not None else settings.settings.fail_on or "error"
    if any(_fails(c.finding, level) for c in result.of("introduced")):
        raise typer.Exit(EXIT_FINDINGS)


def _versions(paths: list[str], rev: str | None) -> tuple[Document, Document]:
    """The two documents to compare: two files, or one path at the two ends of a revision range."""
    from lexcheck.document import read_document

    if rev is None:
        if len(paths) != 2:
            raise LexcheckError(errors.DIFF_USAGE, None)
        return read_document(paths[0]), read_document(paths[1])
    if len(paths) != 1:
        raise LexcheckError(errors.DIFF_USAGE, None)
    start, sep, end = rev.partition("..")
    if not sep or not start or end.startswith("."):
        raise LexcheckError(errors.BAD_REVISION_RANGE, None, value=rev)
    path = paths[0]
    return _at_revision(path, start), (_at_revision(path, end) if end else read_document(path))


def _at_revision(path: str, revision: str) -> Document:
    from lexcheck import vcs
    from lexcheck.document import read_bytes_as

    return read_bytes_as(vcs.show(revision, path), path, f"{path}@{revision}")


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

    settings = _configuration(config)
    result, _, rulebook = _analyse(paths, settings, select, ignore, model, rules, False, jobs=jobs)
    for error in result.errors:
        typer.echo(f"{error.path}: error: {error.message}", err=True)
    if result.errors:
        raise typer.Exit(EXIT_ERROR)
    if not no_waivers:
        _apply_waivers(result, _waiver_file(waivers, settings), {r.id for r in rulebook.rules} | rulebook.catalogue.ids())
    _write(baseline.render(result.findings, output), str(output))
    typer.echo(f"recorded {len(result.findings)} finding(s) of {len(result.files)} file(s) in {output}")


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
    typer.echo(f"wrote {path}")


@rules_app.command("list")
def rules_list(
    rules: Annotated[list[Path] | None, typer.Option("--rules", help="Rule files or folders.")] = None,
) -> None:
    """List every rule: id, concern, severity and title."""
    book = _rulebook(rules)
    width = max((len(rule.id) for rule in book.rules), default=10)
    for rule in book.rules:
        typer.echo(f"{rule.id:<{width}}  {rule.concern:<26} {rule.severity:<8} {rule.title}")


@rules_app.command("show")
def rules_show(ident: Annotated[str, typer.Argument(help="A rule ID.")]) -> None:
    """Show one rule as YAML-like text: its logic, legal basis and examples."""
    book = _rulebook()
    rule = book.get(ident)
    if rule is None:
        _fail(LexcheckError(errors.UNKNOWN_RULE_ID, None, ident=ident).one_line())
    import yaml

    typer.echo(f"# {book.sources[rule.id]}")
    data = rule.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    typer.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), nl=False)


@rules_app.command("test")
def rules_test(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Rule files or folders (default: bundled rules).")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List passing examples too.")] = False,
) -> None:
    """Run every rule's examples; each failing example is reported. Exit 1 if any fails."""
    from lexcheck.rule_tests import missing_examples, run_examples

    book = _rulebook(paths or None)
    failures = 0
    for rule in book.rules:
        for problem in missing_examples(rule):
            typer.echo(f"FAIL {rule.id}: {problem}")
            failures += 1
    results = run_examples(_analyzer(book, book.rules, None), book.rules)
    for result in results:
        if not result.ok:
            failures += 1
            snippet = " ".join(result.text.split())[:120]
            typer.echo(
                f"FAIL {result.rule} {result.expectation}[{result.index}]: {result.detail}\n     “{snippet}”"
            )
        elif verbose:
            typer.echo(f"ok   {result.rule} {result.expectation}[{result.index}]")
    typer.echo(
        f"{len(results) - sum(not r.ok for r in results)} passed, {failures} failed ({len(book.rules)} rules)"
    )
    if failures:
        raise typer.Exit(EXIT_FINDINGS)


@rules_app.command("validate")
def rules_validate(
    paths: Annotated[list[Path], typer.Argument(help="Rule files or folders to validate.")],
) -> None:
    """Check rule files against the schema and compile their patterns."""
    book = _rulebook(paths)
    _analyzer(book, book.rules, None)
    typer.echo(f"{len(book.rules)} rule(s) valid")


@rules_app.command("docs")
def rules_docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the Markdown pages.")],
) -> None:
    """Write one Markdown page per concern (what it checks, why, legal basis, examples, fix) and an index."""
    from lexcheck.report.concern_docs import write_docs

    try:
        written = write_docs(_rulebook(), output)
    except OSError as exc:
        _fail(LexcheckError(errors.CANNOT_WRITE, str(output), detail=exc.strerror or str(exc)).one_line())
    typer.echo(f"wrote {len(written)} page(s) to {output}")


@rules_app.command("schema")
def rules_schema() -> None:
    """Print the JSON Schema of a rule file (for editor completion)."""
    schema = Rule.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "lexcheck rule"
    typer.echo(json.dumps(schema, indent=2, sort_keys=True))


@app.command()
def explain(ident: Annotated[str, typer.Argument(help="A concern ID (SOM-BENEFIT) or a rule ID.")]) -> None:
    """Explain a concern or a rule: what it checks, why, the legal basis, and examples."""
    book = _rulebook()
    rule = book.get(ident)
    concern = book.catalogue.get(ident if rule is None else rule.concern)
    if rule is None and concern is None:
        _fail(LexcheckError(errors.UNKNOWN_RULE, None, ident=ident).one_line())
    if concern is not None:
        typer.echo(f"{concern.id} — {concern.title}")
        typer.echo(f"  kind: {', '.join(concern.kinds)} · severity: {concern.severity} · {concern.toolkit}")
        typer.echo(f"  basis: {concern.basis}")
        if concern.summary:
            typer.echo(f"  applies to: {concern.summary}")
    rules = [rule] if rule is not None else [r for r in book.rules if r.concern == ident]
    for item in rules:
        typer.echo("")
        typer.echo(f"Rule {item.id} ({item.severity}): {item.title}")
        typer.echo(f"  Why: {' '.join(item.rationale.split())}")
        typer.echo(f"  Legal basis: {'; '.join(str(ref) for ref in item.references)}")
        typer.echo(f"  Fix: {' '.join(item.recommendation.split())}")
        fire = item.examples.texts(item.examples.fire)
        clean = item.examples.texts(item.examples.pass_)
        if fire:
            typer.echo(f"  Fires on: “{' '.join(fire[0].split())}”")
        if clean:
            typer.echo(f"  Does not fire on: “{' '.join(clean[0].split())}”")


@app.command("eval")
def evaluate(
    directory: Annotated[Path, typer.Argument(help="A corpus folder with texts/ and gold/.")],
    model: Annotated[
        str | None, typer.Option(help="An installed spaCy pipeline to use instead of blank:en.")
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rule or concern IDs (comma-separated).")
    ] = None,
    format: Annotated[EvalFormat, typer.Option("--format", "-f", help="Report format.")] = EvalFormat.text,
) -> None:
    """Score lexcheck against a gold-labelled corpus: precision, recall and F1 per concern."""
    from lexcheck.checking import analyse_document
    from lexcheck.evaluation import format_score, load_corpus, score

    book = _rulebook()
    try:
        chosen = book.select(_split(select))
        samples, problems, skipped = load_corpus(directory)
    except LexcheckError as problem:
        _fail(problem.one_line())
    for unread in problems:
        typer.echo(unread.one_line(), err=True)
    analyzer = _analyzer(book, chosen, model)
    reported = {s.name: analyse_document(s.document, analyzer).findings for s in samples}
    concerns = {rule.concern for rule in chosen}
    scores = {
        label: score(samples, reported, include_uncertain=flag, concerns=concerns)
        for label, flag in (("all gold findings", True), ("without uncertain gold findings", False))
    }
    if format is EvalFormat.json:
        data = {
            label: {
                c: {
                    "tp": t.tp,
                    "fp": t.fp,
                    "fn": t.fn,
                    "precision": t.precision,
                    "recall": t.recall,
                    "located": t.located,
                    "locatable": t.locatable,
                }
                for c, t in result.tallies.items()
            }
            for label, result in scores.items()
        }
        typer.echo(json.dumps(data, indent=2, sort_keys=True))
    else:
        typer.echo(f"{len(samples)} text(s) in {directory}  [pipeline: {analyzer.pipeline}]")
        for name in skipped:
            typer.echo(f"skipped {name}: not in a Latin-script language the pipeline can analyse")
        typer.echo("")
        for label, result in scores.items():
            typer.echo(format_score(result, f"Document level, {label}:"))
            typer.echo("")
    if problems:
        raise typer.Exit(EXIT_ERROR)


def version_callback(value: bool) -> None:
    """Print the version and exit."""
    if value:
        typer.echo(f"lexcheck {__version__}")
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
    """Console entry point."""
    app()
