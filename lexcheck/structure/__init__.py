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
    provisions = [p for p in root.walk() if p is not root]
    return Statute(document, root, find_definitions(document.text, provisions))


__all__ = ["Definition", "Provision", "Statute", "build_statute"]
