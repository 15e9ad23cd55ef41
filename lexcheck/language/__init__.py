"""Language data: the lexicon of words and formulas lexcheck reads statutes with, one YAML file per language."""

from lexcheck.language.loader import DEFAULT_LANGUAGE, LEXICON_DIR, read_lexicon
from lexcheck.language.model import Lexicon

__all__ = ["DEFAULT_LANGUAGE", "LEXICON_DIR", "Lexicon", "read_lexicon"]
