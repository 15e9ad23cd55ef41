"""Finding where defined terms occur: one pass over the text for every term at once.

A term is found as its own regular expression finds it (``term_pattern``: the term, case-insensitive,
with an optional plural "s", not inside a longer word). Running that expression over the whole text once per
term made a long bill with many definitions quadratic. Instead, the words of the text are read once; a word
that begins a term is a candidate, and the term's own expression is tried there, so the uses found are the
same as the expression's own ``finditer`` would give.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

# A word that is not preceded by a word character or a hyphen: where a term's match can begin.
_WORD_START = re.compile(r"(?<![\w-])\w+")
_FIRST_WORD = re.compile(r"\w+")
# Characters that match an ASCII word character when case is ignored ("ſ" matches "s", the Kelvin sign "k").
_ASCII_WORD_CHAR = re.compile(r"[A-Za-z0-9_]", re.IGNORECASE)
# The only character that is not a word character but matches one when case is ignored (it matches "ι"):
# with it in a term or the text, words and term words need not line up, so terms are searched one by one.
_UNALIGNED = "\u0345"


def term_pattern(term: str) -> re.Pattern[str]:
    """The expression that finds a term's uses: the term or its plural, not inside a longer word."""
    forms = re.escape(term) + r"s?"
    if _plural_ies(term):
        forms = f"(?:{forms}|{re.escape(term[:-1])}ies)"  # "Beneficiary" is used as "Beneficiaries"
    return re.compile(r"(?<![\w-])" + forms + r"(?![\w-])", re.IGNORECASE)


def _plural_ies(term: str) -> bool:
    """Whether a term's plural ends in "ies": a final "y" after a consonant ("beneficiary", "party")."""
    return len(term) > 2 and term[-1] in "yY" and term[-2].isalpha() and term[-2].lower() not in "aeiouy"


def find_term_uses(text: str, terms: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """Each term's matches of ``term_pattern(term)`` in ``text`` as (start, end), as its ``finditer`` finds them."""
    unique = list(dict.fromkeys(terms))
    patterns = _Patterns()
    found: dict[str, list[tuple[int, int]]] = {term: [] for term in unique}
    if _UNALIGNED in text:
        indexed: list[str] = []
        alone = unique
    else:
        indexed, alone = _split(unique)
    for term in alone:
        found[term] = [match.span() for match in term_pattern(term).finditer(text)]
    if not indexed:
        return found
    # ASCII first words are looked up by their lower case (exact for ASCII); a word with other characters
    # is tried against every term whose first word has its length (case-insensitive matching keeps lengths).
    by_word: dict[str, list[str]] = defaultdict(list)
    by_length: dict[int, list[str]] = defaultdict(list)
    # Terms of one word, which the text may show with a plural "s" after it.
    single_by_word: dict[str, list[str]] = defaultdict(list)
    single_by_length: dict[int, list[str]] = defaultdict(list)
    for term in indexed:
        first = _first_word(term)
        if first.isascii():
            by_word[first.lower()].append(term)
        by_length[len(first)].append(term)
        if first == term:
            if first.isascii():
                single_by_word[first.lower()].append(term)
            single_by_length[len(first)].append(term)
    ends = dict.fromkeys(indexed, -1)
    for word in _WORD_START.finditer(text):
        value = word.group()
        if value.isascii():
            lowered = value.lower()
            candidates = by_word.get(lowered, [])
            if lowered[-1] == "s" and (singles := single_by_word.get(lowered[:-1])):
                candidates = candidates + singles
            if lowered.endswith("ies") and (singles := single_by_word.get(lowered[:-3] + "y")):
                candidates = candidates + singles
        else:
            candidates = (
                by_length.get(len(value), [])
                + single_by_length.get(len(value) - 1, [])
                + single_by_length.get(len(value) - 2, [])
            )
        start = word.start()
        for term in candidates:
            # A term's matches do not overlap: the search for the next one starts where one ends.
            if start < ends[term]:
                continue
            end = _ascii_use(text, start, term) if term.isascii() else _UNSURE
            if end == _UNSURE:
                match = patterns[term].match(text, start)
                end = match.end() if match is not None else -1
            if end != -1:
                found[term].append((start, end))
                ends[term] = end
    return found


class _Patterns(dict[str, "re.Pattern[str]"]):
    """Terms' expressions, compiled when first needed (most uses are confirmed without one)."""

    def __missing__(self, term: str) -> re.Pattern[str]:
        pattern = self[term] = term_pattern(term)
        return pattern


# What _ascii_use returns when only the term's expression can tell.
_UNSURE = -2


def _ascii_use(text: str, start: int, term: str) -> int:
    """Where a use of an ASCII term starting at ``start`` ends, or -1 when there is none there.

    The same as ``term_pattern(term).match(text, start)``: for ASCII words ignoring case is comparing lower
    case, and other characters cannot match the term's, except the four that match ASCII letters when case
    is ignored (``_UNSURE`` then). ``start`` is not preceded by a word character or hyphen.
    """
    end = start + len(term)
    words = text[start:end]
    if not words.isascii():
        return _UNSURE if any(ch in words for ch in _LIKE_ASCII) else -1
    if words.lower() != term.lower():
        if _plural_ies(term):
            plural = text[start : end + 2]
            if not plural.isascii():
                return _UNSURE if any(ch in plural for ch in _LIKE_ASCII) else -1
            if plural.lower() == term[:-1].lower() + "ies" and _ends_word(text[end + 2 : end + 3]):
                return end + 2
        return -1
    after = text[end : end + 1]
    if after in _PLURAL_S and _ends_word(text[end + 1 : end + 2]):
        return end + 1
    return end if _ends_word(after) else -1


# The characters that match "s" when case is ignored (the long s among them).
_PLURAL_S = ("s", "S", "\u017f")
# The characters other than ASCII that match an ASCII letter when case is ignored: İ, ı, ſ and the Kelvin sign.
_LIKE_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _ends_word(after: str) -> bool:
    """True when ``after`` (a character, or "" at the end) is neither a word character nor a hyphen (a word
    character is what ``\\w`` matches: a letter, digit or number of any script, or "_")."""
    return not (after.isalnum() or after in ("_", "-"))


def _first_word(term: str) -> str:
    match = _FIRST_WORD.match(term)
    return match.group() if match else ""


def _split(terms: list[str]) -> tuple[list[str], list[str]]:
    """Terms found through the word index, and terms searched on their own.

    A term is searched on its own when it does not begin with a word character (its match may begin anywhere),
    when it holds the unaligned character, or when its first word has a character other than ASCII that
    matches ASCII when case is ignored (an ASCII word of the text could then match it; the index would miss it).
    """
    indexed, alone = [], []
    for term in terms:
        first = _first_word(term)
        if (
            not first
            or _UNALIGNED in term
            or any(not ch.isascii() and _ASCII_WORD_CHAR.fullmatch(ch) for ch in first)
        ):
            alone.append(term)
        else:
            indexed.append(term)
    return indexed, alone
