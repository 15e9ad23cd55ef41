"""Builds the spaCy pipeline: the embedded blank-English default, or an installed trained pipeline.

The default needs no download: a blank English tokenizer tuned for statute citations, a sentence
segmenter that knows legal abbreviations, and a case-insensitive lookup lemmatizer fed from
spacy-lookups-data. spaCy itself is imported only here, and only when text is analysed.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from types import ModuleType
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


def import_spacy() -> ModuleType:
    """``import spacy``, without loading spaCy's command line, which lexcheck does not use.

    spaCy's ``__init__`` imports ``spacy.cli.info``, and with it the whole of ``spacy.cli`` (every command,
    weasel, requests, httpx): a third of the import's time, paid by every run. While spaCy is imported, a
    stand-in takes the place of ``spacy.cli`` and ``spacy.cli.info``; then both are forgotten, so that
    ``import spacy.cli`` (or ``spacy.cli`` as an attribute, or ``spacy.info()``) loads the real one.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    found = importlib.util.find_spec("spacy")
    locations = found.submodule_search_locations if found is not None else None
    if not locations or "spacy.cli" in sys.modules:
        return importlib.import_module("spacy")
    cli = ModuleType("spacy.cli")
    cli.__path__ = [str(Path(next(iter(locations))) / "cli")]
    info = ModuleType("spacy.cli.info")
    info.info = _spacy_info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        spacy = importlib.import_module("spacy")
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    if spacy.__dict__.get("cli") is cli:
        del spacy.cli
    if "cli" not in spacy.__dict__ and "__getattr__" not in spacy.__dict__:
        spacy.__dict__["__getattr__"] = _spacy_attribute
    return spacy


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, from the real command line."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _spacy_attribute(name: str) -> Any:
    """``spacy.cli`` read as an attribute of the package: imported then (see :func:`import_spacy`)."""
    if name == "cli":
        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


def _token_match(text: str) -> bool:
    return bool(PROVISION_REFERENCE.match(text))


def _with_references(previous: Any) -> Any:
    """A tokenizer ``token_match`` that keeps provision references whole, else asks ``previous``."""

    def token_match(text: str) -> Any:
        return _token_match(text) or (previous(text) if previous else None)

    return token_match


def _statute_infixes(nlp: Language) -> Any:
    """The language's infixes, and dashes split from the words they join: "Restriction.—No person", and the
    double hyphen of typed statutes: "(6) CONFIDENTIALITY.--No officer"."""
    from spacy.util import compile_infix_regex

    infixes: list[Any] = list(nlp.Defaults.infixes or [])
    return compile_infix_regex([*infixes, r"[—–]", r"--"]).finditer


def _customise_tokenizer(nlp: Language, abbreviations: tuple[str, ...]) -> None:
    """Give a loaded pipeline's tokenizer the legal abbreviations, provision references and dashes."""
    from spacy.symbols import ORTH

    tokenizer: Any = nlp.tokenizer
    for abbreviation in abbreviations:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    tokenizer.token_match = _with_references(tokenizer.token_match)
    tokenizer.infix_finditer = _statute_infixes(nlp)


STATUTE_TOKENIZER = "lexcheck.StatuteTokenizer.v1"


def _statute_tokenizer(abbreviations: list[str]) -> Any:
    """The registered tokenizer of the default pipeline: the language's, customised as
    ``_customise_tokenizer`` does, built in one go (each change to a built tokenizer reloads all its
    special cases, which made building the pipeline slow)."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        rules = {**(defaults.tokenizer_exceptions or {}), **{a: [{ORTH: a}] for a in abbreviations}}
        return Tokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
            suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
            infix_finditer=_statute_infixes(nlp),
            token_match=_with_references(defaults.token_match),
            url_match=defaults.url_match,
        )

    return make


_SENTENCE_END = {".", "?", "!"}
_CLOSERS = {'"', "”", "’", "'", ")", "]"}
# Real bills' longest sentences run to about 200 tokens. A longer run without a full stop is a table, a PDF
# paste or hostile input; cutting it keeps matching linear, since a pattern's gap may span a whole sentence.
MAX_SENTENCE_TOKENS = 1000


SENTENCIZER = "lexcheck_sentencizer"
LEMMATIZER = "lexcheck_lemmatizer"


# What mark_sentences needs to know of a token's text, by string hash (the same in every vocabulary).
_ENDS, _CLOSES, _PAREN, _BLANK_LINE = 1, 2, 4, 8
_TEXT_KINDS: dict[int, int] = {}


def _text_kind(strings: Any, orth: int) -> int:
    kind = _TEXT_KINDS.get(orth)
    if kind is None:
        text = strings[orth]
        kind = (
            (_ENDS if text in _SENTENCE_END else 0)
            | (_CLOSES if text in _CLOSERS else 0)
            | (_PAREN if text.startswith("(") else 0)
            | (_BLANK_LINE if "\n\n" in text else 0)
        )
        if len(_TEXT_KINDS) < 1_000_000:  # a bound for a long-running server
            _TEXT_KINDS[orth] = kind
    return kind


def mark_sentences(doc: Doc, boundaries: Collection[int] = ()) -> Doc:
    """Split sentences at a full stop (not an abbreviation's), a blank line, or a forced boundary.

    ``boundaries`` are character offsets where a sentence must start: the structure parser supplies them
    where a heading ends, so a heading is never fused to the text that follows. A sentence is also cut
    after ``MAX_SENTENCE_TOKENS`` tokens. The tokens are read as arrays of attributes, not as Token objects
    (making one per token was most of the time).
    """
    import numpy
    from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, ORTH, SENT_START

    boundaries = set(boundaries)
    if not len(doc):
        return doc
    offsets, orths, spaces, alphas = doc.to_array([IDX, ORTH, IS_SPACE, IS_ALPHA]).T.tolist()
    strings = doc.vocab.strings
    kinds = [_TEXT_KINDS.get(orth) or _text_kind(strings, orth) for orth in orths]
    # Collected first and set in one call: spaCy's per-token setter checks the whole Doc for a parse each
    # time, which made this quadratic in the length of a Doc.
    starts = [-1] * len(orths)
    starts[0] = 1
    previous_end = False
    length = 1
    for index in range(1, len(orths)):
        kind = kinds[index]
        length += 1
        start = previous_end or offsets[index] in boundaries
        if spaces[index - 1] and kinds[index - 1] & _BLANK_LINE:
            # A blank line ends a sentence, except between a lead-in that ends in a word and its list
            # ("Any person who" / "(i) knowing that …"), as in US Code text.
            lead_in = index >= 2 and alphas[index - 2] and kind & _PAREN
            start = start or not lead_in
        if spaces[index] or (kind & _CLOSES and previous_end):
            # White space and closing quotes stay with the sentence they end.
            continue
        if start or length > MAX_SENTENCE_TOKENS:
            starts[index] = 1
            length = 1
        previous_end = bool(kind & _ENDS)
    values: Any = numpy.array(starts, dtype=numpy.int64).view(numpy.uint64)  # spaCy stores -1 as uint64
    doc.from_array([SENT_START], values)
    return doc


def statute_sentencizer(doc: Doc) -> Doc:
    """The pipeline component: sentences without forced boundaries (``parse`` passes those explicitly)."""
    return mark_sentences(doc)


def phrase_doc(nlp: Language, phrase: str) -> Doc:
    """A rule's phrase as the phrase matchers compile it: tokens with their lemmas.

    The default pipeline's sentence splitter is left out (a phrase matcher compares tokens, not sentences):
    for the 1,400 lemma phrases of the bundled rules it was most of their compiling time. An installed
    pipeline runs whole, since its components may depend on one another.
    """
    if nlp.pipe_names != [SENTENCIZER, LEMMATIZER]:
        return nlp(phrase)
    doc = nlp.make_doc(phrase)
    for name, component in nlp.pipeline:
        if name != SENTENCIZER:
            doc = component(doc)
    return doc


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

    def __init__(self, table: dict[str, str]):
        self.table = table
        # lower-case form -> lemma, both as hashes in the pipeline's string store
        self.cache: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set every token's lemma from the lookup table (cached per lower-cased form), as arrays."""
        import numpy
        from spacy.attrs import LEMMA, LOWER

        cache, strings = self.cache, doc.vocab.strings
        lemmas = []
        for lower in doc.to_array(LOWER).reshape(-1).tolist():
            lemma = cache.get(lower)
            if lemma is None:
                form = strings[lower]
                # Added to this document's vocabulary, as Token.lemma_ does.
                lemma = strings.add(self.table.get(form) or form)
                if len(cache) < 1_000_000:  # a bound for a long-running server
                    cache[lower] = lemma
            lemmas.append(lemma)
        if lemmas:
            values: Any = numpy.array(lemmas, dtype=numpy.uint64)
            doc.from_array([LEMMA], values)
        return doc


@lru_cache(maxsize=1)
def _lemma_table() -> dict[str, str]:
    """spaCy's English lemma lookup table (spacy-lookups-data), as a plain dictionary of forms.

    ``spacy.lookups.Table`` keys the same data by string hash and took a tenth of a second to build, five
    times as long as reading the data; lookups by the form itself find the same lemmas.
    """
    from spacy.lookups import load_lookups
    from spacy.util import load_language_data, registry

    if "en" not in registry.lookups:
        load_lookups("en", ["lemma_lookup"])  # raises spaCy's own error: spacy-lookups-data is missing
    table = load_language_data(registry.lookups.get("en")["lemma_lookup"])
    assert isinstance(table, dict)
    return table


def _register_components() -> None:
    from spacy.language import Language
    from spacy.util import registry

    if STATUTE_TOKENIZER not in registry.tokenizers:
        registry.tokenizers.register(STATUTE_TOKENIZER, func=_statute_tokenizer)
    if SENTENCIZER not in Language.factories:
        Language.component(SENTENCIZER, func=statute_sentencizer)

        @Language.factory(LEMMATIZER)
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
    import_spacy()
    import spacy

    _register_components()
    if name in (None, DEFAULT_PIPELINE):
        tokenizer = {"@tokenizers": STATUTE_TOKENIZER, "abbreviations": list(abbreviations)}
        nlp = spacy.blank("en", config={"nlp": {"tokenizer": tokenizer}})
        nlp.add_pipe(SENTENCIZER)
        nlp.add_pipe(LEMMATIZER)
        return nlp
    try:
        nlp = spacy.load(name, exclude=["senter", "parser"])
    except OSError:
        raise LexcheckError(errors.MODEL_NOT_FOUND, None, name=name) from None
    _customise_tokenizer(nlp, abbreviations)
    nlp.add_pipe(SENTENCIZER, first=True)
    if "lemmatizer" not in nlp.pipe_names:
        nlp.add_pipe(LEMMATIZER)
    return nlp


def pipeline_name(nlp: Language, requested: str | None = None) -> str:
    """A short description of a pipeline, for reports: ``blank:en`` or ``en_core_web_sm 3.8.0``."""
    if requested in (None, DEFAULT_PIPELINE):
        return DEFAULT_PIPELINE
    meta = nlp.meta
    name = f"{meta.get('lang', 'en')}_{meta['name']}" if meta.get("name") else str(requested)
    return f"{name} {meta['version']}" if meta.get("version") else name
