"""Every user-facing error, with a stable code and a one-line message.

Codes are part of the interface: users search for them, and tests assert them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorCode:
    """A stable error code and its message template."""

    code: str
    template: str


# Input files
BINARY_FILE = ErrorCode("LX001", "binary file, not a text document")
EMPTY_FILE = ErrorCode("LX002", "file is empty")
UNDECODABLE = ErrorCode("LX003", "cannot decode text: {detail}")
UNREADABLE = ErrorCode("LX004", "cannot read file: {detail}")
UNSUPPORTED_FORMAT = ErrorCode("LX005", "unsupported file type {suffix!r} (supported: {supported})")
NOT_FOUND = ErrorCode("LX006", "no such file or directory")
CORRUPT_DOCUMENT = ErrorCode("LX007", "corrupt or unreadable {kind} file: {detail}")
NO_SUPPORTED_FILES = ErrorCode("LX008", "no supported file found (supported: {supported}); {skipped}")
# Rules and configuration
RULE_SYNTAX = ErrorCode("LX101", "{detail}")
RULE_INVALID = ErrorCode("LX102", "{detail}")
RULE_PATTERN = ErrorCode("LX103", "rule {rule}: pattern cannot be compiled: {detail}")
UNKNOWN_RULE = ErrorCode("LX104", "unknown rule or concern ID {ident!r}")
DUPLICATE_RULE = ErrorCode("LX105", "duplicate rule id {ident!r} (also defined in {other})")
UNKNOWN_PATTERN_SET = ErrorCode("LX106", "rule {rule}: unknown pattern set {name!r}")
UNKNOWN_CONCERN = ErrorCode("LX107", "rule {rule}: unknown concern {concern!r}")
UNKNOWN_RULE_ID = ErrorCode("LX108", "unknown rule {ident!r} (see 'lexcheck rules list')")
CONFIG_SYNTAX = ErrorCode("LX109", "not valid TOML: {detail}")
CONFIG_INVALID = ErrorCode("LX110", "configuration key {key}: {detail}")
CONFIG_UNKNOWN_ID = ErrorCode("LX111", "configuration key {key}: unknown rule or concern ID {ident!r}")
WAIVER_SYNTAX = ErrorCode("LX112", "waiver file is not valid YAML: {detail}")
WAIVER_INVALID = ErrorCode("LX113", "waiver key {key}: {detail}")
BASELINE_INVALID = ErrorCode("LX114", "not a lexcheck baseline: {detail}")
# Pipeline
MODEL_NOT_FOUND = ErrorCode("LX201", "spaCy pipeline {name!r} is not installed")
# Evaluation
GOLD_INVALID = ErrorCode("LX301", "{detail}")
# Output and usage
CANNOT_WRITE = ErrorCode("LX401", "cannot write: {detail}")
UNKNOWN_FORMAT = ErrorCode("LX402", "unknown report format {name!r} (known: {known})")
NO_INPUTS = ErrorCode("LX403", "no bills to check: name files or folders, or set include in lexcheck.toml")
FILE_EXISTS = ErrorCode("LX404", "already exists (use --force to overwrite)")
GIT_FAILED = ErrorCode("LX405", "git: {detail}")
BAD_REVISION_RANGE = ErrorCode("LX406", "--rev needs a range A..B, not {value!r}")
DIFF_USAGE = ErrorCode("LX407", "diff needs OLD and NEW files, or --rev A..B and one path")


class LexcheckError(Exception):
    """An error reported to the user as one line, ``path: [code] message``."""

    def __init__(self, error: ErrorCode, path: str | None = None, line: int | None = None, **fields: object):
        self.error = error
        self.path = path
        self.line = line
        self.message = error.template.format(**fields)
        super().__init__(self.one_line())

    def __reduce__(self) -> tuple[object, tuple[ErrorCode, str | None, int | None, str]]:
        # Errors raised in worker processes (--jobs) are sent back to the main process whole.
        return (_restore, (self.error, self.path, self.line, self.message))

    @property
    def code(self) -> str:
        """The stable error code (``LX001`` …)."""
        return self.error.code

    def one_line(self) -> str:
        """The message as shown to users: ``file:line: message [code]``."""
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        return f"{where}{self.message} [{self.code}]"


def _restore(error: ErrorCode, path: str | None, line: int | None, message: str) -> LexcheckError:
    problem = LexcheckError.__new__(LexcheckError)
    problem.error, problem.path, problem.line, problem.message = error, path, line, message
    Exception.__init__(problem, problem.one_line())
    return problem
