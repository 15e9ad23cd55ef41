"""Showing untrusted text (bill text, file names) safely on a terminal and in machine-readable reports.

A bill or a file name can hold terminal escape sequences ("\\x1b]0;title\\x07", "\\x1b[2J") and bidirectional
overrides (U+202E) that reorder what a reader sees. Such characters are never printed raw: the terminal
shows them as ``\\x1b`` or ``<U+202E>``, and the JSON report keeps them as ``\\u`` escapes.
"""

from __future__ import annotations

import re

# C0 controls (tab excepted), DEL and C1 controls; bidirectional marks, embeddings, overrides and isolates;
# the line and paragraph separators that some terminals and editors treat as line breaks.
_CONTROLS = "\x00-\x08\n-\x1f\x7f-\x9f"
_FORMATTING = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
UNSAFE = re.compile(f"[{_CONTROLS}{_FORMATTING}]")
# What json.dumps(ensure_ascii=False) leaves unescaped of the above (it escapes C0 itself).
UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_FORMATTING}]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _show(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    if ord(char) < 0x100:
        return f"\\x{ord(char):02x}"
    return f"<U+{ord(char):04X}>"


def visible(text: str) -> str:
    """``text`` with every control and bidirectional formatting character written out, on one line."""
    return UNSAFE.sub(_show, text)


def visible_lines(text: str) -> str:
    """Like :func:`visible`, but keeping line breaks: for multi-line output such as the text report."""
    return "\n".join(visible(line) for line in text.split("\n"))


def escape_json_text(text: str) -> str:
    """Escape, in serialised JSON, the characters ``json.dumps(ensure_ascii=False)`` leaves raw.

    They can only occur inside JSON strings, so ``\\uXXXX`` escapes keep the document valid and its data
    unchanged.
    """
    return UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text)
