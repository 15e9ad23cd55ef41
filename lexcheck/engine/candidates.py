"""Which sentences a token pattern can match in, told from the words the pattern cannot do without.

spaCy's token Matcher costs time on every token it is run over, and most of it goes on the ``IN`` lists,
which it checks in Python. So a pattern is only run on the sentences that hold a word for each of its
required tokens: a token that must occur (no ``?``, ``*`` or ``!``, no range starting at 0) and is given by
its lower-case form, lemma or text must find one of its words in the sentence, or the pattern cannot match
there. The words of a parsed text are read once, as string hashes, and looked up in one table of every word
any pattern needs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

# Where a needed word is looked for: the tokens' lower-case forms, their lemmas, or either.
Field = Literal["lower", "lemma", "either"]
_FIELD_OF_ATTR: dict[str, Field] = {"LOWER": "lower", "LEMMA": "lemma", "ORTH": "lower", "TEXT": "lower"}
_COUNT = re.compile(r"^\{(\d*)(?:,(\d*))?\}$")


@dataclass(frozen=True)
class Need:
    """A sentence must hold one of ``words`` (in the given field) for a pattern to match in it."""

    field: Field
    words: frozenset[str]


def _required(op: str) -> bool:
    """Whether a token with this operator must match at least once."""
    if op in ("", "1", "+"):
        return True
    count = _COUNT.match(op)
    return bool(count and count.group(1) and int(count.group(1)) >= 1)


def _token_needs(token: dict[str, Any]) -> Iterable[Need]:
    for key, value in token.items():
        field = _FIELD_OF_ATTR.get(key.upper())
        if field is None:
            continue
        # An exact text or a text in any case is found among the lower-case forms in lower case.
        fold = key.upper() in ("ORTH", "TEXT")
        if isinstance(value, str):
            yield Need(field, frozenset([value.lower() if fold else value]))
        elif isinstance(value, dict) and isinstance(value.get("IN"), list) and all(isinstance(v, str) for v in value["IN"]):
            yield Need(field, frozenset(v.lower() if fold else v for v in value["IN"]))


def pattern_needs(pattern: Sequence[dict[str, Any]]) -> list[Need]:
    """What a sentence must hold for a token pattern (as given to the Matcher) to match in it."""
    needs: list[Need] = []
    for token in pattern:
        if _required(str(token.get("OP", ""))):
            needs.extend(need for need in _token_needs(token) if need not in needs)
    return needs


class CandidateIndex:
    """Needs of many patterns, grouped by the matcher that runs them, and a lookup of their words.

    A matcher is run on a sentence when its group's own need holds there and, for one of its patterns,
    every need of that pattern holds. Needs are bits of an integer: a word maps to the needs it
    satisfies, a sentence to the needs its words satisfy, a pattern to the needs it has.
    """

    def __init__(self, word_id: Callable[[str], int]):
        self._word_id = word_id
        self._needs: dict[Need, int] = {}
        # word hash -> bits of the needs it satisfies, among lower-case forms and among lemmas
        self._by_lower: dict[int, int] = defaultdict(int)
        self._by_lemma: dict[int, int] = defaultdict(int)
        # need bit -> the groups whose own need it is; group -> bits of each of its patterns' needs
        self._groups_of: dict[int, list[int]] = defaultdict(list)
        self._patterns: list[list[int]] = []
        self._owners = 0  # the bits of every group's own need

    def _bit(self, need: Need) -> int:
        bit = self._needs.get(need)
        if bit is None:
            bit = self._needs[need] = 1 << len(self._needs)
            for word in need.words:
                if need.field in ("lower", "either"):
                    self._by_lower[self._word_id(word)] |= bit
                if need.field in ("lemma", "either"):
                    self._by_lemma[self._word_id(word)] |= bit
        return bit

    def add_group(self, need: Need) -> int:
        """Register a group by its own need; returns the group's number."""
        bit = self._bit(need)
        self._patterns.append([])
        self._groups_of[bit].append(len(self._patterns) - 1)
        self._owners |= bit
        return len(self._patterns) - 1

    def add_pattern(self, group: int, needs: list[Need]) -> None:
        """Add one pattern's needs to a group (a group without patterns runs wherever its own need holds)."""
        bits = 0
        for need in needs:
            bits |= self._bit(need)
        self._patterns[group].append(bits)

    def sentences(self, lowers: list[int], lemmas: list[int], bounds: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
        """For each group that may match, the sentences (by index, in order) to run it on.

        ``lowers`` and ``lemmas`` are the hashes of each token's lower-case form and lemma; ``bounds`` the
        first and last-plus-one token of each sentence.
        """
        by_lower, by_lemma = self._by_lower, self._by_lemma
        chosen: dict[int, list[int]] = defaultdict(list)
        for index, (start, end) in enumerate(bounds):
            held = 0
            for word in by_lower.keys() & lowers[start:end]:
                held |= by_lower[word]
            for word in by_lemma.keys() & lemmas[start:end]:
                held |= by_lemma[word]
            owners = held & self._owners
            while owners:
                bit = owners & -owners
                owners ^= bit
                for group in self._groups_of[bit]:
                    patterns = self._patterns[group]
                    if not patterns or any(held & bits == bits for bits in patterns):
                        chosen[group].append(index)
        return dict(chosen)
