"""YAML texts of lexcheck's own data files (rule packs, lexicons): composed keeping line numbers, aliases
refused, and pydantic errors turned into ``file:line`` messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import yaml
from pydantic_core import ErrorDetails

from lexcheck.errors import ErrorCode, LexcheckError

# The YAML loader in use: part of the rule-book cache key, since a different loader may read files differently.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def node_line(root: yaml.Node | None, location: Sequence[int | str]) -> int | None:
    """The 1-based line of the YAML node at a pydantic error location, or of its nearest parent."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in location:
        if isinstance(node, yaml.MappingNode):
            match = next((value for name, value in node.value if name.value == key), None)
            if match is None:
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            continue
        line = node.start_mark.line + 1
    return line


def _alias_line(text: str) -> int | None:
    """The line of the first alias (``*name``) in a YAML text, if any."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return int(event.start_mark.line) + 1
    return None


def _shares_nodes(root: yaml.Node) -> bool:
    """True when a node occurs twice in the composed tree, which only an alias does."""
    seen: set[int] = set()
    pending: list[yaml.Node] = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                pending.extend((key, value))
    return False


def _duplicate_key(root: yaml.Node) -> yaml.Node | None:
    """The first key that a mapping repeats: YAML keeps only its last value, silently dropping the first."""
    pending: list[yaml.Node] = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        return key
                    seen.add(key.value)
                pending.append(value)
    return None


def compose(
    text: str, source: str, syntax: ErrorCode, alias: Callable[[int | None], LexcheckError]
) -> tuple[Any, yaml.Node | None]:
    """The data of a YAML text and its composed node tree (for error lines).

    Invalid YAML, and a key repeated in one mapping, raise ``syntax`` (its ``detail`` says what is wrong); an
    alias raises the error ``alias`` makes for its line, before anything is built.
    """
    try:
        # Compose once (keeping line numbers for error messages) and build the data from that node;
        # libyaml's loader is an order of magnitude faster than the pure-Python one where available.
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None and _shares_nodes(node):
                # An alias is composed as a reference, but building the data expands it: 1.6 KB of nested
                # aliases grow into gigabytes. Data files are refused before anything is built.
                raise alias(_alias_line(text))
            repeated = _duplicate_key(node) if node is not None else None
            if repeated is not None:
                raise LexcheckError(
                    syntax,
                    source,
                    repeated.start_mark.line + 1,
                    detail=f"invalid YAML: key {repeated.value!r} appears twice in one mapping",
                )
            return (loader.construct_document(node) if node is not None else None), node
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LexcheckError(syntax, source, line, detail=f"invalid YAML: {problem}") from None


def describe(error: ErrorDetails, skip: frozenset[str] = frozenset()) -> tuple[list[int | str], str]:
    """A pydantic error's location (without the union tags in ``skip``) and its message, in our words."""
    location = [part for part in error["loc"] if not (isinstance(part, str) and part in skip)]
    message = error["msg"].replace("Value error, ", "")
    if error["type"] == "extra_forbidden":
        message = "unknown key"
    if error["type"] == "missing":
        message = "required key is missing"
    return location, message
