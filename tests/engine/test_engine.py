"""Engine behaviour on small bills: the headline concerns, their traps, locations, evidence and fingerprints.

Findings are always filtered by the rule or concern under test, so rules added later do not break these tests.
"""

from __future__ import annotations

import pytest
from conftest import bill

SMUGGLING_BILL = """
1. Short title
This Act may be cited as the Border Act.

4. Smuggling of migrants
(1) A person who facilitates the illegal entry of another person into the Republic commits an offence.
(2) Where an offence under subsection (1) is committed for financial gain, the person is liable to imprisonment for fifteen years.
"""

EVIDENCE_KEYS = {"flag": {"kind", "matched", "pattern", "kept"},
                 "require": {"kind", "scope", "trigger", "trigger_pattern", "missing"},
                 "absent": {"kind", "gate", "gate_pattern", "gate_provision", "missing"}}


# -- SOM-BENEFIT ------------------------------------------------------------------------------------

def test_som_benefit_reports_the_offence_provision(findings_for) -> None:
    (finding,) = findings_for(SMUGGLING_BILL, "som-offence-without-benefit")
    assert finding.rule == "som-offence-without-benefit"
    assert finding.severity == "error"
    assert finding.provision == "s. 4(1)"
    assert finding.provision_heading == "Smuggling of migrants"
    assert (finding.start_line, finding.start_column) == (5, 1)
    assert finding.end_line == 5
    assert finding.excerpt == ("(1) A person who facilitates the illegal entry of another person into the Republic "
                               "commits an offence.")
    assert EVIDENCE_KEYS["require"] <= set(finding.model_dump()["evidence"])
    assert finding.evidence.kind == "require"
    assert finding.evidence.scope == "s. 4(1)"
    assert finding.evidence.trigger == "facilitates"
    assert "financial or other material benefit" in finding.evidence.missing
    text = bill(SMUGGLING_BILL)
    assert text[finding.start_char : finding.end_char].startswith("(1) A person who facilitates")
    assert finding.references and any("Smuggling of Migrants" in ref for ref in finding.references)


def test_som_benefit_penalty_aggravation_does_not_satisfy(analyse) -> None:
    """'committed for financial gain' in a penalty clause only raises the penalty: the offence still lacks it."""
    analysis = analyse(SMUGGLING_BILL)
    assert [f.provision for f in analysis.findings if f.concern == "SOM-BENEFIT"] == ["s. 4(1)"]  # not s. 4(2)
    assert "smuggling" in analysis.instruments


def test_som_benefit_aggravation_in_same_subsection_is_not_counted(findings_for) -> None:
    text = """
    12. Smuggling offence
    (1) A person who facilitates the unlawful entry of another person into Ruritania commits an offence; and if the offence was committed for financial gain, the maximum penalty is imprisonment for fifteen years.
    """
    (finding,) = findings_for(text, "som-offence-without-benefit")
    assert finding.provision == "s. 12(1)"
    assert finding.evidence.not_counted, "the aggravating benefit must be listed as not counted"


@pytest.mark.parametrize(
    "text",
    [
        """
        4. Smuggling of migrants
        (1) A person who, in order to obtain, directly or indirectly, a financial or other material benefit, facilitates the illegal entry of another person into the Republic commits an offence.
        """,
        "4. Any person who, for profit, assists another person to enter the country illegally commits an offence.",
        "4. A person who recruits, transports or harbours another person for the purpose of exploitation commits the offence of trafficking in persons.",
        "4. A foreign national who enters the Republic unlawfully commits an offence.",
    ],
    ids=["benefit-element", "for-profit", "trafficking-offence", "migrant-own-entry"],
)
def test_som_benefit_silent(findings_for, text: str) -> None:
    assert findings_for(text, "SOM-BENEFIT") == []


def test_som_benefit_heading_words_do_not_move_the_finding(findings_for) -> None:
    text = """
    12. Facilitation of unlawful entry
    (1) A person who facilitates the unlawful entry of another person into Ruritania commits an offence.
    (2) If the offence was committed for financial gain, the maximum penalty is imprisonment for fifteen years.
    """
    (finding,) = findings_for(text, "som-offence-without-benefit")
    assert finding.provision == "s. 12(1)"
    assert finding.excerpt.startswith("(1) A person who facilitates")


# -- CITIZEN-ONLY -------------------------------------------------------------------------------------

CITIZEN_BILL = """
5. Assistance to victims
(1) Every victim of trafficking who is a citizen of the Republic shall be entitled to free legal aid.
(2) Victims, whether nationals or foreign nationals, shall be entitled to shelter.
"""


def test_citizen_only_flags_the_citizenship_condition(findings_for) -> None:
    (finding,) = findings_for(CITIZEN_BILL, "citizen-only-protection")
    assert finding.rule == "citizen-only-protection"
    assert finding.provision == "s. 5(1)"
    assert finding.provision_heading == "Assistance to victims"
    line = bill(CITIZEN_BILL).splitlines()[1]
    assert (finding.start_line, finding.start_column) == (2, line.index("citizen") + 1)
    assert finding.end_column == line.index("citizen") + len("citizen") + 1
    assert finding.excerpt == line
    assert set(finding.model_dump()["evidence"]) == EVIDENCE_KEYS["flag"]
    assert finding.evidence.matched == "citizen"


@pytest.mark.parametrize(
    "text",
    [
        "2. Victims, whether nationals or foreign nationals, shall be entitled to shelter and legal aid.",
        "2. No victim shall be refused assistance on the ground that he or she is not a citizen.",
        "2. This Act applies to an offence committed outside the Republic by a citizen of the Republic.",
        "2. Every victim shall receive assistance regardless of nationality.",
    ],
    ids=["whether-nationals", "negated", "jurisdiction", "regardless"],
)
def test_citizen_only_silent(findings_for, text: str) -> None:
    assert findings_for(text, "CITIZEN-ONLY") == []


# -- GENDERED-DEFINITION --------------------------------------------------------------------------------

GENDERED_BILL = """
1. Purpose
The purpose of this Act is to give effect to the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children.

2. Definitions
In this Act, “victim” means a woman or child who has been trafficked.
"""


def test_gendered_definition_flagged_but_protocol_title_is_not(analyse) -> None:
    analysis = analyse(GENDERED_BILL)
    assert all(f.start_line != 2 for f in analysis.findings if f.concern == "GENDERED-DEFINITION")
    findings = [f for f in analysis.findings if f.rule == "gendered-victim-definition"]
    assert [(f.provision, f.start_line) for f in findings] == [("s. 2", 5)]
    assert findings[0].provision_heading == "Definitions"
    assert findings[0].evidence.matched == "a woman"
    assert findings[0].excerpt == "In this Act, “victim” means a woman or child who has been trafficked."


@pytest.mark.parametrize(
    "text",
    [
        "1. This Act gives effect to the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children.",
        "2. In this Act, “victim” means any person, in particular women and children, who has been trafficked.",
        "2. In this Act, “victim” means a person of any sex who has been trafficked.",
    ],
    ids=["protocol-title", "in-particular", "any-sex"],
)
def test_gendered_definition_silent(findings_for, text: str) -> None:
    assert findings_for(text, "GENDERED-DEFINITION") == []


def test_female_only_assistance_is_a_gendered_definition_concern(findings_for) -> None:
    (finding,) = findings_for("7. Shelters shall be provided for female victims.", "female-only-assistance")
    assert finding.concern == "GENDERED-DEFINITION"
    assert findings_for("7. Shelters shall be provided for all victims, with separate accommodation for female "
                        "and male victims.", "female-only-assistance") == []


# -- TIP-NONPUNISHMENT ----------------------------------------------------------------------------------

OFFENCE_ONLY = """
3. A person who traffics another person commits an offence and is liable to imprisonment for ten years.
4. A victim of trafficking is entitled to shelter and medical care.
"""


def test_no_non_punishment_clause_points_at_the_gate(findings_for) -> None:
    (finding,) = findings_for(OFFENCE_ONLY, "no-non-punishment-clause")
    assert finding.rule == "no-non-punishment-clause"
    assert finding.provision == "s. 3"
    assert (finding.start_line, finding.start_column) == (1, 1)
    assert set(finding.model_dump()["evidence"]) >= EVIDENCE_KEYS["absent"]
    assert finding.evidence.gate_provision == "s. 3"
    assert finding.evidence.gate == "traffics"


@pytest.mark.parametrize(
    "clause",
    [
        "9. A victim of trafficking shall not be punished for any offence committed as a direct consequence of having been trafficked.",
        "9. No victim of trafficking shall be prosecuted or detained for any unlawful act committed as a direct result of being trafficked.",
        "9. Defence for victims\nA person is not guilty of an offence if the person was compelled to do the act and the compulsion is attributable to being a victim of trafficking.",
    ],
    ids=["shall-not-be-punished", "no-victim-shall", "statutory-defence"],
)
def test_non_punishment_clause_satisfies(findings_for, clause: str) -> None:
    text = OFFENCE_ONLY + clause + "\n"
    assert findings_for(text, "TIP-NONPUNISHMENT") == []


def test_immigration_only_non_punishment_is_weaker(findings_for) -> None:
    text = OFFENCE_ONLY + ("9. A victim of trafficking shall not be prosecuted for unlawful entry into the country "
                           "or unlawful stay.\n")
    (finding,) = findings_for(text, "no-non-punishment-clause")
    assert finding.severity == "info"
    assert "immigration" in finding.message
    assert finding.evidence.limitation_provision == "s. 9"
    # The weaker finding says what falls short; it is not titled as if there were no clause at all.
    assert finding.title == "Non-punishment clause limited to immigration offences"


def test_discretionary_non_prosecution_is_weaker(findings_for) -> None:
    text = OFFENCE_ONLY + ("9. The prosecutor may decide not to prosecute a victim for offences committed as a "
                           "result of being trafficked.\n")
    (finding,) = findings_for(text, "no-non-punishment-clause")
    assert finding.severity == "info"
    assert "discretion" in finding.message
    assert finding.title == "Non-punishment of victims left to discretion"


def test_non_punishment_not_required_without_trafficking_offence(findings_for) -> None:
    text = """
    1. The purpose of this Act is to give effect to the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children.
    2. The Minister shall establish a shelter for victims.
    """
    assert findings_for(text, "TIP-NONPUNISHMENT") == []


# -- DEATH-PENALTY ----------------------------------------------------------------------------------------

def test_death_penalty_and_its_traps(analyse) -> None:
    text = """
    3. Any person who traffics a child shall be punished with death.
    4. Where the offence results in the death of the victim, the offender shall be liable to imprisonment for life.
    5. The death penalty shall not be imposed for any offence under this Act.
    """
    assert all(f.start_line == 1 for f in analyse(text).findings if f.concern == "DEATH-PENALTY")
    findings = [f for f in analyse(text).findings if f.rule == "death-penalty"]
    assert [(f.provision, f.start_line) for f in findings] == [("s. 3", 1)]
    (finding,) = findings
    assert finding.evidence.matched == "punished with death"
    line = bill(text).splitlines()[0]
    assert finding.start_column == line.index("punished") + 1
    assert finding.end_column == line.index("death") + len("death") + 1


@pytest.mark.parametrize(
    "text",
    [
        "4. Where the offence results in the death of the victim, the offender shall be liable to imprisonment for life.",
        "5. The death penalty shall not be imposed for any offence under this Act.",
        "5. The death penalty is abolished for all offences under this Act.",
    ],
)
def test_death_penalty_silent(findings_for, text: str) -> None:
    assert findings_for(text, "DEATH-PENALTY") == []


# -- negation, instruments, determinism ----------------------------------------------------------------------

def test_negation_no_child_shall(analyse) -> None:
    analysis = analyse("6. No child shall be punished with death for an offence under this Act.")
    assert [f for f in analysis.findings if f.concern == "DEATH-PENALTY"] == []
    reasons = [s.reason for s in analysis.suppressed if s.rule == "death-penalty"]
    assert any(reason.startswith("negation") for reason in reasons)


@pytest.mark.parametrize(
    ("text", "instruments"),
    [
        ("3. A person who traffics another person commits an offence.", ["trafficking"]),
        ("4. A person who facilitates the illegal entry of another person commits an offence.", ["smuggling"]),
        ("3. A person who traffics another person commits an offence.\n"
         "4. A person who facilitates the illegal entry of another person commits an offence.",
         ["smuggling", "trafficking"]),
        ("1. The Minister shall establish shelters for victims of trafficking.", []),
        ("1. This Act gives effect to the Protocol to Prevent, Suppress and Punish Trafficking in Persons.", []),
        # An amending act is of the kind of the law its title says it amends.
        ("THE TRAFFICKING IN PERSONS (AMENDMENT) ACT, 2022\n"
         "1. Section 12 of the principal Act is repealed.", ["trafficking"]),
        ("An Act to amend the Trafficking in Persons Act, 2009.\n1. Section 12 of the principal Act is repealed.",
         ["trafficking"]),
        ("THE BORDER (AMENDMENT) ACT, 2022\nAn Act to amend the Border Act and to prohibit trafficking.\n"
         "1. Section 12 of the principal Act is repealed.", []),
        # The elements of the offence name it when the word does not: "in order to exploit … recruits".
        ("279.01 (1) Every person who, in order to exploit another person, recruits, transports or harbours a "
         "person commits an offence.", ["trafficking"]),
    ],
    ids=["trafficking", "smuggling", "both", "neither", "title-only", "amending-title", "amending-long-title",
         "amending-other-law", "elements"],
)
def test_instrument_detection(analyse, text: str, instruments: list[str]) -> None:
    assert analyse(text).instruments == instruments


def test_fingerprint_survives_an_inserted_section(findings_for) -> None:
    before = findings_for(SMUGGLING_BILL, "SOM-BENEFIT")
    shifted = SMUGGLING_BILL.replace("4. Smuggling", "2. Commencement\nThis Act comes into force on 1 January.\n\n"
                                                      "4. Smuggling")
    after = findings_for(shifted, "SOM-BENEFIT")
    assert len(before) == len(after) == 1
    assert after[0].start_line == before[0].start_line + 3
    assert after[0].start_char > before[0].start_char
    assert after[0].fingerprint == before[0].fingerprint


def test_same_wording_twice_gets_distinct_fingerprints(findings_for) -> None:
    text = """
    3. Any person who traffics a child shall be punished with death.
    7. Any person who traffics a child shall be punished with death.
    """
    findings = findings_for(text, "death-penalty")
    assert len(findings) == 2
    assert findings[0].fingerprint != findings[1].fingerprint


def test_findings_are_in_document_order_and_repeatable(analyse) -> None:
    text = bill(CITIZEN_BILL) + "\n" + bill(SMUGGLING_BILL).replace("4. Smuggling", "6. Smuggling")
    first = analyse(text).findings
    second = analyse(text).findings
    assert [f.model_dump() for f in first] == [f.model_dump() for f in second]
    assert [f.start_char for f in first] == sorted(f.start_char for f in first)


def test_flag_reports_once_per_sentence(findings_for) -> None:
    text = "3. Any person who traffics a child shall be punished with death or sentenced to death."
    assert len(findings_for(text, "death-penalty")) == 1
