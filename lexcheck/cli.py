"""The command-line interface (typer). Heavy modules (spaCy) are imported only by commands that analyse text."""

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
from lexcheck.results import SEVERITY_ORDER
from lexcheck.rules.loader import RuleBook, RuleErrors, load_rulebook
from lexcheck.rules.model import Rule

if TYPE_CHECKING:
    from lexcheck.engine import Analyzer
    from lexcheck.report import OutputFormat, Terminal

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
# What a shell reports for a command that a closed pipe stopped (128 + SIGPIPE), as for any Unix tool.
EXIT_BROKEN_PIPE = 128 + 13
STDOUT = "<stdout>"


class EvalFormat(str, Enum):
    """Report formats of ``lexcheck eval``."""

    text = "text"
    json = "json"


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


def _rulebook(paths: list[Path] | None = None) -> RuleBook:
    try:
        return load_rulebook(paths)
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
        return [(named(format or "text"), "-")]
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
        list[str], typer.Argument(help="Bills to check: files, directories, or - for standard input.")
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format: text (default), json, html (the bill annotated, for a browser), docx (the bill "
            "with Word comments) or markdown (a review memo).",
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
    fail_on: Annotated[FailOn, typer.Option(help="Lowest severity that makes the exit code 1.")] = FailOn.error,
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
    from lexcheck.checking import check_paths
    from lexcheck.document import ReadOptions
    from lexcheck.document.inputs import collect_inputs
    from lexcheck.outputs import refuse_input
    from lexcheck.report import RenderContext
    from lexcheck.report.progress import ProgressBar

    targets = _outputs(format, output)
    limit = _max_size(max_size)
    rulebook = _rulebook(rules)
    try:
        chosen = rulebook.select(_split(select), _split(ignore))
    except LexcheckError as problem:
        _fail(problem.one_line())
    inputs = collect_inputs(paths)
    read = [*paths, *inputs.names]
    for _, target in targets:
        if target != "-":
            # Refused before any analysis, so a long run never ends in a report that cannot be written.
            try:
                refuse_input(Path(target), read)
            except LexcheckError as problem:
                _fail(problem.one_line())
    read_options = ReadOptions(input_format=input_format.value, tracked_changes=tracked_changes.value)
    analyzer = _analyzer(rulebook, chosen, model)
    progress = ProgressBar()
    try:
        result = check_paths(inputs, analyzer, explain, limit, read_options, progress)
    finally:
        progress.close()
    context = RenderContext(result, chosen, rulebook.catalogue, explain)
    for fmt, target in targets:
        shown = replace(context, terminal=_terminal()) if target == "-" else context
        _write(fmt.render(shown), target, read)
    if not any(fmt.name == "text" and target == "-" for fmt, target in targets):
        # Reports that are not text on the terminal do not show input problems: say them on stderr.
        for warning in result.warnings:
            _say(f"{warning.path}: warning: {warning.message}")
        for error in result.errors:
            _say(f"{error.path}: error: {error.message}")
    if result.errors:
        raise typer.Exit(EXIT_ERROR)
    if fail_on is not FailOn.never:
        threshold = SEVERITY_ORDER[fail_on.value]
        if any(SEVERITY_ORDER[f.severity] >= threshold for f in result.findings):
            raise typer.Exit(EXIT_FINDINGS)


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
    schema = Rule.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "lexcheck rule"
    typer.echo(escape_json_text(json.dumps(schema, indent=2, sort_keys=True)))


class SchemaName(str, Enum):
    """The documents whose JSON Schema ``lexcheck schema`` prints."""

    finding = "finding"
    compliance = "compliance"
    rule = "rule"


@app.command()
def schema(name: Annotated[SchemaName, typer.Argument(help="finding, compliance (a matrix row) or rule.")]) -> None:
    """Print the JSON Schema of a finding (with its typed evidence), a compliance-matrix row, or a rule file."""
    from pydantic import BaseModel

    from lexcheck.results import ConcernDecision, Finding

    models: dict[str, type[BaseModel]] = {"finding": Finding, "compliance": ConcernDecision, "rule": Rule}
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
    from lexcheck.evaluation import load_corpus, score
    from lexcheck.report.eval_report import score_json, score_table

    book = _rulebook()
    try:
        chosen = book.select(_split(select))
        samples, problems, skipped = load_corpus(directory)
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
    model: Annotated[
        str | None, typer.Option(help="An installed spaCy pipeline to use instead of blank:en.")
    ] = None,
    rules: Annotated[
        list[Path] | None,
        typer.Option("--rules", help="Rule files or folders to use instead of the bundled packs."),
    ] = None,
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
