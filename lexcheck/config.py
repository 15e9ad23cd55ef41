"""Project configuration: ``lexcheck.toml``, or ``[tool.lexcheck]`` in ``pyproject.toml``.

The nearest such file, walking up from the working directory, configures a run; ``--config FILE`` names
one instead. Every key is validated and every rule or concern ID is checked against the loaded rules, so
a typo is an error naming the file and the key (LX109-LX111), never a silently ignored setting. Paths in
the file (rule folders, waivers, globs) are relative to the file's folder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pathspec
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lexcheck import errors
from lexcheck.document import SUPPORTED_SUFFIXES
from lexcheck.errors import LexcheckError
from lexcheck.language.model import LANGUAGE_CODE
from lexcheck.results import SEVERITY_ORDER, Finding, Severity, SkippedFile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILE = "lexcheck.toml"
PYPROJECT = "pyproject.toml"
FailLevel = Literal["error", "warning", "info", "never"]


STARTER = """\
# lexcheck configuration. Every key is optional; an unknown key or rule ID is an error. Paths and globs
# are relative to this file. The same keys work in pyproject.toml, under a tool.lexcheck table.

# Bills checked when `lexcheck check` is run without paths (gitignore-style globs).
include = ["bills/**"]
# Files never checked, even when named or found in a folder.
exclude = ["bills/archive/**"]

# Rules to run and to skip, by rule ID (som-offence-without-benefit) or concern ID (SOM-BENEFIT).
# select = ["SOM-BENEFIT", "TIP-NONPUNISHMENT"]
# ignore = ["SAVINGS-CLAUSE"]

# The lowest severity that makes the exit code 1: error, warning, info or never.
fail-on = "error"
# Findings below this severity are not reported at all.
# min-severity = "info"

# An organisation's own rule folders, checked in addition to the bundled packs.
# rules = ["lexcheck-rules"]

# Worker processes for many bills (0 = one per core), and a spaCy pipeline other than blank:en.
# jobs = 0
# model = "blank:en"

# The language of the bills, read with rules/lexicon/<language>.yaml (default: the rules' language, else en).
# language = "en"

# Waived findings (with a justification each) and the baseline of known findings.
# waivers = "lexcheck-waivers.yaml"
# baseline = "lexcheck-baseline.json"

# Severity per rule or concern ID.
# [severity]
# SAVINGS-CLAUSE = "info"

# Settings for some paths only: here, enacted laws are checked only for errors.
# [[overrides]]
# paths = ["enacted/**"]
# min-severity = "error"
# fail-on = "never"
"""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Section(BaseModel):
    # Keys are written as on the command line (fail-on, min-severity); anything else is an error.
    model_config = ConfigDict(extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=False)


class Override(_Section):
    """Settings for the files that match ``paths`` (e.g. enacted laws checked only for errors)."""

    paths: list[str] = Field(min_length=1, description="Globs, relative to the configuration file.")
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    min_severity: Severity | None = None
    fail_on: FailLevel | None = None


class Settings(_Section):
    """Every configuration key."""

    select: list[str] = Field(default_factory=list, description="Only these rule or concern IDs.")
    ignore: list[str] = Field(default_factory=list, description="Skip these rule or concern IDs.")
    severity: dict[str, Severity] = Field(default_factory=dict, description="Severity per rule or concern ID.")
    min_severity: Severity | None = Field(default=None, description="Findings below this are not reported.")
    fail_on: FailLevel | None = None
    include: list[str] = Field(default_factory=list, description="Globs of the bills checked by default.")
    exclude: list[str] = Field(default_factory=list, description="Globs of files never checked.")
    rules: list[str] = Field(default_factory=list, description="Extra rule folders, added to the bundled packs.")
    model: str | None = None
    language: str | None = Field(
        default=None,
        pattern=LANGUAGE_CODE,
        description="The language of the bills: its lexicon (lexicon/<language>.yaml) reads them; the rules' own "
        "language by default, else en.",
    )
    jobs: int | None = Field(default=None, ge=0, description="Worker processes; 0 means one per core.")
    waivers: str | None = Field(default=None, description="The waiver file.")
    baseline: str | None = Field(default=None, description="The baseline file.")
    overrides: list[Override] = Field(default_factory=list)


@dataclass
class Config:
    """Loaded settings and where they came from (``path`` is None when no file was found)."""

    settings: Settings = field(default_factory=Settings)
    path: Path | None = None

    @property
    def root(self) -> Path:
        """The folder that relative paths in the configuration are resolved against."""
        return self.path.parent if self.path is not None else Path.cwd()

    def resolve(self, value: str) -> Path:
        """A path written in the configuration, made usable from the working directory."""
        path = self.root / value
        return Path(os.path.relpath(path)) if path.is_absolute() and _under(path, Path.cwd()) else path

    def _spec(self, globs: Sequence[str]) -> pathspec.GitIgnoreSpec:
        return pathspec.GitIgnoreSpec.from_lines(globs)

    def _relative(self, path: str) -> str | None:
        try:
            return Path(os.path.abspath(path)).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def excluded(self, path: str) -> bool:
        """Whether a file is excluded by the ``exclude`` globs."""
        relative = self._relative(path)
        return (
            relative is not None
            and bool(self.settings.exclude)
            and self._spec(self.settings.exclude).match_file(relative)
        )

    def included_files(self) -> tuple[list[str], list[SkippedFile]]:
        """The bills the ``include`` globs select under the configuration's folder (sorted), and the files
        they select that are not of a supported type. Hidden folders are not searched."""
        spec = self._spec(self.settings.include)
        root = self.root
        files, skipped = [], []
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root).as_posix()
            if not path.is_file() or relative.startswith(".") or "/." in relative or not spec.match_file(relative):
                continue
            name = str(self.resolve(relative))
            if self.excluded(name):
                continue
            if path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith("~$"):
                files.append(name)
            else:
                skipped.append(SkippedFile(name, f"unsupported file type {path.suffix or '(none)'!r}"))
        return files, skipped

    def overrides_for(self, path: str) -> list[Override]:
        """The per-path settings that apply to a file, in the order written."""
        if not self.settings.overrides:
            return []  # asked for every finding: without overrides, no path needs resolving on disk
        relative = self._relative(path)
        if relative is None:
            return []
        return [o for o in self.settings.overrides if self._spec(o.paths).match_file(relative)]


def _under(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except FileNotFoundError:
        raise LexcheckError(errors.NOT_FOUND, str(path)) from None
    except OSError as exc:
        raise LexcheckError(errors.UNREADABLE, str(path), detail=exc.strerror or str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise LexcheckError(errors.CONFIG_SYNTAX, str(path), detail=str(exc)) from None


def _section(path: Path, data: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The lexcheck table of a file, and the prefix its keys are named with in messages."""
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("lexcheck", {})
        return (table if isinstance(table, dict) else {}), "tool.lexcheck."
    return data, ""


def _key(prefix: str, location: Iterable[int | str]) -> str:
    key = prefix
    for part in location:
        key += f"[{part}]" if isinstance(part, int) else (("." if key and not key.endswith(".") else "") + part)
    return key or "(top level)"


def parse(path: Path) -> Settings:
    """Read and validate one configuration file; raises LexcheckError naming the file and the key."""
    data, prefix = _section(path, _read_toml(path))
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problem = exc.errors()[0]
        message = "unknown key" if problem["type"] == "extra_forbidden" else problem["msg"]
        raise LexcheckError(
            errors.CONFIG_INVALID, str(path), key=_key(prefix, problem["loc"]), detail=message
        ) from None


def discover(start: Path | None = None) -> Path | None:
    """The nearest lexcheck.toml, or pyproject.toml with a [tool.lexcheck] table, from ``start`` upwards."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate / CONFIG_FILE
        pyproject = candidate / PYPROJECT
        if pyproject.is_file():
            try:
                data = _read_toml(pyproject)
            except LexcheckError:
                continue
            if isinstance(data.get("tool"), dict) and "lexcheck" in data["tool"]:
                return pyproject
    return None


def load(explicit: Path | None = None) -> Config:
    """The configuration of this run: the file named, or the one found by walking up, or the defaults."""
    path = explicit if explicit is not None else discover()
    if path is None:
        return Config()
    if explicit is not None and not path.is_file():
        raise LexcheckError(errors.NOT_FOUND, str(path))
    return Config(parse(path), path.resolve() if explicit is None else path)


def write_starter(path: Path, force: bool = False) -> None:
    """Write the commented starter configuration; raises LexcheckError if the file exists (unless ``force``)."""
    if path.exists() and not force:
        raise LexcheckError(errors.FILE_EXISTS, str(path))
    try:
        path.write_text(STARTER, encoding="utf-8")
    except OSError as exc:
        raise LexcheckError(errors.UNWRITABLE, str(path), detail=exc.strerror or str(exc)) from None


def check_ids(config: Config, known: set[str]) -> None:
    """Every rule or concern ID the configuration names must exist; raises LexcheckError for the first that does not."""
    settings = config.settings
    named: list[tuple[str, str]] = [("select", i) for i in settings.select] + [
        ("ignore", i) for i in settings.ignore
    ]
    named += [(f"severity.{i}", i) for i in settings.severity]
    for number, override in enumerate(settings.overrides):
        named += [(f"overrides[{number}].select", i) for i in override.select]
        named += [(f"overrides[{number}].ignore", i) for i in override.ignore]
        named += [(f"overrides[{number}].severity.{i}", i) for i in override.severity]
    prefix = "tool.lexcheck." if config.path is not None and config.path.name == PYPROJECT else ""
    for key, ident in named:
        if ident not in known:
            raise LexcheckError(errors.CONFIG_UNKNOWN_ID, str(config.path), key=prefix + key, ident=ident)


def _matches(finding: Finding, ids: Iterable[str]) -> bool:
    return any(ident in (finding.rule, finding.concern) for ident in ids)


def _overridden(finding: Finding, severity: Severity, table: dict[str, Severity]) -> Severity:
    for ident in (finding.rule, finding.concern):
        if ident in table:
            return table[ident]
    return severity


def apply(config: Config, findings: list[Finding], defaults: dict[str, Severity]) -> list[Finding]:
    """Findings as the configuration wants them: severities overridden, per-path selections and floors applied.

    ``defaults`` maps each rule to its severity in the rule file.
    """
    settings = config.settings
    kept = []
    for finding in findings:
        # Only the rule's own severity is overridden: a weaker-safeguard finding keeps its lower one.
        own = finding.severity == defaults.get(finding.rule, finding.severity)
        severity = _overridden(finding, finding.severity, settings.severity) if own else finding.severity
        floor = settings.min_severity
        dropped = False
        for override in config.overrides_for(finding.path):
            severity = _overridden(finding, severity, override.severity) if own else severity
            floor = override.min_severity or floor
            dropped |= bool(override.select) and not _matches(finding, override.select)
            dropped |= _matches(finding, override.ignore)
        if dropped or (floor is not None and SEVERITY_ORDER[severity] < SEVERITY_ORDER[floor]):
            continue
        kept.append(finding if severity == finding.severity else finding.model_copy(update={"severity": severity}))
    return kept


def fail_on_for(config: Config, path: str, default: FailLevel) -> FailLevel:
    """The --fail-on level of one file: the last matching override's, or the run's."""
    level = default
    for override in config.overrides_for(path):
        level = override.fail_on or level
    return level
