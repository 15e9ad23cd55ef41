"""Compiling every rule's patterns into shared matchers, and running them over a statute.

All phrase lists go into two PhraseMatchers (on LOWER and on LEMMA), whatever rule they belong to; each
pattern carries a key naming its rule or pattern set. Token patterns and fuzzy phrases are the expensive
kinds: token patterns are grouped by their trigger words into Matchers, and each Matcher and fuzzy phrase
runs only on the sentences holding the words it needs (``candidates``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel

from lexcheck import errors
from lexcheck.engine.candidates import CandidateIndex, Need, Reach, pattern_needs, pattern_reach, windows
from lexcheck.engine.placement import Placement
from lexcheck.errors import LexcheckError
from lexcheck.language import Lexicon
from lexcheck.nlp import phrase_doc
from lexcheck.rules.model import Condition, MatchSpec, PatternSet, Rule

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

_LITERAL_ATTRS = ("LOWER", "LEMMA", "ORTH", "TEXT", "NORM")

# How far before a match a wider phrase containing it may start (characters).
ENCLOSING_REACH = 200


class Hit(NamedTuple):
    """One pattern match, in document character offsets (a tuple: cheap to make, hash and sort)."""

    start: int
    end: int
    key: str
    label: str


def quote(text: str, hit: Hit) -> str:
    """A match's words with white space collapsed, quoted for messages."""
    return repr(" ".join(text[hit.start : hit.end].split()))


@dataclass
class _Fuzzy:
    key: str
    phrase: str
    threshold: int
    triggers: frozenset[str]


def _spec_paths(value: Any, path: str) -> Iterator[tuple[str, MatchSpec]]:
    if isinstance(value, MatchSpec):
        yield path, value
        if value.not_within is not None:
            yield from _spec_paths(value.not_within, f"{path}.not_within")
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _spec_paths(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _spec_paths(item, f"{path}[{index}]")


def _literal_values(token: dict[str, Any]) -> set[str] | None:
    for attr in _LITERAL_ATTRS:
        value = token.get(attr) if attr in token else token.get(attr.lower())
        if isinstance(value, str):
            return {value.lower()}
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            return {str(item).lower() for item in value["IN"]}
    return None


def _trigger_words(pattern: list[dict[str, Any]]) -> set[str] | None:
    """Words one of which must occur for a token pattern to match (None: cannot tell)."""
    for token in pattern:
        if token.get("OP") in ("?", "*", "!") or str(token.get("OP", "")).startswith("{0"):
            continue
        values = _literal_values(token)
        if values:
            return values
    return None


# Word endings whose third-person and plural forms add "-es" ("cross" → "crosses").
_SIBILANT_ENDINGS = ("s", "x", "z", "sh", "ch")

_RANGE_OP = re.compile(r"^\{(\d*),(\d+)\}$")
# How many tokens a "*" or "+" over constrained tokens (not a bare wildcard) is taken to cover at most.
CONSTRAINED_RUN = 6


def loosen_ranges(pattern: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int | None]:
    """Replace "{0,N}" quantifiers by "*" (or "+"), returning the pattern and its longest allowed length.

    spaCy expands "{0,N}" into N optional tokens, and two such gaps in one pattern multiply the matcher's
    states: measured here, 300 times slower than "*". The engine drops matches longer than the pattern
    allows instead, which keeps the total length bounded (each gap is no longer bounded on its own).
    """
    loosened: list[dict[str, Any]] = []
    longest: int | None = 0
    for token in pattern:
        op = str(token.get("OP", ""))
        match = _RANGE_OP.match(op)
        if match:
            low, high = int(match.group(1) or 0), int(match.group(2))
            # A gap may not run into the next sentence: that also ends the matcher's partial matches there.
            loosened.append({**token, "IS_SENT_START": False, "OP": "*" if low == 0 else "+"})
            longest = None if longest is None else longest + high
        else:
            loosened.append(token)
            if op in ("*", "+"):
                # A run of constrained tokens ("IS_PUNCT" quotes and colons, "the age of") is short; only a bare
                # wildcard leaves the length open. Counting it as unbounded let a match run on through a whole
                # definitions list ("child" … "under section 15").
                constrained = any(key != "OP" for key in token)
                longest = None if longest is None or not constrained else longest + CONSTRAINED_RUN
            elif longest is not None and op != "!":
                longest += 1
    return loosened, longest


class PatternIndex:
    """Every pattern of a rule set, compiled once for a pipeline."""

    def __init__(
        self,
        nlp: Language,
        rules: Iterable[Rule],
        sets: dict[str, PatternSet],
        lexicon: Lexicon,
        instruments: dict[str, Condition] | None = None,
    ):
        from spacy.matcher import Matcher, PhraseMatcher

        self.nlp = nlp
        self.sets = sets
        self._stopwords = lexicon.matching.stopwords
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self._matcher_class = Matcher
        strings = nlp.vocab.strings
        self._word_id: Callable[[str], int] = lambda word: int(strings[word])
        self.candidates = CandidateIndex(self._word_id)
        # Token patterns grouped by the words that trigger them: each group's Matcher runs only on the
        # sentences where one of its words occurs and each word one of its patterns needs (wildcard
        # patterns are costly on every token). Groups are numbered in the candidate index.
        self.token_groups: dict[frozenset[str], Any] = {}
        self._group_numbers: dict[frozenset[str], int] = {}
        self._group_matchers: dict[int, Any] = {}
        # group -> where its patterns' matches lie around their trigger words (None: anywhere in a sentence)
        self._group_reaches: dict[int, list[Reach] | None] = {}
        self._fuzzy_groups: dict[int, _Fuzzy] = {}
        self._labels_by_id: dict[int, tuple[str, str, int | None]] = {}
        # id(spec) -> (the spec, kept alive so that its id stays its own; its key): read on every lookup
        self._keys: dict[int, tuple[MatchSpec, str]] = {}
        self.untriggered = Matcher(nlp.vocab)
        self.has_untriggered = False
        self.fuzzy: list[_Fuzzy] = []
        self.max_tokens: dict[str, int] = {}
        self.labels: dict[str, str] = {}
        self._lemmas: dict[str, str] = {}
        for name, pattern_set in sorted(sets.items()):
            for path, spec in _spec_paths(pattern_set.match, f"set:{name}"):
                self._add(path, spec, owner=f"pattern set {name}")
        for name, condition in sorted((instruments or {}).items()):
            for path, spec in _spec_paths(condition, f"instrument:{name}"):
                self._add(path, spec, owner=f"instrument {name}")
        for rule in rules:
            for path, spec in _spec_paths(rule, rule.id):
                self._add(path, spec, owner=rule.id)

    def _lemma_phrase_docs(self, phrase: str) -> list[Doc]:
        """A lemma phrase as the pipeline lemmatizes it, and, where that differs, with its words as written taken
        for their lemmas: a rule writes dictionary forms, but the lookup lemmatizer turns "proceeding" into
        "proceed" while the text's "proceedings" becomes "proceeding"."""
        lemmatized = phrase_doc(self.nlp, phrase)
        written = self.nlp.make_doc(phrase)
        for token in written:
            token.lemma_ = token.lower_
        same = [t.lemma_ for t in lemmatized] == [t.lemma_ for t in written]
        return [lemmatized] if same else [lemmatized, written]

    def _lemma_of(self, word: str) -> str:
        """The lemma the pipeline gives a word on its own ("" when the word is more than one token)."""
        if word not in self._lemmas:
            doc = phrase_doc(self.nlp, word)
            self._lemmas[word] = doc[0].lemma_ if len(doc) == 1 else ""
        return self._lemmas[word]

    def _lemma_forms(self, word: str) -> list[str]:
        """The word, the pipeline's lemma of it, and of its "-es" form where that is how the word inflects
        ("crosses" has the lemma "crosse" under the lookup lemmatizer)."""
        forms = [word, self._lemma_of(word)]
        if word.isalpha() and word.endswith(_SIBILANT_ENDINGS):
            forms.append(self._lemma_of(word + "es"))
        return [form for form in dict.fromkeys(forms) if form]

    def _pipeline_lemmas(self, pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A token pattern whose LEMMA values also hold the pipeline's own lemma of each written word.

        A rule writes dictionary forms, but a lemmatizer without a tagger may give a word another lemma ("matter"
        → "matt", "data" → "datum", "premises" → "premise"); as written, such a value would never match.
        """
        normalised = []
        for token in pattern:
            value = token.get("LEMMA")
            if isinstance(value, str):
                forms = self._lemma_forms(value)
                token = {**token, "LEMMA": value if len(forms) == 1 else {"IN": forms}}
            elif isinstance(value, dict):
                lists = {
                    op: list(dict.fromkeys(form for word in words for form in self._lemma_forms(str(word))))
                    for op, words in value.items()
                    if op in ("IN", "NOT_IN") and isinstance(words, list)
                }
                token = {**token, "LEMMA": {**value, **lists}}
            normalised.append(token)
        return normalised

    def _add(self, key: str, spec: MatchSpec, owner: str) -> None:
        spec.name(key)
        self._keys[id(spec)] = (spec, key)
        for index, phrase in enumerate(spec.phrases):
            label = f"{key}#phrase{index}"
            self.labels[label] = f"phrase {phrase!r}"
            self.lower.add(label, [self.nlp.make_doc(phrase)])
        for index, phrase in enumerate(spec.lemmas):
            label = f"{key}#lemma{index}"
            self.labels[label] = f"lemma phrase {phrase!r}"
            self.lemma.add(label, self._lemma_phrase_docs(phrase))
        for index, written in enumerate(spec.tokens):
            pattern = self._pipeline_lemmas(written)
            label = f"{key}#tokens{index}"
            self.labels[label] = f"token pattern {index + 1}"
            triggers = _trigger_words(pattern)
            if triggers is None:
                matcher = self.untriggered
                self.has_untriggered = True
            else:
                key_words = frozenset(triggers)
                if key_words not in self.token_groups:
                    self.token_groups[key_words] = self._matcher_class(self.nlp.vocab)
                    group = self.candidates.add_group(Need("either", key_words))
                    self._group_numbers[key_words] = group
                    self._group_matchers[group] = self.token_groups[key_words]
                matcher = self.token_groups[key_words]
            loosened, longest = loosen_ranges(pattern)
            if triggers is not None:
                group = self._group_numbers[frozenset(triggers)]
                self.candidates.add_pattern(group, pattern_needs(loosened))
                reach = pattern_reach(loosened, longest, self._word_id)
                reaches = self._group_reaches.setdefault(group, [])
                self._group_reaches[group] = None if reach is None or reaches is None else [*reaches, reach]
            if longest is not None and loosened != pattern:
                self.max_tokens[label] = longest
            try:
                matcher.add(label, [loosened])
            except Exception as exc:  # spaCy raises several types for a bad pattern
                detail = str(exc).strip().splitlines()[0][:200]
                raise LexcheckError(errors.RULE_PATTERN, None, rule=owner, detail=detail) from None
        if spec.fuzzy is not None:
            for index, phrase in enumerate(spec.fuzzy.phrases):
                label = f"{key}#fuzzy{index}"
                self.labels[label] = f"fuzzy phrase {phrase!r}"
                words = {t.lemma_ for t in self.nlp(phrase) if t.is_alpha and t.lower_ not in self._stopwords}
                entry = _Fuzzy(label, phrase.lower(), spec.fuzzy.threshold, frozenset(words))
                self.fuzzy.append(entry)
                self._fuzzy_groups[self.candidates.add_group(Need("lemma", entry.triggers))] = entry

    def run(self, docs: Iterable[tuple[Doc, Placement | int]]) -> tuple[MatchIndex, list[tuple[int, int]]]:
        """Match every pattern over documents given as (spaCy Doc, where its text lies in the statute).

        Where a text lies is a :class:`Placement` (for a compacted text) or the offset of an unchanged one.
        Returns the matches and the sentences of the documents, as statute offsets.
        """
        from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, LOWER

        found: dict[str, set[Hit]] = defaultdict(set)
        sentences: list[tuple[int, int]] = []
        for doc, where in docs:
            place = where if isinstance(where, Placement) else Placement.at_offset(where)
            at = place.at
            sents = list(doc.sents)
            sentences.extend((at(s.start_char), at(s.end_char)) for s in sents)
            matches = list(self.lower(doc)) + list(self.lemma(doc))
            if self.has_untriggered:
                matches += list(self.untriggered(doc))
            words = doc.to_array([LOWER, LEMMA, IS_SPACE])
            lowers, lemmas, blank = words[:, 0].tolist(), words[:, 1].tolist(), words[:, 2].tolist()
            bounds = [(s.start, s.end) for s in sents]
            chosen = self.candidates.sentences(lowers, lemmas, bounds)
            fuzzy: list[tuple[_Fuzzy, list[int]]] = []
            for group, indices in chosen.items():
                matcher = self._group_matchers.get(group)
                if matcher is None:
                    fuzzy.append((self._fuzzy_groups[group], indices))
                    continue
                reaches = self._group_reaches.get(group)
                for index in indices:
                    start, end = bounds[index]
                    # Only the stretches around the trigger words, where the group's matches must lie.
                    parts = [(start, end)] if reaches is None else windows(reaches, lowers, lemmas, start, end, blank)
                    for low, high in parts:
                        matches += [(mid, low + a, low + b) for mid, a, b in matcher(doc[low:high])]
            if matches:
                # Character offsets of the tokens, to turn token matches into text offsets without Spans.
                offsets = doc.to_array([IDX, LENGTH]).tolist()
                # A line break of hard-wrapped text is a token of its own; it is no word of a gap's length.
                spaces = list(itertools.accumulate(blank, initial=0))
            for match_id, start, end in matches:
                label, key, longest = self._label_of(match_id)
                if longest is not None and end - start - (spaces[end] - spaces[start]) > longest:
                    continue
                last = offsets[end - 1]
                found[key].add(Hit(at(offsets[start][0]), at(last[0] + last[1]), key, label))
            for entry, indices in fuzzy:
                for hit in self._fuzzy(entry, place, [sents[index] for index in indices]):
                    found[hit.key].add(hit)
        # Each key's set is dropped as its sorted list is made, so the two never all exist at once.
        by_key = {key: sorted(found.pop(key)) for key in list(found)}
        return MatchIndex(by_key, self), sentences

    def key_of(self, spec: MatchSpec) -> str:
        """A compiled spec's key (its pydantic private attribute is slow to read; this is a dictionary)."""
        known = self._keys.get(id(spec))
        return known[1] if known is not None else spec.key

    def _label_of(self, match_id: int) -> tuple[str, str, int | None]:
        """A match's label, the key of its spec, and the most tokens it may span (None: any number)."""
        known = self._labels_by_id.get(match_id)
        if known is None:
            label = self.nlp.vocab.strings[match_id]
            known = self._labels_by_id[match_id] = (label, label.rsplit("#", 1)[0], self.max_tokens.get(label))
        return known

    def _fuzzy(self, entry: _Fuzzy, place: Placement, sentences: list[Span]) -> Iterator[Hit]:
        """Matches of a fuzzy phrase in the sentences that hold one of its words.

        Each sentence's own text is read once (``Doc.text`` joins every token of the Doc at each reading).
        """
        from rapidfuzz import fuzz

        for sentence in sentences:
            text = sentence.text
            alignment = fuzz.partial_ratio_alignment(entry.phrase, text.lower(), score_cutoff=entry.threshold)
            if alignment is None:
                continue
            start, end = alignment.dest_start, alignment.dest_end
            # Widen to whole words so excerpts never cut a word in half.
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            while end < len(text) and text[end].isalnum():
                end += 1
            key = entry.key.rsplit("#", 1)[0]
            yield Hit(place.at(sentence.start_char + start), place.at(sentence.start_char + end), key, entry.key)


@dataclass
class MatchIndex:
    """All matches in one statute, looked up by the MatchSpec (and pattern sets) that produced them."""

    by_key: dict[str, list[Hit]]
    patterns: PatternIndex
    _cache: dict[str, list[Hit]] = field(default_factory=dict)
    # id(spec) -> (the spec, kept so its id is not reused; its hits; their starts). Looking a spec up by its
    # key goes through pydantic's private attributes, which was a tenth of the judging time.
    _by_spec: dict[int, tuple[MatchSpec, list[Hit], list[int]]] = field(default_factory=dict)

    def hits(self, spec: MatchSpec) -> list[Hit]:
        """Every match of a spec's own alternatives and of the pattern sets it names, longest first per start."""
        return self._lookup(spec)[1]

    def _lookup(self, spec: MatchSpec) -> tuple[MatchSpec, list[Hit], list[int]]:
        found = self._by_spec.get(id(spec))
        if found is None:
            hits = self._hits_of(spec)
            found = self._by_spec[id(spec)] = (spec, hits, [hit.start for hit in hits])
        return found

    def _hits_of(self, spec: MatchSpec) -> list[Hit]:
        key = self.patterns.key_of(spec)
        assert key, "a match spec must be compiled (named) before it is looked up"
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        hits = list(self.by_key.get(key, []))
        for name in spec.sets:
            hits.extend(self.hits(self.patterns.sets[name].match))
        hits.sort(key=lambda hit: (hit.start, -hit.end, hit.label))
        result: list[Hit] = []
        for hit in hits:
            # Keep the longest of matches that share a start; drop matches nested inside a kept one.
            if result and hit.start < result[-1].end and hit.end <= result[-1].end:
                continue
            result.append(hit)
        if spec.not_within is not None:
            result = [hit for hit in result if self.enclosing(spec.not_within, hit) is None]
        self._cache[key] = result
        return result

    def within(self, spec: MatchSpec, start: int, end: int) -> Iterator[Hit]:
        """The matches of a spec that lie within [start, end), in order (found by bisection)."""
        _, hits, starts = self._lookup(spec)
        for index in range(bisect.bisect_left(starts, start), len(hits)):
            hit = hits[index]
            if hit.start >= end:
                break
            if hit.end <= end:
                yield hit

    def enclosing(self, spec: MatchSpec, hit: Hit) -> Hit | None:
        """A match of ``spec`` that contains ``hit`` (and is longer than it), if any."""
        _, hits, starts = self._lookup(spec)
        # Matches are sorted by start and do not nest, so only those starting shortly before can contain it.
        index = bisect.bisect_right(starts, hit.start) - 1
        while index >= 0 and hit.start - hits[index].start <= ENCLOSING_REACH:
            outer = hits[index]
            if outer.start <= hit.start and hit.end <= outer.end and (outer.start, outer.end) != (hit.start, hit.end):
                return outer
            index -= 1
        return None

    def any_in(self, spec: MatchSpec, start: int, end: int) -> Hit | None:
        """The first match of a spec that lies within [start, end), if any."""
        return next(self.within(spec, start, end), None)

    def describe(self, hit: Hit) -> str:
        """A readable name for the pattern behind a hit."""
        source = hit.key if not hit.key.startswith("set:") else f"pattern set {hit.key[4:]}"
        return f"{self.patterns.labels.get(hit.label, hit.label)} ({source})"
