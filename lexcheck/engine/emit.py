"""Building what the engine reports: excerpts, fingerprints, findings and suppressed candidates."""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections import Counter

from lexcheck.document import Document
from lexcheck.engine.context import TextContext
from lexcheck.engine.matching import Hit
from lexcheck.results import Evidence, Finding, Severity, Suppressed
from lexcheck.rules.model import Rule
from lexcheck.structure import Provision

EXCERPT_LIMIT = 240
# Numbers and enumeration labels ("4.", "(1)", "(iv)") change when unrelated provisions are inserted or
# renumbered; fingerprints leave them out, with punctuation, so they keep only the finding's words.
_NOT_WORDS = re.compile(r"\([a-z0-9]{1,5}\)|\w*\d\w*|[^\w\s]")
# Characters read on either side of a match's start when its line is longer: enough for any excerpt.
EXCERPT_WINDOW = 4 * EXCERPT_LIMIT
# An excerpt shorter than this ("(1)(A) Any person who") says little on its own.
SHORT_EXCERPT = 60


def provision_label(provision: Provision) -> str:
    """The label a report shows for a provision; text before the first provision is the preamble."""
    return provision.label or "(preamble)"


def provision_heading(provision: Provision) -> str | None:
    """The heading of a provision or of the section it is in."""
    for node in (provision, *provision.ancestors()):
        if node.heading:
            return node.heading
        if node.kind == "section":
            break
    return None


def excerpt(document: Document, text: str, start: int, end: int) -> str:
    """The line(s) holding ``[start, end)``, white space collapsed, shortened around the match if long.

    Lines come from the document's line index, and only a window around the match is read: a bill pasted
    from a PDF may be one line of megabytes, and scanning it at every finding was quadratic.
    """
    line_start = document.line_span(document.line_of(start))[0]
    line_end = document.line_span(document.line_of(end))[1]
    head_cut = line_start < start - EXCERPT_WINDOW
    tail_cut = line_end > start + EXCERPT_WINDOW
    low = start - EXCERPT_WINDOW if head_cut else line_start
    high = start + EXCERPT_WINDOW if tail_cut else line_end
    words = " ".join(text[low:high].split())
    if head_cut or tail_cut or len(words) > EXCERPT_LIMIT:
        # Keep the matched words in view: start the excerpt a little before them when the line is long.
        lead = " ".join(text[low:start].split())
        if head_cut or len(lead) > EXCERPT_LIMIT // 3:
            words = "… " + words[max(0, len(lead) - EXCERPT_LIMIT // 6) :].split(" ", 1)[-1]
        words = textwrap.shorten(words, EXCERPT_LIMIT, placeholder=" …")
        if tail_cut and not words.endswith("…"):
            words += " …"
    return words


def _first_words(text: str, offset: int, end: int) -> int:
    """The first non-blank character at or after ``offset`` (``offset`` itself if there is none before ``end``)."""
    index = offset
    while index < end and text[index].isspace():
        index += 1
    return index if index < end else offset


class Emitter:
    """Collects the findings and suppressed candidates of one statute."""

    def __init__(self, path: str, context: TextContext, explain: bool):
        self.path = path
        self.ctx = context
        self.text = context.text
        self.document = context.statute.document
        self.explain = explain
        self.findings: list[Finding] = []
        self.suppressed: list[Suppressed] = []
        # Candidates set aside per rule, counted even when they are not recorded (for decisions).
        self.set_aside: Counter[str] = Counter()
        # digest of (rule, words) -> how many findings had them; words of each span, normalised
        self._fingerprints: Counter[bytes] = Counter()
        self._normalised: dict[tuple[int, int], bytes] = {}

    def report(
        self,
        rule: Rule,
        start: int,
        end: int,
        severity: Severity,
        message: str,
        evidence: Evidence,
        unit: Provision | None = None,
        trigger: Hit | None = None,
        title: str | None = None,
    ) -> Finding:
        """Record a finding over ``[start, end)``; ``unit`` is the provision it is about, if not the match's."""
        while end > start and self.text[end - 1].isspace():
            end -= 1
        provision = unit or self.ctx.provision(start)
        shown_from = start
        if unit is not None:
            # Quote the provision's words, not its number and heading alone ("3. Offence of trafficking").
            words = _first_words(self.text, unit.body_start, end) if unit.body_start > start else start
            line_start, line_end = self.document.line_span(self.document.line_of(words))
            if unit.heading and self.text[line_start:line_end].strip() == unit.heading.strip():
                # A title on the line below the number ("Section 3" / "Trafficking in human beings").
                words = _first_words(self.text, line_end, end)
            first_line_end = self.document.line_span(self.document.line_of(words))[1]
            shown = excerpt(self.document, self.text, words, min(max(end, words), first_line_end))
            shown_from = words
            if trigger is not None and len(shown) < SHORT_EXCERPT and start <= trigger.start < end:
                # Add the line that shows the offence.
                line = excerpt(self.document, self.text, trigger.start, trigger.end)
                if line not in shown:
                    shown = f"{shown} … {line}"
                    shown_from = trigger.start  # more lines, if needed, follow the offence's line
        else:
            shown = excerpt(self.document, self.text, start, end)
        if len(shown) < SHORT_EXCERPT:
            shown = self._filled(shown, shown_from, provision.end)
        start_line, start_column = self.document.position(start)
        end_line, end_column = self.document.position(end)
        finding = Finding(
            path=self.path,
            rule=rule.id,
            concern=rule.concern,
            severity=severity,
            title=title or rule.title,
            message=" ".join(message.split()),
            provision=provision_label(provision),
            provision_heading=provision_heading(provision),
            start_line=start_line,
            start_column=start_column,
            end_line=end_line,
            end_column=end_column,
            start_char=start,
            end_char=end,
            excerpt=shown,
            references=[str(ref) for ref in rule.references],
            recommendation=" ".join(rule.recommendation.split()),
            fingerprint=self._fingerprint(rule.id, start, end),
            evidence=evidence,
            source=self.document.source_at(start) if self.document.sources else None,
            level="law" if evidence.kind == "absent" else "provision",
        )
        self.findings.append(finding)
        return finding

    def _filled(self, shown: str, start: int, limit: int) -> str:
        """A short excerpt ("(1) A person who—", "In this Division:", a heading) with the provision's next
        lines added until it says something: a label or heading alone tells a reader nothing."""
        line_end = self.document.line_span(self.document.line_of(start))[1]
        while len(shown) < SHORT_EXCERPT and line_end < limit:
            following = _first_words(self.text, line_end, limit)
            if following == line_end:
                break
            line_end = self.document.line_span(self.document.line_of(following))[1]
            more = excerpt(self.document, self.text, following, min(line_end, limit))
            # Every line is added, also one whose words the excerpt already holds ("“victim”" below a line
            # that begins with it): leaving it out would quote words that are not together in the bill.
            if more:
                shown = f"{shown} {more}"
        return textwrap.shorten(shown, EXCERPT_LIMIT, placeholder=" …") if len(shown) > EXCERPT_LIMIT else shown

    def _fingerprint(self, rule: str, start: int, end: int) -> str:
        """A stable identity for a finding: its rule and matched words, numbered when they repeat in one file.

        Line breaks, white space, case, numbering and punctuation do not count, so re-wrapping a provision or
        renumbering sections does not change it. It is the digest of ``rule``, NUL, the words, NUL and the
        number. A law-level finding's words are a whole provision (in a bill without line breaks, most of
        the bill), so the words of each span are normalised once, and repeats are counted by digest rather
        than by keeping the words.
        """
        words = self._normalised.get((start, end))
        if words is None:
            normalised = " ".join(_NOT_WORDS.sub(" ", self.text[start:end].lower()).split())
            words = self._normalised[(start, end)] = normalised.encode()
        digest = hashlib.sha256(rule.encode() + b"\x00" + words)
        basis = digest.digest()
        self._fingerprints[basis] += 1
        digest.update(f"\x00{self._fingerprints[basis]}".encode())
        return digest.hexdigest()[:16]

    def suppress(self, rule: Rule, hit: Hit, reason: str) -> None:
        """Record a candidate the rule saw and did not report (kept only when explaining)."""
        self.set_aside[rule.id] += 1
        if not self.explain:
            return
        self.suppressed.append(
            Suppressed(
                path=self.path,
                rule=rule.id,
                concern=rule.concern,
                provision=provision_label(self.ctx.provision(hit.start)),
                start_line=self.document.line_of(hit.start),
                start_char=hit.start,
                excerpt=" ".join(self.text[hit.start : hit.end].split())[:EXCERPT_LIMIT],
                reason=reason,
            )
        )
