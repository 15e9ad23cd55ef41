"""--jobs: files analysed in worker processes give byte-identical reports."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from lexcheck.cli import app
from lexcheck.parallel import MAX_BATCH, AnalyzerSpec, batches, run, worker_count

pytestmark = pytest.mark.usefixtures("fast_cli")


@pytest.fixture()
def bills(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bills"
    folder.mkdir()
    for number in range(3):
        shutil.copyfile(FIXTURES / "smuggling_bill.txt", folder / f"border-{number}.txt")
    shutil.copyfile(FIXTURES / "trafficking_bill.md", folder / "trafficking.md")
    shutil.copyfile(FIXTURES / "amendment" / "v2.txt", folder / "amended.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.odt").write_bytes(b"PK")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return folder


def invoke(*args: str):
    return CliRunner().invoke(app, ["check", *args], catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_parallel_output_is_byte_identical(bills: Path, fmt: str) -> None:
    one = invoke("bills", "--format", fmt, "--jobs", "1")
    two = invoke("bills", "--format", fmt, "--jobs", "2")
    assert one.exit_code == two.exit_code == 2  # the empty file
    assert one.stdout == two.stdout
    assert "border-2.txt" in one.stdout and "empty.txt" in one.stdout


def test_jobs_from_configuration_and_all_cores(bills: Path) -> None:
    one = invoke("bills", "--format", "json").stdout
    (bills.parent / "lexcheck.toml").write_text("jobs = 0\n")
    assert invoke("bills", "--format", "json").stdout == one


def test_worker_error_is_a_clean_usage_error(bills: Path) -> None:
    result = invoke("bills", "--jobs", "2", "--model", "no_such_pipeline")
    assert result.exit_code == 2
    assert "spaCy pipeline 'no_such_pipeline' is not installed [LX201]" in result.stderr


def test_worker_count() -> None:
    assert worker_count(4, 2) == 2
    assert worker_count(1, 100) == 1
    assert worker_count(0, 1000) >= 1


def _collector_state(name: str, analyzer: object, explain: bool) -> tuple[str, bool]:
    return name, gc.isenabled()


def test_workers_collect_cycles_while_the_main_process_pauses_its_collector() -> None:
    # The main process pauses its cycle collector while results come in; forked workers must not inherit
    # that, or the provision trees of every bill they analyse would never be freed.
    spec = AnalyzerSpec(None, ("som-offence-without-benefit",))
    assert gc.isenabled()
    _, states = run(["a", "b", "c"], spec, _collector_state, False, 2)
    assert states == [("a", True), ("b", True), ("c", True)]
    assert gc.isenabled()
    # The analyser the workers inherited was frozen out of their collections; here nothing stays frozen.
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("count", [0, 1, 2, 7, 63, 64, 1000])
def test_batches_cover_every_file_in_order_and_end_one_at_a_time(count: int) -> None:
    parts = batches(count, 2)
    assert [index for part in parts for index in part] == list(range(count))
    assert all(1 <= len(part) <= MAX_BATCH for part in parts)
    assert not parts or len(parts[-1]) == 1
    assert [len(part) for part in parts] == sorted((len(part) for part in parts), reverse=True)
