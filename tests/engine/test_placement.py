"""Compacting white space for the pipeline, and mapping offsets back to the statute."""

from __future__ import annotations

import re

import pytest

from lexcheck.engine.placement import compact, compact_boundaries

TEXTS = [
    "whether or not any\n                       of the means referred to",
    "one  two\t\tthree\nfour\n\nfive   six",
    "no runs at all",
    "   leading and trailing   ",
    "a\n\n\n   b \n c",
]


@pytest.mark.parametrize("text", TEXTS)
def test_every_word_maps_back_to_its_place(text: str) -> None:
    compacted, placement = compact(text, 1000)
    for word in re.finditer(r"\S+", compacted):
        start, end = placement.at(word.start()), placement.at(word.end())
        assert text[start - 1000 : end - 1000] == word.group(0)
        assert placement.inverse(start) == word.start()


def test_runs_inside_a_paragraph_become_one_space_and_blank_lines_stay() -> None:
    compacted, _ = compact("any\n        of the\n\nmeans   here", 0)
    assert compacted == "any of the\n\nmeans here"


def test_boundaries_map_to_the_compacted_text() -> None:
    text = "Heading\n      First sentence."
    compacted, placement = compact(text, 50)
    (boundary,) = compact_boundaries(placement, [50 + text.index("First")])
    assert compacted[boundary:].startswith("First")
