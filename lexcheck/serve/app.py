"""The web app of ``lexcheck serve``: the upload page, the annotated report, the JSON API, a health check.

Routes:

- ``GET /``: the upload page.
- ``POST /check``: the annotated HTML report of the uploaded bill (the upload page with a one-line error
  if it cannot be checked).
- ``POST /api/check``: the JSON report of ``lexcheck check --format json``; an error is that report with
  the error in ``errors`` and an HTTP error status. ``Lexcheck-Exit-Code`` says what ``lexcheck check``
  would exit with.
- ``GET /health``: whether the server can analyse, for process supervisors.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lexcheck import __version__, errors
from lexcheck.document import ReadOptions
from lexcheck.errors import LexcheckError
from lexcheck.report import html_report, json_report
from lexcheck.results import InputError, RunResult
from lexcheck.serve.pages import FormState, content_security_policy, upload_page
from lexcheck.serve.pool import AnalysisPool
from lexcheck.serve.settings import ServeSettings
from lexcheck.serve.uploads import UNNAMED, Upload, read_upload
from lexcheck.serve.worker import EXIT_ERROR, Engine, Job, Outcome

log = logging.getLogger("lexcheck.serve")

EXIT_CODE_HEADER = "Lexcheck-Exit-Code"
# Every response: not cached (it may hold a bill), not framed, not sniffed, no referrer, no other origin.
SECURITY_HEADERS = (
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
# The HTTP status of each error; every other input error (a corrupt, binary or empty file) is 422.
_STATUS = {
    errors.TOO_LARGE.code: 413,
    errors.UNSUPPORTED_FORMAT.code: 415,
    errors.LEGACY_WORD.code: 415,
    errors.NO_BILL.code: 400,
    errors.INVALID_FIELD.code: 400,
    errors.BAD_UPLOAD.code: 400,
    errors.NO_CONCERN.code: 400,
    errors.UNKNOWN_RULE.code: 400,
    errors.SERVER_BUSY.code: 503,
    errors.ANALYSIS_TIMEOUT.code: 503,
    errors.INTERNAL_ERROR.code: 500,
}
_CODE = re.compile(r"\[(LX\d{3})\]$")
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def status_for(message: str) -> int:
    """The HTTP status for a one-line error message (by its LX code)."""
    match = _CODE.search(message)
    return _STATUS.get(match.group(1), 422) if match else 500


def _host_name(header: str) -> str:
    """The host of a Host header, without its port or the brackets of an IPv6 address."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class SecurityHeaders:
    """Adds the security headers to every response; on loopback, refuses requests for other host names.

    A page on another site could otherwise have the browser resolve its own name to 127.0.0.1 (DNS
    rebinding) and read this server's answers as its own.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str] | None):
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed_hosts is not None:
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
            if _host_name(host) not in self.allowed_hosts:
                refusal = PlainTextResponse(
                    f"lexcheck: this server answers only for {', '.join(sorted(self.allowed_hosts))}\n", 400
                )
                await refusal(scope, receive, self._with_headers(send))
                return
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def sender(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        return sender


def make_job(upload: Upload, engine: Engine, page: bool) -> Job:
    """The job for an upload: its rule selection checked against the rule book (unknown IDs refused)."""
    book = engine.rulebook
    if upload.choosing and not upload.select:
        raise LexcheckError(errors.NO_CONCERN, None)
    chosen = book.select(upload.select, upload.ignore)
    if not chosen:
        raise LexcheckError(errors.NO_CONCERN, None)
    rules = () if len(chosen) == len(book.rules) else tuple(rule.id for rule in chosen)
    options = ReadOptions(input_format=upload.input_format, tracked_changes=upload.tracked_changes)
    return Job(upload.data, upload.name, rules, options, upload.fail_on, page)


def _form_state(upload: Upload | None, engine: Engine, error: str) -> FormState:
    if upload is None:
        return FormState(error=error)
    chosen = frozenset(c.id for c in engine.rulebook.catalogue.concerns if c.id in upload.select)
    return FormState(upload.fail_on, upload.tracked_changes, chosen if upload.select else None, error)


def create_app(settings: ServeSettings, engine: Engine) -> Starlette:
    """The web app, analysing with ``engine`` (loaded once, before the app starts its workers)."""
    pool = AnalysisPool(settings, engine)
    report_policy = html_report.content_security_policy() + "; frame-ancestors 'none'"

    async def analyse(request: Request, page: bool) -> tuple[Upload | None, Outcome | LexcheckError]:
        upload = None
        try:
            upload = await read_upload(request, settings)
            return upload, await pool.run(make_job(upload, engine, page))
        except LexcheckError as problem:
            return upload, problem
        except Exception:
            log.exception("checking an upload failed")
            return upload, LexcheckError(errors.INTERNAL_ERROR, upload.name if upload else None)

    async def home(request: Request) -> Response:
        page = upload_page(engine, settings, str(request.base_url))
        return HTMLResponse(page, headers={"Content-Security-Policy": content_security_policy()})

    def error_page(request: Request, upload: Upload | None, message: str) -> Response:
        page = upload_page(engine, settings, str(request.base_url), _form_state(upload, engine, message))
        headers = {"Content-Security-Policy": content_security_policy(), EXIT_CODE_HEADER: str(EXIT_ERROR)}
        return HTMLResponse(page, status_for(message), headers=headers)

    async def check_page(request: Request) -> Response:
        upload, outcome = await analyse(request, page=True)
        if isinstance(outcome, LexcheckError):
            return error_page(request, upload, outcome.one_line())
        if outcome.errors:
            return error_page(request, upload, outcome.errors[0])
        if outcome.html is None:  # a worker asked for the page always renders it
            return error_page(request, upload, LexcheckError(errors.INTERNAL_ERROR, None).one_line())
        headers = {"Content-Security-Policy": report_policy, EXIT_CODE_HEADER: str(outcome.exit_code)}
        return HTMLResponse(outcome.html, headers=headers)

    async def check_api(request: Request) -> Response:
        upload, outcome = await analyse(request, page=False)
        if isinstance(outcome, LexcheckError):
            failed = RunResult(engine.analyzer.pipeline, errors=[InputError.of(outcome, upload.name if upload else UNNAMED)])
            body = json_report.render(failed)
            message = outcome.one_line()
            return Response(body, status_for(message), headers={EXIT_CODE_HEADER: str(EXIT_ERROR)}, media_type="application/json")
        status = status_for(outcome.errors[0]) if outcome.errors else 200
        headers = {EXIT_CODE_HEADER: str(outcome.exit_code)}
        return Response(outcome.json, status, headers=headers, media_type="application/json")

    async def back_to_form(request: Request) -> Response:
        return RedirectResponse("/", status_code=303)

    async def health(request: Request) -> Response:
        ready = pool.active
        body = {
            "status": "ok" if ready else "unavailable",
            "version": __version__,
            "pipeline": engine.analyzer.pipeline,
            "rules": len(engine.rulebook.rules),
            "workers": settings.workers,
            "running": pool.running,
        }
        return JSONResponse(body, 200 if ready else 503)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            pool.stop()

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/check", check_page, methods=["POST"]),
        Route("/check", back_to_form, methods=["GET"]),
        Route("/api/check", check_api, methods=["POST"]),
        Route("/health", health, methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    allowed = _LOOPBACK_NAMES | {_host_name(settings.host)} if settings.loopback else None
    app.add_middleware(SecurityHeaders, allowed_hosts=allowed)
    return app


def run(settings: ServeSettings, engine: Engine) -> None:
    """Serve the app with uvicorn until interrupted (Ctrl+C or SIGTERM)."""
    import uvicorn

    uvicorn.run(
        create_app(settings, engine),
        host=settings.host,
        port=settings.port,
        server_header=False,
        proxy_headers=False,
        # Each open request may hold an upload in memory: connections beyond this get 503 at once.
        limit_concurrency=4 * (settings.workers + settings.max_waiting),
        timeout_graceful_shutdown=5,
    )
