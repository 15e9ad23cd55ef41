"""Reading a lexicon file's bytes into a validated, compiled :class:`Lexicon`, with file:line errors."""

from __future__ import annotations

import hashlib

from pydantic import ValidationError

from lexcheck import errors
from lexcheck.errors import LexcheckError
from lexcheck.language.model import Lexicon
from lexcheck.yaml_text import compose, describe, node_line

# The folder of a rule pack that holds its lexicons, one file per language: lexicon/en.yaml.
LEXICON_DIR = "lexicon"
DEFAULT_LANGUAGE = "en"
# The bundled lexicon is about 30 KB; a lexicon file is read whole, so it is bounded.
MAX_LEXICON_FILE_SIZE = 1_000_000

# Lexicons already compiled, by language and file hash: loading the same file again (another rule book,
# another worker's task) reuses its compiled patterns.
_COMPILED: dict[tuple[str, str], Lexicon] = {}


def _alias_error(source: str, line: int | None) -> LexcheckError:
    detail = "YAML aliases (*name) are not allowed in lexicon files; write the values out"
    return LexcheckError(errors.LEXICON_INVALID, source, line, detail=detail)


def read_lexicon(data: bytes, source: str, language: str) -> Lexicon:
    """The lexicon of ``language`` from the bytes of its file (``source`` names the file in errors).

    Raises :class:`LexcheckError` (LX101 for YAML that does not parse, LX117 for a file that does not follow
    the lexicon schema or is for another language).
    """
    digest = hashlib.sha256(data).hexdigest()
    cached = _COMPILED.get((language, digest))
    if cached is not None:
        return cached
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LexcheckError(errors.RULE_SYNTAX, source, detail=f"cannot read lexicon file: {exc}") from None
    parsed, node = compose(text, source, errors.RULE_SYNTAX, lambda line: _alias_error(source, line))
    if not isinstance(parsed, dict):
        raise LexcheckError(errors.LEXICON_INVALID, source, 1, detail="a lexicon file must be a YAML mapping")
    try:
        lexicon = Lexicon.model_validate(parsed)
    except ValidationError as exc:
        location, message = describe(exc.errors()[0])
        where = ".".join(str(part) for part in location) or "(top level)"
        line = node_line(node, location)
        raise LexcheckError(errors.LEXICON_INVALID, source, line, detail=f"{where}: {message}") from None
    if lexicon.language != language:
        raise LexcheckError(
            errors.LEXICON_INVALID,
            source,
            node_line(node, ["language"]),
            detail=f"language: {lexicon.language!r} in the lexicon file for {language!r}",
        )
    lexicon._digest = digest
    _COMPILED[(language, digest)] = lexicon
    return lexicon
