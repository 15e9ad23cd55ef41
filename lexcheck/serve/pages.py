"""The upload page: a form with a drop zone, a text box and the options, and any error in one line.

Rendered by a jinja2 template with autoescaping; its stylesheet and script are inlined and allowed by
their hashes in a Content-Security-Policy that allows nothing else, so the page makes no request of
its own and posts its form only to this server.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import groupby

import jinja2
from markupsafe import Markup

from lexcheck import __version__
from lexcheck.document import SUPPORTED_SUFFIXES
from lexcheck.document.limits import format_size
from lexcheck.report.view import DISCLAIMER
from lexcheck.serve.settings import ServeSettings
from lexcheck.serve.worker import Engine

THRESHOLDS = (
    ("error", "fail on errors (default)"),
    ("warning", "fail on warnings and errors"),
    ("info", "fail on any finding"),
    ("never", "never fail"),
)
FORMATS_TEXT = "Plain text or Markdown, Word (.docx), PDF with a text layer, HTML, Akoma Ntoso XML"


@dataclass(frozen=True)
class FormState:
    """What the form shows: the options chosen (kept when the page comes back with an error)."""

    fail_on: str = "error"
    tracked_changes: str = "accept"
    chosen: frozenset[str] | None = None  # concern IDs; None: every concern
    error: str | None = None


@cache
def _asset(name: str) -> str:
    return resources.files("lexcheck.serve").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy() -> str:
    """The page's policy: its own style and script, its form posted here, nothing else."""
    return "; ".join(
        (
            "default-src 'none'",
            f"style-src {_hash(_asset('upload.css'))}",
            f"script-src {_hash(_asset('upload.js'))}",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        )
    )


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("lexcheck.serve", "templates"),
        autoescape=True,  # every template: file names and messages come from uploads
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def upload_page(engine: Engine, settings: ServeSettings, base_url: str, state: FormState | None = None) -> str:
    """The upload page, with the options of ``state`` and its error, if any.

    ``base_url`` is the address the browser used, for the API example.
    """
    state = state or FormState()
    concerns = engine.rulebook.catalogue.concerns
    all_ids = frozenset(c.id for c in concerns)
    chosen = all_ids if state.chosen is None else state.chosen
    groups = [(toolkit, list(items)) for toolkit, items in groupby(concerns, key=lambda c: c.toolkit or "Other")]
    template = _environment().get_template("upload.html.j2")
    return template.render(
        css=Markup(_asset("upload.css")),
        js=Markup(_asset("upload.js")),
        version=__version__,
        disclaimer=DISCLAIMER,
        error=state.error,
        accept=",".join(SUPPORTED_SUFFIXES),
        formats=FORMATS_TEXT,
        max_upload=settings.max_upload,
        max_upload_text=format_size(settings.max_upload),
        thresholds=THRESHOLDS,
        fail_on=state.fail_on,
        tracked_changes=state.tracked_changes,
        groups=groups,
        chosen=chosen,
        some_chosen=chosen != all_ids,
        concern_count=len(all_ids),
        rule_count=len(engine.rulebook.rules),
        pipeline=engine.analyzer.pipeline,
        url=base_url.rstrip("/"),
    )
