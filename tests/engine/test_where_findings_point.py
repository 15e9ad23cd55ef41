"""Findings about a missing safeguard are law-level, point at the provision that needs it, and quote its words."""

from __future__ import annotations

import pytest

BILLS = {
    "number and title on one line": """
1. Short title
This Act may be cited as the Trafficking Act.

3. Offence of trafficking in persons
(1) A person who recruits another person by force for the purpose of exploitation commits an offence.
""",
    "Nordic section number and title on lines of their own": """
Section 3
Trafficking in human beings
Anyone who recruits another person by force for the purpose of exploitation is sentenced to imprisonment.
""",
}


@pytest.mark.parametrize("name", sorted(BILLS))
def test_absence_findings_quote_text_not_a_label(findings_for, name: str) -> None:
    [finding] = findings_for(BILLS[name], "TIP-NONPUNISHMENT")
    assert finding.level == "law"
    assert finding.provision in ("s. 3", "s. 3(1)")
    assert "recruits" in finding.excerpt, finding.excerpt
    assert finding.excerpt.strip() not in ("3. Offence of trafficking in persons", "Section 3")


def test_flag_findings_are_provision_level(findings_for) -> None:
    [finding] = findings_for("5. A person who traffics a child shall be punished with death.\n", "DEATH-PENALTY")
    assert finding.level == "provision"


def test_an_excerpt_is_never_a_heading_alone(findings_for) -> None:
    # The morality offence is named in the article's heading; the excerpt goes on to the words below it.
    found = findings_for(
        "Article 127-5. Engaging in prostitution\n"
        "Shall be punishable by a fine or by arrest for up to fifteen days.\n",
        "MORALITY-OFFENCE",
    )
    assert found and all("punishable by a fine" in f.excerpt for f in found)


def test_a_gap_in_one_definition_quotes_that_definition(findings_for) -> None:
    # A definitions section holds many terms; the finding about what "exploitation" omits quotes that
    # definition, not the section's first one.
    found = findings_for(
        "1. Interpretation\n"
        "In this Act—\n"
        "“Act of 1998” means the Child Protection Act 1998;\n"
        "“Minister” means the Minister for Justice;\n"
        "“exploitation” means the prostitution of others, forced labour or the removal of organs;\n"
        "4. A person who recruits another person by force for the purpose of exploitation commits an offence.\n",
        "TIP-DEFINITION",
    )
    omits = [f for f in found if f.rule == "tip-exploitation-omits-slavery"]
    assert omits and omits[0].excerpt.startswith("“exploitation” means"), omits[0].excerpt
    assert omits[0].start_line == 5


def test_a_missing_safeguard_points_at_the_offence_not_at_a_definitions_section(findings_for) -> None:
    [finding] = findings_for(
        "2. In this Act, “trafficking in persons” means the recruitment of a person by force for the purpose of"
        " exploitation, and “penalty unit” has the meaning given in the Penalties Act, under which imprisonment is"
        " reckoned.\n"
        "3. A person who commits trafficking in persons is liable to imprisonment for twenty years.\n",
        "TIP-NONPUNISHMENT",
    )
    assert finding.provision == "s. 3", finding.provision
