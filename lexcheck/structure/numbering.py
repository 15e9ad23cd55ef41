"""Recognising provision numbers at the start of a line, in the common drafting styles.

The words that number provisions ("Part", "Section", "Article", "Schedule") are the lexicon's (section
``numbering``); the shapes of numbers (digits, Roman numerals, "§", "(a)") are the same in every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from lexcheck.language import Lexicon
from lexcheck.language.model import SectionStyle

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_RE = re.compile(r"^(m{0,3})(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def roman_value(text: str) -> int | None:
    """The value of a Roman numeral (either case), or None when the text is not one."""
    low = text.lower()
    if not low or not _ROMAN_RE.match(low):
        return None
    total = 0
    for index, char in enumerate(low):
        value = _ROMAN[char]
        if index + 1 < len(low) and _ROMAN[low[index + 1]] > value:
            total -= value
        else:
            total += value
    return total


# "§ 1º" in civil-law codes: the ordinal sign is not part of the number.
# "[§707-781] Labor trafficking": a compilation brackets the number of a section it has not yet codified.
SECTION_SIGN_RE = re.compile(
    r"^(?P<bracket>\[)?§+\s*(?P<num>\d+[A-Za-z]?(?:[.-]\d+)*)(?(bracket)\])(?:\.?[º°ª])?\s*"
    r"(?P<sep>\.?\s*[—–-]|\.)?\s*(?P<rest>.*)$"
)
# "3.", "3.—(1)", "279.01 (1) Every", "25 Assisting unlawful immigration", "49. Offences", and the points
# inserted after point 19 in Baltic and post-Soviet instruments: "19-1.", "19-6.1."
BARE_SECTION_RE = re.compile(
    r"^(?P<num>\d{1,4}[A-Z]{0,2}(?:-\d{1,2})?(?:\.\d{1,3})*)(?P<sep>\.\s*[—–-]?|\s*[—–])?(?=\s|\(|$)\s*(?P<rest>.*)$"
)
# "(1)", "(a)", "(iv)", "(A)"; copies taken from web pages often space them: "( a )".
PAREN_MARKER_RE = re.compile(r"^\( ?(?P<tok>\d{1,3}[A-Z]{0,2}|[a-z]{1,5}|[A-Z]{1,5}) ?\)")
# "1." and, in Lusophone, Gulf and other civil-law translations, "1 –" and "1-": a numbered paragraph or item.
DOT_MARKER_RE = re.compile(r"^(?P<tok>\d{1,3})(?:\.|\s+[–—]|-)(?=\s)")
# "a)" and, in civil-law drafting, "1)" (a definitions article's "numeral 4)").
LETTER_PAREN_RE = re.compile(r"^(?P<tok>[a-z]|\d{1,3})\)(?=\s)")
# Items numbered "I.", "II -", "IV –" (the incisos of civil-law drafting), after a lead-in ending in ":".
ROMAN_ITEM_RE = re.compile(r"^(?P<tok>[IVXL]{1,6})(?:\.|\s*[—–-])(?=\s)")


@dataclass(frozen=True)
class SectionMarker:
    """A section or article number found at the start of a line."""

    style: SectionStyle  # a word's style ("section", "article" …), "sign" (§) or "bare" (a number alone)
    number: str
    rest: str  # the words after the number on the same line
    rest_offset: int  # where those words start, relative to the line
    separator: str


def container_match(line: str, lexicon: Lexicon) -> re.Match[str] | None:
    """A Part, Chapter or similar heading at the start of a (stripped) line ("PART I — PRELIMINARY")."""
    return lexicon.numbering.container.match(line)


def schedule_match(line: str, lexicon: Lexicon) -> re.Match[str] | None:
    """A schedule or annex heading at the start of a (stripped) line ("FIRST SCHEDULE", "Annex I")."""
    return lexicon.numbering.schedule.match(line)


# An amending act quotes the sections it inserts: "'17B. Medical examination.—Every rescued person …".
OPENING_QUOTES = "'\"‘“„«‚"


def section_marker(line: str, lexicon: Lexicon) -> SectionMarker | None:
    """Recognise a section or article number at the start of a (left-stripped) line.

    A number inside an opening quotation mark counts when a stop or dash follows it (an inserted section), not
    a quoted year or term ("“1951 Convention” means").
    """
    if line[:1] in OPENING_QUOTES and line[1:2].strip():
        quoted = _unquoted_marker(line[1:], lexicon)
        if quoted is None or not quoted.separator.strip():
            return None
        return SectionMarker(quoted.style, quoted.number, quoted.rest, quoted.rest_offset + 1, quoted.separator)
    return _unquoted_marker(line, lexicon)


def _unquoted_marker(line: str, lexicon: Lexicon) -> SectionMarker | None:
    words = lexicon.numbering
    match = words.section.match(line)
    if match and roman_value(match.group("num")) is not None and not match.group("rest").strip() and not (
        match.group("sep") or ""
    ).strip():
        # "SECTION V" alone on a line groups articles (the Lusophone "Secção"); sections are numbered in figures
        match = None
    if match:
        style = words.section_style(match.group("word"))
        return SectionMarker(
            style, match.group("num"), match.group("rest"), match.start("rest"), match.group("sep") or ""
        )
    match = SECTION_SIGN_RE.match(line)
    if match:
        return SectionMarker(
            "sign", match.group("num"), match.group("rest"), match.start("rest"), match.group("sep") or ""
        )
    match = BARE_SECTION_RE.match(line)
    if match:
        rest = match.group("rest")
        sep = match.group("sep") or ""
        # "15 years." on a wrapped line is a quantity; "11. Persons found on vessels" is a section.
        if words.quantity_words.match(rest) and not (sep.strip() and rest[:1].isupper()):
            return None
        # Without a full stop or dash the number must be followed by a capitalised word or "(1)".
        if not sep.strip() and not (rest[:1].isupper() or rest.startswith("(")):
            return None
        if "." in match.group("num") and not sep.strip() and not (rest[:1].isupper() or rest.startswith("(")):
            return None
        # "2016-17 budget" is a range of years; an inserted point is "19-1." with its stop
        if "-" in match.group("num") and not sep.strip():
            return None
        return SectionMarker("bare", match.group("num"), rest, match.start("rest"), sep)
    return None


def section_order_key(number: str) -> Decimal | None:
    """A sort key for section numbers: 279.01 < 279.011 < 279.02 (decimal numbering), 4 < 4A < 5."""
    match = re.match(r"^(\d+)([A-Za-z]*)(?:-(\d+))?((?:\.\d+)?)", number)
    if not match:
        return None
    whole, letters, inserted, fraction = match.groups()
    try:
        if inserted:
            # "19-1" follows point 19 and all its decimal subpoints ("19.2") and precedes 20; "19-6.1" follows "19-6"
            return (
                Decimal(whole)
                + Decimal("0.9999")
                + Decimal("0.000001") * int(inserted)
                + Decimal("0.000001") * Decimal("0" + (fraction or ".0"))
            )
        key = Decimal(whole + (fraction or ""))
    except InvalidOperation:
        return None
    if letters:
        key += Decimal("0.0000001") * (ord(letters[0].upper()) - 64)
    return key


def inserted_marker(token: str) -> bool:
    """Whether a marker numbers an item inserted after another by an amendment: "2A" after "2", "fa" after "f"
    (not "aa", a level of its own, nor "iv", a Roman numeral)."""
    if not token[-1].isalpha():
        return False
    if token[0].isdigit():
        return True
    return len(token) == 2 and token.isalpha() and token[0] != token[1] and roman_value(token) is None


def marker_candidates(token: str, dotted: bool) -> dict[str, int]:
    """The enumeration styles a subdivision marker may belong to, with its ordinal in each.

    "(i)" is both the ninth letter and the first Roman numeral; the parser decides from context.
    An inserted number such as "(2A)" counts as following "(2)".
    """
    if token[0].isdigit():
        digits = re.match(r"\d+", token)
        assert digits is not None
        return {"dot-digit" if dotted else "digit": int(digits.group(0))}
    candidates: dict[str, int] = {}
    if len(token) == 1:
        candidates["lower" if token.islower() else "upper"] = ord(token.lower()) - 96
    elif len(token) == 2 and token[0] == token[1] and token.isalpha():
        # "(aa)", "(bb)": a level of its own in US drafting (below "(I)"), or the items after "(z)".
        candidates["double-lower" if token.islower() else "double-upper"] = ord(token[0].lower()) - 96
        candidates["lower" if token.islower() else "upper"] = 26 + ord(token[0].lower()) - 96
    elif inserted_marker(token) and token.islower():
        # "(fa)": a paragraph inserted after "(f)" by an amendment; it counts as following "(f)", as "(2A)"
        # follows "(2)"
        candidates["lower"] = ord(token[0]) - 96
    value = roman_value(token)
    if value is not None:
        candidates["lower-roman" if token.islower() else "upper-roman"] = value
    return candidates
