"""The default pipeline: citation tokens, legal abbreviations in sentence splitting, case-insensitive lemmas."""

from __future__ import annotations

import pytest
from conftest import REPO, english

from lexcheck.nlp import DEFAULT_PIPELINE, load_pipeline, parse, pipeline_name

# The English abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = tuple(english().pipeline.abbreviations)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(None, ABBREVIATIONS)


@pytest.mark.parametrize("reference", ["3(1)(a)", "1324(a)(1)(A)(ii)", "279.01(1)", "(v)(II)", "4A(2)"])
def test_provision_references_stay_one_token(nlp, reference: str) -> None:
    tokens = [t.text for t in nlp(f"An offence under section {reference} is serious.")]
    assert reference in tokens
    assert tokens[-1] == "."


def test_sentence_end_still_splits_after_reference(nlp) -> None:
    doc = nlp("He breached section 3(1)(a). The court convicted him.")
    assert [s.text for s in doc.sents] == ["He breached section 3(1)(a).", "The court convicted him."]


@pytest.mark.parametrize(
    "sentence",
    [
        "As provided in s. 3 the person is liable to imprisonment.",
        "Under art. 5 the person is liable to imprisonment.",
        "Act No. 14 of 2020 applies to the offence.",
        "The offence under 8 U.S.C. 1324 carries a fine.",
        "See para. 4 of the Schedule for the form.",
        "The Penal Code, Cap. 12 of the Laws, is amended.",
    ],
)
def test_no_sentence_split_after_legal_abbreviations(nlp, sentence: str) -> None:
    assert [s.text for s in nlp(sentence).sents] == [sentence]


def test_ordinary_full_stops_and_blank_lines_split(nlp) -> None:
    doc = nlp("First sentence. Second sentence\n\nThird sentence")
    assert [s.text.strip() for s in doc.sents] == ["First sentence.", "Second sentence", "Third sentence"]


def test_forced_boundaries_split_headings(nlp) -> None:
    doc = parse(nlp, "Smuggling of migrants A person who smuggles commits an offence.", {len("Smuggling of migrants ")})
    assert [s.text.strip() for s in doc.sents] == ["Smuggling of migrants", "A person who smuggles commits an offence."]


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("Trafficked", "traffic"), ("PUNISHED", "punish"), ("punished", "punish"), ("Victims", "victim"),
     ("WOMEN", "woman"), ("are", "be")],
)
def test_lemmas_are_case_insensitive(nlp, word: str, lemma: str) -> None:
    assert nlp(word)[0].lemma_ == lemma


def test_default_pipeline_name(nlp) -> None:
    assert pipeline_name(nlp) == DEFAULT_PIPELINE == "blank:en"
    assert pipeline_name(load_pipeline("blank:en", ABBREVIATIONS)) == "blank:en"


def test_missing_pipeline_is_lx201() -> None:
    from lexcheck.errors import LexcheckError

    with pytest.raises(LexcheckError) as info:
        load_pipeline("xx_no_such_pipeline_lexcheck", ABBREVIATIONS)
    assert info.value.code == "LX201"


def test_an_installed_pipeline_can_be_selected_and_is_named_in_the_report(tmp_path) -> None:
    """--model takes any spaCy pipeline spaCy can load (a package name or a path); rules keep working."""
    import spacy
    from typer.testing import CliRunner

    from lexcheck.cli import app

    trained = spacy.blank("en")
    trained.meta["name"] = "legal_test"
    trained.meta["version"] = "1.2.3"
    trained.to_disk(tmp_path / "model")
    bill = tmp_path / "bill.txt"
    bill.write_text("5. Any person who traffics a child shall be punished with death.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(bill), "--model", str(tmp_path / "model"), "-f", "json",
                                      "--select", "DEATH-PENALTY"])
    assert result.exit_code == 1, result.output
    import json

    report = json.loads(result.stdout)
    assert report["tool"]["pipeline"] == "en_legal_test 1.2.3"
    assert [f["rule"] for f in report["findings"]] == ["death-penalty"]


def test_default_tokenizer_is_the_language_tokenizer_customised() -> None:
    """The default pipeline builds its tokenizer in one go; it splits text as the customised blank one does."""
    import spacy

    from lexcheck.nlp import _customise_tokenizer

    customised = spacy.blank("en")
    _customise_tokenizer(customised, ABBREVIATIONS)
    ours = load_pipeline(None, ABBREVIATIONS)
    bills = sorted((REPO / "corpora" / "texts").glob("*.txt")) + sorted((REPO / "corpora" / "drafting" / "texts").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in bills]
    texts.append("Restriction.—No person under s. 3(1)(a), e.g. Mr. X's “child” (U.S.C. 1324(a)(1)(A)(ii)); can't—won't.")
    for text in texts:
        assert [(t.text, t.idx) for t in ours.make_doc(text)] == [(t.text, t.idx) for t in customised.make_doc(text)]


def _sentence_starts_token_by_token(doc, boundaries: set[int]) -> list[int]:
    """The sentence splitter as first written, over Token objects: the reference for the array version."""
    from lexcheck.nlp import _CLOSERS, _SENTENCE_END, MAX_SENTENCE_TOKENS

    tokens = list(doc)
    starts = [0] if tokens else []
    previous_end, length = False, 1
    for index in range(1, len(tokens)):
        token, prev = tokens[index], tokens[index - 1]
        length += 1
        start = previous_end or token.idx in boundaries
        if prev.is_space and "\n\n" in prev.text:
            lead_in = index >= 2 and tokens[index - 2].is_alpha and token.text.startswith("(")
            start = start or not lead_in
        if token.is_space or (token.text in _CLOSERS and previous_end):
            continue
        if start or length > MAX_SENTENCE_TOKENS:
            starts.append(index)
            length = 1
        previous_end = token.text in _SENTENCE_END
    return starts


def test_sentences_and_lemmas_read_from_arrays_are_those_of_tokens(nlp) -> None:
    from lexcheck.nlp import _lemma_table

    bills = sorted((REPO / "corpora" / "texts").glob("*.txt")) + sorted((REPO / "tests" / "fixtures").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in bills]
    texts += ["(a) x.\n\n(b) “y.” Z!\n\nAny person who\n\n(i) knows; ‘q’ ) ] 1. 2.", " ".join(["word"] * 2500), "", "."]
    table = _lemma_table()
    for text in texts:
        boundaries = {match for match in range(0, len(text), 97)}
        doc = parse(nlp, text, boundaries)
        assert [s.start for s in doc.sents] == _sentence_starts_token_by_token(doc, boundaries)
        assert [t.lemma_ for t in doc] == [table.get(t.lower_) or t.lower_ for t in doc]


def test_phrase_docs_have_the_lemmas_of_the_whole_pipeline(nlp) -> None:
    from lexcheck.nlp import phrase_doc

    for phrase in ["trafficked persons", "PUNISHED by Death", "s. 3(1)(a) of the Act", "victims’ rights—"]:
        assert [(t.text, t.lemma_) for t in phrase_doc(nlp, phrase)] == [(t.text, t.lemma_) for t in nlp(phrase)]


def test_a_typed_double_hyphen_after_a_run_in_heading_is_a_token_of_its_own(nlp) -> None:
    # "(6) CONFIDENTIALITY.--No officer": "No" must be a word of its own for the prohibition to be read
    words = [t.text for t in nlp("(6) CONFIDENTIALITY.--No officer shall disclose the name.")]
    assert "No" in words and "--" in words
