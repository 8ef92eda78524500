"""Raw OOXML for the messaggio's Word templates: blocks that replace a ``{{p ...}}`` tag.

docxtpl renders the Jinja2 tags of a commune's own Word file; rich content (Markdown
paragraphs, confronto tables, the landscape allegato) is inserted as WordprocessingML
through ``{{p ...}}`` tags. This module makes those pieces: the ``Blocks`` that Jinja2's
autoescape lets through as XML, a bordered table of fixed width (the template may have no
"Table Grid" style), a section break that keeps the template's page setup, a hard line
break, and the text width of a landscape page read from a ``w:sectPr``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from .elements import Element, element, field_runs, set_cell_margins, set_table_width, table_grid

BORDER_COLOR = "808080"
BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
LANDSCAPE_A4_WIDTH = 15137  # twips between 15 mm margins of an A4 landscape page
PORTRAIT_A4_WIDTH = 9638  # twips between 2 cm margins of an A4 portrait page


class Blocks:
    """Paragraphs and tables ready to replace a ``{{p ...}}`` paragraph of a docx template.

    ``__html__`` makes Jinja2's autoescape insert the XML as it is, while plain strings
    from the YAML are escaped (an "&" in a commento never breaks the document).
    ``on_render`` runs when the blocks are written into the document.
    """

    def __init__(self, elements: Sequence[Element], on_render: Callable[[], None] | None = None) -> None:
        self.elements = list(elements)
        self.on_render = on_render

    def __html__(self) -> str:
        if self.on_render is not None:
            self.on_render()
        return "".join(etree.tostring(item, encoding="unicode") for item in self.elements)

    def __str__(self) -> str:
        return self.__html__()


def empty_paragraph() -> Element:
    return OxmlElement("w:p")


def line_break() -> Element:
    """``<w:r><w:br/></w:r>``: a new line inside a paragraph."""
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run


def section_properties(section: Any) -> Element:
    """A copy of a python-docx section's ``w:sectPr`` (page size, margins, header refs)."""
    return copy.deepcopy(section._sectPr)


def section_break(properties: Element) -> Element:
    """A paragraph ending a section laid out as ``properties`` (a ``w:sectPr``)."""
    paragraph = OxmlElement("w:p")
    paragraph_properties = OxmlElement("w:pPr")
    paragraph_properties.append(copy.deepcopy(properties))
    paragraph.append(paragraph_properties)
    return paragraph


def landscape_width(properties: Element) -> int:
    """Twips between the margins of the page of ``properties`` turned to landscape."""
    size = properties.find(qn("w:pgSz"))
    margins = properties.find(qn("w:pgMar"))
    if size is None or margins is None:
        return LANDSCAPE_A4_WIDTH
    long_side = max(int(size.get(qn("w:h"))), int(size.get(qn("w:w"))))
    return long_side - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))


def bordered_table(rows: Iterable[Element], widths: Sequence[int], *, cell_top: int = 0) -> Element:
    """``w:tbl`` of fixed column widths with thin grey borders, holding ``rows``."""
    table = OxmlElement("w:tbl")
    table.append(OxmlElement("w:tblPr"))
    with_properties = _WithProperties(table)
    set_table_width(with_properties, sum(widths))
    borders = OxmlElement("w:tblBorders")
    for side in BORDER_SIDES:
        borders.append(element(f"w:{side}", val="single", sz="4", space="0", color=BORDER_COLOR))
    with_properties.tblPr.append(borders)
    with_properties.tblPr.append(element("w:tblLayout", type="fixed"))
    set_cell_margins(with_properties, top=cell_top)
    table.append(table_grid(widths))
    for row in rows:
        table.append(row)
    return table


def append_field(paragraph: Any, instruction: str, size: int | None = None) -> None:
    """A field (``PAGE``, ``NUMPAGES``) at the end of a python-docx paragraph."""
    for run in field_runs(instruction, size=size):
        paragraph._p.append(run)


def remove_paragraph_borders(style: Any) -> None:
    """Drop the paragraph borders of a python-docx style (the default "Title" has a blue rule)."""
    properties = style.element.find(qn("w:pPr"))
    borders = properties.find(qn("w:pBdr")) if properties is not None else None
    if borders is not None:
        properties.remove(borders)


class _WithProperties:
    """``elements`` expects a python-docx ``CT_Tbl`` (``.tblPr``); a bare ``w:tbl`` gets one."""

    def __init__(self, table: Element) -> None:
        self.tblPr = table.find(qn("w:tblPr"))


def set_cant_split(row: Any) -> None:
    """``<w:cantSplit/>`` on a python-docx table row: the row never breaks across pages."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.append(OxmlElement("w:cantSplit"))
