"""Token patterns run only where their required words are, and find there all they found everywhere."""

from __future__ import annotations

from conftest import english

from lexcheck.engine.candidates import CandidateIndex, Need, pattern_needs
from lexcheck.engine.matching import loosen_ranges
from lexcheck.nlp import load_pipeline, parse


def test_required_tokens_give_needs_and_optional_ones_do_not() -> None:
    pattern = [
        {"LEMMA": {"IN": ["allow", "permit"]}},
        {"OP": "{0,3}"},
        {"LOWER": "to", "OP": "?"},
        {"lower": "be"},
        {"ORTH": "Smuggled", "OP": "+"},
        {"LOWER": {"IN": ["by", "with"]}, "OP": "{1,2}"},
        {"LOWER": "not", "OP": "!"},
        {"LOWER": {"REGEX": "^x"}},
        {"TEXT": {"IN": ["Boat", "SHIP"]}, "OP": "{2}"},
        {"IS_PUNCT": True},
    ]
    assert pattern_needs(pattern) == [
        Need("lemma", frozenset({"allow", "permit"})),
        Need("lower", frozenset({"be"})),
        Need("lower", frozenset({"smuggled"})),
        Need("lower", frozenset({"by", "with"})),
        Need("lower", frozenset({"boat", "ship"})),
    ]


def test_a_group_runs_where_its_trigger_and_one_patterns_needs_hold() -> None:
    ids = {word: number for number, word in enumerate(["a", "b", "c", "d", "e"])}
    index = CandidateIndex(lambda word: ids[word])
    group = index.add_group(Need("either", frozenset({"a"})))
    index.add_pattern(group, [Need("lower", frozenset({"a"})), Need("lemma", frozenset({"b"}))])
    index.add_pattern(group, [Need("lower", frozenset({"a"})), Need("lower", frozenset({"c", "d"}))])
    fuzzy = index.add_group(Need("lemma", frozenset({"e"})))
    # Sentences start at tokens 0, 3 and 6: "a x b" (b only a lower form), "a b(lemma) .", "d a e(lemma)".
    lowers = [ids["a"], 99, ids["b"], ids["a"], 99, 99, ids["d"], ids["a"], 99]
    lemmas = [ids["a"], 99, 99, ids["a"], ids["b"], 99, ids["d"], ids["a"], ids["e"]]
    assert index.sentences(lowers, lemmas, [(0, 3), (3, 6), (6, 9)]) == {group: [1, 2], fuzzy: [2]}


def test_matching_only_candidate_sentences_finds_what_every_sentence_finds() -> None:
    from spacy.matcher import Matcher

    nlp = load_pipeline(None, tuple(english().pipeline.abbreviations))
    patterns = [
        [{"LEMMA": {"IN": ["transport", "carry"]}}, {"OP": "{0,4}"}, {"LOWER": {"IN": ["person", "persons"]}}],
        [{"LOWER": "for"}, {"LOWER": "the", "OP": "?"}, {"LEMMA": "purpose"}, {"LOWER": "of"}],
    ]
    doc = parse(nlp, "He carried two persons across. For the purposes of gain. Transport of goods. A purpose of.")
    sentences = list(doc.sents)
    index = CandidateIndex(lambda word: int(nlp.vocab.strings[word]))
    everywhere, candidates = set(), set()
    for number, pattern in enumerate(patterns):
        matcher = Matcher(nlp.vocab)
        loosened, _ = loosen_ranges(pattern)
        matcher.add(str(number), [loosened])
        group = index.add_group(Need("either", frozenset({"transport", "carry", "for"})))
        index.add_pattern(group, pattern_needs(loosened))
        everywhere |= {(number, s.start + a, s.start + b) for s in sentences for _, a, b in matcher(s)}
    words = doc.to_array(["LOWER", "LEMMA"])
    chosen = index.sentences(words[:, 0].tolist(), words[:, 1].tolist(), [(s.start, s.end) for s in sentences])
    assert chosen == {0: [0], 1: [1]}
    for group, indices in chosen.items():
        matcher = Matcher(nlp.vocab)
        matcher.add(str(group), [loosen_ranges(patterns[group])[0]])
        candidates |= {(group, sentences[i].start + a, sentences[i].start + b) for i in indices for _, a, b in matcher(sentences[i])}
    assert candidates == everywhere and len(everywhere) == 2


def test_reach_around_the_first_required_word() -> None:
    from lexcheck.engine.candidates import Reach, pattern_reach

    ids = {"allow": 1, "permit": 2, "be": 3, "by": 4}

    def reach(pattern, longest):
        return pattern_reach(pattern, longest, ids.__getitem__)

    gap = [{"LEMMA": {"IN": ["allow", "permit"]}}, {"OP": "*"}, {"LOWER": "be"}]
    assert reach(gap, 6) == Reach("lemma", frozenset({1, 2}), 0, 5)
    assert reach(gap, None) == Reach("lemma", frozenset({1, 2}), 0, None)
    optional_first = [{"LOWER": "by", "OP": "?"}, {"ORTH": "X"}, {"LOWER": "be", "OP": "+"}, {"LOWER": "by"}, {"OP": "{0,2}"}]
    assert reach(optional_first, None) == Reach("lower", frozenset({3}), 2, None)
    assert reach([{"LOWER": "be"}, {"LOWER": "by", "OP": "{1,3}"}], None) == Reach("lower", frozenset({3}), 0, 3)
    assert reach([{"IS_PUNCT": True}, {"ORTH": "X"}], None) is None


def test_windows_around_trigger_words_are_merged() -> None:
    from lexcheck.engine.candidates import Reach, windows

    lowers = [9, 1, 9, 9, 1, 9, 9, 9, 9, 1]
    assert windows([Reach("lower", frozenset({1}), 1, 1)], lowers, lowers, 0, 10) == [(0, 6), (8, 10)]
    assert windows([Reach("lower", frozenset({1}), None, 0)], lowers, lowers, 2, 9) == [(2, 5)]
    assert windows([Reach("lemma", frozenset({7}), 0, 0)], lowers, lowers, 0, 10) == []


def test_matching_in_windows_finds_what_matching_whole_sentences_finds(monkeypatch) -> None:
    """Every bundled token pattern, on the sample bills: the same matches with and without windows."""
    from conftest import REPO

    from lexcheck.document import read_document
    from lexcheck.engine import matching
    from lexcheck.engine.analyzer import Analyzer, _chunks
    from lexcheck.rules.loader import load_rulebook
    from lexcheck.structure import build_statute

    analyzer = Analyzer(load_rulebook())

    def matches(statute) -> dict[str, list[matching.Hit]]:
        pieces = list(_chunks(statute))
        docs = analyzer._docs(statute, pieces)
        return analyzer.patterns.run(docs)[0].by_key

    bills = sorted((REPO / "corpora" / "texts").glob("*.txt")) + sorted((REPO / "corpora" / "drafting" / "texts").glob("*.txt"))
    for path in bills:
        statute = build_statute(read_document(path), english())
        windowed = matches(statute)
        with monkeypatch.context() as patched:
            patched.setattr(matching, "windows", lambda reaches, lowers, lemmas, start, end, blank=None: [(start, end)])
            whole = matches(statute)
        assert windowed == whole, path.name


def test_a_lemma_written_in_dictionary_form_matches_whatever_lemma_the_pipeline_gives_it() -> None:
    # The lookup lemmatizer, without a tagger, gives "matter" the lemma "matt" and "premises" the lemma
    # "premise": a rule that writes the dictionary form must still find the word.
    from lexcheck.engine.matching import PatternIndex
    from lexcheck.rules.model import MatchSpec, PatternSet

    lexicon = english()
    nlp = load_pipeline(None, tuple(lexicon.pipeline.abbreviations))
    spec = MatchSpec(
        tokens=[[{"LOWER": "not"}, {"LEMMA": "matter"}], [{"LEMMA": {"IN": ["premises"]}}], [{"LEMMA": "cross"}]]
    )
    index = PatternIndex(nlp, [], {"probe": PatternSet(description="probe", match=spec)}, lexicon)
    text = "It does not matter whether the person agrees. The officer may enter the premises. He crosses it."
    found, _ = index.run([(parse(nlp, text), 0)])
    assert sorted(text[hit.start : hit.end] for hit in found.hits(spec)) == ["crosses", "not matter", "premises"]


def test_a_lemma_phrase_written_in_dictionary_form_matches_the_inflected_text() -> None:
    # The lookup lemmatizer gives the written "proceeding" the lemma "proceed", but the text's "proceedings" the
    # lemma "proceeding": the phrase matches the text through the words as written.
    from lexcheck.engine.matching import PatternIndex
    from lexcheck.rules.model import MatchSpec, PatternSet

    lexicon = english()
    nlp = load_pipeline(None, tuple(lexicon.pipeline.abbreviations))
    spec = MatchSpec(lemmas=["no criminal proceeding may be bring"])
    index = PatternIndex(nlp, [], {"probe": PatternSet(description="probe", match=spec)}, lexicon)
    text = "No criminal proceedings may be brought against a relative who gives help."
    found, _ = index.run([(parse(nlp, text), 0)])
    assert [text[hit.start : hit.end] for hit in found.hits(spec)] == ["No criminal proceedings may be brought"]


def test_a_run_of_constrained_tokens_keeps_the_pattern_bounded() -> None:
    # "child" IS_PUNCT* "means" {0,8} "under": a quote run is short, so the match stays short too
    pattern = [{"LEMMA": "child"}, {"IS_PUNCT": True, "OP": "*"}, {"LOWER": "means"}, {"OP": "{0,8}"}, {"LOWER": "under"}]
    assert loosen_ranges(pattern)[1] == 1 + 6 + 1 + 8 + 1
    # a bare wildcard leaves it open
    assert loosen_ranges([{"LOWER": "no"}, {"OP": "*"}, {"LOWER": "shall"}])[1] is None


def test_a_reach_counts_words_not_the_line_breaks_between_them() -> None:
    from lexcheck.engine.candidates import Reach, windows

    # tokens: 0 word, 1 "\n", 2 word, 3 "\n", 4 trigger, 5 "\n", 6 word, 7 word
    lowers = [9, 0, 9, 0, 1, 0, 9, 9]
    blank = [0, 1, 0, 1, 0, 1, 0, 0]
    reach = [Reach("lower", frozenset({1}), 2, 2)]
    assert windows(reach, lowers, lowers, 0, 8) == [(2, 7)]
    assert windows(reach, lowers, lowers, 0, 8, blank) == [(0, 8)]


def test_a_gap_in_hard_wrapped_text_counts_words_not_line_breaks(findings_for) -> None:
    # "return" … "to" may be twelve words apart; the line breaks of a wrapped column are no words
    text = (
        "Article (21)\nThe Ministry shall return\nsmuggled\nmigrants\nwho\nare\nnot\nnationals\nof\nthe\nState\nto their"
        " States of nationality immediately, without the need for any other procedure.\n"
    )
    assert findings_for(text, "SUMMARY-EXPULSION")
