"""Writing out list numbers that a file holds only as formatting (Word list numbering, HTML ordered lists)."""

from __future__ import annotations

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(value: int) -> str:
    out = []
    for size, letters in _ROMAN:
        while value >= size:
            out.append(letters)
            value -= size
    return "".join(out)


def _letters(value: int) -> str:
    # Word and browsers continue "z" with "aa", "bb" …: the letter repeated once per round of 26.
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def format_number(value: int, style: str) -> str:
    """The number ``value`` in a list style: decimal, decimal-leading-zero, lower-alpha, upper-alpha,
    lower-roman or upper-roman (values below 1 and roman numerals above 3999 fall back to decimal)."""
    if style == "decimal-leading-zero":
        return f"{value:02d}"
    if value < 1:
        return str(value)
    if style == "lower-alpha":
        return _letters(value)
    if style == "upper-alpha":
        return _letters(value).upper()
    if style in ("lower-roman", "upper-roman") and value < 4000:
        roman = _roman(value)
        return roman if style == "lower-roman" else roman.upper()
    return str(value)
