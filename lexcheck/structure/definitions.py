"""Finding defined terms ("“victim” means …") and the words that define them (the lexicon's section
``definitions``)."""

from __future__ import annotations

import re
from collections.abc import Callable

from lexcheck.language import Lexicon
from lexcheck.structure.model import Definition, Provision


def is_definitions_provision(text: str, heading: str | None, lexicon: Lexicon) -> bool:
    """True for a definitions section: its heading or its lead-in says so."""
    words = lexicon.definitions
    return bool((heading and words.heading.search(heading)) or words.lead_in.search(text[:400]))


def find_definitions(
    text: str, provisions: list[Provision], locate: Callable[[int], Provision], lexicon: Lexicon
) -> list[Definition]:
    """Every defined term in the statute, with the text of its definition (up to the next term).

    ``locate`` gives the most deeply nested provision at an offset.
    """
    found: list[tuple[int, int, str]] = []  # (term start, definition start, term)
    words = lexicon.definitions
    for match in words.quoted.finditer(text):
        found.append((match.start(), match.end("verb"), match.group("term").strip()))
    for provision in provisions:
        if provision.kind != "section" or not is_definitions_provision(
            text[provision.start : provision.end], provision.heading, lexicon
        ):
            continue
        for node in provision.walk():
            segment = text[node.body_start : node.own_end]
            for match in words.unquoted.finditer(segment):
                if words.lead_in.match(match.group(0)):
                    continue  # "In this Division:" opens the definitions; it defines nothing
                group = _term_group(match)
                start = node.body_start + match.start(group)
                if not any(abs(start - other[0]) < 4 for other in found):
                    found.append((start, node.body_start + match.end(), match.group(group).strip()))
    found.sort()
    definitions = []
    for index, (term_start, body_start, term) in enumerate(found):
        limit = found[index + 1][0] if index + 1 < len(found) else len(text)
        end = _definition_end(text, body_start, limit, locate(body_start))
        definitions.append(
            Definition(term, text[body_start:end].strip(), term_start, end, locate(term_start).label)
        )
    return definitions


def _term_group(match: re.Match[str]) -> str:
    """The group holding the term: before a defining verb, or before a colon or dash."""
    return next(name for name in ("term", "term_sep", "term_dash") if match.groupdict().get(name) is not None)


def _definition_end(text: str, start: int, limit: int, enclosing: Provision) -> int:
    """A definition runs to the next defined term, the end of its provision, or a full stop ending a line."""
    if enclosing.kind != "document":
        limit = min(limit, enclosing.end)
    stop = re.compile(r"[.;](?=[ \t]*(?:\n|$))")
    # A stop followed by an enumerated item continues the definition ("includes—(a) …; (b) …").
    for match in stop.finditer(text, start, limit):
        if not re.match(r"\s*\((?:[ivx]+|[a-z]|\d+)\)", text[match.end() : match.end() + 12]):
            return match.end()
    return limit
