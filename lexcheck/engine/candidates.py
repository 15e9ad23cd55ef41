"""Which sentences a token pattern can match in, told from the words the pattern cannot do without.

spaCy's token Matcher costs time on every token it is run over, and most of it goes on the ``IN`` lists,
which it checks in Python. So a pattern is only run on the sentences that hold a word for each of its
required tokens: a token that must occur (no ``?``, ``*`` or ``!``, no range starting at 0) and is given by
its lower-case form, lemma or text must find one of its words in the sentence, or the pattern cannot match
there. The words of a parsed text are read once, as string hashes, and looked up in one table of every word
any pattern needs.
"""

from __future__ import annotations

import bisect
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
    every need of that pattern holds.
    """

    def __init__(self, word_id: Callable[[str], int]):
        self._word_id = word_id
        self._needs: dict[Need, int] = {}
        # word hash -> the needs it satisfies, among lower-case forms and among lemmas
        self._by_lower: dict[int, list[int]] = defaultdict(list)
        self._by_lemma: dict[int, list[int]] = defaultdict(list)
        # group -> (its own need, the needs of each of its patterns)
        self._groups: list[tuple[int, list[tuple[int, ...]]]] = []

    def _need_id(self, need: Need) -> int:
        ident = self._needs.get(need)
        if ident is None:
            ident = self._needs[need] = len(self._needs)
            for word in need.words:
                if need.field in ("lower", "either"):
                    self._by_lower[self._word_id(word)].append(ident)
                if need.field in ("lemma", "either"):
                    self._by_lemma[self._word_id(word)].append(ident)
        return ident

    def add_group(self, need: Need, patterns: Iterable[list[Need]] = ()) -> int:
        """Register a group by its own need (and optionally its patterns' needs); returns the group's number."""
        self._groups.append((self._need_id(need), [tuple(self._need_id(n) for n in p) for p in patterns]))
        return len(self._groups) - 1

    def add_pattern(self, group: int, needs: list[Need]) -> None:
        """Add one pattern's needs to a group."""
        self._groups[group][1].append(tuple(self._need_id(n) for n in needs))

    def sentences(self, lowers: list[int], lemmas: list[int], sentence_starts: list[int]) -> dict[int, list[int]]:
        """For each group that may match, the sentences (by index, in order) to run it on.

        ``lowers`` and ``lemmas`` are the hashes of each token's lower-case form and lemma; sentence ``k``
        starts at token ``sentence_starts[k]``.
        """
        held: dict[int, set[int]] = defaultdict(set)
        for table, words in ((self._by_lower, lowers), (self._by_lemma, lemmas)):
            for index, word in enumerate(words):
                needs = table.get(word)
                if needs:
                    sentence = bisect.bisect_right(sentence_starts, index) - 1
                    for need in needs:
                        held[need].add(sentence)
        chosen: dict[int, list[int]] = {}
        for group, (own, patterns) in enumerate(self._groups):
            where = held.get(own)
            if not where:
                continue
            if patterns:
                possible: set[int] = set()
                for required in patterns:
                    if all(need in held for need in required):
                        possible |= where.intersection(*(held[need] for need in required))
                where = where & possible
            if where:
                chosen[group] = sorted(where)
        return chosen
