"""The command-line interface (typer). Heavy modules (spaCy) are imported only by commands that analyse text."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from lexcheck import __version__, errors
from lexcheck.errors import LexcheckError
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


class EvalFormat(str, Enum):
    """Report formats of ``lexcheck eval``."""

    text = "text"
    json = "json"


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
) -> None:
    """Check bills and report, provision by provision, where they conflict with the standards.

    Exit code 0: no finding at or above --fail-on; 1: such findings; 2: usage, rule or input error.
    """
    from lexcheck.checking import check_paths
    from lexcheck.report import RenderContext
    from lexcheck.report.progress import ProgressBar

    targets = _outputs(format, output)
    rulebook = _rulebook(rules)
    try:
        chosen = rulebook.select(_split(select), _split(ignore))
    except LexcheckError as problem:
        _fail(problem.one_line())
    analyzer = _analyzer(rulebook, chosen, model)
    progress = ProgressBar()
    try:
        result = check_paths(paths, analyzer, explain, progress)
    finally:
        progress.close()
    context = RenderContext(result, chosen, rulebook.catalogue, explain)
    for fmt, target in targets:
        shown = replace(context, terminal=_terminal()) if target == "-" else context
        _write(fmt.render(shown), target)
    if not any(fmt.name == "text" and target == "-" for fmt, target in targets):
        # Reports that are not text on the terminal do not show input errors: say them on stderr.
        for error in result.errors:
            typer.echo(f"{error.path}: error: {error.message}", err=True)
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
