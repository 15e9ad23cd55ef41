"""The one-pass term search finds exactly what each term's own expression finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lexcheck.engine.term_search import find_term_uses, term_pattern


def one_by_one(text: str, terms: list[str]) -> dict[str, list[tuple[int, int]]]:
    return {term: [m.span() for m in term_pattern(term).finditer(text)] for term in terms}


def test_uses_of_several_terms_in_one_pass() -> None:
    text = (
        "“child” means a person under 18. A Child, children and CHILDS; child-care, sub-child; the child's "
        "rights. “competent authority” means the Board. Competent  authority; competent authorities."
    )
    terms = ["child", "competent authority", "Board", "authorit"]
    found = find_term_uses(text, terms)
    assert found == one_by_one(text, terms)
    assert [text[a:b] for a, b in found["child"]] == ["child", "Child", "CHILDS", "child"]
    assert found["authorit"] == []


def test_a_term_ending_in_y_is_used_in_its_plural_in_ies() -> None:
    text = "Beneficiary: a victim who is a citizen. The Fund pays Beneficiaries; a third party; the parties; days."
    terms = ["Beneficiary", "third party", "day"]
    found = find_term_uses(text, terms)
    assert found == one_by_one(text, terms)
    assert [text[a:b] for a, b in found["Beneficiary"]] == ["Beneficiary", "Beneficiaries"]
    assert [text[a:b] for a, b in found["day"]] == ["days"]


def test_terms_that_overlap_themselves_and_odd_terms() -> None:
    text = "a b a b a. ſtate STATE (a) state-run -state x_state ι\u0345 étranger Étrangers"
    terms = ["a b a", "state", "(a)", "", " ", "étranger", "ſtate", "Kelvin"]
    assert find_term_uses(text, terms) == one_by_one(text, terms)


def test_text_with_the_unaligned_character() -> None:
    text = "protection \u0345ota and ιota"
    terms = ["ιota", "protection"]
    assert find_term_uses(text, terms) == one_by_one(text, terms)


# Letters that match others when case is ignored, word and non-word characters, quotes and digits.
_ALPHABET = st.sampled_from(list("abiSsſKkyYe\u212a éÉİı-_'.\nιΙ“”(1)²·Ⅻ"))


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(_ALPHABET, max_size=80),
    terms=st.lists(st.text(_ALPHABET, min_size=0, max_size=6), max_size=5),
)
def test_same_as_each_terms_own_search(text: str, terms: list[str]) -> None:
    assert find_term_uses(text, terms) == one_by_one(text, list(dict.fromkeys(terms)))
    odd = text[: len(text) // 2] + "\u0345" + text[len(text) // 2 :]
    assert find_term_uses(odd, terms) == one_by_one(odd, list(dict.fromkeys(terms)))
