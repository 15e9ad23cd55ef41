"""The provision tree: numbering styles, labels, headings, line ranges, definitions and roles."""

from __future__ import annotations

import pytest
from conftest import make_statute

from lexcheck.structure import Provision, Statute


def by_label(statute: Statute) -> dict[str, Provision]:
    return {p.label: p for p in statute.provisions}


def labels(statute: Statute) -> list[str]:
    return [p.label for p in statute.provisions]


def lines(statute: Statute, label: str) -> tuple[int, int]:
    """First and last line (1-based) of a provision, everything nested in it included."""
    node = by_label(statute)[label]
    doc = statute.document
    end = node.end
    while end > node.start and statute.text[end - 1].isspace():
        end -= 1
    return doc.line_of(node.start), doc.line_of(end - 1)


def body(statute: Statute, label: str) -> str:
    node = by_label(statute)[label]
    return statute.text[node.body_start : node.own_end].strip()


# -- numbering styles -----------------------------------------------------------------------------

COMMONWEALTH = """
PART I
PRELIMINARY

Smuggling of migrants
3.—(1) A person commits an offence if he—
(a) facilitates the entry of another person into the Republic; or
(b) harbours another person, knowing that—
(i) the person entered the Republic unlawfully; or
(ii) the person remains in the Republic unlawfully.
(2) A person guilty of an offence under subsection (1) is liable to imprisonment for ten years.
"""


def test_commonwealth_part_section_subsection_paragraph_subparagraph() -> None:
    statute = make_statute(COMMONWEALTH)
    assert labels(statute) == [
        "Part I", "s. 3", "s. 3(1)", "s. 3(1)(a)", "s. 3(1)(b)", "s. 3(1)(b)(i)", "s. 3(1)(b)(ii)", "s. 3(2)",
    ]
    nodes = by_label(statute)
    assert nodes["Part I"].kind == "part" and nodes["Part I"].heading == "PRELIMINARY"
    assert nodes["s. 3"].kind == "section" and nodes["s. 3"].heading == "Smuggling of migrants"
    assert nodes["s. 3(1)(b)(i)"].parent is nodes["s. 3(1)(b)"]
    assert nodes["s. 3"].parent is nodes["Part I"]
    assert body(statute, "s. 3(1)(b)(ii)") == "the person remains in the Republic unlawfully."
    # line ranges: a provision starts at its marginal heading and ends with its last nested provision
    assert lines(statute, "s. 3") == (4, 10)
    assert lines(statute, "s. 3(1)") == (5, 9)
    assert lines(statute, "s. 3(1)(a)") == (6, 6)
    assert lines(statute, "s. 3(1)(b)") == (7, 9)
    assert lines(statute, "s. 3(2)") == (10, 10)


def test_section_keyword_with_title_dash_text() -> None:
    statute = make_statute("""
    Section 3. Smuggling of migrants.—A person who facilitates the illegal entry of another person commits an offence.

    Section 4. Penalties.—A person convicted under Section 3 is liable to imprisonment for five years.
    """)
    assert labels(statute) == ["s. 3", "s. 4"]
    nodes = by_label(statute)
    assert nodes["s. 3"].heading == "Smuggling of migrants"
    assert nodes["s. 4"].heading == "Penalties"
    assert body(statute, "s. 3").startswith("A person who facilitates")
    assert lines(statute, "s. 3") == (1, 1)
    assert lines(statute, "s. 4") == (3, 3)


def test_article_with_numbered_paragraphs_and_letters() -> None:
    statute = make_statute("""
    Trafficking in persons
    Article 5
    1. Whoever recruits a person for the purpose of exploitation shall be punished with imprisonment.
    2. The offence is aggravated where—
    (a) the victim is a child; or
    (b) the offender is a public official.

    Art. 6
    The Minister shall establish shelters for victims.
    """)
    assert labels(statute) == ["Art. 5", "Art. 5(1)", "Art. 5(2)", "Art. 5(2)(a)", "Art. 5(2)(b)", "Art. 6"]
    nodes = by_label(statute)
    assert nodes["Art. 5"].heading == "Trafficking in persons"
    assert nodes["Art. 5(2)(a)"].parent is nodes["Art. 5(2)"]
    assert nodes["Art. 6"].style == "article"
    assert body(statute, "Art. 6") == "The Minister shall establish shelters for victims."
    assert lines(statute, "Art. 5") == (1, 6)
    assert lines(statute, "Art. 6") == (8, 9)


def test_article_title_below_the_article_number_is_the_article_heading() -> None:
    statute = make_statute("""
    Article 2
    Offences concerning trafficking in human beings
    1. Member States shall take the necessary measures to ensure that the following acts are punishable.
    2. A position of vulnerability means a situation in which the person has no real alternative.
    """)
    nodes = by_label(statute)
    assert nodes["Art. 2"].heading == "Offences concerning trafficking in human beings"
    assert nodes["Art. 2(1)"].heading is None


US_CODE_PUNCTUATED = """
§ 1324. Bringing in and harboring certain aliens.
(a) Criminal penalties.
(1)(A) Any person who—
(i) knowing that a person is an alien, brings such person to the State; or
(ii) knowing that an alien has entered in violation of law, transports such alien; or
(v)(I) engages in any conspiracy to commit any of the preceding acts, or
(II) aids or abets the commission of any of the preceding acts,
shall be punished as provided in subparagraph (B).
(B) A person who violates subparagraph (A) shall—
(i) in the case of a violation of subparagraph (A)(i), be fined; and
(ii) in any other case, be imprisoned not more than 5 years.
"""


def test_us_code_section_sign_and_deep_nesting() -> None:
    statute = make_statute(US_CODE_PUNCTUATED)
    assert labels(statute) == [
        "§ 1324", "§ 1324(a)", "§ 1324(a)(1)", "§ 1324(a)(1)(A)", "§ 1324(a)(1)(A)(i)", "§ 1324(a)(1)(A)(ii)",
        "§ 1324(a)(1)(A)(v)", "§ 1324(a)(1)(A)(v)(I)", "§ 1324(a)(1)(A)(v)(II)", "§ 1324(a)(1)(B)",
        "§ 1324(a)(1)(B)(i)", "§ 1324(a)(1)(B)(ii)",
    ]
    nodes = by_label(statute)
    assert nodes["§ 1324"].heading == "Bringing in and harboring certain aliens"
    # two markers on one line open two nested provisions on that line
    assert lines(statute, "§ 1324(a)(1)") == (3, 11)
    assert lines(statute, "§ 1324(a)(1)(A)") == (3, 8)
    assert lines(statute, "§ 1324(a)(1)(A)(v)(I)") == (6, 6)
    assert body(statute, "§ 1324(a)(1)(A)") == "Any person who—"
    assert nodes["§ 1324(a)(1)(A)(v)(II)"].style == "upper-roman"
    # "(B)" closes "(A)" and its Roman numerals: the next "(i)" starts again under "(B)"
    assert nodes["§ 1324(a)(1)(B)(i)"].parent is nodes["§ 1324(a)(1)(B)"]


def test_us_code_headings_without_full_stops() -> None:
    statute = make_statute("""
    § 1324. Bringing in and harboring certain aliens
    (a) Criminal penalties
    (1)(A) Any person who—
    (i) knowing that a person is an alien, brings such person to the State; or
    (ii) transports such alien,
    shall be punished.
    """)
    assert labels(statute) == [
        "§ 1324", "§ 1324(a)", "§ 1324(a)(1)", "§ 1324(a)(1)(A)", "§ 1324(a)(1)(A)(i)", "§ 1324(a)(1)(A)(ii)",
    ]
    assert by_label(statute)["§ 1324(a)"].heading == "Criminal penalties"


def test_article_number_and_text_on_one_line() -> None:
    statute = make_statute("""
    Article 240 Whoever abducts, sells or traffics a woman or child shall be sentenced to fixed-term imprisonment of not less than five years.

    Article 241 Whoever buys an abducted woman or child shall be sentenced to imprisonment of not more than three years.
    """)
    assert labels(statute) == ["Art. 240", "Art. 241"]
    nodes = by_label(statute)
    assert nodes["Art. 240"].heading is None
    assert body(statute, "Art. 240").startswith("Whoever abducts")
    assert {"offence", "penalty"} <= nodes["Art. 241"].roles


def test_canadian_decimal_numbering_with_marginal_headings() -> None:
    statute = make_statute("""
    Trafficking in persons
    279.01 (1) Every person who recruits, transports or harbours a person for the purpose of exploiting them is guilty of an indictable offence.
    Consent
    (2) No consent to the activity that forms the subject-matter of a charge under subsection (1) is valid.

    Material benefit
    279.02 (1) Every person who receives a financial or other material benefit, knowing that it is obtained by the commission of an offence under subsection 279.01(1), is guilty of an indictable offence.
    """)
    assert labels(statute) == ["s. 279.01", "s. 279.01(1)", "s. 279.01(2)", "s. 279.02", "s. 279.02(1)"]
    nodes = by_label(statute)
    assert nodes["s. 279.01"].heading == "Trafficking in persons"
    assert nodes["s. 279.01(2)"].heading == "Consent"
    assert nodes["s. 279.02"].heading == "Material benefit"
    assert lines(statute, "s. 279.01(2)") == (3, 4)  # starts at its marginal heading
    assert lines(statute, "s. 279.02") == (6, 7)


WRAPPED = """
4. Smuggling of migrants
(1) A person who facilitates the illegal entry of another person into the Republic commits an offence and is liable to imprisonment for a term not exceeding
10 years.
(2) A person who assists an offence under paragraph
(c) of subsection (1) commits an offence.
(3) Nothing in this section applies to a person who
acts for humanitarian reasons.
"""


def test_hard_wrapped_lines_do_not_start_provisions() -> None:
    statute = make_statute(WRAPPED)
    assert labels(statute) == ["s. 4", "s. 4(1)", "s. 4(2)", "s. 4(3)"]
    assert "s. 10" not in labels(statute) and "s. 4(2)(c)" not in labels(statute)
    assert lines(statute, "s. 4(1)") == (2, 3)
    assert lines(statute, "s. 4(2)") == (4, 5)
    assert "10 years." in statute.own_text(by_label(statute)["s. 4(1)"])


def test_hard_wrapped_subsection_has_no_heading() -> None:
    statute = make_statute(WRAPPED)
    node = by_label(statute)["s. 4(2)"]
    assert node.heading is None
    assert statute.text[node.body_start :].startswith("A person who assists")


def test_letter_i_after_h_but_roman_i_after_a() -> None:
    statute = make_statute("""
    5. Interpretation
    (1) The following are relevant—
    (a) one;
    (b) two;
    (c) three;
    (d) four;
    (e) five;
    (f) six;
    (g) seven;
    (h) eight;
    (i) nine;
    (j) ten.
    (2) The following also apply—
    (a) first;
    (i) roman one;
    (ii) roman two.
    """)
    nodes = by_label(statute)
    assert nodes["s. 5(1)(i)"].style == "lower" and nodes["s. 5(1)(i)"].parent is nodes["s. 5(1)"]
    assert "s. 5(1)(j)" in nodes
    assert nodes["s. 5(2)(a)(i)"].style == "lower-roman" and nodes["s. 5(2)(a)(i)"].parent is nodes["s. 5(2)(a)"]
    assert "s. 5(2)(a)(ii)" in nodes


def test_skipped_number_continues_the_same_level() -> None:
    statute = make_statute("""
    7. Victim assistance
    (1) Every victim shall be entitled to shelter.
    (4) Every victim shall be entitled to legal aid.
    (6) Every victim shall be entitled to an interpreter.
    """)
    assert labels(statute) == ["s. 7", "s. 7(1)", "s. 7(4)", "s. 7(6)"]
    nodes = by_label(statute)
    assert nodes["s. 7(6)"].parent is nodes["s. 7"]


def test_double_letters_below_upper_roman() -> None:
    statute = make_statute("""
    § 5. Penalties.
    (a) In general.—A person shall be fined—
    (1) for a first offense—
    (A) if the offense involved—
    (i) one alien—
    (I) a fine not exceeding—
    (aa) $1,000 for an individual; and
    (bb) $5,000 for an organization; or
    (II) imprisonment.
    """)
    nodes = by_label(statute)
    aa, bb = nodes["§ 5(a)(1)(A)(i)(I)(aa)"], nodes["§ 5(a)(1)(A)(i)(I)(bb)"]
    assert aa.style == bb.style == "double-lower"
    assert aa.parent is nodes["§ 5(a)(1)(A)(i)(I)"]
    assert nodes["§ 5(a)(1)(A)(i)(II)"].parent is nodes["§ 5(a)(1)(A)(i)"]
    assert lines(statute, "§ 5(a)(1)(A)(i)(I)") == (6, 8)


def test_numbers_inside_sentences_are_not_sections() -> None:
    statute = make_statute("""
    1. A person who traffics another person is liable to imprisonment for a term of
    15 years or to a fine.
    2. Any person who smuggles a migrant is liable to imprisonment.
    """)
    assert labels(statute) == ["s. 1", "s. 2"]


def test_unnumbered_text_is_the_document_itself() -> None:
    statute = make_statute("Any person who traffics a child shall be punished with imprisonment.")
    assert statute.provisions == []
    assert "offence" in statute.root.roles


# -- definitions ------------------------------------------------------------------------------------

def test_definitions_with_all_quote_styles_and_includes() -> None:
    statute = make_statute("""
    Section 2. Definitions.—In this Act, unless the context otherwise requires—
    (a) “child” means a person under the age of eighteen years;
    (b) "victim" means any person who has been trafficked;
    (c) 'smuggled migrant' means a person who has been the object of smuggling;
    (d) “exploitation” includes forced labour, slavery and servitude;
    (e) Minister means the Minister responsible for home affairs.

    Section 3. Offence.—Whoever traffics a person shall be punished with imprisonment for ten years.
    """)
    defs = {d.term: d for d in statute.definitions}
    assert set(defs) == {"child", "victim", "smuggled migrant", "exploitation", "Minister"}
    assert defs["child"].text == "a person under the age of eighteen years;"
    assert defs["victim"].text == "any person who has been trafficked;"
    assert defs["smuggled migrant"].text == "a person who has been the object of smuggling;"
    assert defs["exploitation"].text == "forced labour, slavery and servitude;"
    assert defs["Minister"].text == "the Minister responsible for home affairs."
    assert defs["child"].provision == "s. 2(a)"
    assert by_label(statute)["s. 2"].heading == "Definitions"
    assert all("definition" in p.roles for p in statute.provisions if p.label.startswith("s. 2"))


def test_commonwealth_definitions_section_with_lead_in() -> None:
    statute = make_statute("""
    2. In this Act, unless the context otherwise requires—
    “child” means a person under the age of eighteen years;
    "victim" includes a person who has suffered harm as a result of trafficking;
    ‘exploitation’ includes—
    (a) forced labour; and
    (b) slavery.

    3. A person who traffics another person commits an offence.
    """)
    defs = {d.term: d for d in statute.definitions}
    assert defs["child"].text == "a person under the age of eighteen years;"
    assert defs["victim"].text == "a person who has suffered harm as a result of trafficking;"
    # a definition that continues into a list keeps its items
    assert "(a) forced labour; and\n(b) slavery." in defs["exploitation"].text
    assert defs["exploitation"].text.endswith("(b) slavery.")
    assert all(d.provision.startswith("s. 2") for d in defs.values())
    assert "definition" in by_label(statute)["s. 2"].roles
    assert "definition" not in by_label(statute)["s. 3"].roles


def test_definitions_lead_in_is_not_a_heading() -> None:
    statute = make_statute("""
    2. In this Act, unless the context otherwise requires—
    “child” means a person under the age of eighteen years;
    """)
    assert by_label(statute)["s. 2"].heading is None


def test_unquoted_definitions_in_an_interpretation_section() -> None:
    statute = make_statute("""
    Section 2. Interpretation
    In this Act, unless the context otherwise requires—
    (a) Trafficked Person means any person who has been trafficked;
    (b) Minister means the Minister of Home Affairs.
    """)
    defs = {d.term: d.text for d in statute.definitions}
    assert defs == {"Trafficked Person": "any person who has been trafficked;",
                    "Minister": "the Minister of Home Affairs."}


def test_commonwealth_code_definitions_in_lower_case_with_notes() -> None:
    # A consolidated code sets its terms in bold, lower case, some with a qualifier; the lead-in, notes and
    # examples define nothing.
    statute = make_statute("""
    271.1  Definitions
    In this Division:
    coercion means coercion by any of the following:
     (a) force;
     (b) duress.
    Note: Coercion may be physical or psychological.
    victim, in relation to an offence, means a person against whom the offence is committed or is alleged to have been committed.
    """)
    defs = {d.term: d.text for d in statute.definitions}
    assert set(defs) == {"coercion", "victim"}
    assert defs["victim"].startswith("a person against whom the offence is committed")


def test_civil_law_definitions_with_a_colon_a_dash_or_a_bullet() -> None:
    # A definitions article numbered "1)", "2)"; French-style dash bullets; a Philippine "–" before "refers to".
    statute = make_statute("""
    ARTÍCULO 3.- Definitions. For the purposes of this law the following terms shall be understood as:
    1) Smuggled migrant: the person who has been the object of smuggling.
    2) Victim: every person who has suffered harm.
    Article 4.- Within the meaning of the present law, the following are understood as:
    - smuggling of migrants: the fact of facilitating the illegal entry of a person for a benefit;
    Section 5. Definitions of Terms. – As used in these Rules:
    (d) Trafficking in Persons – refers to the recruitment of persons for exploitation.
    """)
    defs = {d.term: d.text for d in statute.definitions}
    assert defs["Smuggled migrant"] == "the person who has been the object of smuggling."
    assert defs["Victim"] == "every person who has suffered harm."
    assert defs["smuggling of migrants"].startswith("the fact of facilitating")
    assert defs["Trafficking in Persons"].startswith("refers to the recruitment")
    assert "Art. 3(1)" in {p.label for p in statute.root.walk()}


def test_sections_an_amending_act_inserts_nest_in_its_instruction() -> None:
    # Quoted new sections keep the principal act's numbers, nest in the instruction that inserts them, and do not
    # break the amending act's own numbering; the quotation ends where its closing mark does.
    statute = make_statute("""
    8. Amendment of section 5.—In section 5 of the principal Act, for the words "three years" the words "seven years" shall be substituted.
    9. Insertion of new sections 17B and 17C.—After section 17A of the principal Act, the following sections shall be inserted, namely:—
    '17B. Medical examination.—(1) Every rescued person shall be examined.
    (2) The examination shall include a test for HIV.
    17C. Age.—Where the age of a rescued person is in doubt, the person shall be presumed to be a child.'.
    10. Insertion of new Chapter IIIA.—After section 21 of the principal Act, the following Chapter shall be inserted, namely:—
    'CHAPTER IIIA
    REHABILITATION
    21A. Programmes.—Every person detained in a protective home shall undergo a programme.
    21B. Placement agencies.—(1) A placement agency shall register.
    (2) An agency that contravenes sub-section (1) shall be punishable with imprisonment which may extend to one year.'.
    11. Saving.—Nothing in this Ordinance shall affect any pending proceedings.
    """)
    found = labels(statute)
    assert found[:2] == ["s. 8", "s. 9"]
    assert "s. 9 (new s. 17B(2))" in found and "s. 9 (new s. 17C)" in found
    assert "s. 10 (new s. 21B(2))" in found
    assert "s. 11" in found
    sections = by_label(statute)
    assert sections["s. 9 (new s. 17C)"].parent is sections["s. 9"]
    assert sections["s. 9 (new s. 17B)"].inserted and not sections["s. 9"].inserted
    assert sections["s. 11"].parent is statute.root
    assert not any(label.startswith("Chapter") for label in found)  # the Chapter is the principal act's


def test_a_quoted_number_outside_an_insertion_is_not_a_section() -> None:
    statute = make_statute("""
    1. Interpretation.—In this Act—
    "1951 Convention" means the Convention relating to the Status of Refugees;
    2. Offence.—A person who smuggles another person commits an offence.
    """)
    assert labels(statute) == ["s. 1", "s. 2"]


def test_quoted_words_outside_definitions_are_not_terms() -> None:
    statute = make_statute("""
    1. This Act may be cited as the "Anti-Trafficking Act".
    2. A person who traffics another person commits an offence.
    """)
    assert statute.definitions == []


# -- roles --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4. A person commits an offence if he facilitates the entry of another person.", {"offence"}),
        ("4. Whoever traffics a person shall be punished with imprisonment for ten years.", {"offence", "penalty"}),
        ("4. A person convicted of trafficking is liable to imprisonment for ten years or a fine.", {"penalty"}),
        ("4. Every victim of trafficking shall be entitled to shelter, medical care and legal aid.", {"protection"}),
        ("4. In this Act, “victim” means a person who has been trafficked.", {"definition"}),
        ("4. The purposes of this Act are to prevent trafficking and to protect victims.", {"purpose"}),
        ("4. The Minister may make regulations.", {"other"}),
    ],
)
def test_roles(text: str, expected: set[str]) -> None:
    statute = make_statute(text)
    roles = by_label(statute)["s. 4"].roles
    assert expected <= roles
    if expected == {"other"}:
        assert roles == {"other"}


def test_role_from_heading_and_several_roles() -> None:
    statute = make_statute("""
    Section 5. Victim assistance.—The Department shall run shelters.

    Section 6. Offences and penalties.—A person who traffics a child commits an offence and is liable to imprisonment for life; and every child victim shall be entitled to care.
    """)
    nodes = by_label(statute)
    assert "protection" in nodes["s. 5"].roles
    assert {"offence", "penalty", "protection"} <= nodes["s. 6"].roles
    assert "purpose" not in nodes["s. 6"].roles


def test_paragraph_inherits_offence_role_in_context() -> None:
    statute = make_statute(COMMONWEALTH)
    paragraph = by_label(statute)["s. 3(1)(a)"]
    assert "offence" not in paragraph.roles
    assert "offence" in paragraph.context_roles()
    assert "offence" not in by_label(statute)["Part I"].context_roles()


def test_provision_at_returns_the_deepest_provision() -> None:
    statute = make_statute(COMMONWEALTH)
    offset = statute.text.index("remains in the Republic")
    assert statute.provision_at(offset).label == "s. 3(1)(b)(ii)"
    assert statute.provision_at(0).label == "Part I"


def test_regulations_rules_and_clauses_are_numbered_units() -> None:
    statute = make_statute("""
    Regulation 4. Shelters
    (1) A shelter shall be open to every victim.
    Regulation 5. Interpreters
    Rule 2. Hearings in private
    Clause 7. Savings
    """)
    assert labels(statute) == ["reg. 4", "reg. 4(1)", "reg. 5", "r. 2", "cl. 7"]
    assert by_label(statute)["reg. 4"].heading == "Shelters"


def test_low_high_quotation_marks_quote_inserted_articles_and_removed_words() -> None:
    # Central European translations quote with „…” (and German ones with „…“): what they insert is a provision
    # of the principal act, and what they replace is no longer law.
    text = (
        "Article 1. In the Act – Penal Code the following amendments are introduced:\n"
        "1) Art. 189a is replaced by the following:\n"
        "„Art. 189a. § 1. Whoever commits trafficking in human beings shall be subject to the penalty of"
        " deprivation of liberty.\n"
        "2. The penalty is increased where the victim is a child.”;\n"
        "2) in Art. 204 § 4 the words „a woman or a girl” are replaced by the words „another person“;\n"
    )
    statute = make_statute(text)
    labels = [p.label for p in statute.provisions if p.kind == "section"]
    assert "Art. 1 (new Art. 189a)" in labels
    assert not any(label.endswith("(new s. 2)") for label in labels)
    removed = [text[start:end] for start, end in statute.removed]
    assert "a woman or a girl" in removed


def test_definitions_run_together_on_one_line_belong_to_the_section_not_to_an_item() -> None:
    statute = make_statute(
        "2. Interpretation\n"
        "In this Act — “coercion” means — ( a ) any threat of harm to the individual; ( b ) any abuse of the legal"
        " process; “child” means an individual below 18 years of age; “victim” means an individual who has been"
        " trafficked.\n"
    )
    found = {d.term: d for d in statute.definitions}
    assert {"coercion", "child", "victim"} <= set(found)
    assert found["victim"].provision == "s. 2"
    assert {"s. 2(a)", "s. 2(b)"} <= set(labels(statute))


def test_a_definition_may_say_where_its_term_is_used_before_the_verb() -> None:
    statute = make_statute(
        'Article 2 (1) The term "protected person" as used in this Act means a person recognized as a victim.\n'
        "(2) “Shelter”, for the purposes of this Part, means a facility designated by the Minister.\n"
    )
    found = {d.term: d.text for d in statute.definitions}
    assert found["protected person"].startswith("a person recognized as a victim")
    assert found["Shelter"].startswith("a facility designated")
