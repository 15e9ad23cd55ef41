"""Lexicon values: literal word lists, and regular expressions built from them when the file is loaded.

A pattern is written as a regular expression, or as a list of alternatives (joined with ``|``). It may use
any word list, map or pattern written *before it in the same section* as ``{name}``: a word list becomes a
group of its phrases (tried in the order written, each space matching any white space), a map the group of
its keys or of all its words, a pattern its own expression in a group. Patterns are compiled once, when the
lexicon is loaded; a pattern that does not compile, names an unknown word list, or lacks a named group the
code reads is a validation error pointing at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, Field, PlainValidator, StringConstraints, ValidationInfo

# "{name}" of a word list or earlier pattern; a quantifier such as "{0,5}" never looks like one.
_REFERENCE = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def alternation(phrases: Iterable[str]) -> str:
    """Literal phrases as one group, tried in the order given; a space inside a phrase matches any white space."""
    return "(?:" + "|".join(r"\s+".join(re.escape(part) for part in phrase.split()) for phrase in phrases) + ")"


def _expression(value: object) -> str | None:
    """The regular expression a value written earlier in a section stands for, when it stands for one."""
    if isinstance(value, re.Pattern):
        return f"(?:{value.pattern})"
    if isinstance(value, (list, tuple)) and value and all(isinstance(item, str) for item in value):
        return alternation(value)
    if isinstance(value, Mapping) and value:
        items = list(value.values())
        if all(isinstance(item, (list, tuple)) for item in items):
            return alternation(word for words in items for word in words)
        return alternation(str(key) for key in value)
    return None


def expand(source: str, names: Mapping[str, object]) -> str:
    """A pattern with each ``{name}`` replaced by the expression of the value of that name."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        expression = _expression(names[name]) if name in names else None
        if expression is None:
            known = ", ".join(sorted(key for key, value in names.items() if _expression(value) is not None))
            raise ValueError(f"{{{name}}} is not a word list or pattern written above it (known: {known or 'none'})")
        return expression

    return _REFERENCE.sub(replace, source)


def pattern(flags: int = 0, groups: tuple[str, ...] = ()) -> PlainValidator:
    """The validation of a pattern compiled with ``flags`` that must define the named ``groups``.

    Used as ``Annotated[re.Pattern[str], pattern(re.IGNORECASE, groups=("subject",))]``.
    """

    def compile_pattern(value: Any, info: ValidationInfo) -> re.Pattern[str]:
        if isinstance(value, re.Pattern):
            return value
        if isinstance(value, list) and value and all(isinstance(item, str) and item for item in value):
            source = "|".join(value)
        elif isinstance(value, str) and value:
            source = value
        else:
            raise ValueError("a pattern is a regular expression, or a non-empty list of alternatives")
        expanded = expand(source, info.data)
        try:
            compiled = re.compile(expanded, flags)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from None
        missing = [name for name in groups if name not in compiled.groupindex]
        if missing:
            needed = ", ".join(f"(?P<{name}>…)" for name in missing)
            raise ValueError(f"the pattern needs the named group(s) {needed}")
        return compiled

    return PlainValidator(compile_pattern, json_schema_input_type=str | list[str])


# The common kinds: case-sensitive, case-insensitive, and case-insensitive with ^ at every line start.
Pattern = Annotated[re.Pattern[str], pattern()]
IPattern = Annotated[re.Pattern[str], pattern(re.IGNORECASE)]
IMPattern = Annotated[re.Pattern[str], pattern(re.IGNORECASE | re.MULTILINE)]
# Literal words and phrases, matched as written (a space matches any white space).
Phrase = Annotated[str, StringConstraints(pattern=r"\S")]
Words = Annotated[list[Phrase], Field(min_length=1)]


def _lower_case(words: frozenset[str]) -> frozenset[str]:
    upper = sorted(word for word in words if word != word.lower())
    if upper:
        raise ValueError(f"these words are compared in lower case; write them so: {', '.join(upper)}")
    return words


# Words compared one by one with a word of the text in lower case (a set: order does not matter).
LowerWords = Annotated[frozenset[Phrase], Field(min_length=1), AfterValidator(_lower_case)]
