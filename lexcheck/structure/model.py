"""The provision tree of a statute: sections, subsections, paragraphs, definitions and roles."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from lexcheck.document import Document

# Provision roles that rules use for scoping. A provision may have several.
ROLES = ("definition", "offence", "penalty", "protection", "procedure", "purpose", "other")

# In rank order: a schedule ends every Part and Chapter of the body of the law.
CONTAINER_KINDS = ("schedule", "book", "part", "title", "chapter", "subchapter", "subpart", "division")


@dataclass(eq=False)
class Provision:
    """One numbered unit of a statute (a Part, a section, a subsection, a paragraph …).

    ``start``/``end`` cover the provision with everything nested in it; ``own_end`` is where its own
    words stop and its first child begins.
    """

    kind: str
    number: str
    label: str
    start: int
    end: int
    body_start: int
    own_end: int
    heading: str | None = None
    parent: Provision | None = field(default=None, repr=False)
    children: list[Provision] = field(default_factory=list, repr=False)
    roles: set[str] = field(default_factory=set)
    style: str = ""
    # A section an amending act puts into the principal act, quoted in one of its instructions.
    inserted: bool = False
    _context: frozenset[str] | None = field(default=None, repr=False)

    @property
    def is_container(self) -> bool:
        """True for Parts, Chapters and similar groupings of sections."""
        return self.kind in CONTAINER_KINDS

    def ancestors(self) -> Iterator[Provision]:
        """Yield the enclosing provisions, nearest first."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def walk(self) -> Iterator[Provision]:
        """Yield this provision and all provisions nested in it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def previous_sibling(self) -> Provision | None:
        """The provision just before this one under the same parent, if any."""
        if self.parent is None:
            return None
        siblings = self.parent.children
        index = next((i for i, child in enumerate(siblings) if child is self), 0)
        return siblings[index - 1] if index > 0 else None

    def section(self) -> Provision:
        """The enclosing section or article (the provision itself when it is one)."""
        node: Provision | None = self
        while node is not None:
            if node.kind == "section":
                return node
            node = node.parent
        return self

    def context_roles(self) -> set[str]:
        """Roles of this provision, of the provisions enclosing it up to its section, and of those nested in it.

        A paragraph "(a) does an act which facilitates …" is part of the offence its subsection creates,
        and a subsection whose penalty sits in a closing paragraph still creates an offence.
        """
        if self._context is not None:
            return set(self._context)
        roles = set(self.roles)
        if not (self.is_container or self.kind == "document"):  # a Part holding offences is no offence
            for node in self.ancestors():
                if node.is_container or node.kind == "document":
                    break
                roles |= node.roles
            for node in self.walk():
                roles |= node.roles
        self._context = frozenset(roles)
        return roles


@dataclass(frozen=True)
class Definition:
    """A defined term and the words that define it."""

    term: str
    text: str
    start: int
    end: int
    provision: str


@dataclass
class Statute:
    """A document with its provision tree, definitions and provision roles."""

    document: Document
    root: Provision
    definitions: list[Definition]
    provisions: list[Provision] = field(default_factory=list)
    # The analysed text: the document's, with layout that is not the law's words (marginal notes) blanked;
    # offsets are the document's.
    text: str = ""
    # Rows of text tables ("Offence | Section | Penalty"), as (start, end) offsets: each is read on its own.
    table_rows: list[tuple[int, int]] = field(default_factory=list)
    # Prohibitions and the provisions that make their breach an offence ("contravenes subsection (1)").
    referrers: dict[Provision, list[Provision]] = field(default_factory=dict)
    # Provisions and the provisions that take conduct out of them ("Subsection (1) shall not apply to …").
    exceptions: dict[Provision, list[Provision]] = field(default_factory=dict)
    # References to other provisions ("under section 3"): (start, end, provision referred to), in order.
    references: list[tuple[int, int, Provision]] = field(default_factory=list)
    # For an amending act: the words it deletes or repeals, its instruction lines, and whether it amends.
    removed: list[tuple[int, int]] = field(default_factory=list)
    instructions: list[tuple[int, int]] = field(default_factory=list)
    amending: bool = False
    _child_starts: dict[Provision, list[int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.provisions = [p for p in self.root.walk() if p is not self.root]
        self.text = self.text or self.document.text

    def provision_at(self, offset: int) -> Provision:
        """The most deeply nested provision that contains a character offset."""
        node = self.root
        while True:
            starts = self._child_starts.get(node)
            if starts is None:
                starts = self._child_starts[node] = [child.start for child in node.children]
            index = bisect.bisect_right(starts, offset) - 1
            if index < 0 or not (node.children[index].start <= offset < node.children[index].end):
                return node
            node = node.children[index]

    def own_text(self, provision: Provision) -> str:
        """The provision's own words (heading line included), without its nested provisions."""
        return self.text[provision.start : provision.own_end]
