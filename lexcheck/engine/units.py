"""Choosing the provision a finding is about: the offence a trigger sits in, not a heading or a definition."""

from __future__ import annotations

from lexcheck.engine.context import TextContext
from lexcheck.engine.matching import Hit
from lexcheck.engine.scope import ScopeFilter
from lexcheck.rules.model import Rule
from lexcheck.structure import Provision


def unit_for(ctx: TextContext, rule: Rule, offset: int) -> Provision:
    """The provision a require/absent finding is about: the nearest enclosing one with an in-scope role."""
    leaf = ctx.provision(offset)
    chain = [leaf, *[p for p in leaf.ancestors() if p.kind != "document" and not p.is_container]]
    wanted = set(rule.scope.roles)
    if wanted:
        for node in chain:
            if node.roles & wanted:
                return node
        for node in chain:
            if any(child.roles & wanted for child in node.walk()):
                return node
    return leaf


def _matched_below(heading_of: Provision, in_text: list[Hit]) -> bool:
    """Whether words of a provision (not its heading) match too."""
    return any(heading_of.start <= hit.start < heading_of.end for hit in in_text)


def is_operative(provision: Provision) -> bool:
    """A numbered provision that does something (not a title, preamble, purpose or bare definition)."""
    if provision.kind == "document" or provision.is_container:
        return False
    roles = provision.context_roles()
    return bool(roles - {"definition", "purpose", "other"}) and "purpose" not in roles


def units_of(ctx: TextContext, scope: ScopeFilter, rule: Rule, hits: list[Hit]) -> list[tuple[Provision, Hit]]:
    """The outermost provisions in scope that the triggers fall in, each with its first trigger."""
    units: dict[Provision, Hit] = {}
    # Words in a heading ("Facilitation of unlawful entry", a run-in "11. Return of smuggled migrants.—(1)")
    # name what the provision is about. Where its own words match, they are the triggers and the finding
    # points at them; a heading counts alone only over words that do not match ("6. Organising unlawful
    # entry – (1) A person who organises the entry of another person …").
    headed = [(hit, ctx.headed(hit.start, hit.end)) for hit in hits]
    in_text = [hit for hit, node in headed if node is None]
    kept = [hit for hit, node in headed if node is None or not _matched_below(node, in_text)] if in_text else hits
    for hit in kept:
        node = unit_for(ctx, rule, hit.start)
        if node.kind == "document" and node.children:
            # A long title or recital ("for the protection, rehabilitation and repatriation of victims") enacts
            # nothing, and as a unit it would span the whole law; only a text without provisions is its own unit.
            continue
        if rule.scope.roles and not node.context_roles() & set(rule.scope.roles):
            # The trigger is in a definition: the provisions using the defined term are the units. Not when the
            # term names a person or a body: an offence against a "victim" (a person who has been trafficked)
            # is not itself trafficking, nor is one heard by the "Tribunal" (the Anti-Human Trafficking Tribunal).
            definition = ctx.definition_at(hit.start, hit.end)
            if definition is not None and (ctx.names_person(definition) or ctx.names_body(definition)):
                continue
            for user in scope.uses_in_scope(rule, hit):
                if not scope.excluded_at(rule, user.start):  # "Duty to report trafficking in persons"
                    units.setdefault(unit_for(ctx, rule, user.start), hit)
            continue
        units.setdefault(node, hit)
    chosen = [(node, hit) for node, hit in units.items() if not any(parent in units for parent in node.ancestors())]
    return sorted(chosen, key=lambda item: item[0].start)
