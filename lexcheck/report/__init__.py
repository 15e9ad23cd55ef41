"""Reports: one module per output format, each rendering a RunResult and knowing nothing else.

``FORMATS`` is the one table of output formats; the command line, several outputs per run and the file
extensions that choose a format all read it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from lexcheck.results import RunResult
from lexcheck.rules.model import Catalogue, Rule


@dataclass(frozen=True)
class Terminal:
    """The terminal a report is shown on: its width, and rich's colour system (``None``: no colour)."""

    width: int
    colour_system: str | None = None


@dataclass(frozen=True)
class Download:
    """Another format of the same analysis, offered for download by the HTML report.

    ``url`` is a ``data:`` URL holding the file, so the page stays self-contained and makes no request.
    """

    format: str
    label: str
    filename: str
    url: str


@dataclass(frozen=True)
class ServedPage:
    """What the HTML report adds when a web page is its answer: the verdict, downloads, a way back."""

    verdict: str
    passed: bool
    downloads: tuple[Download, ...] = ()
    notes: tuple[str, ...] = ()
    back: str = "/"


@dataclass(frozen=True)
class RenderContext:
    """What a renderer may use: the run's results, the rules that ran and the concern catalogue.

    ``terminal`` is set only when the report goes to a terminal; ``served`` only when ``lexcheck serve``
    answers an upload with the HTML report.
    """

    result: RunResult
    rules: list[Rule] = field(default_factory=list)
    catalogue: Catalogue | None = None
    explain: bool = False
    terminal: Terminal | None = None
    served: ServedPage | None = None


Renderer = Callable[[RenderContext], str | bytes]


@dataclass(frozen=True)
class OutputFormat:
    """An output format: its renderer and the file extensions that select it."""

    name: str
    render: Renderer
    extensions: tuple[str, ...]
    description: str


def _renderer(module: str) -> Renderer:
    """The ``render_context`` of a report module, imported when a report of its format is made: the
    formats' libraries (python-docx for Word, rich for the terminal) are not loaded by runs that do not
    use them."""

    def render(context: RenderContext) -> str | bytes:
        rendered: str | bytes = importlib.import_module(f"lexcheck.report.{module}").render_context(context)
        return rendered

    return render


def _formats() -> dict[str, OutputFormat]:
    found = [
        OutputFormat("text", _renderer("text_report"), (".txt",), "readable report for a terminal or memo"),
        OutputFormat("json", _renderer("json_report"), (".json",), "versioned JSON (docs/json-format.md)"),
        OutputFormat("html", _renderer("html_report"), (".html", ".htm"), "the bill annotated, for a browser"),
        OutputFormat("docx", _renderer("docx_report"), (".docx",), "the bill with Word comments"),
        OutputFormat("markdown", _renderer("markdown_report"), (".md", ".markdown"), "review memo (GitHub Markdown)"),
        OutputFormat("sarif", _renderer("sarif"), (".sarif", ".sarif.json"), "SARIF 2.1.0 for code scanning"),
        OutputFormat("junit", _renderer("junit"), (".xml", ".junit.xml"), "JUnit XML for CI test reports"),
        OutputFormat("github", _renderer("github"), (), "GitHub Actions annotations"),
    ]
    return {fmt.name: fmt for fmt in found}


FORMATS: dict[str, OutputFormat] = _formats()


def format_for_path(path: str) -> OutputFormat | None:
    """The format a file name's extension selects, if any."""
    lowered = path.lower()
    # The longest matching extension wins: report.sarif.json is SARIF, not JSON.
    matches = [(len(ext), fmt) for fmt in FORMATS.values() for ext in fmt.extensions if lowered.endswith(ext)]
    return max(matches, key=lambda match: match[0])[1] if matches else None
