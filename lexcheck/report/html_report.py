"""The annotated HTML report (``--format html``): the bill with its findings, in one self-contained file.

The page is rendered by a jinja2 template with autoescaping, so every piece of bill and rule text is
escaped. Its stylesheet and script are inlined and allowed by their hashes in a Content-Security-Policy
that forbids every other source: the page makes no request of any kind, and a bill cannot inject
markup, styles or scripts into it.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from lexcheck.report.bill_layout import layout, provision_ids
from lexcheck.report.view import (
    SEVERITIES,
    SEVERITY_LABELS,
    SEVERITY_SYMBOLS,
    STATUS_SYMBOLS,
    FileView,
    build_view,
)
from lexcheck.results import SEVERITY_ORDER, STATUS_LABELS

if TYPE_CHECKING:
    from lexcheck.report import RenderContext


@dataclass(frozen=True)
class TocEntry:
    """A line of a bill's table of contents: a Part, Chapter or section, with its findings counted."""

    ident: str
    label: str
    heading: str | None
    level: int
    findings: int
    severity: str | None


def table_of_contents(file: FileView) -> list[TocEntry]:
    """Containers and sections of the bill (or its outermost provisions when it has neither)."""
    outline = file.report.outline
    chosen = [i for i, e in enumerate(outline) if e.container or e.kind == "section"]
    if not chosen:
        chosen = [i for i, e in enumerate(outline) if e.depth == 0]
    containers = sorted({outline[i].depth for i in chosen if outline[i].container})
    entries = []
    for index in chosen:
        entry = outline[index]
        inside = [v for v in file.in_text if entry.start <= v.finding.start_char < max(entry.end, entry.start + 1)]
        worst = max((v.finding.severity for v in inside), key=SEVERITY_ORDER.__getitem__, default=None)
        # Sections sit one level below the innermost Part or Chapter that holds them.
        level = containers.index(entry.depth) if entry.container else len(containers)
        entries.append(TocEntry(f"{file.ident}-p{index}", entry.label, entry.heading, level, len(inside), worst))
    return entries


@cache
def _asset(name: str) -> str:
    return resources.files("lexcheck.report").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("lexcheck.report", "templates"),
        autoescape=True,  # every template, whatever its name: bill text is never trusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        severities=SEVERITIES,
        severity_labels=SEVERITY_LABELS,
        severity_symbols=SEVERITY_SYMBOLS,
        status_labels=STATUS_LABELS,
        status_symbols=STATUS_SYMBOLS,
    )
    return env


def content_security_policy() -> str:
    """The report's Content-Security-Policy: its own style and script, and no other source of any kind."""
    return "; ".join(
        (
            "default-src 'none'",
            f"style-src {_csp_hash(_asset('report.css'))}",
            f"script-src {_csp_hash(_asset('report.js'))}",
            "img-src 'none'",
            "font-src 'none'",
            "connect-src 'none'",
            "media-src 'none'",
            "object-src 'none'",
            "frame-src 'none'",
            "form-action 'none'",
            "base-uri 'none'",
        )
    )


def render_context(context: RenderContext) -> str:
    """The HTML report of a run, for the format table."""
    view = build_view(context)
    css, js = _asset("report.css"), _asset("report.js")
    csp = content_security_policy()
    files = [
        {
            "view": file,
            "blocks": layout(file),
            "toc": table_of_contents(file),
            "ids": provision_ids(file),
        }
        for file in view.files
    ]
    template = _environment().get_template("report.html.j2")
    return template.render(
        run=view, files=files, csp=csp, css=Markup(css), js=Markup(js), served=context.served
    )
