"""The analysis of one statute: run the pipeline per provision, match every rule, judge the matches."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lexcheck.engine.conditions import Conditions
from lexcheck.engine.context import Span, TextContext
from lexcheck.engine.emit import Emitter
from lexcheck.engine.instruments import detect_instruments
from lexcheck.engine.judgement import Judgement
from lexcheck.engine.kinds import judge_rule
from lexcheck.engine.matching import PatternIndex
from lexcheck.engine.placement import Placement, compact, compact_boundaries
from lexcheck.nlp import load_pipeline, parse, pipeline_name
from lexcheck.results import ConcernDecision, Finding, RuleDecision, Suppressed, decide_concern
from lexcheck.rules.loader import RuleBook
from lexcheck.rules.model import Rule
from lexcheck.structure import Statute
from lexcheck.structure.penalties import Penalty, read_listed_penalty, read_penalty

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
    decisions: list[ConcernDecision] = field(default_factory=list)


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
                # A bill pasted from a PDF may have no line breaks: cut after a sentence, or at least a word.
                cut = text.rfind(". ", start + 1, start + MAX_CHUNK) + 1
            if cut <= start:
                cut = text.rfind(" ", start + 1, start + MAX_CHUNK)
            if cut <= start:
                cut = start + MAX_CHUNK
            yield start, cut
            start = cut
        if end > start:
            yield start, end


# A semicolon ending a line ends a sentence when the next line is not a list item: definitions
# ("“child” means …;") follow one another that way.
_SEMICOLON_LINE_END = re.compile(r";[ \t]*\n[ \t]*(?=[“\"‘'A-Z])")


# What ends the text before a subdivision that opens a sentence of its own.
_SENTENCE_ENDS = (".", "]")


def _boundaries(statute: Statute) -> set[int]:
    """Offsets where a sentence must start: after headings, at sections and Parts, after line-final ';'."""
    marks: set[int] = {match.end() for match in _SEMICOLON_LINE_END.finditer(statute.text)}
    # Each row of a table is read on its own: a penalty schedule's rows are separate penalties.
    marks.update(start for start, _ in statute.table_rows)
    text = statute.text
    for node in statute.provisions:
        if node.kind == "section" or node.is_container:
            marks.add(node.start)
        elif node.kind == "subdivision" and text[max(0, node.start - 40) : node.start].rstrip().endswith(_SENTENCE_ENDS):
            # "… in private. [Act 25 of 2021 wef 01/04/2022] (2) No person may …": a subsection after a
            # finished sentence (or the editorial note after it) starts one, on the same line too
            marks.add(node.start)
        if node.heading:
            marks.add(node.body_start)
            if node.start != node.body_start:
                marks.add(node.start)
    return marks


def _clause_penalty(context: TextContext, span: Span) -> Penalty | None:
    """The penalty a clause states, read with its list's lead-in when it is an item that completes one."""
    text = context.text
    own = read_penalty(context.text_in_force(span.start, span.end), span.start, context.lexicon)
    if own is not None and own.custodial:
        return own
    lead = context.lead_in(span.start)
    if lead is None or lead.end > span.start:
        return own
    listed = read_listed_penalty(text[lead.start : lead.end], text[span.start : span.end], span.start, context.lexicon)
    return listed or own


class Analyzer:
    """Rules compiled for a pipeline, ready to analyse any number of statutes."""

    def __init__(self, rulebook: RuleBook, rules: Sequence[Rule] | None = None, model: str | None = None):
        self.rulebook = rulebook
        self.lexicon = rulebook.lexicon
        self.rules = list(rules if rules is not None else rulebook.rules)
        self.nlp = load_pipeline(model, tuple(self.lexicon.pipeline.abbreviations))
        self.pipeline = pipeline_name(self.nlp, model)
        self.patterns = PatternIndex(self.nlp, self.rules, rulebook.sets, self.lexicon, rulebook.instruments)

    def analyse(self, statute: Statute, explain: bool = True) -> Analysis:
        """Find every concern the selected rules detect in a statute, and decide each concern's status.

        With ``explain``, the analysis also lists the candidate matches that were not reported and why
        (a long bill has many; leave it off when nobody will read them).
        """
        pieces = list(_chunks(statute))
        # Docs are matched as they are parsed and then dropped, so memory stays flat on long bills.
        index, sentences = self.patterns.run(self._docs(statute, pieces))
        context = TextContext(statute, sentences, self.lexicon)
        emitter = Emitter(statute.document.path, context, explain)
        penalties = [
            penalty
            for span in context.clauses()
            if (penalty := _clause_penalty(context, span)) is not None
            and not context.removed(penalty.start, penalty.end)
        ]
        conditions = Conditions(context, index)
        instruments = detect_instruments(context, index, conditions, self.rulebook.instruments)
        judgement = Judgement.of(context, index, conditions, instruments, penalties, emitter)
        decisions = [judge_rule(rule, judgement) for rule in self.rules]
        findings = sorted(emitter.findings, key=Finding.sort_key)
        suppressed = sorted(emitter.suppressed, key=lambda s: (s.start_char, s.rule, s.reason))
        return Analysis(statute, findings, suppressed, sorted(instruments), self._matrix(decisions))

    def _docs(self, statute: Statute, pieces: list[tuple[int, int]]) -> Iterator[tuple[Doc, Placement]]:
        marks = sorted(_boundaries(statute))
        for start, end in pieces:
            low, high = bisect.bisect_right(marks, start), bisect.bisect_left(marks, end)
            text, placement = compact(statute.text[start:end], start)
            yield parse(self.nlp, text, compact_boundaries(placement, marks[low:high])), placement

    def _matrix(self, decisions: list[RuleDecision]) -> list[ConcernDecision]:
        """One row per catalogue concern: the combined decision of the rules that ran for it."""
        by_concern: dict[str, list[RuleDecision]] = defaultdict(list)
        concern_of = {rule.id: rule.concern for rule in self.rules}
        for decision in decisions:
            by_concern[concern_of[decision.rule]].append(decision)
        return [decide_concern(c.id, c.title, by_concern.get(c.id, [])) for c in self.rulebook.catalogue.concerns]
