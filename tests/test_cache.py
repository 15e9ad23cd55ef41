"""The on-disk cache: a rule book loaded twice from the same files comes from it; any change misses."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

from lexcheck import cache
from lexcheck.rules.loader import RuleBook, load_rulebook

# A bundled rule, loaded from a folder of its own.
RULE = (REPO / "rules" / "criminalization" / "citizen-only-protection.yaml").read_text(encoding="utf-8")
TITLE = "title: Protection or assistance limited to citizens or nationals"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LEXCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LEXCHECK_NO_CACHE", raising=False)
    return tmp_path / "cache"


def test_a_rule_book_is_stored_and_read_back(folder: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "rule.yaml").write_text(RULE, encoding="utf-8")
    first = load_rulebook([rules])
    assert len(list(folder.glob("rulebook-*.pickle"))) == 1
    again = load_rulebook([rules])
    assert again is not first and [r.model_dump() for r in again.rules] == [r.model_dump() for r in first.rules]
    assert again.sources == first.sources
    # A changed rule file is a new entry, and the rule book has the change.
    (rules / "rule.yaml").write_text(RULE.replace(TITLE, "title: Changed rule"), encoding="utf-8")
    changed = load_rulebook([rules])
    assert [rule.title for rule in changed.rules] == ["Changed rule"]
    assert len(list(folder.glob("rulebook-*.pickle"))) == 2


def test_a_damaged_or_foreign_entry_is_rebuilt(folder: Path) -> None:
    built = []

    def build() -> dict[str, int]:
        built.append(1)
        return {"n": len(built)}

    assert cache.cached("test", "k", dict, build) == {"n": 1}
    assert cache.cached("test", "k", dict, build) == {"n": 1}
    (folder / "test-k.pickle").write_bytes(b"not a pickle")
    assert cache.cached("test", "k", dict, build) == {"n": 2}
    assert cache.cached("test", "k", list, lambda: [3]) == [3]  # an entry of another type is not used

def test_a_cache_that_cannot_be_written_is_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    monkeypatch.setenv("LEXCHECK_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    assert cache.cached("test", "k", dict, lambda: {"built": True}) == {"built": True}


def test_the_cache_can_be_turned_off(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEXCHECK_NO_CACHE", "1")
    assert isinstance(load_rulebook(), RuleBook)
    assert not folder.exists()


def test_only_the_newest_entries_of_a_kind_are_kept(folder: Path) -> None:
    for index in range(cache.KEEP_PER_KIND + 3):
        cache.cached("test", f"key{index}", int, lambda index=index: index)
    assert len(list(folder.glob("test-*.pickle"))) == cache.KEEP_PER_KIND
