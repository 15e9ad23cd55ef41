"""Where a match sits: its sentence, its clause, its provision; and whether it is negated, excepted or quoted.

These checks apply to every rule (each rule may switch them off), so they live here once rather than
in patterns repeated across rule files. Their cues are the lexicon's (section ``context``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from lexcheck.engine.term_search import find_term_uses
from lexcheck.language import Lexicon
from lexcheck.language.model import ContextWords
from lexcheck.structure import Definition, Provision, Statute

# The head of a definition ends at its first qualification (the lexicon's definitions.head_end); it is never
# longer than this.
HEAD_LIMIT = 80


def _prohibits_conduct(cues: ContextWords, subject: str, after: str) -> bool:
    """True for "No person shall recruit …" / "A person shall not transport …": the offender's conduct."""
    return bool(cues.generic_subject.search(subject.strip())) and not cues.passive_or_state.match(after)


SENTENCE_SPLIT = re.compile(r";|:(?=\s*\n)|—(?=\s*\n)")


# How much of a provision referred to stands in for the reference: its first sentence, at most this long.
REFERRED_LIMIT = 400
# How many links a chain of references is followed ("under subsection 117(2)", which punishes a breach of
# subsection (1)).
REFERENCE_DEPTH = 2


# How a lead-in ends where its list follows: "if—", "shall not apply:", "the following -".
_LEAD_IN_ENDS = ("—", "–", ":", "-", ",")
# How far before a match "without" may stand to make the negation before it a requirement of the match.
DOUBLE_NEGATION_REACH = 24
# A letter or digit: words between a clause and the end of its provision's own text.
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Span:
    """A half-open range of character offsets."""

    start: int
    end: int


class TextContext:
    """Sentences, clauses, provisions and quoted titles of one statute, for locating matches."""

    def __init__(self, statute: Statute, sentences: list[tuple[int, int]], lexicon: Lexicon):
        self.statute = statute
        self.text = statute.text
        self.lexicon = lexicon
        self.cues = cues = lexicon.context
        self.sentences = sorted(sentences)
        self._sentence_starts = [start for start, _ in self.sentences]
        self._item_starts = sorted(p.start for p in statute.provisions if p.kind == "subdivision")
        self.titles = [Span(m.start(), m.end()) for m in cues.instrument_title.finditer(self.text)]
        self.titles += [Span(m.start(), m.end()) for m in cues.quoted_title.finditer(self.text)]
        self.titles += [Span(m.start(), m.end()) for m in cues.reference_title.finditer(self.text)]
        self.titles.sort(key=lambda span: span.start)
        self._title_starts = [span.start for span in self.titles]
        self._uses: dict[str, list[int]] = {}
        self._definitions = sorted(statute.definitions, key=lambda d: d.start)
        self._definition_starts = [d.start for d in self._definitions]
        self._removed_starts = [start for start, _ in statute.removed]
        self._instruction_starts = [start for start, _ in statute.instructions]
        self._reference_starts = [start for start, _, _ in statute.references]

    # -- definitions -------------------------------------------------------------------------
    def definition_at(self, start: int, end: int) -> Definition | None:
        """The definition whose words contain a match, if any."""
        index = bisect.bisect_right(self._definition_starts, start) - 1
        # Definitions do not nest, but a long one may end before a short one that starts inside it.
        while index >= 0:
            definition = self._definitions[index]
            if definition.start <= start and end <= definition.end:
                return definition
            if start - definition.start > 5000:
                break
            index -= 1
        return None

    def definition_head(self, definition: Definition) -> tuple[int, int]:
        """The head of a definition: its words up to the first qualification (a comma, "who", "which" …)."""
        start = self.text.find(definition.text[:40], definition.start)
        if start == -1:
            return definition.start, definition.start
        match = self.lexicon.definitions.head_end.search(self.text, start, min(definition.end, start + HEAD_LIMIT))
        return start, match.start() if match else min(definition.end, start + HEAD_LIMIT)

    def names_person(self, definition: Definition) -> bool:
        """Whether a defined term names a person ("victim" means a person who …) rather than conduct."""
        start, end = self.definition_head(definition)
        return self.lexicon.definitions.person_head.match(self.text, start, end) is not None

    def names_body(self, definition: Definition) -> bool:
        """Whether a defined term names a body ("Tribunal" means the Anti-Human Trafficking Tribunal)."""
        start, end = self.definition_head(definition)
        return self.lexicon.definitions.body_head.match(self.text, start, end) is not None

    def term_uses(self, definition: Definition) -> list[int]:
        """Where a defined term is used outside its own definition (offsets of each use)."""
        if not self._uses:
            # Every term of the statute in one pass over the text: most are looked up sooner or later.
            self._find_uses([d.term for d in self._definitions])
        if definition.term not in self._uses:
            self._find_uses([definition.term])
        return self._uses[definition.term]

    def _find_uses(self, terms: list[str]) -> None:
        for term, spans in find_term_uses(self.text, terms).items():
            uses = []
            for start, end in spans:
                inside = self.definition_at(start, end)
                if inside is None or inside.term != term:
                    uses.append(start)
            self._uses[term] = uses

    # -- units -------------------------------------------------------------------------------
    def sentences_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences that begin within ``[start, end)``, clipped to it."""
        first = bisect.bisect_left(self._sentence_starts, start)
        last = bisect.bisect_left(self._sentence_starts, end)
        return [(max(s, start), min(e, end)) for s, e in self.sentences[first:last]]

    def sentence(self, offset: int) -> Span:
        """The sentence containing an offset."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index < 0:
            return Span(0, len(self.text))
        start, end = self.sentences[index]
        return Span(start, max(end, offset))

    def clause(self, offset: int) -> Span:
        """The clause containing an offset: its sentence cut at semicolons, lead-ins and list items."""
        sentence = self.sentence(offset)
        start, end = sentence.start, sentence.end
        for match in SENTENCE_SPLIT.finditer(self.text, sentence.start, sentence.end):
            if match.end() <= offset:
                start = match.end()
            elif match.start() >= offset:
                end = min(end, match.start())
                break
        index = bisect.bisect_right(self._item_starts, offset) - 1
        if index >= 0 and self._item_starts[index] > start:
            start = self._item_starts[index]
        following = bisect.bisect_right(self._item_starts, offset)
        if following < len(self._item_starts) and self._item_starts[following] < end:
            end = self._item_starts[following]
        return Span(start, end)

    def clauses(self) -> list[Span]:
        """Every clause of the statute, in order."""
        spans = []
        for start, end in self.sentences:
            offset = start
            while offset < end:
                clause = self.clause(offset)
                spans.append(Span(max(clause.start, offset), clause.end))
                offset = max(clause.end, offset + 1)
                while offset < end and self.text[offset] in " \t\n;:—":
                    offset += 1
        return spans

    def lead_in(self, offset: int) -> Span | None:
        """The words introducing the list item an offset is in ("No person shall—"), if it is in one."""
        sentence = self.sentence(offset)
        index = bisect.bisect_right(self._item_starts, sentence.start)
        if index < len(self._item_starts) and self._item_starts[index] <= offset:
            return Span(sentence.start, self._item_starts[index])
        return self._parent_lead_in(offset)

    def _parent_lead_in(self, offset: int) -> Span | None:
        """The own words of the provision whose list holds an offset, where they run on into the list.

        Items ending in ";" are sentences of their own, so the words that introduce them ("The victims
        have the right to:") are found from the structure instead. Words that end a sentence of their own
        are no lead-in.
        """
        node = self.statute.provision_at(offset)
        parent = node.parent
        if node.kind != "subdivision" or parent is None or parent.kind == "document" or parent.is_container:
            return None
        first = parent.children[0].start if parent.children else parent.end
        words = self.text[parent.body_start : first].rstrip()
        if not words or words.endswith((".", ";")) or parent.body_start >= offset:
            return None
        end = parent.body_start + len(words)
        # Only the sentence that runs into the list introduces it.
        return Span(max(parent.body_start, self.sentence(end - 1).start), end)

    def provision_spans(self, offset: int) -> list[Span]:
        """The provision containing an offset (with what is nested in it) and the own words of its parents."""
        node = self.statute.provision_at(offset)
        spans = [Span(node.start, node.end)]
        for parent in node.ancestors():
            if parent.kind in ("document",) or parent.is_container:
                break
            spans.append(Span(parent.start, parent.own_end))
        return spans

    def section_opening(self, offset: int) -> Span | None:
        """The first sentence of the first subsection of the section around ``offset``, when the section opens
        straight into "(1)" and ``offset`` lies in a later subsection.

        "(1) An immigration officer may detain a smuggled person" states the subject that "(3) A child …
        may be detained only with a parent" goes on to speak of.
        """
        node = self.statute.provision_at(offset)
        section = node.section()
        if section.kind != "section" or not section.children:
            return None
        first = section.children[0]
        # opening straight into "(1)": nothing but the line break after a heading before it
        if self.text[section.body_start : first.start].strip() or first.start <= offset < first.end:
            return None
        own_end = first.children[0].start if first.children else first.end
        return Span(first.start, min(own_end, self.sentence(first.body_start).end))

    def antecedent(self, offset: int) -> Span | None:
        """The sentence before the one around ``offset``, in the same section, when this one opens by speaking
        of what that one set up ("1. The court may order that a foreigner be placed in a guarded centre …
        2. The placement shall not exceed 60 days")."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index < 1:
            return None
        start, _ = self.sentences[index]
        node = self.statute.provision_at(start)
        words = node.body_start if node.start <= start < node.body_start else start
        while words < len(self.text) and self.text[words].isspace():
            words += 1
        if not self.cues.anaphoric_opening.match(self.text, words):
            return None
        for before_start, before_end in reversed(self.sentences[:index]):
            before = self.statute.provision_at(before_start)
            if before.section() is not node.section():
                return None
            if before_end > before.body_start:
                return Span(before_start, before_end)
            # a number alone ("2.") is not the sentence before
        return None

    def removed(self, start: int, end: int) -> bool:
        """True when words lie in text an amendment deletes or repeals (no longer law once it is made)."""
        index = bisect.bisect_right(self._removed_starts, start) - 1
        while index >= 0:
            low, high = self.statute.removed[index]
            if low <= start and end <= high:
                return True
            if start - low > 5000:
                break
            index -= 1
        return False

    def text_in_force(self, start: int, end: int) -> str:
        """The text of ``[start, end)`` with the words an amendment deletes blanked (offsets kept): what the
        clause says once the amendment is made ("by striking out “and to a minimum punishment of …”")."""
        text = self.text[start:end]
        low = bisect.bisect_left(self._removed_starts, start - 5000)
        for removed_start, removed_end in self.statute.removed[low:]:
            if removed_start >= end:
                break
            a, b = max(start, removed_start), min(end, removed_end)
            if a < b:
                text = text[: a - start] + " " * (b - a) + text[b - start :]
        return text

    def in_instruction(self, start: int) -> bool:
        """True when an offset lies on an amending instruction's line, outside the words it inserts."""
        index = bisect.bisect_right(self._instruction_starts, start) - 1
        if index < 0 or start >= self.statute.instructions[index][1]:
            return False
        line_start, _ = self.statute.instructions[index]
        # Quoted words on the line are what the instruction puts in or takes out, not the instruction.
        return self.text.count("“", line_start, start) <= self.text.count("”", line_start, start) and (
            self.text.count('"', line_start, start) % 2 == 0
        )

    def names_amended_provision(self, start: int) -> bool:
        """True for the title of a principal act's provision in an instruction: "Section 92 amended (Trafficking …)"."""
        if not self.statute.amending or not self.in_instruction(start):
            return False
        line_start = self.text.rfind("\n", 0, start) + 1
        return bool(self.cues.amended_title.search(self.text, line_start, start))

    def referred_spans(self, start: int, end: int, depth: int = REFERENCE_DEPTH) -> list[Span]:
        """What the provisions referred to in ``[start, end)`` say: their heading and first sentence.

        "A child accompanying a person detained under subsection (1)" means what subsection (1) says of
        that person; "a victim of an offence under section 3" takes its meaning from section 3. A first
        sentence that itself refers on ("A person who contravenes subsection (1) …") brings what it refers
        to, ``depth`` links deep.
        """
        low = bisect.bisect_left(self._reference_starts, start)
        high = bisect.bisect_left(self._reference_starts, end)
        spans: list[Span] = []
        for _, _, target in self.statute.references[low:high]:
            if target.heading and target.start < target.body_start:
                spans.append(Span(target.start, target.body_start))
            # A section that opens straight into "(1)" says what its first subsection says.
            while target.children and target.children[0].start <= target.body_start:
                target = target.children[0]
            own_end = target.children[0].start if target.children else target.end
            if target.body_start < own_end:
                first = self.sentence(target.body_start)
                span = Span(target.body_start, min(own_end, first.end, target.body_start + REFERRED_LIMIT))
                spans.append(span)
                if depth > 1:
                    spans += self.referred_spans(span.start, span.end, depth - 1)
        return spans

    def offences_referred(self, start: int, end: int) -> list[Span]:
        """The provisions that ``[start, end)`` names as offences ("an offence under section 6"), whole: what
        they require is part of the offence that refers to them."""
        low = bisect.bisect_left(self._reference_starts, start)
        high = bisect.bisect_left(self._reference_starts, end)
        named = self.lexicon.references.offence_named
        return [
            Span(target.start, target.end)
            for ref_start, _, target in self.statute.references[low:high]
            if named.search(self.text, max(start, ref_start - 30), ref_start)
        ]

    def referring_spans(self, offset: int) -> list[Span]:
        """The provisions that make a breach of the provision at ``offset`` an offence ("contravenes (1)")."""
        return self._linked_spans(offset, self.statute.referrers)

    def _linked_spans(self, offset: int, links: dict[Provision, list[Provision]]) -> list[Span]:
        """The provisions ``links`` gives for the provision at ``offset`` or for one enclosing it."""
        node: Provision | None = self.statute.provision_at(offset)
        spans = []
        while node is not None and node.kind != "document" and not node.is_container:
            spans += [Span(p.start, p.end) for p in links.get(node, [])]
            node = node.parent
        return spans

    def exception_spans(self, offset: int) -> list[Span]:
        """The provisions that take conduct out of the provision at ``offset`` (or out of one enclosing it)."""
        return self._linked_spans(offset, self.statute.exceptions)

    def unit_spans(self, unit: str, offset: int, items: bool = True) -> list[Span]:
        """The text ranges making up a unit ("clause", "sentence" or "provision") around an offset.

        ``items``: a clause that opens a list takes in the list's items.
        """
        if unit == "clause":
            # a lead-in is read with its items ("A person shall not facilitate— (a) the entry … not in
            # accordance with the Immigration Act; or (b) …"), as an item is read with its lead-in
            clause = self.clause(offset)
            lead = self.lead_in(offset)
            spans = [clause] + ([lead] if lead else [])
            if lead is not None:
                # "commits an offence if: (a) … facilitates the entry of another person; and (b) the entry does
                # not comply with …": conditions joined by "and" are one offence, read together
                spans += self._conjoined_siblings(offset)
            listed = self.list_items(offset) if items else []
            # only the clause that opens the list: not a definition earlier in a definitions section's words
            if listed and _WORD.search(self.text, clause.end, self.statute.provision_at(offset).own_end) is None:
                spans += listed
            return spans
        if unit == "sentence":
            sentence = self.sentence(offset)
            lead = self.lead_in(offset)
            return [sentence] + ([lead] if lead and lead.end <= sentence.start else []) + self.list_items(offset)
        return self.provision_spans(offset)

    def _conjoined_siblings(self, offset: int) -> list[Span]:
        """The other items of the list an offset's item belongs to, when the items are joined by "and" (each
        but the last ends so) and none by "or"."""
        node = self.statute.provision_at(offset)
        if node.kind != "subdivision" or node.parent is None:
            return []
        items = [c for c in node.parent.children if c.kind == "subdivision"]
        if len(items) < 2:
            return []
        conjunctive = self.lexicon.parser.conjunctive_joiners
        for item in items[:-1]:
            words = self.text[item.body_start : item.own_end].split()
            if not words or words[-1].lower().strip(",;") not in conjunctive:
                return []
        return [Span(c.start, c.end) for c in items if c is not node]

    def list_items(self, offset: int) -> list[Span]:
        """The items of the list an offset introduces, when it lies in a lead-in ("Subsection (1) shall not
        apply— (a) to anything done otherwise than for gain, or (b) …"): a lead-in is read with its items."""
        node = self.statute.provision_at(offset)
        if not node.children or node.is_container or not node.body_start <= offset < node.own_end:
            return []
        if not self.text[node.body_start : node.own_end].rstrip().endswith(_LEAD_IN_ENDS):
            return []
        return [Span(child.start, child.end) for child in node.children if child.kind == "subdivision"]

    # -- engine-level exceptions -------------------------------------------------------------
    def negated(self, start: int, end: int, offence: bool = False) -> str | None:
        """The negation cue governing a match ("shall not", "No … shall", "is prohibited"), if any.

        A cue governs a match when it comes before it in its clause (or in the lead-in of its list) with no
        new verb phrase or condition in between ("may refuse … or may detain", "… where the offence is not
        punishable"), or when it is a predicate that follows it ("the detention of children is prohibited").
        With ``offence`` (a match looked for as the conduct of an offence), a prohibition addressed to anyone
        ("No person shall recruit …") is the offence itself, not a negation; for other matches it protects
        ("No person shall publish the name of a victim").
        """
        cues = self.cues
        clause = self.clause(start)
        regions = [clause]
        lead = self.lead_in(start)
        if lead is not None:
            regions.append(lead)
        for region in regions:
            # In a lead-in, the words between the cue and the item are the rest of the lead-in.
            reach = start if region is clause else region.end
            opening = self._no_opening(region, start)
            if (
                opening
                and not (start <= opening.start("no") < end)
                and not self._excepted_after(clause, start, 0)
                and not (
                    offence
                    and _prohibits_conduct(cues, opening.group("subject"), self.text[opening.end() : opening.end() + 30])
                )
                # The match is in the negated subject ("No sentence of death … shall"), or follows the modal
                # with no new verb phrase or condition in between.
                and (opening.end() > reach or not self._boundary_before(opening.end(), reach, end))
            ):
                # "No person who was under the age of 18 when … may be sentenced": however long the subject
                return " ".join(f"{cues.no_cue} {opening.group('modal')}".split())
            for match in cues.negation.finditer(self.text, region.start, region.end):
                if start <= match.start() < end:
                    continue  # the cue is part of the matched words themselves
                if match.group(0).lower().startswith(cues.negator) and cues.relative_before.search(
                    self.text[max(region.start, match.start() - 12) : match.start()]
                ):
                    continue  # "a person who is not a citizen": a description, not a negation
                if (
                    region is clause
                    and (exception := cues.exception.search(self.text, clause.start, end))
                    and exception.start() <= start
                    and match.start() < exception.start()
                ):
                    # "No child shall be detained except …": the match is in the exception, or opens with it
                    # ("The duty does not apply … unless— (a) the person is cooperating")
                    continue
                if match.start() >= end:
                    # After the match only a predicate negates it, and only within the same clause.
                    if region is not clause or not cues.predicate_negation.match(match.group(0)):
                        continue
                    if cues.boundary.search(self.text, end, match.start()):
                        continue
                elif self._boundary_before(match.end(), reach, end):
                    continue
                elif self._in_closed_condition(region.start, match, start):
                    # "may, as a last resort when no alternative is sufficient, be held": the negation is the
                    # condition's, and the condition closes before the match
                    continue
                elif cues.double_negation.search(self.text, max(match.end(), start - DOUBLE_NEGATION_REACH), start):
                    # "shall not be issued without the written consent of her husband" requires the consent (but
                    # "shall not, without the victim's consent, be disclosed" still bars the disclosure)
                    continue
                if offence and self._prohibition(region, match):
                    continue
                return " ".join(match.group(0).split())
        return None

    def _in_closed_condition(self, region_start: int, cue: re.Match[str], start: int) -> bool:
        """Whether a negation cue lies inside a condition ("when no alternative … is sufficient") that a comma
        closes before the match."""
        before = self.text[max(region_start, cue.start() - 120) : cue.start()]
        opening = next(reversed(list(self.cues.condition_opening.finditer(before))), None)
        if opening is None or re.search(r"[,;]", before[opening.end() :]):
            return False
        return "," in self.text[cue.end() : start]

    def _boundary_before(self, start: int, reach: int, end: int) -> bool:
        """Whether a new verb phrase or condition begins between ``start`` and ``reach``; it may run on into the
        matched words ("shall not absent himself …, and shall remain in the shelter": "and shall" opens the
        match's own clause)."""
        return any(m.start() < reach for m in self.cues.boundary.finditer(self.text, start, max(reach, end)))

    def _no_opening(self, region: Span, start: int) -> re.Match[str] | None:
        """A "No … shall" opening of ``region``, or of the clause a conjunction opens in it before ``start``
        ("…, and no name or image may be published"): the nearest one before the match."""
        cues = self.cues
        opening = cues.no_opening.match(self.text, region.start, region.end)
        for joint in cues.coordinated_opening.finditer(self.text, region.start, start):
            opening = cues.no_opening.match(self.text, joint.end(), region.end) or opening
        return opening

    def _prohibition(self, region: Span, cue: re.Match[str]) -> bool:
        """Whether a negation cue forbids anyone's own conduct ("No person shall …", "A person shall not …")."""
        after = self.text[cue.end() : cue.end() + 30]
        words = cue.group(0)
        no_word = self.cues.no_word + " "
        if words.lower().startswith(no_word):
            return _prohibits_conduct(self.cues, words[len(no_word) :].rsplit(None, 1)[0], after)
        return _prohibits_conduct(self.cues, self.text[region.start : cue.start()], after)

    def _excepted_after(self, clause: Span, start: int, negation_at: int) -> bool:
        exception = self.cues.exception.search(self.text, clause.start, start)
        return exception is not None and negation_at < exception.start()

    def disapplied(self, end: int) -> str | None:
        """The words after a match, in its clause, that switch it off ("… does not apply to that detention")."""
        clause = self.clause(end - 1)
        cue = self.cues.disapplied.search(self.text, end, clause.end)
        # Not across a new verb phrase or condition: "… before a Judge, and section 12 does not apply to …"
        if cue is None or self.cues.boundary.search(self.text, end, cue.start()):
            return None
        return " ".join(cue.group(0).split())

    def excepted(self, start: int) -> str | None:
        """The exception cue ("except", "other than") that a match follows in its clause, if any.

        A parenthetical exception (", other than a child,") ends at its closing comma: "a person, other than
        a child, may be detained" still confers a power to detain.
        """
        clause = self.clause(start)
        cues = list(self.cues.exception.finditer(self.text, clause.start, start))
        if not cues:
            return None
        cue = cues[-1]
        if self.text[max(clause.start, cue.start() - 2) : cue.start()].strip() == ",":
            closing = self.text.find(",", cue.end(), start)
            if closing != -1:
                return None
        return " ".join(cue.group(0).split())

    def in_heading(self, start: int, end: int) -> bool:
        """True when words lie in the heading of a provision (between its number and its first words)."""
        return self.headed(start, end) is not None

    def headed(self, start: int, end: int) -> Provision | None:
        """The provision in whose heading words lie (between its number and its first words), if any."""
        node: Provision | None = self.statute.provision_at(start)
        while node is not None and node.kind != "document":
            if node.heading and node.start <= start and end <= node.body_start:
                return node
            node = node.parent
        return None

    def in_title(self, start: int, end: int) -> bool:
        """True when a match lies inside an instrument's quoted title."""
        index = bisect.bisect_right(self._title_starts, start) - 1
        # Titles rarely nest; look back over the few that start before the match.
        while index >= 0 and start - self.titles[index].start < 1000:
            if end <= self.titles[index].end:
                return True
            index -= 1
        return False

    def provision(self, offset: int) -> Provision:
        """The most deeply nested provision at an offset."""
        return self.statute.provision_at(offset)
