"""Each analysis of the web app runs in a copy of a worker forked for it alone (lexcheck.serve.isolation)."""

from __future__ import annotations

import io
import multiprocessing
import os
import sys
import time

import docx
import pytest
from conftest import FIXTURES
from lxml import etree
from starlette.testclient import TestClient

from lexcheck.serve.app import create_app
from lexcheck.serve.isolation import in_fresh_copy
from lexcheck.serve.settings import ServeSettings
from lexcheck.serve.worker import Engine

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")

_seen: list[str] = []


def _remember(word: str) -> list[str]:
    _seen.append(word)
    return list(_seen)


def _fail(message: str) -> None:
    raise ValueError(message)


def _die() -> None:
    os._exit(7)


def _caller_of_dying_copy() -> None:
    in_fresh_copy(_die)


def test_a_copy_returns_its_result_and_keeps_nothing() -> None:
    assert in_fresh_copy(_remember, "victim") == ["victim"]
    assert in_fresh_copy(_remember, "migrant") == ["migrant"]  # the first call's list stayed in its copy
    assert _seen == []


def test_an_exception_in_the_copy_is_raised_in_the_caller() -> None:
    with pytest.raises(ValueError, match="unreadable bill"):
        in_fresh_copy(_fail, "unreadable bill")


def test_a_copy_that_dies_ends_its_worker_with_its_exit_code() -> None:
    worker = multiprocessing.get_context("fork").Process(target=_caller_of_dying_copy)
    worker.start()
    worker.join(30)
    assert worker.exitcode == 7


def test_work_with_xml_in_the_server_process_never_stalls_an_analysis(engine: Engine) -> None:
    # A worker forked while this process's main thread was inside libxml2 waited forever for its lock the first
    # time it wrote a Word report. Workers are now forked once, and analyses run in copies of them.
    bill = FIXTURES / "cross_bill.libreoffice.docx"
    text = (FIXTURES / "trafficking_bill.md").read_text(encoding="utf-8")
    settings = ServeSettings(workers=2, timeout=20)
    with TestClient(create_app(settings, engine), base_url="http://127.0.0.1:8000") as client:
        for _ in range(3):
            assert client.post("/check", files={"file": (bill.name, bill.read_bytes())}).status_code == 200
            started = time.monotonic()
            while time.monotonic() - started < 1.0:  # while the pool would have replaced the worker
                etree.tostring(docx.Document(io.BytesIO(bill.read_bytes())).element)
            assert client.post("/check", data={"text": text, "fail_on": "never"}).status_code == 200
