"""Highlight given texts in a Word body: the placeholders a draft messaggio still holds.

A run whose text contains one of the texts is split in three runs (before, the text, after),
each keeping the run's properties; the middle one gets ``<w:highlight w:val="yellow"/>``,
the marker Word and LibreOffice show as a yellow highlighter. A text spread over several
runs (part bold, part not) is not found: the placeholders of «rodiff nuovo» are plain text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .elements import Element

HIGHLIGHT = "yellow"


def highlight_texts(root: Element, texts: Iterable[str], color: str = HIGHLIGHT) -> int:
    """Highlight every occurrence of ``texts`` inside single runs under ``root``; how many were highlighted."""
    wanted = sorted({text for text in texts if text.strip()}, key=len, reverse=True)
    if not wanted:
        return 0
    pattern = re.compile("|".join(re.escape(text) for text in wanted))
    count = 0
    for run in list(root.iter(qn("w:r"))):
        pieces = run.findall(qn("w:t"))
        others = [child for child in run if child.tag not in (qn("w:t"), qn("w:rPr"))]  # tabs, breaks: left as they are
        if others or len(pieces) != 1 or not pieces[0].text or not pattern.search(pieces[0].text):
            continue
        count += _split(run, pieces[0].text, pattern, color)
    return count


def _split(run: Element, text: str, pattern: re.Pattern[str], color: str) -> int:
    """Replace ``run`` by runs of its text, the matches highlighted."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(text):
        parts.append((text[position : match.start()], False))
        parts.append((match.group(), True))
        position = match.end()
    parts.append((text[position:], False))
    parent = run.getparent()
    index = parent.index(run)
    for offset, (piece, marked) in enumerate(part for part in parts if part[0]):
        parent.insert(index + offset + 1, _run_like(run, piece, color if marked else None))
    parent.remove(run)
    return sum(1 for piece, marked in parts if marked and piece)


def _run_like(run: Element, text: str, color: str | None) -> Element:
    """A run with ``run``'s properties, the text ``text`` and, if ``color``, a highlight."""
    new = OxmlElement("w:r")
    properties = run.find(qn("w:rPr"))
    if properties is not None:
        new.append(copy.deepcopy(properties))
    if color is not None:
        rpr = new.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            new.insert(0, rpr)
        for old in rpr.findall(qn("w:highlight")):
            rpr.remove(old)
        highlight = OxmlElement("w:highlight")
        highlight.set(qn("w:val"), color)
        _insert_in_order(rpr, highlight)
    piece = OxmlElement("w:t")
    piece.text = text
    piece.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    new.append(piece)
    return new


# w:rPr children come in a fixed order (ECMA-376 CT_RPr); w:highlight goes before these.
_AFTER_HIGHLIGHT = (
    "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip


def _insert_in_order(rpr: Element, child: Element) -> None:
    following = {qn(tag) for tag in _AFTER_HIGHLIGHT}
    for index, existing in enumerate(rpr):
        if existing.tag in following:
            rpr.insert(index, child)
            return
    rpr.append(child)
