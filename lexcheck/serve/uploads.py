"""Reading an upload from a request: the bill's bytes, the name it is shown under, and the options.

A bill comes as the ``file`` field of a form (``multipart/form-data``), as the ``text`` field of a form
(pasted text), or as the raw request body with its name in the ``name`` query parameter. Everything is held in memory and bounded: the
body is read no further than the limit, and form parts never spill into temporary files.
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field

from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser
from starlette.requests import Request

from lexcheck import errors
from lexcheck.document.limits import format_size
from lexcheck.document.options import INPUT_FORMATS
from lexcheck.errors import LexcheckError
from lexcheck.serve.settings import ServeSettings
from lexcheck.serve.worker import FAIL_ON

PASTED = "pasted text"
UNNAMED = "upload"
_NAME_LIMIT = 120
# A body this many times over the limit is not read to its end before the refusal is sent.
_DRAIN_FACTOR = 8
_TRACKED_CHANGES = ("accept", "reject")


@dataclass(frozen=True)
class Upload:
    """A bill as uploaded, and the options that came with it."""

    data: bytes
    name: str
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    input_format: str = "auto"
    tracked_changes: str = "accept"
    choosing: bool = False  # the form's concern checkboxes were sent: none checked is a mistake, not "all"


def display_name(filename: str | None) -> str:
    """The name a bill is shown under: the last part of what the client sent, never a path to open.

    Directories (``../../etc/passwd``, ``C:\\Users\\x\\bill.docx``) are dropped and long names shortened,
    keeping the suffix that helps recognise the format.
    """
    name = re.split(r"[/\\]", filename or "")[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable())
    if name in ("", ".", ".."):
        return UNNAMED
    if len(name) > _NAME_LIMIT:
        stem, dot, suffix = name.rpartition(".")
        keep = f".{suffix}" if dot and stem and len(suffix) <= 10 else ""
        name = name[: _NAME_LIMIT - len(keep) - 1] + "…" + keep
    return name


def _too_large(name: str, limit: int, size: str) -> LexcheckError:
    return LexcheckError(errors.TOO_LARGE, name, limit=format_size(limit), size=size)


async def _bounded(request: Request, settings: ServeSettings) -> AsyncGenerator[bytes, None]:
    """The request body, refused (after reading a bounded rest, so the client sees the answer) past the limit."""
    limit = settings.max_body
    declared = request.headers.get("content-length", "")
    too_large = declared.isdigit() and int(declared) > limit
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            too_large = True
        if too_large:
            if total > _DRAIN_FACTOR * limit:
                break
            continue
        yield chunk
    if too_large:
        size = format_size(int(declared)) if declared.isdigit() else f"over {format_size(limit)}"
        raise _too_large(UNNAMED, settings.max_upload, size)


class _InMemoryParser(MultiPartParser):
    """Starlette's multipart parser, with file parts kept in memory up to the body limit."""

    def __init__(self, request: Request, settings: ServeSettings):
        super().__init__(
            request.headers, _bounded(request, settings), max_files=1, max_fields=200, max_part_size=settings.max_body
        )
        self.spool_max_size = settings.max_body  # a part this size would already have been refused


def _values(form: FormData | None, request: Request, key: str) -> list[str]:
    """Every value of an option, from the form and the query string, comma-separated lists split."""
    raw = [v for v in form.getlist(key) if isinstance(v, str)] if form is not None else []
    raw += request.query_params.getlist(key)
    return [part.strip() for value in raw for part in value.split(",") if part.strip()]


def _choice(form: FormData | None, request: Request, key: str, allowed: tuple[str, ...], default: str) -> str:
    values = _values(form, request, key)
    if not values:
        return default
    if len(values) > 1 or values[0] not in allowed:
        raise LexcheckError(errors.INVALID_FIELD, None, value=",".join(values), field=key, expected=" or ".join(allowed))
    return values[0]


async def _form_bill(form: FormData, settings: ServeSettings) -> tuple[bytes, str]:
    """The bill of a form: the chosen file, else the pasted text."""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and (upload.filename or upload.size):
        name = display_name(upload.filename)
        data = await upload.read()
        await upload.close()
        if len(data) > settings.max_upload:
            raise _too_large(name, settings.max_upload, format_size(len(data)))
        return data, name
    text = form.get("text")
    if isinstance(text, str) and text.strip():
        data = text.encode("utf-8")
        if len(data) > settings.max_upload:
            raise _too_large(PASTED, settings.max_upload, format_size(len(data)))
        return data, PASTED
    raise LexcheckError(errors.NO_BILL, None)


async def read_upload(request: Request, settings: ServeSettings) -> Upload:
    """The bill and options of a request; raises LexcheckError (too large, no bill, a bad option)."""
    form: FormData | None = None
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        try:
            if content_type.startswith("multipart/"):
                form = await _InMemoryParser(request, settings).parse()
            else:
                fields = FormParser(request.headers, _bounded(request, settings), max_fields=200, max_part_size=settings.max_body)
                form = await fields.parse()
        except MultiPartException as exc:
            raise LexcheckError(errors.BAD_UPLOAD, None, detail=exc.message) from None
        try:
            data, name = await _form_bill(form, settings)
        finally:
            await form.close()
    else:
        chunks = [chunk async for chunk in _bounded(request, settings)]
        data = b"".join(chunks)
        name = display_name(request.query_params.get("name"))
        if not data:
            raise LexcheckError(errors.NO_BILL, None)
        if len(data) > settings.max_upload:
            raise _too_large(name, settings.max_upload, format_size(len(data)))
    return Upload(
        data=data,
        name=name,
        select=_values(form, request, "select"),
        ignore=_values(form, request, "ignore"),
        fail_on=_choice(form, request, "fail_on", FAIL_ON, "error"),
        input_format=_choice(form, request, "input_format", INPUT_FORMATS, "auto"),
        tracked_changes=_choice(form, request, "tracked_changes", _TRACKED_CHANGES, "accept"),
        choosing="chosen" in _values(form, request, "concerns"),
    )
