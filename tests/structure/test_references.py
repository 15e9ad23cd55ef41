"""References between provisions ("under section 3 or 4", "under subsection (1)")."""

from __future__ import annotations

from conftest import english

from lexcheck.document import Document
from lexcheck.structure import build_statute

BILL = """3. Trafficking in persons
A person who traffics another person commits an offence.

4. Trafficking in children
(1) A person who traffics a child commits an offence.
(2) A person convicted under subsection (1) is liable to imprisonment for life.

5. Mitigation
The court shall take into account that the offender was subjected to an offence under section 3 or 4(1).
"""


def test_references_name_the_provisions_they_point_at() -> None:
    statute = build_statute(Document("bill.txt", BILL, "utf-8", "text"), english())
    found = [(statute.text[start:end], target.label) for start, end, target in statute.references]
    assert ("under subsection (1)", "s. 4(1)") in found
    labels = [label for words, label in found if "section 3" in words]
    assert labels == ["s. 3", "s. 4(1)"]


def test_this_section_in_a_subsection_points_at_its_section() -> None:
    text = (
        "7. Detention of children\n"
        "(1) A child found with a person suspected of smuggling may be detained with that person.\n"
        "(2) A child detained under this section shall be brought before a court within 24 hours.\n"
    )
    statute = build_statute(Document("bill.txt", text, "utf-8", "text"), english())
    found = [(statute.text[start:end], target.label) for start, end, target in statute.references]
    assert ("under this section", "s. 7") in found


def test_a_provision_of_another_law_is_not_this_laws_provision() -> None:
    text = (
        "Article 3 (1) Measures under this Act shall respect the human rights of victims.\n"
        "Article 20 (1) A person who assists a foreign national in entering in violation of Article 3, paragraph"
        " (1) of the Immigration Control Act shall be punished.\n"
        "(2) A person who assists a foreign national in breach of Article 3 of this Act shall be punished.\n"
        "(3) The penalty in section 3 of that Act also applies.\n"
    )
    statute = build_statute(Document("bill.txt", text, "utf-8", "text"), english())
    found = [(statute.text[start:end], target.label) for start, end, target in statute.references]
    assert ("of Article 3", "Art. 3") in found  # "of this Act": this law's own article
    assert len([label for _, label in found if label.startswith("Art. 3")]) == 1
