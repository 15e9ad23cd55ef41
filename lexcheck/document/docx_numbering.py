"""Word's automatic list numbering, reconstructed from the numbering definitions (numbering.xml).

A paragraph that shows "3.", "(1)" or "(a)" only through list formatting has no such text in the file:
its number is counted here, list by list and level by level, as Word counts it, so that the provision
labels of a Word bill are those its reader sees on screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from lexcheck.document.numbers import format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W}
_FORMATS = {
    "decimal": "decimal",
    "decimalZero": "decimal-leading-zero",
    "lowerLetter": "lower-alpha",
    "upperLetter": "upper-alpha",
    "lowerRoman": "lower-roman",
    "upperRoman": "upper-roman",
}
_PLACEHOLDER = re.compile(r"%([1-9])")
_LEVELS = 9


def _val(element: etree._Element | None, name: str = "val") -> str | None:
    return None if element is None else element.get(f"{{{W}}}{name}")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Level:
    """One level of a list definition: how its number is counted and written."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # restart after this (1-based) level; 0 = never; None = after any higher one
    legal: bool = False  # "isLgl": every number in the text written as a decimal
    suffix: str = " "
    style: str | None = None  # a paragraph style that this level belongs to (``w:pStyle``)

    @staticmethod
    def read(element: etree._Element) -> Level:
        """A level from its ``w:lvl`` element."""
        fmt = _val(element.find("w:numFmt", _NS)) or "decimal"
        text = _val(element.find("w:lvlText", _NS))
        restart = _val(element.find("w:lvlRestart", _NS))
        return Level(
            start=_int(_val(element.find("w:start", _NS)), 0),
            fmt=fmt,
            text=text if text is not None else "",
            restart=_int(restart, 0) if restart is not None else None,
            legal=element.find("w:isLgl", _NS) is not None and _val(element.find("w:isLgl", _NS)) != "0",
            suffix="" if _val(element.find("w:suff", _NS)) == "nothing" else " ",
            style=_val(element.find("w:pStyle", _NS)),
        )


def _levels(element: etree._Element | None) -> dict[int, Level]:
    if element is None:
        return {}
    return {_int(_val(lvl, "ilvl"), 0): Level.read(lvl) for lvl in element.findall("w:lvl", _NS)}


class Numbering:
    """The list definitions of one Word document, and the counters of the lists read so far."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None):
        self._abstract: dict[str, dict[int, Level]] = {}
        self._style_links: dict[str, str] = {}
        self._nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self._style_numbering: dict[str, tuple[str | None, int | None]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[tuple[str, int]] = set()
        if numbering is not None:
            for abstract in numbering.findall("w:abstractNum", _NS):
                ident = _val(abstract, "abstractNumId") or ""
                self._abstract[ident] = _levels(abstract)
                link = _val(abstract.find("w:numStyleLink", _NS))
                if link:
                    self._style_links[ident] = link
            for num in numbering.findall("w:num", _NS):
                overrides: dict[int, Level] = {}
                starts: dict[int, int] = {}
                for override in num.findall("w:lvlOverride", _NS):
                    ilvl = _int(_val(override, "ilvl"), 0)
                    start = override.find("w:startOverride", _NS)
                    if start is not None:
                        starts[ilvl] = _int(_val(start), 1)
                    lvl = override.find("w:lvl", _NS)
                    if lvl is not None:
                        overrides[ilvl] = Level.read(lvl)
                abstract_id = _val(num.find("w:abstractNumId", _NS)) or ""
                self._nums[_val(num, "numId") or ""] = (abstract_id, overrides, starts)
        if styles is not None:
            self._read_styles(styles)

    def _read_styles(self, styles: etree._Element) -> None:
        based_on: dict[str, str] = {}
        own: dict[str, tuple[str | None, int | None]] = {}
        for style in styles.findall("w:style", _NS):
            ident = _val(style, "styleId") or ""
            parent = _val(style.find("w:basedOn", _NS))
            if parent:
                based_on[ident] = parent
            num_pr = style.find("w:pPr/w:numPr", _NS)
            if num_pr is not None:
                ilvl = _val(num_pr.find("w:ilvl", _NS))
                own[ident] = (_val(num_pr.find("w:numId", _NS)), _int(ilvl, 0) if ilvl is not None else None)
        for ident in {*own, *based_on}:
            seen: set[str] = set()
            node: str | None = ident
            while node is not None and node not in seen:
                seen.add(node)
                if node in own:
                    self._style_numbering[ident] = own[node]
                    break
                node = based_on.get(node)

    def _level(self, num_id: str, ilvl: int) -> Level | None:
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        abstract_id, overrides, _ = entry
        if ilvl in overrides:
            return overrides[ilvl]
        levels = self._abstract.get(abstract_id, {})
        if not levels and abstract_id in self._style_links:
            # A list defined by a numbering style: the style points at the list that holds the levels.
            linked = self._style_numbering.get(self._style_links[abstract_id], (None, None))[0]
            if linked and linked != num_id and linked in self._nums:
                levels = self._abstract.get(self._nums[linked][0], {})
        return levels.get(ilvl)

    def _count(self, num_id: str, ilvl: int, level: Level, counters: list[int | None]) -> int:
        """The next number at a level; a list instance that overrides the start restarts the count once.

        Instances of one list definition share their counters (LibreOffice writes one instance per
        paragraph), so only the first use of an instance with a start override restarts them.
        """
        starts = self._nums[num_id][2]
        if ilvl in starts and (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            return starts[ilvl]
        current = counters[ilvl]
        return level.start if current is None else current + 1

    def paragraph_number(self, paragraph_properties: etree._Element | None, style_id: str | None) -> str:
        """Count a paragraph in its list and return the number Word shows before it ("" if none)."""
        num_id, ilvl = self._numbering_of(paragraph_properties, style_id)
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return ""
        ilvl = min(max(ilvl, 0), _LEVELS - 1)
        level = self._level(num_id, ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(self._nums[num_id][0], [None] * _LEVELS)
        counters[ilvl] = self._count(num_id, ilvl, level, counters)
        for deeper in range(ilvl + 1, _LEVELS):
            deeper_level = self._level(num_id, deeper)
            if deeper_level is None or deeper_level.restart is None or 0 < deeper_level.restart <= ilvl + 1:
                counters[deeper] = None
        if level.fmt == "bullet":
            return ""

        def value(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = self._level(num_id, index) or Level()
            count = counters[index]
            if count is None:
                count = self._nums[num_id][2].get(index, shown.start)
            style = "decimal" if level.legal else _FORMATS.get(shown.fmt, "decimal")
            return "" if shown.fmt == "none" else format_number(count, style)

        text = _PLACEHOLDER.sub(value, level.text).strip()
        return text + level.suffix if text else ""

    def _numbering_of(self, properties: etree._Element | None, style_id: str | None) -> tuple[str | None, int]:
        num_pr = properties.find("w:numPr", _NS) if properties is not None else None
        num_id = _val(num_pr.find("w:numId", _NS)) if num_pr is not None else None
        ilvl_text = _val(num_pr.find("w:ilvl", _NS)) if num_pr is not None else None
        if num_id is None and style_id is not None:
            style_num, style_ilvl = self._style_numbering.get(style_id, (None, None))
            num_id = style_num
            if ilvl_text is None and style_ilvl is not None:
                return num_id, style_ilvl
            if ilvl_text is None and num_id is not None:
                return num_id, self._style_level(num_id, style_id)
        return num_id, _int(ilvl_text, 0)

    def _style_level(self, num_id: str, style_id: str) -> int:
        """The level a list gives to a style (``w:pStyle`` inside a ``w:lvl``), or the first level."""
        for ilvl in range(_LEVELS):
            level = self._level(num_id, ilvl)
            if level is not None and level.style == style_id:
                return ilvl
        return 0
