"""The analysis of one statute: run the pipeline per provision, match every rule, judge the matches."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lexcheck.engine.context import TextContext
from lexcheck.engine.finding import Finding, Suppressed
from lexcheck.engine.judge import Judge
from lexcheck.engine.matching import MatchIndex, PatternIndex
from lexcheck.engine.penalties import read_penalty
from lexcheck.nlp import load_pipeline, pipeline_name
from lexcheck.rules.loader import RuleBook
from lexcheck.rules.model import Rule
from lexcheck.structure import Statute

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Pipeline chunks stay below this size so memory stays flat on very long bills.
MAX_CHUNK = 50_000


@dataclass
class Analysis:
    """What lexcheck found in one statute."""

    statute: Statute
    findings: list[Finding]
    suppressed: list[Suppressed] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)


def _chunks(statute: Statute) -> Iterator[tuple[int, int]]:
    """Cut the text at section starts (and long texts at blank lines) into pipeline-sized pieces."""
    text = statute.text
    cuts = sorted({0, len(text)} | {p.start for p in statute.provisions if p.kind == "section" or p.is_container})
    for start, end in itertools.pairwise(cuts):
        while end - start > MAX_CHUNK:
            cut = text.rfind("\n\n", start + 1, start + MAX_CHUNK)
            if cut <= start:
                cut = text.rfind("\n", start + 1, start + MAX_CHUNK)
            if cut <= start:
                cut = start + MAX_CHUNK
            yield start, cut
            start = cut
        if end > start:
            yield start, end


# A semicolon ending a line ends a sentence when the next line is not a list item: definitions
# ("“child” means …;") follow one another that way.
_SEMICOLON_LINE_END = re.compile(r";[ \t]*\n[ \t]*(?=[“\"‘'A-Z])")
# A single line break inside a paragraph is only a wrapped line: the pipeline sees a space instead, so that
# phrases match across it ("presumed to\nbe a child"). Blank lines are kept: they end sentences.
_WRAPPED_LINE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def _boundaries(statute: Statute) -> set[int]:
    """Offsets where a sentence must start: after headings, at sections and Parts, after line-final ';'."""
    marks: set[int] = {match.end() for match in _SEMICOLON_LINE_END.finditer(statute.text)}
    for node in statute.provisions:
        if node.kind == "section" or node.is_container:
            marks.add(node.start)
        if node.heading:
            marks.add(node.body_start)
            if node.start != node.body_start:
                marks.add(node.start)
    return marks


def _with_sources(statute: Statute, findings: list[Finding]) -> list[Finding]:
    """Findings with their place in the original file, for documents read from Word, PDF, HTML or XML."""
    document = statute.document
    if not document.sources:
        return findings
    return [finding.model_copy(update={"source": document.source_at(finding.start_char)}) for finding in findings]


class Analyzer:
    """Rules compiled for a pipeline, ready to analyse any number of statutes."""

    def __init__(self, rulebook: RuleBook, rules: Sequence[Rule] | None = None, model: str | None = None):
        self.rulebook = rulebook
        self.rules = list(rules if rules is not None else rulebook.rules)
        self.nlp = load_pipeline(model)
        self.pipeline = pipeline_name(self.nlp, model)
        self.patterns = PatternIndex(self.nlp, self.rules, rulebook.sets, rulebook.instruments)

    def analyse(self, statute: Statute, explain: bool = True) -> Analysis:
        """Find every concern the selected rules detect in a statute.

        With ``explain``, the analysis also lists the candidate matches that were not reported and why
        (a long bill has many; leave it off when nobody will read them).
        """
        text = statute.text
        boundaries = _boundaries(statute)
        pieces = list(_chunks(statute))
        sentences: list[tuple[int, int]] = []

        def parsed() -> Iterator[tuple[Doc, int]]:
            # Docs are matched as they come and then dropped, so memory stays flat on long bills.
            for (start, _end), doc in zip(
                pieces, self.nlp.pipe(self._texts(text, pieces, boundaries)), strict=True
            ):
                sentences.extend((start + s.start_char, start + s.end_char) for s in doc.sents)
                yield doc, start

        index = self.patterns.run(parsed())
        context = TextContext(statute, sentences)
        instruments = self.detect_instruments(context, index)
        penalties = [
            penalty
            for span in context.clauses()
            if (penalty := read_penalty(text[span.start : span.end], span.start)) is not None
        ]
        judge = Judge(statute.document.path, context, index, instruments, penalties, explain)
        for rule in self.rules:
            judge.apply(rule)
        findings = sorted(_with_sources(statute, judge.verdicts.findings), key=Finding.sort_key)
        suppressed = sorted(judge.verdicts.suppressed, key=lambda s: (s.start_char, s.rule, s.reason))
        return Analysis(statute, findings, suppressed, sorted(instruments))

    def _texts(self, text: str, pieces: list[tuple[int, int]], boundaries: set[int]) -> Iterator[Doc]:
        marks = sorted(boundaries)
        for start, end in pieces:
            doc = self.nlp.make_doc(_WRAPPED_LINE_BREAK.sub(" ", text[start:end]))
            low, high = bisect.bisect_right(marks, start), bisect.bisect_left(marks, end)
            doc.user_data["boundaries"] = {mark - start for mark in marks[low:high]}
            yield doc

    @staticmethod
    def _in_offence(context: TextContext, start: int, end: int) -> bool:
        """In an offence provision, or in a definition that an offence provision uses ("commits smuggling").

        A heading counts when the words directly under it create the offence ("Trafficking in persons" over
        "279.01 (1) Every person who recruits …"), not when an offence is mentioned deep inside a long
        section on something else.
        """
        node = context.provision(start)
        if node.heading and start < node.body_start:
            roles = set(node.roles) | (node.children[0].roles if node.children else set())
            if "offence" in roles:
                return True
        elif "offence" in node.context_roles():
            return True
        definition = context.definition_at(start, end)
        return definition is not None and any(
            "offence" in context.provision(use).context_roles() for use in context.term_uses(definition)
        )

    def detect_instruments(self, context: TextContext, index: MatchIndex) -> set[str]:
        """Which kinds of offence the law creates: trafficking, smuggling, both or neither.

        An instrument counts when its offence pattern occurs, un-negated and outside quoted titles, in a
        provision that creates or punishes an offence.
        """
        found: set[str] = set()
        for name, condition in self.rulebook.instruments.items():
            for hit in index.hits(condition.match):
                if (
                    not self._in_offence(context, hit.start, hit.end)
                    or context.in_title(hit.start, hit.end)
                    or context.negated(hit.start, hit.end)
                ):
                    continue
                spans = context.unit_spans(condition.unit, hit.start)
                if condition.with_ is not None and not any(
                    index.any_in(condition.with_, s.start, s.end) for s in spans
                ):
                    continue
                if condition.without is not None and any(
                    index.any_in(condition.without, s.start, s.end) for s in spans
                ):
                    continue
                found.add(name)
                break
        return found
