"""The characters of a PDF page, as pdfplumber's ``page.chars`` gives them, in about half the time.

pdfplumber reads a page by letting pdfminer build its whole layout: an ``LTChar`` object per
character (colour space, graphic state, font name, matrix), a curve per path, an image per
picture; ``page.chars`` then turns each character into a dictionary of some twenty
attributes. rodiff reads only the text and the box of each character. ``CharCollector`` is
a pdfminer device that keeps just that, computed as ``LTChar`` and pdfplumber compute it
(same operations, so the same floats), and ignores paths and images. Reading a page takes a
half (plain text) to three quarters (a page drawn by a word processor) of the time it took.

Loaded only when a PDF is read (it imports pdfminer).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from pdfminer.pdfcolor import PDFColorSpace
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter, PDFResourceManager
from pdfminer.utils import Matrix


def page_chars(page: Any) -> list[dict[str, Any]]:
    """The characters of a pdfplumber page with the keys the word extraction reads (text, box,
    ``doctop``, ``upright``, ``size``), in pdfplumber's order (the order of drawing: the
    characters of a form XObject where it is drawn)."""
    collector = CharCollector(page.pdf.rsrcmgr, page)
    PDFPageInterpreter(page.pdf.rsrcmgr, collector).process_page(page.page_obj)
    return collector.chars


class CharCollector(PDFTextDevice):
    """Keeps the characters drawn on one page; paths and images are not built at all."""

    def __init__(self, rsrcmgr: PDFResourceManager, page: Any) -> None:
        super().__init__(rsrcmgr)
        # pdfplumber's Page.process_object: top-down coordinates, shifted by the MediaBox origin
        self.mediabox_x0, self.mediabox_top = page.mediabox[:2]
        self.height, self.doctop = page.height, page.initial_doctop
        self.norm = page.pdf.unicode_norm
        self.chars: list[dict[str, Any]] = []

    def render_char(
        self,
        matrix: Matrix,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: PDFColorSpace,
        graphicstate: PDFGraphicState,
    ) -> float:
        """``PDFLayoutAnalyzer.render_char`` and ``LTChar.__init__``, keeping only what rodiff reads."""
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = f"(cid:{cid})"
        advance = font.char_width(cid) * fontsize * scaling
        vertical = font.is_vertical()
        if vertical:
            vx, vy = font.char_disp(cid)  # type: ignore[misc]  # a tuple for vertical fonts
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            box = (-vx, vy + rise + advance, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            box = (0, descent + rise, advance, descent + rise + fontsize)
        # pdfminer's apply_matrix_rect, inlined (its five calls a character were a fifth of the
        # time of this device): the same operations in the same order, so the same floats
        a, b, c, d, e, f = matrix
        left, low, right, high = box
        left1, bottom1 = a * left + c * low + e, b * left + d * low + f
        right1, bottom2 = a * right + c * low + e, b * right + d * low + f
        right2, top1 = a * right + c * high + e, b * right + d * high + f
        left2, top2 = a * left + c * high + e, b * left + d * high + f
        x0, x1 = min(left1, left2, right1, right2), max(left1, left2, right1, right2)
        y0, y1 = min(bottom1, bottom2, top1, top2), max(bottom1, bottom2, top1, top2)
        top = self.height - y1 + self.mediabox_top
        self.chars.append(
            {
                "text": unicodedata.normalize(self.norm, text) if self.norm is not None else text,
                "x0": x0 + self.mediabox_x0 if self.mediabox_x0 != 0 else x0,
                "x1": x1 + self.mediabox_x0 if self.mediabox_x0 != 0 else x1,
                "top": top,
                "bottom": self.height - y0 + self.mediabox_top,
                "doctop": self.doctop + top,
                "upright": a * d * scaling > 0 and b * c <= 0,
                "size": x1 - x0 if vertical else y1 - y0,
            }
        )
        return advance
