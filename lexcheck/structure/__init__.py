"""Structure: a Document → a Statute (provision tree, definitions, provision roles)."""

from lexcheck.document import Document
from lexcheck.language import Lexicon
from lexcheck.structure.amendments import find_amendments
from lexcheck.structure.definitions import find_definitions
from lexcheck.structure.layout import find_layout
from lexcheck.structure.model import Definition, Provision, Statute
from lexcheck.structure.parser import parse_provisions
from lexcheck.structure.references import cross_references, link_contraventions, link_disapplications
from lexcheck.structure.roles import assign_roles


def build_statute(document: Document, lexicon: Lexicon) -> Statute:
    """Parse a document's provisions, classify their roles and collect its definitions, reading the words
    of the document's language with ``lexicon``."""
    layout = find_layout(document.text, lexicon)
    root = parse_provisions(document, lexicon, layout)
    assign_roles(root, layout.text, lexicon)
    statute = Statute(document, root, [], text=layout.text, table_rows=layout.rows)
    statute.referrers = link_contraventions(statute, lexicon)
    statute.exceptions = link_disapplications(statute, lexicon)
    statute.references = cross_references(statute, lexicon)
    amendments = find_amendments(layout.text, statute.provisions, lexicon)
    statute.removed, statute.instructions, statute.amending = (
        amendments.removed,
        amendments.instructions,
        amendments.amending,
    )
    statute.definitions = find_definitions(layout.text, statute.provisions, statute.provision_at, lexicon)
    return statute


__all__ = ["Definition", "Provision", "Statute", "build_statute"]
