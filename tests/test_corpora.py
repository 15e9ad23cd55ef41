"""The bundled corpus is consistent: gold files name every concern once and quote their texts exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lexcheck.rules.loader import load_rulebook

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
GOLD = sorted((CORPUS / "gold").glob("*.yaml"))
CONCERNS = load_rulebook().catalogue.ids()


def test_corpus_has_enough_bills() -> None:
    assert len(GOLD) >= 6
    for gold in GOLD:
        assert list((CORPUS / "texts").glob(gold.stem + ".*")), f"no text for {gold.name}"


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_gold_file_lists_every_concern_once_and_quotes_exactly(gold_path: Path) -> None:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text = (CORPUS / "texts" / gold["file"]).read_text(encoding="utf-8")
    named = [item["concern"] for key in ("findings", "clean", "not_assessed") for item in gold.get(key) or []]
    # A concern may appear twice among findings (two kinds of problem), never across lists.
    listed = {key: {item["concern"] for item in gold.get(key) or []} for key in ("findings", "clean", "not_assessed")}
    assert set(named) == CONCERNS
    assert not (listed["findings"] & listed["clean"]) and not (listed["findings"] & listed["not_assessed"])
    assert not (listed["clean"] & listed["not_assessed"])
    for item in (gold.get("findings") or []) + (gold.get("clean") or []):
        quote = item.get("quote")
        if quote:
            assert quote in text, f"{item['concern']}: quote not in text: {quote!r}"
            assert "\n" not in quote


def test_every_concern_fires_in_two_bills_and_is_clean_in_one() -> None:
    fires: dict[str, int] = dict.fromkeys(CONCERNS, 0)
    clean: dict[str, int] = dict.fromkeys(CONCERNS, 0)
    for gold_path in GOLD:
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        for concern in {item["concern"] for item in gold.get("findings") or []}:
            fires[concern] += 1
        for item in gold.get("clean") or []:
            clean[item["concern"]] += 1
    assert {c: n for c, n in fires.items() if n < 2} == {}
    assert {c: n for c, n in clean.items() if n < 1} == {}


SETS = [path for path in sorted(CORPUS.iterdir()) if (path / "gold").is_dir() and (path / "texts").is_dir()]


@pytest.mark.parametrize("corpus", SETS, ids=lambda p: p.name)
def test_evaluation_sets_are_consistent(corpus: Path) -> None:
    """challenge/, drafting/ and statutes/: every gold file names each concern once and quotes exactly."""
    from lexcheck.evaluation import load_gold, strip_header

    golds = sorted((corpus / "gold").glob("*.yaml"))
    assert golds, f"{corpus} has no gold files"
    for path in golds:
        gold = load_gold(path)
        text, _ = strip_header((corpus / "texts" / (gold.file or "")).read_text(encoding="utf-8"))
        named = [e.concern for e in (*gold.findings, *gold.clean, *gold.not_assessed)]
        assert set(named) == CONCERNS, path.name
        found = {e.concern for e in gold.findings}
        assert not found & {e.concern for e in gold.clean} and not found & {e.concern for e in gold.not_assessed}
        assert len(named) - len(gold.findings) == len({e.concern for e in (*gold.clean, *gold.not_assessed)})
        for item in gold.findings:
            assert item.quote is None or (item.quote in text and "\n" not in item.quote), (path.name, item.quote)
