"""Page setup of the DOCX renderers: A4 pages, running title and page numbers, text width.

The confronto (landscape), the tracked-changes DOCX and the messaggio's allegato share these
instead of each setting sizes and margins by hand; python-docx's public section API where
it has one, its XML layer (``w:sectPr``) where it has not.
"""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from .elements import page_of_pages

A4_SHORT_MM, A4_LONG_MM = 210, 297
TWIPS_PER_EMU = 1 / 635
RUNNING_TITLE_SIZE = 8  # points
RUNNING_TITLE_COLOR = "595959"


def set_a4(
    section: Any,
    *,
    landscape: bool = False,
    side_mm: float,
    top_mm: float,
    bottom_mm: float,
    header_footer_mm: float | None = None,
) -> None:
    """An A4 page, portrait or landscape, with the margins (and header/footer distance) given."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (A4_LONG_MM, A4_SHORT_MM) if landscape else (A4_SHORT_MM, A4_LONG_MM)
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin = section.right_margin = Mm(side_mm)
    section.top_margin, section.bottom_margin = Mm(top_mm), Mm(bottom_mm)
    if header_footer_mm is not None:
        section.header_distance = section.footer_distance = Mm(header_footer_mm)


def turn_landscape(section: Any) -> None:
    """Turn a portrait section to landscape, margins kept (a letterhead keeps its room)."""
    if section.orientation == WD_ORIENT.LANDSCAPE or section.page_width > section.page_height:
        return
    width, height = section.page_width, section.page_height
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = height, width


def running_title(section: Any, title: str) -> None:
    """The title in small grey type at the right of the page header, "Pagina X di Y" in the footer."""
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run(title)
    run.font.size = Pt(RUNNING_TITLE_SIZE)
    run.font.color.rgb = RGBColor.from_string(RUNNING_TITLE_COLOR)
    page_of_pages(section.footer.paragraphs[0])


def text_width(section: Any, *, minimum: int = 0) -> int:
    """Twips between the margins of a section (page width minus side margins)."""
    width = (section.page_width or Mm(A4_SHORT_MM)) - (section.left_margin or 0) - (section.right_margin or 0)
    return max(minimum, round(width * TWIPS_PER_EMU))


def last_section(document: Any) -> Any:
    """The document's last section; a document without one (no ``w:sectPr``: hand-made or
    generated files, also templates) gets an A4 portrait page with 25 mm side margins."""
    body = document.element.body
    if body.sectPr is None:
        body.get_or_add_sectPr()
        set_a4(document.sections[-1], side_mm=25, top_mm=20, bottom_mm=20)
    section = document.sections[-1]
    if section.page_width is None or section.page_height is None:  # a w:sectPr without w:pgSz
        section.page_width, section.page_height = Mm(A4_SHORT_MM), Mm(A4_LONG_MM)
    if section.left_margin is None or section.right_margin is None:  # ... or without w:pgMar
        section.left_margin = section.right_margin = Mm(25)
    return section
