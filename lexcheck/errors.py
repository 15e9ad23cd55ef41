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
# Pipeline
MODEL_NOT_FOUND = ErrorCode("LX201", "spaCy pipeline {name!r} is not installed")
# Evaluation
GOLD_INVALID = ErrorCode("LX301", "{detail}")


class LexcheckError(Exception):
    """An error reported to the user as one line, ``path: [code] message``."""

    def __init__(self, error: ErrorCode, path: str | None = None, line: int | None = None, **fields: object):
        self.error = error
        self.path = path
        self.line = line
        self.message = error.template.format(**fields)
        super().__init__(self.one_line())

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
