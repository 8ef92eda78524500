"""Base look of the DOCX renderers: one font, size, language and spacing for the document.

python-docx's public style API sets Latin fonts only; East Asian and complex-script fonts
and the proofing language of the document defaults need its XML layer, done here.
"""

from __future__ import annotations

from typing import Any

from docx.shared import Pt

from .elements import default_run_properties, set_fonts, set_language


def set_base_style(document: Any, *, font: str, size: float, language: str, space_after: float) -> None:
    """Document defaults and the Normal style: ``font`` for every script, ``size`` points,
    proofing ``language``, no space before a paragraph, ``space_after`` points after it, single spacing."""
    styles = document.styles
    defaults = default_run_properties(styles.element)
    set_fonts(defaults, font)
    set_language(defaults, language)
    normal = styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    set_fonts(normal.element.get_or_add_rPr(), font)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(space_after)
    normal.paragraph_format.line_spacing = 1.0


def set_style_font(style: Any, font: str) -> None:
    """One font for Latin, East Asian and complex scripts in a paragraph style."""
    style.font.name = font
    set_fonts(style.element.get_or_add_rPr(), font)
