"""Which kinds of offence a law creates: trafficking, smuggling, both or neither."""

from __future__ import annotations

from lexcheck.engine.conditions import Conditions
from lexcheck.engine.context import TextContext
from lexcheck.engine.matching import MatchIndex
from lexcheck.rules.model import Condition


def in_offence(context: TextContext, start: int, end: int) -> bool:
    """In an offence provision, or in a definition that an offence provision uses ("commits smuggling").

    A heading counts when the words directly under it create the offence ("Trafficking in persons" over
    "279.01 (1) Every person who recruits …"), not when an offence is mentioned deep inside a long
    section on something else.
    """
    node = context.provision(start)
    if node.heading and start < node.body_start:
        roles = set(node.roles) | (node.children[0].roles if node.children else set())
        if "offence" in roles:
            return True
    elif "offence" in node.context_roles():
        return True
    if context.statute.amending and any("offence" in part.roles for part in node.section().walk()):
        # An amending instruction that rewrites an offence: the words it inserts ("(vi) … transports … an alien
        # … in violation of law") are that offence's, though the offence formula stays in the principal act.
        return True
    definition = context.definition_at(start, end)
    return definition is not None and any(
        "offence" in context.provision(use).context_roles() for use in context.term_uses(definition)
    )


def detect_instruments(
    context: TextContext, index: MatchIndex, conditions: Conditions, detectors: dict[str, Condition]
) -> set[str]:
    """The instruments whose offence condition holds, un-negated and outside quoted titles, in an offence."""
    found: set[str] = set()
    for name, condition in detectors.items():
        for hit in index.hits(condition.match):
            if (
                # An amending act names the offences of the principal act it changes in its instructions.
                (
                    ((in_offence(context, hit.start, hit.end) or context.names_amended_provision(hit.start))
                    and not context.in_title(hit.start, hit.end))
                    or names_amended_law(context, hit.start)
                )
                and not context.negated(hit.start, hit.end, offence=True)
                and conditions.holds(condition, hit)
            ):
                found.add(name)
                break
    return found


# How far into the text an amending act's title lies.
TITLE_REACH = 2000


def names_amended_law(context: TextContext, offset: int) -> bool:
    """In an amending act, words in its own title that name the law it amends ("The Trafficking in Persons
    (Amendment) Act", "An Act to amend the Trafficking in Persons Act"): that law's kind is the amendment's."""
    if not context.statute.amending or offset > TITLE_REACH:
        return False
    start = context.text.rfind("\n", 0, offset) + 1
    end = context.text.find("\n", offset)
    line = context.text[start : end if end != -1 else len(context.text)]
    for match in context.lexicon.amendments.amended_law.finditer(line):
        group = "law" if match.group("law") is not None else "law2"
        if match.start(group) <= offset - start < match.end(group):
            return True
    return False
