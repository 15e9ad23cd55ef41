"""Loading rule packs: YAML files → validated :class:`Rule` objects, with file:line errors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from lexcheck import errors
from lexcheck.cache import cached, fingerprint
from lexcheck.document.limits import read_regular_file
from lexcheck.errors import LexcheckError
from lexcheck.rules.model import Catalogue, Condition, MatchSpec, PatternFile, PatternSet, Rule

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PATTERNS_DIR = "patterns"
CATALOGUE_FILE = "concerns.yaml"
# The largest bundled rule file is under 100 KB; a rule file is read whole, so it is bounded too.
MAX_RULE_FILE_SIZE = 5_000_000


class RuleErrors(Exception):
    """One or more rule files are malformed; each error is one user-facing line."""

    def __init__(self, problems: Sequence[LexcheckError]):
        self.problems = list(problems)
        super().__init__("\n".join(problem.one_line() for problem in self.problems))


@dataclass
class RuleBook:
    """Every loaded rule, the pattern sets they share, the concern catalogue, and where each came from."""

    rules: list[Rule]
    sets: dict[str, PatternSet]
    catalogue: Catalogue
    sources: dict[str, str] = field(default_factory=dict)
    instruments: dict[str, Condition] = field(default_factory=dict)

    def get(self, ident: str) -> Rule | None:
        """The rule with this ID, if loaded."""
        return next((rule for rule in self.rules if rule.id == ident), None)

    def select(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
        """Rules chosen by rule or concern IDs; raises LexcheckError for an ID that names neither."""
        select, ignore = list(select), list(ignore)
        known = {rule.id for rule in self.rules} | self.catalogue.ids()
        for ident in select + ignore:
            if ident not in known:
                raise LexcheckError(errors.UNKNOWN_RULE, None, ident=ident)
        chosen = [rule for rule in self.rules if not select or rule.id in select or rule.concern in select]
        return [rule for rule in chosen if rule.id not in ignore and rule.concern not in ignore]


def default_rules_dir() -> Path:
    """The bundled rule packs: ``rules/`` of a source checkout, or the copy installed with the package."""
    package = Path(__file__).resolve().parents[1]
    checkout = package.parent / "rules"
    if (checkout / CATALOGUE_FILE).is_file() and (package.parent / "pyproject.toml").is_file():
        return checkout
    return package / "_bundled" / "rules"


def _node_line(root: yaml.Node | None, location: Sequence[int | str]) -> int | None:
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


def _parse_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    try:
        text = read_regular_file(path, MAX_RULE_FILE_SIZE).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LexcheckError(errors.RULE_SYNTAX, str(path), detail=f"cannot read rule file: {exc}") from None
    try:
        # Compose once (keeping line numbers for error messages) and build the data from that node;
        # libyaml's loader is an order of magnitude faster than the pure-Python one where available.
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None and _shares_nodes(node):
                # An alias is composed as a reference, but building the data expands it: 1.6 KB of nested
                # aliases grow into gigabytes. Rule files are refused before anything is built.
                raise LexcheckError(errors.YAML_ALIAS, str(path), _alias_line(text))
            return (loader.construct_document(node) if node is not None else None), node
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LexcheckError(errors.RULE_SYNTAX, str(path), line, detail=f"invalid YAML: {problem}") from None


def _validate(model: type[BaseModel], data: Any, path: Path, node: yaml.Node | None) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = [part for part in first["loc"] if not (isinstance(part, str) and part in {"str", "Example"})]
        where = ".".join(str(part) for part in location) or "(top level)"
        message = first["msg"].replace("Value error, ", "")
        if first["type"] == "extra_forbidden":
            message = "unknown key"
        if first["type"] == "missing":
            message = "required key is missing"
        rule_id = data.get("id") if isinstance(data, dict) else None
        prefix = f"rule {rule_id}: " if rule_id and model is Rule else ""
        line = _node_line(node, location)
        raise LexcheckError(errors.RULE_INVALID, str(path), line, detail=f"{prefix}{where}: {message}") from None


def _match_specs(rule: Rule) -> Iterable[MatchSpec]:
    """Every MatchSpec a rule contains, wherever it sits."""

    def walk(value: Any) -> Iterable[MatchSpec]:
        if isinstance(value, MatchSpec):
            yield value
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name))
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    yield from walk(rule)


def load_rulebook(paths: Sequence[Path] | None = None) -> RuleBook:
    """Load the concern catalogue, pattern sets and rules from rule directories or files.

    The bundled catalogue and pattern sets are always available, so a user's own rule file may name
    the shared sets. Raises :class:`RuleErrors` listing every malformed file. A rule book loaded before
    from the same files (same names, same contents) comes from the on-disk cache (``lexcheck.cache``).
    """
    key = _cache_key(paths)
    if key is None:
        return _load_rulebook(paths)
    return cached("rulebook", key, RuleBook, lambda: _load_rulebook(paths))


# The code that decides what a rule file means: a cached rule book built by other code is not used.
_MEANING = ("rules/loader.py", "rules/model.py", "results.py")


def _cache_key(paths: Sequence[Path] | None) -> str | None:
    """A fingerprint of every file the rule book would be read from, or None when one cannot be read
    (loading then reports it)."""
    import pydantic

    from lexcheck import __version__

    package = Path(__file__).resolve().parents[1]
    parts: list[str | bytes] = [__version__, pydantic.VERSION, yaml.__version__, _Loader.__name__]
    roots = [default_rules_dir(), *(paths or [])]
    try:
        for module in _MEANING:
            parts.append((package / module).read_bytes())
        for root in roots:
            files = sorted(root.rglob("*.yaml")) if root.is_dir() else [root]
            for file in files:
                parts += [str(file), read_regular_file(file, MAX_RULE_FILE_SIZE)]
    except (OSError, LexcheckError):
        return None
    return fingerprint(parts)


def _load_rulebook(paths: Sequence[Path] | None) -> RuleBook:
    bundled = default_rules_dir()
    roots = list(paths) if paths else [bundled]
    problems: list[LexcheckError] = []
    files: list[Path] = []
    for root in roots:
        if root.is_dir():
            files.extend(sorted(p for p in root.rglob("*.yaml") if p.name != CATALOGUE_FILE))
        elif root.is_file():
            files.append(root)
        else:
            problems.append(LexcheckError(errors.NOT_FOUND, str(root)))
    pattern_files = [p for p in files if p.parent.name == PATTERNS_DIR]
    if paths:
        pattern_files = sorted(
            {p.resolve() for p in pattern_files} | {p.resolve() for p in (bundled / PATTERNS_DIR).glob("*.yaml")}
        )
    rule_files = [p for p in files if p.parent.name != PATTERNS_DIR]

    catalogue_data, catalogue_node = _parse_yaml(bundled / CATALOGUE_FILE)
    catalogue: Catalogue = _validate(Catalogue, catalogue_data, bundled / CATALOGUE_FILE, catalogue_node)

    sets: dict[str, PatternSet] = {}
    instruments: dict[str, Condition] = {}
    for path in pattern_files:
        try:
            data, node = _parse_yaml(path)
            parsed: PatternFile = _validate(PatternFile, data, path, node)
        except LexcheckError as problem:
            problems.append(problem)
            continue
        for name in parsed.sets:
            if name in sets:
                problems.append(
                    LexcheckError(
                        errors.RULE_INVALID,
                        str(path),
                        _node_line(node, ["sets", name]),
                        detail=f"pattern set {name!r} is defined twice",
                    )
                )
        sets.update(parsed.sets)
        instruments.update({str(name): condition for name, condition in parsed.instruments.items()})

    rules: list[Rule] = []
    sources: dict[str, str] = {}
    for path in rule_files:
        try:
            data, node = _parse_yaml(path)
            if not isinstance(data, dict):
                raise LexcheckError(errors.RULE_INVALID, str(path), 1, detail="a rule file must be a YAML mapping")
            rule: Rule = _validate(Rule, data, path, node)
            if rule.id in sources:
                raise LexcheckError(errors.DUPLICATE_RULE, str(path), ident=rule.id, other=sources[rule.id])
            if rule.concern not in catalogue.ids():
                raise LexcheckError(
                    errors.UNKNOWN_CONCERN,
                    str(path),
                    _node_line(node, ["concern"]),
                    rule=rule.id,
                    concern=rule.concern,
                )
            for spec in _match_specs(rule):
                for name in spec.sets:
                    if name not in sets:
                        raise LexcheckError(errors.UNKNOWN_PATTERN_SET, str(path), rule=rule.id, name=name)
        except LexcheckError as problem:
            problems.append(problem)
            continue
        rules.append(rule)
        sources[rule.id] = str(path)
    set_users = [p.match for p in sets.values()] + [
        s for c in instruments.values() for s in (c.match, c.with_, c.without) if s
    ]
    for spec in set_users:
        for name in spec.sets:
            if name not in sets:
                problems.append(LexcheckError(errors.UNKNOWN_PATTERN_SET, None, rule="(pattern set)", name=name))
    if problems:
        raise RuleErrors(problems)
    rules.sort(key=lambda rule: rule.id)
    return RuleBook(rules, sets, catalogue, sources, instruments)
