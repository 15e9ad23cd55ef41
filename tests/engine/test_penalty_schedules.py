"""Penalties given in a schedule table are read row by row and linked to the section each row names."""

from __future__ import annotations

from lexcheck.results import PenaltyEvidence

SCHEDULED = """
PART II — OFFENCES

3. Trafficking in persons
A person who recruits another person by force for the purpose of exploitation commits an offence.

4. Smuggling of migrants
A person who, for financial gain, facilitates the illegal entry of a non-citizen commits an offence.

5. Penalties
A person who commits an offence specified in the first column of the Schedule is liable to the penalty in the
third column of the Schedule.

SCHEDULE
PENALTIES

Offence                   | Section | Penalty
--------------------------|---------|------------------------------------------------
Trafficking in persons    | 3       | Imprisonment for 25 years
Smuggling of migrants     | 4       | Imprisonment for 2 years
Aggravated trafficking    | 3(2)    | Death
"""


def test_schedule_rows_are_separate_penalties_linked_by_section(findings_for) -> None:
    threshold = findings_for(SCHEDULED, "SERIOUS-CRIME-THRESHOLD")
    # The smuggling offence carries two years (its own row), not the trafficking row's 25.
    assert [f.provision for f in threshold] == ["s. 4"]
    evidence = threshold[0].evidence
    assert isinstance(evidence, PenaltyEvidence) and evidence.maximum_years == 2.0


def test_death_penalty_in_a_schedule_cell_is_reported_at_the_row(findings_for) -> None:
    [death] = findings_for(SCHEDULED, "DEATH-PENALTY")
    assert death.provision == "Schedule"
    assert death.excerpt == "Aggravated trafficking | 3(2) | Death"


ENTRIES = """
5 Facilitating unlawful immigration for gain
(1) A person commits an offence if the person, for gain, facilitates a breach of immigration law by another person.

6 Harbouring for gain
(1) A person commits an offence if the person, for gain, harbours another person knowing that the other person is an illegal entrant.

7 Penalties
A person who commits an offence under this Act is liable to the penalty specified for it in Schedule 1.

SCHEDULE 1
PENALTIES

Section 5 (facilitating unlawful immigration for gain)
On conviction on indictment: imprisonment for a term not exceeding 14 years or a fine, or both.

Section 6 (harbouring for gain)
On summary conviction: imprisonment for a term not exceeding 6 months or a fine, or both.
On conviction on indictment: imprisonment for a term not exceeding 2 years or a fine, or both.
"""


def test_schedule_entries_headed_by_their_section_punish_that_section(findings_for) -> None:
    threshold = findings_for(ENTRIES, "SERIOUS-CRIME-THRESHOLD")
    # Section 6's own entry (at most 2 years), not section 5's 14 years on the lines above it.
    assert [f.provision for f in threshold] == ["s. 6(1)"]
    evidence = threshold[0].evidence
    assert isinstance(evidence, PenaltyEvidence) and evidence.maximum_years == 2.0
