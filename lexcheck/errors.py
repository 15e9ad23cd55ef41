"""Every user-facing error, with a stable code and a one-line message.

Codes are part of the interface: users search for them, and tests assert them.
"""

from __future__ import annotations

from dataclasses import dataclass

from lexcheck.escaping import visible


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
NOT_REGULAR = ErrorCode("LX008", "not a regular file but {kind}")
TOO_LARGE = ErrorCode("LX009", "file is larger than the {limit} limit ({size}; see --max-size)")
BROKEN_LINK = ErrorCode("LX010", "broken symbolic link: its target does not exist")
LINK_LOOP = ErrorCode("LX011", "symbolic link loop")
NOTHING_TO_CHECK = ErrorCode("LX012", "nothing to check: no {supported} file in this directory ({found})")
SKIPPED_ENTRY = ErrorCode("LX013", "skipped: {reason}")
SKIPPED_UNSUPPORTED = ErrorCode("LX014", "skipped {count} file(s) of unsupported type ({suffixes})")
REPLACED_BYTES = ErrorCode(
    "LX015", "{count} byte(s) that are not UTF-8 replaced by U+FFFD (the first on line {first_line}, column {first_column})"
)
UNREADABLE_DIRECTORY = ErrorCode("LX016", "cannot read directory: {detail}")
# Input files in other formats (Word, PDF, HTML, Akoma Ntoso)
UNPACKS_TOO_LARGE = ErrorCode(
    "LX020", "{kind} file unpacks to {size} bytes, more than the limit of {limit} (a zip bomb?); not unpacked"
)
PASSWORD_PROTECTED = ErrorCode("LX021", "{kind} file is password-protected; save a copy without a password")
NEEDS_OCR = ErrorCode("LX022", "PDF has no text layer (scanned pages?); it needs OCR before it can be checked")
INVALID_XML = ErrorCode("LX023", "invalid {kind}: {detail}")
NOT_AKOMA_NTOSO = ErrorCode("LX024", "XML document is not Akoma Ntoso (root element {root!r})")
NO_TEXT = ErrorCode("LX025", "{kind} file contains no text")
LEGACY_WORD = ErrorCode("LX026", "old binary Word format (.doc) is not supported; save the file as .docx")
# Rules and configuration
RULE_SYNTAX = ErrorCode("LX101", "{detail}")
RULE_INVALID = ErrorCode("LX102", "{detail}")
RULE_PATTERN = ErrorCode("LX103", "rule {rule}: pattern cannot be compiled: {detail}")
UNKNOWN_RULE = ErrorCode("LX104", "unknown rule or concern ID {ident!r}")
DUPLICATE_RULE = ErrorCode("LX105", "duplicate rule id {ident!r} (also defined in {other})")
UNKNOWN_PATTERN_SET = ErrorCode("LX106", "rule {rule}: unknown pattern set {name!r}")
UNKNOWN_CONCERN = ErrorCode("LX107", "rule {rule}: unknown concern {concern!r}")
YAML_ALIAS = ErrorCode("LX108", "YAML aliases (*name) are not allowed in rule files; write the values out")
INVALID_SIZE = ErrorCode("LX109", "invalid size {value!r} for {option} (examples: 50MB, 500KB, 2GiB, 1000000)")
UNKNOWN_RULE_ID = ErrorCode("LX110", "unknown rule {ident!r} (see 'lexcheck rules list')")
CONFIG_SYNTAX = ErrorCode("LX111", "not valid TOML: {detail}")
CONFIG_INVALID = ErrorCode("LX112", "configuration key {key}: {detail}")
CONFIG_UNKNOWN_ID = ErrorCode("LX113", "configuration key {key}: unknown rule or concern ID {ident!r}")
WAIVER_SYNTAX = ErrorCode("LX114", "waiver file is not valid YAML: {detail}")
WAIVER_INVALID = ErrorCode("LX115", "waiver key {key}: {detail}")
BASELINE_INVALID = ErrorCode("LX116", "not a lexcheck baseline: {detail}")
LEXICON_INVALID = ErrorCode("LX117", "{detail}")
UNKNOWN_LANGUAGE = ErrorCode("LX118", "no lexicon for language {language!r} (looked for {looked})")
RULE_LANGUAGE = ErrorCode("LX119", "rule {rule} is written for language {language!r}, but this run reads {run!r}")
# Pipeline
MODEL_NOT_FOUND = ErrorCode("LX201", "spaCy pipeline {name!r} is not installed")
# Evaluation
GOLD_INVALID = ErrorCode("LX301", "{detail}")
# Output and usage
OUTPUT_IS_INPUT = ErrorCode("LX401", "refusing to write the report over an input file ({input})")
UNWRITABLE = ErrorCode("LX402", "cannot write report: {detail}")
UNKNOWN_FORMAT = ErrorCode("LX403", "unknown report format {name!r} (known: {known})")
NO_INPUTS = ErrorCode("LX404", "no bills to check: {detail}")
FILE_EXISTS = ErrorCode("LX405", "already exists (use --force to overwrite)")
GIT_FAILED = ErrorCode("LX406", "git: {detail}")
BAD_REVISION_RANGE = ErrorCode("LX407", "--rev needs a range A..B, not {value!r}")
DIFF_USAGE = ErrorCode("LX408", "diff needs OLD and NEW files, or --rev A..B and one path")
# A fault of lexcheck itself on one bill: reported for that bill, the others are still checked
ANALYSIS_FAILED = ErrorCode("LX501", "lexcheck could not analyse this bill ({detail}); please report it, with the bill")
# The web app (lexcheck serve)
ANALYSIS_TIMEOUT = ErrorCode("LX601", "analysis took longer than the {limit} limit and was stopped (see --timeout)")
NO_BILL = ErrorCode("LX602", "no bill to check: choose a file or paste the text of the bill")
INVALID_FIELD = ErrorCode("LX603", "invalid value {value!r} for {field} (expected {expected})")
SERVER_BUSY = ErrorCode("LX604", "the server is busy with {count} other analyses; try again in a moment")
BAD_UPLOAD = ErrorCode("LX605", "the upload could not be read: {detail}")
NO_CONCERN = ErrorCode("LX606", "no concern chosen: choose at least one concern to check")
INTERNAL_ERROR = ErrorCode("LX607", "internal error while checking the bill; the server's log has the details")
CANNOT_LISTEN = ErrorCode("LX609", "cannot listen on {address}: {detail}")
MISSING_EXTRA = ErrorCode("LX608", "{command} needs the optional {extra!r} extra: pip install \"lexcheck[{extra}]\" ({detail})")


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
        """The message as shown to users: ``file:line: message [code]``, always on one line.

        Control characters (a file name may hold a line break) are shown escaped, so no message can
        print a second, forged line or drive the terminal.
        """
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        return visible(f"{where}{self.message} [{self.code}]")


def _restore(error: ErrorCode, path: str | None, line: int | None, message: str) -> LexcheckError:
    problem = LexcheckError.__new__(LexcheckError)
    problem.error, problem.path, problem.line, problem.message = error, path, line, message
    Exception.__init__(problem, problem.one_line())
    return problem
