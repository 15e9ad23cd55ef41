"""Indented JSON rendered in compiled code, byte for byte as Python's ``json`` module writes it.

``json.dumps(data, indent=2, ensure_ascii=False)`` has no C encoder for indented output: on a run over a
thousand bills (a 45 MB report) it took longer than everything else the main process does after its workers
finish. pydantic-core's encoder writes the same bytes for the same data (key order, ``", "``/``": "``
separators, two-space indents, ``[]`` and ``{}`` for empty containers, the same string escapes, integers
of any size, ``NaN`` and ``Infinity``), except for floats below 1e-4 (``0.00001`` against ``1e-05``,
``1e-7`` against ``1e-07``). Those are recognised in its output and the data is then written by ``json``
instead, as it is when pydantic-core cannot encode something (a lone surrogate). Since an encoder's
formatting can change between versions, the installed one is first checked on a sample of such values and
not used if it writes any of them otherwise.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from lexcheck.escaping import UNSAFE_IN_JSON, escape_json_text

# Every byte below DEL: what is left of a UTF-8 text without them is its non-ASCII characters, whole, and DEL.
_ASCII_BELOW_DEL = bytes(range(0x7F))
# How pydantic-core writes the floats that Python writes otherwise: 1e-5 as 0.00001, 1e-7 as 1e-7. Text that
# happens to hold either only sends the data the slow way, which gives the same bytes.
_SMALL_FLOAT_EXPONENT = re.compile(rb"e-[0-9]")
_SMALL_FLOAT_DECIMAL = b"0.0000"
# What the installed encoder must write as json does: nesting, empty containers, key order, string escapes,
# floats near where repr changes notation, integers beyond 64 bits.
_SAMPLE: Any = {
    "z": [{}, [], [[]], {"a": None, "b": True, "c": False}],
    "\"\\/\b\f\n\r\t\x00\x1f\x7f\x85é\u2028\U0001f600": "\"\\/\b\f\n\r\t\x00\x1f\x7f\x85é\u2028\U0001f600",
    "floats": [0.0, -0.0, 1.0, 0.1 + 0.2, 1 / 3, 1e-4, 2.5e-4, 1e15, 1e16, -1.5e16, 1e22, 1.7976931348623157e308,
               float("nan"), float("inf"), float("-inf")],
    "integers": [0, -1, 2**63 - 1, 2**64, -(2**70)],
}


def dumps_indented(data: Any, plain: Callable[[], Any] | None = None) -> bytes:
    """``escape_json_text(json.dumps(data, indent=2, ensure_ascii=False)).encode("utf-8")``, only faster.

    ``data`` is JSON data as ``json`` takes it, with strings for keys (pydantic-core writes a key of
    ``None`` or ``True`` otherwise than ``json``). It may also hold pydantic models, which pydantic-core
    writes in its JSON mode: ``plain`` then gives the same data with the models dumped, which is what is
    written (by ``json``) when the compiled encoder is not used; see :func:`models_written_as_dumped`.
    Raises what ``json.dumps`` or encoding raises.
    """
    source = plain or (lambda: data)
    if not _compiled_writes_as_json():
        return _slowly(source())
    try:
        rendered = _compiled(data)
    except (ValueError, TypeError):  # PydanticSerializationError is a ValueError
        return _slowly(source())
    if _SMALL_FLOAT_DECIMAL in rendered or _SMALL_FLOAT_EXPONENT.search(rendered):
        return _slowly(source())
    # Characters escape_json_text escapes are rare: look for them among the non-ASCII characters only.
    unusual = rendered.translate(None, _ASCII_BELOW_DEL)
    if unusual and UNSAFE_IN_JSON.search(unusual.decode("utf-8")):
        return escape_json_text(rendered.decode("utf-8")).encode("utf-8")
    return rendered


def _compiled(data: Any) -> bytes:
    import pydantic_core

    rendered: bytes = pydantic_core.to_json(data, indent=2, inf_nan_mode="constants")
    return rendered


@cache
def _compiled_writes_as_json() -> bool:
    """Whether the installed pydantic-core writes the sample as json does (checked once per process)."""
    try:
        return _compiled(_SAMPLE) == _python(_SAMPLE).encode("utf-8")
    except (ValueError, TypeError):
        return False


def models_written_as_dumped(models: Any, dumped: Any) -> bool:
    """Whether the compiled encoder writes data holding models (``models``) as ``json`` writes the same data
    with each model dumped (``dumped``): how a caller checks, once, that it may pass models."""
    try:
        return _compiled_writes_as_json() and _compiled(models) == _python(dumped).encode("utf-8")
    except (ValueError, TypeError):
        return False


def _python(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def _slowly(data: Any) -> bytes:
    return escape_json_text(_python(data)).encode("utf-8")
