"""Structure: a Document → a Statute (provision tree, definitions, provision roles)."""

from lexcheck.document import Document
from lexcheck.structure.definitions import find_definitions
from lexcheck.structure.model import Definition, Provision, Statute
from lexcheck.structure.parser import parse_provisions
from lexcheck.structure.roles import assign_roles


def build_statute(document: Document) -> Statute:
    """Parse a document's provisions, classify their roles and collect its definitions."""
    root = parse_provisions(document)
    assign_roles(root, document.text)
    statute = Statute(document, root, [])
    statute.definitions = find_definitions(document.text, statute.provisions, statute.provision_at)
    return statute


__all__ = ["Definition", "Provision", "Statute", "build_statute"]
