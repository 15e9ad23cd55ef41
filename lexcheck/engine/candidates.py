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


# --- where in a sentence ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """Where a pattern's matches can lie around its trigger token.

    Every match holds a token whose ``field`` (lower-case form or lemma) has one of the string hashes
    ``words``, at most ``before`` tokens after the match's start and at most ``after`` tokens before its end
    (None: as far as the sentence goes).
    """

    field: Field
    words: frozenset[int]
    before: int | None
    after: int | None


_REACH_FIELDS: dict[str, Field] = {"LOWER": "lower", "LEMMA": "lemma"}


def _most(op: str) -> int | None:
    """The most tokens one pattern token with this operator can take (None: no limit)."""
    if op in ("", "1", "!", "?"):
        return 1
    count = _COUNT.match(op)
    if count is None:
        return None  # "*", "+"
    if count.group(2) is None:
        return int(count.group(1))  # "{n}"
    return int(count.group(2)) if count.group(2) else None  # "{n,m}", "{,m}"; "{n,}" has no limit


def _total(ops: Iterable[str]) -> int | None:
    total = 0
    for op in ops:
        most = _most(op)
        if most is None:
            return None
        total += most
    return total


def _cap(value: int | None, limit: int | None) -> int | None:
    if limit is None:
        return value
    return limit if value is None else min(value, limit)


def pattern_reach(
    pattern: Sequence[dict[str, Any]], longest: int | None, word_id: Callable[[str], int]
) -> Reach | None:
    """The reach of a token pattern (as given to the Matcher) around its first required token given by its
    lower-case form or lemma, knowing that matches longer than ``longest`` tokens are dropped; None when
    it has no such token."""
    ops = [str(token.get("OP", "")) for token in pattern]
    for index, token in enumerate(pattern):
        if not _required(ops[index]):
            continue
        for key, value in token.items():
            field = _REACH_FIELDS.get(key.upper())
            words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
            if field is None or not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                continue
            own, rest = _most(ops[index]), _total(ops[index + 1 :])
            after = None if own is None or rest is None else own - 1 + rest
            limit = longest - 1 if longest is not None else None
            ids = frozenset(word_id(word) for word in words)
            return Reach(field, ids, _cap(_total(ops[:index]), limit), _cap(after, limit))
    return None


def windows(
    reaches: Sequence[Reach],
    lowers: list[int],
    lemmas: list[int],
    start: int,
    end: int,
    blank: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """The token ranges of the sentence ``[start, end)`` that hold every match of patterns with these reaches,
    merged where they overlap or touch (``lowers`` and ``lemmas``: the hashes of every token's forms).

    ``blank`` marks white-space tokens (the line breaks of hard-wrapped text): a reach counts words, not them.
    """
    found: list[tuple[int, int]] = []
    for reach in reaches:
        words = lowers if reach.field == "lower" else lemmas
        for index in range(start, end):
            if words[index] in reach.words:
                low = start if reach.before is None else _stepped(index, -reach.before, start, blank)
                high = end if reach.after is None else _stepped(index, reach.after, end - 1, blank) + 1
                found.append((low, high))
    found.sort()
    merged: list[tuple[int, int]] = []
    for low, high in found:
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _stepped(index: int, steps: int, bound: int, blank: Sequence[int] | None) -> int:
    """The token ``steps`` words away from ``index`` (back when negative), not past ``bound``; white-space
    tokens are stepped over without being counted."""
    direction = 1 if steps > 0 else -1
    left = abs(steps)
    while left and index != bound:
        index += direction
        if blank is None or not blank[index]:
            left -= 1
    return index
