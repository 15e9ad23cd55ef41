"""Builds the spaCy pipeline: the embedded blank-English default, or an installed trained pipeline.

The default needs no download: a blank English tokenizer tuned for statute citations, a sentence
segmenter that knows legal abbreviations, and a case-insensitive lookup lemmatizer fed from
spacy-lookups-data. spaCy itself is imported only here, and only when text is analysed.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from lexcheck import errors
from lexcheck.errors import LexcheckError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_PIPELINE = "blank:en"

# "3(1)(a)", "279.01(1)", "1324(a)(1)(A)(ii)", "(v)(II)": one token each, so patterns and excerpts keep them whole.
PROVISION_REFERENCE = re.compile(
    r"^(?:\d+[A-Za-z]?(?:\.\d+)*)?(?:\([0-9A-Za-z]{1,6}\))+$|^\d+[A-Za-z]?(?:\.\d+)+$"
)


def _token_match(text: str) -> bool:
    return bool(PROVISION_REFERENCE.match(text))


def _customise_tokenizer(nlp: Language, abbreviations: tuple[str, ...]) -> None:
    from spacy.symbols import ORTH

    tokenizer: Any = nlp.tokenizer
    for abbreviation in abbreviations:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    previous = tokenizer.token_match

    def token_match(text: str) -> Any:
        return _token_match(text) or (previous(text) if previous else None)

    tokenizer.token_match = token_match
    # Split dashes from the words they join: "Restriction.—No person" → "Restriction.", "—", "No".
    from spacy.util import compile_infix_regex

    infixes: list[Any] = list(nlp.Defaults.infixes or [])
    tokenizer.infix_finditer = compile_infix_regex([*infixes, r"[—–]"]).finditer


_SENTENCE_END = {".", "?", "!"}
_CLOSERS = {'"', "”", "’", "'", ")", "]"}
# Real bills' longest sentences run to about 200 tokens. A longer run without a full stop is a table, a PDF
# paste or hostile input; cutting it keeps matching linear, since a pattern's gap may span a whole sentence.
MAX_SENTENCE_TOKENS = 1000


SENTENCIZER = "lexcheck_sentencizer"


def mark_sentences(doc: Doc, boundaries: Collection[int] = ()) -> Doc:
    """Split sentences at a full stop (not an abbreviation's), a blank line, or a forced boundary.

    ``boundaries`` are character offsets where a sentence must start: the structure parser supplies them
    where a heading ends, so a heading is never fused to the text that follows. A sentence is also cut
    after ``MAX_SENTENCE_TOKENS`` tokens.
    """
    import numpy
    from spacy.attrs import SENT_START

    boundaries = set(boundaries)
    tokens = list(doc)
    if not tokens:
        return doc
    # Collected first and set in one call: spaCy's per-token setter checks the whole Doc for a parse each
    # time, which made this quadratic in the length of a Doc.
    starts = [-1] * len(tokens)
    starts[0] = 1
    previous_end = False
    length = 1
    for index in range(1, len(tokens)):
        token, prev = tokens[index], tokens[index - 1]
        length += 1
        start = previous_end or token.idx in boundaries
        if prev.is_space and "\n\n" in prev.text:
            # A blank line ends a sentence, except between a lead-in that ends in a word and its list
            # ("Any person who" / "(i) knowing that …"), as in US Code text.
            lead_in = index >= 2 and tokens[index - 2].is_alpha and token.text.startswith("(")
            start = start or not lead_in
        if token.is_space or (token.text in _CLOSERS and previous_end):
            # White space and closing quotes stay with the sentence they end.
            continue
        if start or length > MAX_SENTENCE_TOKENS:
            starts[index] = 1
            length = 1
        previous_end = token.text in _SENTENCE_END
    values: Any = numpy.array(starts, dtype=numpy.int64).view(numpy.uint64)  # spaCy stores -1 as uint64
    doc.from_array([SENT_START], values)
    return doc


def statute_sentencizer(doc: Doc) -> Doc:
    """The pipeline component: sentences without forced boundaries (``parse`` passes those explicitly)."""
    return mark_sentences(doc)


def parse(nlp: Language, text: str, boundaries: Collection[int] = ()) -> Doc:
    """Run the pipeline on a text, with sentences forced to start at ``boundaries`` (character offsets)."""
    doc = mark_sentences(nlp.make_doc(text), boundaries)
    for name, component in nlp.pipeline:
        if name != SENTENCIZER:
            doc = component(doc)
    return doc


class LowercaseLemmatizer:
    """Lemmatize by looking up the lower-cased form, so "Trafficked" and "PUNISHED" get lemmas too.

    spaCy's own lookup lemmatizer is case-sensitive, and its rule mode needs a tagger we do not have.
    """

    def __init__(self, table: Any):
        self.table = table
        self.cache: dict[str, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set every token's lemma from the lookup table (cached per lower-cased form)."""
        cache = self.cache
        for token in doc:
            lower = token.lower_
            lemma = cache.get(lower)
            if lemma is None:
                lemma = cache[lower] = self.table.get(lower) or lower
            token.lemma_ = lemma
        return doc


@lru_cache(maxsize=1)
def _lemma_table() -> Any:
    """spaCy's English lookup table (a ``spacy.lookups.Table``, keyed by string hash)."""
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def _register_components() -> None:
    from spacy.language import Language

    if SENTENCIZER not in Language.factories:
        Language.component(SENTENCIZER, func=statute_sentencizer)

        @Language.factory("lexcheck_lemmatizer")
        def _make_lemmatizer(
            nlp: Language, name: str
        ) -> LowercaseLemmatizer:  # spaCy factories receive (nlp, name)
            return LowercaseLemmatizer(_lemma_table())


@lru_cache(maxsize=4)
def load_pipeline(name: str | None, abbreviations: tuple[str, ...]) -> Language:
    """Load the embedded default (``None`` or ``"blank:en"``) or an installed spaCy pipeline by name.

    ``abbreviations`` are the language's (the lexicon's ``pipeline.abbreviations``): a full stop after one
    does not end a sentence. A trained pipeline keeps its own components; our tokenizer exceptions and
    sentence segmenter are added so that rules see the same tokens and sentences whichever pipeline runs.
    """
    import spacy

    _register_components()
    if name in (None, DEFAULT_PIPELINE):
        nlp = spacy.blank("en")
        _customise_tokenizer(nlp, abbreviations)
        nlp.add_pipe(SENTENCIZER)
        nlp.add_pipe("lexcheck_lemmatizer")
        return nlp
    try:
        nlp = spacy.load(name, exclude=["senter", "parser"])
    except OSError:
        raise LexcheckError(errors.MODEL_NOT_FOUND, None, name=name) from None
    _customise_tokenizer(nlp, abbreviations)
    nlp.add_pipe(SENTENCIZER, first=True)
    if "lemmatizer" not in nlp.pipe_names:
        nlp.add_pipe("lexcheck_lemmatizer")
    return nlp


def pipeline_name(nlp: Language, requested: str | None = None) -> str:
    """A short description of a pipeline, for reports: ``blank:en`` or ``en_core_web_sm 3.8.0``."""
    if requested in (None, DEFAULT_PIPELINE):
        return DEFAULT_PIPELINE
    meta = nlp.meta
    name = f"{meta.get('lang', 'en')}_{meta['name']}" if meta.get("name") else str(requested)
    return f"{name} {meta['version']}" if meta.get("version") else name
