"""The lexicon: the words of one language that lexcheck reads statutes with (``rules/lexicon/<code>.yaml``).

Each section holds the vocabulary of one job: the engine's negation and exception cues, the drafting
formulas that give provisions their roles, numbering words, penalty formulas … The code names what it needs
(a section and a key); the lexicon says how the language words it. Unknown keys are errors everywhere.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, PrivateAttr, field_validator, model_validator

from lexcheck.language.patterns import IMPattern, IPattern, LowerWords, Pattern, Words, pattern

# An ISO 639 language code, optionally with a region or script: "en", "fr", "pt-BR".
LANGUAGE_CODE = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"


# The kinds of grouping above sections, and the numbering styles of sections (structure/model.py, numbering.py).
ContainerKind = Literal["book", "part", "title", "chapter", "subchapter", "subpart", "division"]
WordStyle = Literal["section", "article", "regulation", "rule", "clause", "head"]
SectionStyle = Literal["section", "article", "regulation", "rule", "clause", "head", "sign", "bare"]


class Section(BaseModel):
    """A lexicon section: unknown keys are errors, and values are fixed once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ContextWords(Section):
    """Negation, exception and quoted-title cues, which the engine applies to every rule's matches."""

    modals: Words = Field(description="Modal verbs that a negation follows (shall, may …).")
    modal_not_continuations: Words = Field(
        description="Words after 'shall not' that make a penalty or time formula, not a negation "
        "('shall not exceed', 'may not be less').",
    )
    attribute_nouns: Words = Field(
        description="Nouns that 'prohibited' describes rather than forbids ('a prohibited immigrant', "
        "'prohibited goods').",
    )
    negation: IPattern = Field(
        description="Negation and prohibition cues that govern the words after them in their clause."
    )
    negator: str = Field(
        description="The word of negation that, right after a relative pronoun, describes rather than negates "
        "('a person who is not a citizen'): a cue beginning with it is then no negation."
    )
    double_negation: IPattern = Field(
        description="A word that, between a negation and the match, turns the negation into a requirement "
        "('shall not be issued without the consent of her husband')."
    )
    no_word: str = Field(description="The word of a 'No … shall' cue, as it begins the matched cue.")
    no_cue: str = Field(description="How a 'No … shall' cue is named in reasons; the modal verb follows.")
    no_opening: Annotated[re.Pattern[str], pattern(groups=("no", "subject", "modal"))] = Field(
        description="A clause opening with 'No' and reaching a modal verb, matched at the clause start "
        "(case-sensitive): groups no, subject and modal."
    )
    coordinated_opening: IPattern = Field(
        description="A conjunction that opens a second clause in the same sentence, where a 'No … shall' "
        "opening may start too ('…, and no name or image may be published')."
    )
    amended_title: IPattern = Field(
        description="Words just before a provision's title in an amending instruction ('Section 92 amended (')."
    )
    boundary: IPattern = Field(
        description="A new verb phrase or a condition: a negation before it does not reach past it."
    )
    disapplied: IPattern = Field(
        description="Words after a safeguard, in its clause, that switch it off ('the requirement to bring the person "
        "before a Judge within 96 hours does not apply to that detention')."
    )
    predicate_negation: IPattern = Field(
        description="Negation cues that follow what they negate ('… is prohibited'), matched at a cue's start."
    )
    generic_subject: IPattern = Field(
        description="Whoever may commit an offence, ending the words before a prohibition "
        "('No person shall …' forbids conduct)."
    )
    passive_or_state: IPattern = Field(
        description="Words after a prohibition that make it about what happens to someone, not their conduct."
    )
    relative_before: IPattern = Field(description="A relative pronoun ending the words just before a cue.")
    condition_opening: IPattern = Field(
        description="A word that opens a condition ('when', 'where', 'if'): a negation inside the condition is "
        "the condition's, not the main clause's ('may, when no alternative is sufficient, be held')."
    )
    anaphoric_opening: IPattern = Field(
        description="The opening words of a sentence that speaks of what the sentence before it set up "
        "('The placement shall not exceed 60 days', 'Such detention …'), matched at the sentence's first word."
    )
    exception: IPattern = Field(description="Exception cues ('except', 'other than', 'unless').")
    instrument_title: Pattern = Field(
        description="An instrument quoted by its title (case-sensitive): an instrument noun and the "
        "capitalised words of its title."
    )
    quoted_title: Pattern = Field(description="A title in quotation marks naming an instrument or a law.")
    reference_title: Pattern = Field(
        description="The title in brackets after a reference to a provision (\"section 44 (Removal orders)\"): the "
        "provision's name, not its words."
    )


class PipelineWords(Section):
    """What the tokenizer and the sentence splitter need to know of the language."""

    abbreviations: Words = Field(
        description="Abbreviations after which a full stop does not end a sentence ('s.', 'No.'), as written; "
        "each is one token."
    )


class MatchingWords(Section):
    """Words of the rule matcher."""

    stopwords: LowerWords = Field(
        description="Words that never trigger a fuzzy phrase: a fuzzy phrase runs only on sentences holding one "
        "of its other words."
    )


class RoleWords(Section):
    """Drafting formulas that give a provision its roles; a provision may have several."""

    offenders: Words = Field(description="Whom an offence provision addresses ('any person who …').")
    offence: IPattern = Field(description="Formulas that create an offence ('commits an offence', 'whoever').")
    subject_only: IPattern = Field(
        description="Offence formulas that only name whom they are about: in a definition, no offence "
        "(matched against a whole offence match)."
    )
    offence_heading: IPattern = Field(description="A heading word that makes a provision an offence.")
    penalty: IPattern = Field(description="Penalty words and formulas.")
    penalty_words: IPattern = Field(description="Words a penalty provision must also contain.")
    beneficiaries: IPattern = Field(description="Who receives protection (victims, smuggled migrants …).")
    services: IPattern = Field(description="What protection consists of (assistance, shelter …).")
    protection: IPattern = Field(description="Formulas that give protection or assistance.")
    protection_heading: IPattern = Field(description="Heading words that make a provision a protection.")
    procedure: IPattern = Field(description="Words of proceedings, courts and removal.")
    purpose: IPattern = Field(description="A purposes clause or preamble, matched at the start of a provision.")
    purpose_heading: IPattern = Field(description="A heading of a purposes or preliminary provision.")


class DefinitionWords(Section):
    """Defined terms and the words that define them ('“victim” means …')."""

    quoted_term: Annotated[re.Pattern[str], pattern(groups=("term",))] = Field(
        description="A term in quotation marks: group term."
    )
    verb: Annotated[re.Pattern[str], pattern(groups=("verb",))] = Field(
        description="The verb that defines a term ('means', 'includes'): group verb."
    )
    quoted: Annotated[re.Pattern[str], pattern(groups=("term", "verb"))] = Field(
        description="A quoted term and its defining verb (case-sensitive): groups term and verb."
    )
    unquoted: Annotated[re.Pattern[str], pattern(re.MULTILINE, groups=("term", "verb", "term_sep", "term_dash"))] = Field(
        description="An unquoted term at a line start and what defines it, looked for only in a definitions "
        "provision: group term before a defining verb (group verb), term_sep before a colon or dash, term_dash "
        "after a dash bullet and before a colon. The definition starts where the match ends."
    )
    lead_in: Pattern = Field(description="The words that open a definitions provision (case-sensitive).")
    heading: IPattern = Field(description="Heading words of a definitions provision.")
    head_end: IPattern = Field(
        description="Where the head of a definition ends: its first qualification (a comma, 'who' …)."
    )
    person_head: IPattern = Field(
        description="A definition's head that names a person ('a person', 'any child'): the term is who a "
        "provision is about, not what it does."
    )
    body_head: IPattern = Field(
        description="A definition's head that names a body by its proper name ('the Anti-Human Trafficking "
        "Tribunal'): the words of the name describe no conduct."
    )


class NumberingWords(Section):
    """The words that number provisions at the start of a line: Parts, Schedules, sections, articles."""

    containers: dict[ContainerKind, Words] = Field(
        description="Heading words of groupings of sections, by kind, as written ('PART', 'Part')."
    )
    container_numbers: Words = Field(description="Numbers in words after a container's word ('PART ONE').")
    container: Annotated[re.Pattern[str], pattern(groups=("kind", "num", "rest"))] = Field(
        description="A container heading line (case-sensitive): groups kind (one of the container words), "
        "num and rest (the title)."
    )
    schedule_ordinals: Words = Field(description="Ordinals before a schedule's word ('FIRST SCHEDULE').")
    schedules: Words = Field(description="Words of schedules and annexes after the sections.")
    schedule: Annotated[re.Pattern[str], pattern(groups=("ordinal", "kind", "num", "rest"))] = Field(
        description="A schedule heading line (case-sensitive): groups ordinal, kind, num and rest."
    )
    section_words: dict[WordStyle, Words] = Field(
        description="Words before a section's number, by the numbering style they make ('Section', 'Art.')."
    )
    number_suffixes: Words = Field(description="Ordinals after a number for inserted provisions ('5 bis').")
    first_numbers: Words = Field(description="A first provision's number in words ('Article premier').")
    section: Annotated[re.Pattern[str], pattern(groups=("word", "num", "sep", "rest"))] = Field(
        description="A section or article number with its word (case-sensitive): groups word (one of the "
        "section words), num, sep and rest."
    )
    quantity_words: IPattern = Field(
        description="Words after a number at a line start that make it a quantity, not a section number."
    )
    labels: dict[SectionStyle, str] = Field(description="How a section's label begins, by numbering style.")
    schedule_paragraph: str | None = Field(
        default=None,
        description="How a numbered paragraph of a schedule is labelled after the schedule's own label "
        "('para. ' gives 'Schedule 2 para. 1'); without it, as a bare section.",
    )
    _kind_of: dict[str, ContainerKind] = PrivateAttr(default_factory=dict)
    _style_of: dict[str, WordStyle] = PrivateAttr(default_factory=dict)

    @field_validator("labels")
    @classmethod
    def _every_style(cls, labels: dict[SectionStyle, str]) -> dict[SectionStyle, str]:
        missing = [style for style in get_args(SectionStyle) if style not in labels]
        if missing:
            raise ValueError(f"a label is needed for each numbering style (missing: {', '.join(missing)})")
        return labels

    @model_validator(mode="after")
    def _index(self) -> NumberingWords:
        self._kind_of = {" ".join(w.split()): kind for kind, words in self.containers.items() for w in words}
        self._style_of = {" ".join(w.split()): style for style, words in self.section_words.items() for w in words}
        return self

    def container_kind(self, word: str) -> ContainerKind:
        """The kind of container a heading word (as matched by ``container``) begins."""
        return self._kind_of[" ".join(word.split())]

    def section_style(self, word: str) -> WordStyle:
        """The numbering style a section word (as matched by ``section``) makes."""
        return self._style_of[" ".join(word.split())]


class AmendmentWords(Section):
    """An amending act's instructions, and the words it takes out of the principal act."""

    what: IPattern = Field(description="What an instruction takes out, before the quoted words ('the words').")
    removed_before: Annotated[re.Pattern[str], pattern(re.IGNORECASE, groups=("quote",))] = Field(
        description="An instruction that takes out the quoted words after it ('omit the words “…”'): group "
        "quote, the opening quotation mark."
    )
    removed_for: Annotated[re.Pattern[str], pattern(re.IGNORECASE, groups=("quote",))] = Field(
        description="'for “…”', taking out the quoted words when a substitution follows them: group quote."
    )
    substitute_after: IPattern = Field(description="A substitution right after quoted words ('substitute').")
    removed_after: IPattern = Field(description="Words right after quoted words that take them out ('is deleted').")
    repealed_title: IPattern = Field(
        description="A provision named with its title in brackets and repealed in the same breath "
        "('Article 59 (Death penalty) shall be declared invalid'): group title is taken out."
    )
    omitted_title: Annotated[re.Pattern[str], pattern(re.IGNORECASE, groups=("title",))] = Field(
        description="An instruction that omits a provision and describes it in brackets ('Omit subsection (6) "
        "(removal of all passengers of a vessel without further order)'): group title is taken out."
    )
    instruction: IMPattern = Field(description="The words of an instruction, searched in each line.")
    amending: IMPattern = Field(description="Words only an act that amends another has.")
    repeal: IPattern = Field(description="A provision that repeals ('is repealed').")
    amending_title: IPattern = Field(description="Words in a title that make an act an amending act.")
    amended_law: Annotated[re.Pattern[str], pattern(groups=("law", "law2"))] = Field(
        description="The name of the law an amending act amends, in its title (case-sensitive): group law before "
        "'(Amendment)', group law2 after 'to amend the'."
    )
    marked_insertion: IPattern = Field(
        description="Markup a bill uses for the words it adds ('<u>added</u>'): where it occurs, the bill marks "
        "its deletions too."
    )
    marked_deletion: IPattern = Field(
        description="Words a marked-up bill deletes ('[with the intent to obtain a pecuniary benefit]'), looked "
        "for only where the bill marks its insertions: group words is taken out."
    )
    new_text: IPattern = Field(
        description="The line before quoted new sections: it puts them in ('the following sections shall be "
        "inserted, namely:—', 'is amended to read as follows:')."
    )


class ReferenceWords(Section):
    """Offences drafted as prohibitions: the clause that punishes a breach refers back to the prohibition."""

    contravention: Annotated[
        re.Pattern[str], pattern(re.IGNORECASE, groups=("local", "local_ref", "number", "sub"))
    ] = Field(
        description="A breach of a provision ('contravenes subsection (1)'): groups local and local_ref for a "
        "subsection of the same section, number and sub for another section, neither for 'this section'."
    )
    same_purpose: IPattern = Field(
        description="Words that borrow the purpose of the provision before ('(2) A person who, for the same "
        "purpose, enables …'): an element of that purpose counts for this provision too."
    )
    contravention_more: Annotated[re.Pattern[str], pattern(re.IGNORECASE, groups=("local_ref",))] = Field(
        description="A further subsection named right after a contravention's first ('contravenes subsection (1) "
        "or (2)'), matched where the previous one ends: group local_ref."
    )
    reference: Annotated[re.Pattern[str], pattern(re.IGNORECASE, groups=("local", "local_ref", "numbers"))] = Field(
        description="Words that stand for another provision ('under section 3', 'referred to in subsection (1)'): "
        "groups local and local_ref for a subsection of the same section, numbers for other sections."
    )
    elsewhere: IPattern = Field(
        description="Words right after a reference that put the provision in another law ('Article 3, paragraph "
        "(1) of the Immigration Control Act', 'section 5 of that Act'): it is not this law's provision."
    )
    offence_named: IPattern = Field(
        description="Words just before a reference that make it name an offence ('an offence under section 6'): "
        "the provision referred to defines the offence at hand."
    )
    disapplication: Annotated[
        re.Pattern[str], pattern(re.IGNORECASE, groups=("nothing", "negated", "local", "local_ref", "number", "sub"))
    ] = Field(
        description="A provision taking conduct out of another ('Subsection (1) shall not apply to', 'Nothing in "
        "section 4 applies to'): it does so when group nothing or group negated is set; the other groups name "
        "the provision as for contravention."
    )


def _groups(*names: str) -> PlainValidator:
    """A case-insensitive pattern that must define the named groups."""
    return pattern(re.IGNORECASE, groups=names)


class PenaltyWords(Section):
    """Penalty formulas, read clause by clause: terms, maxima, minima, ranges, life, death, fines."""

    number_words: dict[str, float] = Field(description="The values of numbers written in words ('seven': 7).")
    time_units: dict[str, Annotated[float, Field(gt=0)]] = Field(
        description="How many of each unit of time make a year ('month': 12), by the unit as written in lower case."
    )
    number: IPattern = Field(description="A number in digits or words.")
    unit: IPattern = Field(description="A unit of time (one of time_units).")
    term_low: Annotated[re.Pattern[str], _groups("low", "low_unit")] = Field(
        description="A term as the lower bound: groups low (the number) and low_unit."
    )
    term_high: Annotated[re.Pattern[str], _groups("high", "high_unit")] = Field(
        description="A term as the upper bound: groups high and high_unit."
    )
    term_item: Annotated[re.Pattern[str], _groups("item", "item_unit")] = Field(
        description="A term in a list item that completes its lead-in: groups item and item_unit."
    )
    max_cues: IPattern = Field(description="Words before a maximum ('not exceeding').")
    min_cues: IPattern = Field(description="Words before a minimum ('not less than').")
    range: Annotated[re.Pattern[str], _groups("low", "low_unit", "low_bare", "high", "high_unit")] = Field(
        description="A range of custody ('from 3 to 10 years'): groups low, low_unit (or low_bare, a number "
        "without its unit), high and high_unit."
    )
    maximum: Annotated[re.Pattern[str], _groups("high", "high_unit")] = Field(description="A maximum term.")
    minimum: Annotated[re.Pattern[str], _groups("low", "low_unit")] = Field(description="A minimum term.")
    minimum_years_before: Annotated[re.Pattern[str], _groups("low")] = Field(
        description="A minimum whose unit, years, is stated before its number: group low."
    )
    fixed: Annotated[re.Pattern[str], _groups("high", "high_unit")] = Field(
        description="A term of custody without a cue: a maximum unless the sentence is mandatory."
    )
    non_custodial_term: IPattern = Field(
        description="A term of a sanction other than custody ('disqualification from public office for two to "
        "five years'): the term is not read as imprisonment."
    )
    life: IPattern = Field(description="Custody for life.")
    life_custody: IPattern = Field(description="Words that make 'for life' custody: the clause is about custody.")
    death: IPattern = Field(description="The death penalty.")
    corporal: IPattern = Field(description="Corporal punishment.")
    fine: IPattern = Field(description="A fine.")
    custodial: IPattern = Field(description="Words of custody: terms are read only in a clause with one.")
    mandatory: IPattern = Field(description="A sentence the court must pass ('shall be sentenced').")
    discretionary_sentence: IPattern = Field(description="A sentence the court may choose to pass.")
    no_fine_option: IPattern = Field(description="Custody without the option of a fine.")
    summary: IPattern = Field(description="Summary conviction.")
    indictment: IPattern = Field(description="Conviction on indictment.")
    discretion: IPattern = Field(description="An alternative to custody ('or a fine', 'or both').")
    liable: IPattern = Field(description="Words that leave the sentence to the court ('is liable', 'may').")
    open_cue: IPattern = Field(description="A lead-in that stops at the penalty's number ('imprisonment for at least—').")
    penalty_words: IPattern = Field(description="Words a lead-in about a penalty has.")

    def years(self, number_value: float, unit: str | None) -> float:
        """A quantity of ``unit`` (None: years) in years, rounded to four places."""
        per_year = self.time_units.get(unit.lower()) if unit else None
        return round(number_value * (1 / per_year if per_year else 1.0), 4)


class PenaltyLinkWords(Section):
    """Which penalties belong to which offence: references to offences, table cells, offence grades."""

    reference: Annotated[re.Pattern[str], _groups("ref", "number", "sub", "local")] = Field(
        description="Words about a penalty that name its offence ('an offence under section 4(1)'): groups ref, "
        "number and sub for another section, local for a subsection of the same one, neither for 'this section'."
    )
    cell_reference: Annotated[re.Pattern[str], _groups("number", "sub")] = Field(
        description="A table cell holding only a section reference ('s. 12'): groups number and sub."
    )
    entry_heading: Annotated[re.Pattern[str], pattern(re.MULTILINE, groups=("number", "sub"))] = Field(
        description="A penalty schedule's entry heading on a line of its own, naming the section punished "
        "('Section 6 (harbouring for gain)'): groups number and sub."
    )
    ordinals: Words = Field(description="Ordinals of offence grades ('second', '2nd').")
    ordinal_names: dict[str, str] = Field(description="Ordinals in figures, by the ordinal in words ('2nd': 'second').")
    grade: Annotated[re.Pattern[str], _groups("aggravated", "degree", "degree_before", "class", "named")] = Field(
        description="An offence grade ('a felony of the second degree', 'a Class B felony'): groups aggravated, "
        "and degree, degree_before, class or named for its level."
    )
    grade_kinds: Words = Field(
        description="Words that tell kinds of grade apart (felony, misdemeanour), looked for in lower case."
    )


class ParserWords(Section):
    """Words the provision parser tells headings from sentences with."""

    connectives: LowerWords = Field(
        description="Words a heading does not end with ('of', 'and', 'the'): a line ending so runs on."
    )
    verbs: Pattern = Field(description="Verbs that make a short line a sentence, not a heading (case-sensitive).")
    definition_line: Pattern = Field(
        description="An unnumbered line that defines a quoted term ('“victim” means …'), at the line start."
    )
    clause_end_words: LowerWords = Field(description="Last words of a line that end a clause ('and', 'or').")
    list_joiners: LowerWords = Field(description="Last words of a list item that join it to the next ('or').")
    conjunctive_joiners: LowerWords = Field(
        description="Of the list joiners, those that make the items one set of conditions ('and'), not alternatives."
    )
    explanatory_heading: IPattern = Field(
        description="A line that heads explanatory matter, not part of the law ('EXPLANATORY NOTE', 'SUMMARY', "
        "'MEMORANDUM OF OBJECTS AND REASONS'), matched against the whole stripped line."
    )
    explanatory_end: IPattern = Field(
        description="A line at which explanatory matter ends and the law begins ('Preamble', 'BE IT ENACTED', "
        "'An Act to'), matched at the start of the stripped line."
    )
    contents_lead: IPattern = Field(
        description="Words on the line above a table of contents that is not the first numbered block ('The "
        "table of contents for this Act is as follows:')."
    )
    penalty_line: IPattern = Field(
        description="A line that states the penalty of the conduct described above it ('Penalty – reclusion, "
        "from 4 to 8 years'), matched at the start of the stripped line: it closes a list of purposes or means."
    )


class PdfWords(Section):
    """Reading a PDF's positioned lines into the lines of a bill: page furniture and line breaks."""

    page_number: Annotated[re.Pattern[str], _groups("n")] = Field(
        description="A page number alone on a line, with its words ('Page 7 of 12'): group n, the number."
    )
    new_unit: Pattern = Field(
        description="What starts a provision or heading on a new line (case-sensitive): a new paragraph."
    )
    hyphen_prefixes: LowerWords = Field(
        description="Prefixes that keep their hyphen when a word is broken after them ('cross-border')."
    )


class Lexicon(Section):
    """The words of one language, as lexcheck reads statutes in it."""

    language: str = Field(pattern=LANGUAGE_CODE, description="The language code; the file is named after it.")
    name: str = Field(min_length=1, description="The language's name, for messages and documentation.")
    pipeline: PipelineWords
    context: ContextWords
    matching: MatchingWords
    roles: RoleWords
    definitions: DefinitionWords
    numbering: NumberingWords
    parser: ParserWords
    amendments: AmendmentWords
    references: ReferenceWords
    penalties: PenaltyWords
    penalty_links: PenaltyLinkWords
    pdf: PdfWords
    # The SHA-256 of the file the lexicon was read from: with the language, what a loaded lexicon is known by.
    _digest: str = PrivateAttr(default="")

    @property
    def key(self) -> tuple[str, str]:
        """A stable identity: the language code and the hash of the file's bytes."""
        return self.language, self._digest
