"""Base look of the DOCX renderers: one font, size, language and spacing for the document.

python-docx's public style API sets Latin fonts only; East Asian and complex-script fonts
and the proofing language of the document defaults need its XML layer, done here.
"""

from __future__ import annotations

from typing import Any

from docx.shared import Pt
from docx.styles import BabelFish
from docx.styles.style import StyleFactory

from .elements import Element, default_run_properties, set_fonts, set_language


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


def styles_by_name(styles: Any) -> dict[str, Element]:
    """The ``w:style`` elements of a python-docx ``Styles``, read in one walk, by the name the
    file stores (``BabelFish``: "heading 1" for Word's "Heading 1"); the first of a name wins,
    as in ``styles[name]``. That runs an XPath query over every style, and ``styles.add_style``
    a Python walk over them all: with a template's 160 styles, a millisecond or two each."""
    index: dict[str, Element] = {}
    for style in styles.element.style_lst:
        index.setdefault(style.name_val, style)
    return index


def find_style(index: dict[str, Element], name: str) -> Any | None:
    """The python-docx style named ``name`` (as Word shows it) in ``styles_by_name``'s index, or None."""
    style = index.get(BabelFish.ui2internal(name))
    return None if style is None else StyleFactory(style)


def add_style(styles: Any, index: dict[str, Element], name: str, kind: Any) -> Any:
    """``styles.add_style(name, kind)``, the name checked in ``index`` instead of in every style
    again; the new style joins the index."""
    internal = BabelFish.ui2internal(name)
    if internal in index:
        raise ValueError(f"document already contains style '{name}'")  # python-docx's own refusal
    style = index[internal] = styles.element.add_style_of_type(internal, kind, False)
    return StyleFactory(style)


def set_paragraph_style(paragraph: Any, style_id: str) -> None:
    """``paragraph.style = name`` with the style id already known: python-docx would look up
    the name, then the default paragraph style, each time in every style of the file."""
    paragraph._p.style = style_id
