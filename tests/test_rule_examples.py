"""Every bundled rule's examples, run as tests; and the contract between rules and the concern catalogue."""

from __future__ import annotations

import pytest

from lexcheck.engine import Analyzer
from lexcheck.rule_tests import missing_examples, run_examples
from lexcheck.rules.loader import RuleBook, load_rulebook
from lexcheck.rules.model import Examples, Rule

BOOK = load_rulebook()
MIN_EXAMPLES = 4


@pytest.fixture(scope="module")
def example_analyzer() -> Analyzer:
    return Analyzer(BOOK)


def _cases() -> list[tuple[Rule, str, int]]:
    cases = []
    for rule in BOOK.rules:
        for expectation, items in (("fire", rule.examples.fire), ("pass", rule.examples.pass_)):
            cases.extend((rule, expectation, index) for index in range(len(Examples.texts(items))))
    return cases


@pytest.mark.parametrize(("rule", "expectation", "index"), _cases(),
                         ids=lambda value: value.id if isinstance(value, Rule) else str(value))
def test_rule_example(example_analyzer: Analyzer, rule: Rule, expectation: str, index: int) -> None:
    items = rule.examples.fire if expectation == "fire" else rule.examples.pass_
    single = rule.model_copy(update={"examples": Examples.model_validate({expectation: [items[index]]})})
    [result] = run_examples(example_analyzer, [single])
    assert result.ok, f"{rule.id} {expectation}[{index + 1}]: {result.detail}\n{result.text}"


@pytest.mark.parametrize("rule", BOOK.rules, ids=lambda rule: rule.id)
def test_rule_has_examples_of_both_kinds(rule: Rule) -> None:
    assert not missing_examples(rule)
    assert len(rule.examples.fire) >= MIN_EXAMPLES, "at least four examples that must fire"
    assert len(rule.examples.pass_) >= MIN_EXAMPLES, "at least four examples that must not fire"


def test_every_rule_names_a_catalogue_concern() -> None:
    unknown = {rule.id: rule.concern for rule in BOOK.rules if rule.concern not in BOOK.catalogue.ids()}
    assert not unknown


def test_rule_ids_are_unique(book: RuleBook = BOOK) -> None:
    ids = [rule.id for rule in book.rules]
    assert len(ids) == len(set(ids))


def test_catalogue_has_the_contracted_ids() -> None:
    ids = BOOK.catalogue.ids()
    assert len(ids) == 36
    assert {"SOM-BENEFIT", "CITIZEN-ONLY", "GENDERED-DEFINITION", "TIP-NONPUNISHMENT", "DEATH-PENALTY"} <= ids
