"""The engine, the structure reader, the PDF layout and the pipeline hold no English: their words are the
lexicon's (rules/lexicon/).

A string in the code that reads a bill's words (a regular expression, a word in a set, a word compared with
the text) and holds an English word fails here. Messages to the user are not words read from a bill and
are not checked; nor are the names the code gives its own values ("section", "offence" as a provision's
kind or role), which are compared with each other, never with the text.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path
from typing import get_args

from lexcheck.language.model import ContainerKind, SectionStyle
from lexcheck.rules.model import Role, RuleKind, Unit
from lexcheck.structure.model import CONTAINER_KINDS, ROLES
from lexcheck.structure.penalties import Penalty

PACKAGE = Path(__file__).resolve().parents[2] / "lexcheck"
CHECKED = [
    *sorted((PACKAGE / "engine").rglob("*.py")),
    *sorted((PACKAGE / "structure").rglob("*.py")),
    PACKAGE / "document" / "pdf_layout.py",
    PACKAGE / "nlp.py",
]
# Common words of English statutes: any of them in a string that reads text is English in the code.
ENGLISH = frozenset(
    ["shall", "may", "must", "not", "no", "unless", "except", "where", "section", "sections", "article", "part", "chapter", "schedule", "regulation", "clause", "offence", "offense", "offences", "person", "persons", "victim", "victims", "child", "children", "imprisonment", "imprison", "fine", "fined", "penalty", "punishment", "punished", "death", "life", "years", "year", "months", "days", "means", "includes", "include", "whoever", "liable", "guilty", "convicted", "contravenes", "contravention", "amended", "repealed", "principal", "act", "law", "the", "of", "and", "or", "who", "which", "that", "this", "is", "are", "be", "page", "protocol", "convention", "first", "second", "one", "two", "seven", "ten"]
)
# The names the code gives its own values: provision kinds and roles, numbering styles, rule kinds, units,
# the fields of a penalty. (Names with an underscore, "minimum_years", are the code's too.)
IDENTIFIERS = frozenset(
    {"document", "section", "subdivision"}
    | {field.name for field in dataclasses.fields(Penalty)}
    | set(ROLES)
    | set(CONTAINER_KINDS)
    | set(get_args(ContainerKind))
    | set(get_args(SectionStyle))
    | set(get_args(Role))
    | set(get_args(RuleKind))
    | set(get_args(Unit))
)
_STRING_METHODS = {
    "startswith", "endswith", "find", "rfind", "index", "rindex", "count", "split", "rsplit", "replace",
    "strip", "lstrip", "rstrip", "removeprefix", "removesuffix", "partition", "rpartition",
}
_REGEX_FUNCTIONS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _reading_positions(tree: ast.AST) -> set[int]:
    """Strings placed where they meet a bill's text: in collections, comparisons, string methods, regex calls."""
    found: set[int] = set()

    def mark(node: ast.AST) -> None:
        for inner in ast.walk(node):
            if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                found.add(id(inner))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            for element in node.elts:
                if isinstance(element, ast.Constant):
                    mark(element)
        elif isinstance(node, ast.Dict):
            for part in [*node.keys, *node.values]:
                if isinstance(part, ast.Constant):
                    mark(part)
        elif isinstance(node, ast.Compare):
            for part in [node.left, *node.comparators]:
                if isinstance(part, ast.Constant):
                    mark(part)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            is_regex = isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
            if method in _STRING_METHODS or (is_regex and method in _REGEX_FUNCTIONS):
                for argument in node.args:
                    mark(argument)
    return found


def _looks_like_a_pattern(text: str) -> bool:
    return "\\" in text or "(?" in text or "|" in text


def _words(text: str) -> set[str]:
    """The words of a string, with regex escapes ("\\b", "\\s") and group names taken out."""
    text = re.sub(r"\(\?P<\w+>|\(\?P=\w+\)", "(", text)
    text = re.sub(r"\\[A-Za-z]", " ", text)
    return {word.lower() for word in re.findall(r"[A-Za-z]+", text)}


def english_strings(source: str, name: str = "<source>") -> list[str]:
    """Every string of ``source`` that reads a bill's words and holds an English word, as "name:line: 'text'"."""
    tree = ast.parse(source)
    docstrings, reading = _docstrings(tree), _reading_positions(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in docstrings:
            continue
        text = node.value
        code_name = text.isidentifier() and "_" in text.strip("_")
        if text in IDENTIFIERS or code_name or not (id(node) in reading or _looks_like_a_pattern(text)):
            continue
        english = sorted(_words(text) & ENGLISH)
        if english:
            found.append(f"{name}:{node.lineno}: {text[:80]!r} ({', '.join(english)})")
    return sorted(found)


def test_the_check_finds_english_wherever_the_code_reads_words() -> None:
    source = "\n".join(
        [
            'NEGATION = re.compile(r"\\bshall\\s+not\\b")',
            '_FRAGMENT = r"(?:victims?|trafficked\\s+persons?)"',
            'WORDS = {"one": 1, "two": 2}',
            'JOINERS = frozenset(["and", "or"])',
            'def f(line): return line.lower().startswith("page ") or line == "Schedule"',
            'def g(node): return node.kind == "section" and "offence" in node.roles',
            'MESSAGE = "out of scope: the provision does not match"',
        ]
    )
    found = english_strings(source)
    # Found: the regex, the fragment, both number words, both joiners, both words compared with text; not
    # the code's own names (line 6) nor a message (line 7).
    assert [entry.split(":")[1] for entry in found] == ["1", "2", "3", "3", "4", "4", "5", "5"], found


def test_engine_and_structure_hold_no_english_words() -> None:
    found = [entry for path in CHECKED for entry in english_strings(path.read_text(encoding="utf-8"), path.name)]
    assert found == [], "English in the code; move it to rules/lexicon/en.yaml:\n" + "\n".join(found)
