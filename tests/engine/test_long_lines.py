"""Bills on one very long line (pasted from a PDF) cost what their size costs, whatever the line structure.

Time is measured by benchmarks/long_lines.py; these tests pin the two steps that were quadratic: the work
done per finding on the finding's line, and sentences that never end.
"""

from __future__ import annotations

from conftest import FIXTURES, english

from lexcheck.document import Document
from lexcheck.nlp import MAX_SENTENCE_TOKENS, load_pipeline
from lexcheck.structure import build_statute


class CountingText(str):
    """A bill's text that counts how many characters are copied out of it by slicing."""

    copied = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        part = str.__getitem__(self, key)
        CountingText.copied += len(part)
        return part


def test_findings_on_one_long_line_read_only_the_words_around_them(analyzer) -> None:
    one_line = " ".join((FIXTURES / "smuggling_bill.txt").read_text(encoding="utf-8").split("\n"))
    text = CountingText(" ".join([one_line] * 100))  # 46 KB on a single line
    statute = build_statute(Document("one-line.txt", text), analyzer.lexicon)
    CountingText.copied = 0
    findings = analyzer.analyse(statute, explain=False).findings
    assert len(findings) >= 100
    # Quoting each finding's whole line copied the text 160 times over; a window around each is a few KB.
    assert CountingText.copied < 30 * len(text)
    for finding in findings:
        assert len(finding.excerpt) <= 245
        assert finding.start_line == 1 and finding.start_column == finding.start_char + 1


def test_a_sentence_that_never_ends_is_cut() -> None:
    nlp = load_pipeline(None, tuple(english().pipeline.abbreviations))
    doc = nlp("“a " * 3000 + "end.")
    lengths = [len(sentence) for sentence in doc.sents]
    assert max(lengths) <= MAX_SENTENCE_TOKENS
    assert sum(lengths) == len(doc)


def test_real_sentences_are_far_below_the_cut() -> None:
    nlp = load_pipeline(None, tuple(english().pipeline.abbreviations))
    text = (FIXTURES / "trafficking_bill.md").read_text(encoding="utf-8")
    assert max(len(sentence) for sentence in nlp(text).sents) < MAX_SENTENCE_TOKENS // 4
