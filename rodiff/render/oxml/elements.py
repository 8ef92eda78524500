"""Raw OOXML for the DOCX renderers: the few WordprocessingML pieces python-docx cannot make.

python-docx's public API has no repeated header rows (``w:tblHeader``), no rows that must
not split (``w:cantSplit``), no horizontal cell spans built in one go, no cell shading, no
fixed table width, no page fields (``PAGE``, ``NUMPAGES``) and no East Asian/complex
script fonts; and its cell API (``add_row``, ``cell()``) re-reads the whole table grid on
every call, so a 2,000-article table takes minutes. Renderers therefore build their large
tables here, as lxml elements made with python-docx's own ``OxmlElement`` and ``qn`` (never
by string concatenation), and keep everything else on the public API.

Runs, paragraphs, cells and rows (and their properties) are copies of a prototype built once
per set of properties, copied with lxml's own ``__copy__`` (a deep copy): ``copy.copy``'s
dispatch in Python costs half as much again as the copy of a small element.

Every function returns or changes one element; the order of child elements follows the
WordprocessingML schema (Word refuses files that break it). Lengths are in twips
(1/20 point, 1/1440 inch); font sizes in half points; colours as "RRGGBB".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from docx.oxml.ns import nsmap, qn
from lxml import etree

Element = Any  # an lxml element of python-docx's oxml layer (untyped library)

# XML 1.0 forbids most control characters; OCR'd texts sometimes carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Anything clean_text changes: the above, tabs and line breaks (rare: one search, then nothing to do)
_NOT_ONE_XML_LINE = re.compile("[\x00-\x1f\ufffe\uffff]")
_PRESERVE = qn("xml:space")


@cache
def _tag(prefixed: str) -> tuple[str, dict[str, str]]:
    """ "w:p" -> its Clark name and namespace declaration, worked out once per tag."""
    prefix, local = prefixed.split(":")
    return f"{{{nsmap[prefix]}}}{local}", {prefix: nsmap[prefix]}


def _new(prefixed: str, attributes: dict[str, str] | None = None) -> Element:
    """A plain lxml element with the tag name cached: a large table makes hundreds of
    thousands of elements, made and copied twice as fast as python-docx's own element classes
    (``OxmlElement``). Put into a python-docx document, it reads back as python-docx's class."""
    clark, declarations = _tag(prefixed)
    return etree.Element(clark, attributes, nsmap=declarations)


def element(tag: str, **attributes: str) -> Element:
    """``<w:tag w:key="value">``: attributes are given without the ``w:`` prefix."""
    return _new(tag, {qn(f"w:{key}"): value for key, value in attributes.items()})


def clean_text(text: str) -> str:
    """Text that XML accepts and Word shows on one line: no control characters, no breaks."""
    # Printable text holds none of them (they are all Cc or Cn): told in C without the regex
    # engine's per-character class test; the rest (a no-break space…) is searched.
    if text.isprintable() or not _NOT_ONE_XML_LINE.search(text):
        return text
    return _NOT_XML.sub("", text.replace("\t", " ").replace("\r", " ").replace("\n", " "))


# ----------------------------------------------------------------------------- runs


def run(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    strike: bool = False,
    underline: bool = False,
    color: str | None = None,
    size: int | None = None,
) -> Element:
    """``w:r`` with its text and only the properties asked for."""
    r = _run_prototype(bold, italic, strike, underline, color, size).__copy__()  # a fifth of the time of building one
    r[-1].text = clean_text(text)
    return r


@cache
def _run_prototype(bold: bool, italic: bool, strike: bool, underline: bool, color: str | None, size: int | None) -> Element:
    """``<w:r><w:rPr>…</w:rPr><w:t xml:space="preserve"/></w:r>``, never changed: ``run`` fills copies."""
    r = _new("w:r")
    properties = _run_properties(bold, italic, strike, underline, color, size)
    if properties is not None:
        r.append(properties.__copy__())
    r.append(_new("w:t", {_PRESERVE: "preserve"}))
    return r


def run_properties(
    *,
    bold: bool = False,
    italic: bool = False,
    strike: bool = False,
    underline: bool = False,
    color: str | None = None,
    size: int | None = None,
) -> Element | None:
    """``w:rPr`` in schema order (b, bCs, i, iCs, strike, color, sz, szCs, u), or None."""
    prototype = _run_properties(bold, italic, strike, underline, color, size)
    # a copy of the one built for these properties: a sixth of the time of building it again
    return None if prototype is None else prototype.__copy__()


@cache
def _run_properties(
    bold: bool, italic: bool, strike: bool, underline: bool, color: str | None, size: int | None
) -> Element | None:
    if not (bold or italic or strike or underline or color or size):
        return None
    rpr = _new("w:rPr")
    if bold:
        rpr.append(element("w:b"))
        rpr.append(element("w:bCs"))
    if italic:
        rpr.append(element("w:i"))
        rpr.append(element("w:iCs"))
    if strike:
        rpr.append(element("w:strike"))
    if color:
        rpr.append(element("w:color", val=color))
    if size:
        rpr.append(element("w:sz", val=str(size)))
        rpr.append(element("w:szCs", val=str(size)))
    if underline:
        rpr.append(element("w:u", val="single"))
    return rpr


def page_of_pages(paragraph: Any) -> None:
    """A centred "Pagina X di Y" (8 pt) in a python-docx footer paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Pagina ").font.size = Pt(8)
    for run in field_runs("PAGE", size=16):
        paragraph._p.append(run)
    paragraph.add_run(" di ").font.size = Pt(8)
    for run in field_runs("NUMPAGES", size=16):
        paragraph._p.append(run)


def field_runs(instruction: str, placeholder: str = "1", size: int | None = None) -> list[Element]:
    """A complex field (``PAGE``, ``NUMPAGES``) as its five runs: begin, code, separate,
    the last computed result (shown until the reader updates fields), end."""
    begin = _new("w:r")
    begin.append(element("w:fldChar", fldCharType="begin"))
    code = _new("w:r")
    instr = _new("w:instrText", {_PRESERVE: "preserve"})
    instr.text = f" {instruction} "
    code.append(instr)
    separate = _new("w:r")
    separate.append(element("w:fldChar", fldCharType="separate"))
    result = run(placeholder, size=size)
    end = _new("w:r")
    end.append(element("w:fldChar", fldCharType="end"))
    runs = [begin, code, separate, result, end]
    if size:
        for r in (begin, code, separate, end):
            r.insert(0, run_properties(size=size))
    return runs


# ----------------------------------------------------------------------- paragraphs


def paragraph(
    runs: Iterable[Element],
    *,
    style: str | None = None,
    left: int = 0,
    hanging: int = 0,
    before: int | None = None,
    after: int | None = None,
    keep_next: bool = False,
    center: bool = False,
) -> Element:
    """``w:p`` with a paragraph style id, indentation, spacing, keep-with-next, centring."""
    p = _paragraph_prototype(style, left, hanging, before, after, keep_next, center).__copy__()
    p.extend(runs)
    return p


@cache
def _paragraph_prototype(
    style: str | None, left: int, hanging: int, before: int | None, after: int | None, keep_next: bool, center: bool
) -> Element:
    """``<w:p>`` with its ``w:pPr`` if any, never changed: ``paragraph`` fills copies."""
    p = _new("w:p")
    properties = _paragraph_properties(style, left, hanging, before, after, keep_next, center)
    if properties is not None:
        p.append(properties.__copy__())
    return p


def paragraph_properties(
    *,
    style: str | None = None,
    left: int = 0,
    hanging: int = 0,
    before: int | None = None,
    after: int | None = None,
    keep_next: bool = False,
    center: bool = False,
) -> Element | None:
    """``w:pPr`` in schema order (pStyle, keepNext, spacing, ind, jc), or None."""
    prototype = _paragraph_properties(style, left, hanging, before, after, keep_next, center)
    return None if prototype is None else prototype.__copy__()  # copied: faster than built again


@cache
def _paragraph_properties(
    style: str | None, left: int, hanging: int, before: int | None, after: int | None, keep_next: bool, center: bool
) -> Element | None:
    if not (style or left or hanging or before is not None or after is not None or keep_next or center):
        return None
    ppr = _new("w:pPr")
    if style:
        ppr.append(element("w:pStyle", val=style))
    if keep_next:
        ppr.append(element("w:keepNext"))
    if before is not None or after is not None:
        spacing: dict[str, str] = {}
        if before is not None:
            spacing["before"] = str(before)
        if after is not None:
            spacing["after"] = str(after)
        ppr.append(element("w:spacing", **spacing))
    if left or hanging:
        ppr.append(element("w:ind", left=str(left), hanging=str(hanging)))
    if center:
        ppr.append(element("w:jc", val="center"))
    return ppr


# --------------------------------------------------------------------------- tables


def cell(paragraphs: Iterable[Element], width: int, *, span: int = 1, shading: str | None = None) -> Element:
    """``w:tc`` of a width, spanning ``span`` grid columns, optionally shaded.

    A cell must hold at least one paragraph: an empty cell gets an empty one.
    """
    tc = _cell_prototype(width, span, shading).__copy__()  # copied: faster than built again
    tc.extend(paragraphs)
    if len(tc) == 1:  # its w:tcPr only
        tc.append(_new("w:p"))
    return tc


@cache
def _cell_prototype(width: int, span: int, shading: str | None) -> Element:
    """``<w:tc><w:tcPr>...</w:tcPr></w:tc>``, never changed: ``cell`` fills copies."""
    tc = _new("w:tc")
    tcpr = _new("w:tcPr")
    tcpr.append(element("w:tcW", w=str(width), type="dxa"))
    if span > 1:
        tcpr.append(element("w:gridSpan", val=str(span)))
    if shading:
        tcpr.append(element("w:shd", val="clear", color="auto", fill=shading))
    tc.append(tcpr)
    return tc


def row(cells: Iterable[Element], *, header: bool = False, cant_split: bool = False) -> Element:
    """``w:tr``; ``header`` repeats it at the top of every page, ``cant_split`` keeps it on
    one page (only for short rows: a row taller than a page would be cut by Word anyway)."""
    tr = _row_prototype(header, cant_split).__copy__()  # copied: faster than built again
    tr.extend(cells)
    return tr


@cache
def _row_prototype(header: bool, cant_split: bool) -> Element:
    """``<w:tr>`` with its ``w:trPr`` if any, never changed: ``row`` fills copies."""
    tr = _new("w:tr")
    if header or cant_split:
        trpr = _new("w:trPr")
        if cant_split:
            trpr.append(element("w:cantSplit"))
        if header:
            trpr.append(element("w:tblHeader"))
        tr.append(trpr)
    return tr


def table(rows: Iterable[Element], widths: Iterable[int], *, style: str | None = None) -> Element:
    """``w:tbl`` of fixed column widths (twips) holding ``rows``, with a table style id if given.

    For tables built whole on the XML layer, outside python-docx's slow cell API.
    """
    widths = list(widths)
    tbl = _new("w:tbl")
    tblpr = _new("w:tblPr")
    if style:
        tblpr.append(element("w:tblStyle", val=style))
    tblpr.append(element("w:tblW", w=str(sum(widths)), type="dxa"))
    tblpr.append(element("w:tblLayout", type="fixed"))
    tblpr.append(
        element("w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="1", lastColumn="0", noHBand="0", noVBand="1")
    )
    tbl.append(tblpr)
    tbl.append(table_grid(widths))
    for tr in rows:
        tbl.append(tr)
    return tbl


def table_grid(widths: Iterable[int]) -> Element:
    """``w:tblGrid``: one ``w:gridCol`` per column width (twips)."""
    grid = _new("w:tblGrid")
    for width in widths:
        grid.append(element("w:gridCol", w=str(width)))
    return grid


def table_element(table: Any) -> Element:
    """The ``w:tbl`` of a python-docx ``Table`` (to add rows on the XML layer)."""
    return table._tbl


def set_table_width(tbl: Element, width: int) -> None:
    """A fixed table width in twips (python-docx leaves ``w:tblW`` on "auto")."""
    tblw = tbl.tblPr.find(qn("w:tblW"))
    if tblw is None:  # python-docx always writes one; keep schema order if not
        tblw = element("w:tblW")
        style = tbl.tblPr.find(qn("w:tblStyle"))
        tbl.tblPr.insert(0 if style is None else 1, tblw)
    tblw.set(qn("w:w"), str(width))
    tblw.set(qn("w:type"), "dxa")


def set_cell_margins(tbl: Element, *, top: int = 0, bottom: int = 0, left: int = 108, right: int = 108) -> None:
    """Default padding of every cell of a table (``w:tblCellMar``), replacing the style's."""
    tblpr = tbl.tblPr
    old = tblpr.find(qn("w:tblCellMar"))
    if old is not None:
        tblpr.remove(old)
    margins = _new("w:tblCellMar")
    for side, width in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        margins.append(element(f"w:{side}", w=str(width), type="dxa"))
    look = tblpr.find(qn("w:tblLook"))  # tblCellMar comes right before tblLook, if any
    if look is None:
        tblpr.append(margins)
    else:
        look.addprevious(margins)


# ----------------------------------------------------------------------- fonts, styles


def set_fonts(rpr: Element, name: str) -> None:
    """One font for Latin, East Asian and complex scripts alike, theme fonts removed."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = element("w:rFonts")
        rpr.insert(0, fonts)
    for key in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{key}"), None)
    for key in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{key}"), name)


def set_language(rpr: Element, language: str) -> None:
    """Proofing language (``w:lang``, e.g. "it-CH") for all scripts."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = element("w:lang")
        rpr.append(lang)  # lang follows every property rodiff writes in rPr
    for key in ("val", "eastAsia", "bidi"):
        lang.set(qn(f"w:{key}"), language)


def default_run_properties(styles: Element) -> Element:
    """The document-wide default ``w:rPr`` (``w:docDefaults/w:rPrDefault/w:rPr``), made if missing."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _new("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = _new("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = _new("w:rPr")
        rpr_default.append(rpr)
    return rpr


def open_cell_borders(tc: Element, *, top: bool = False, bottom: bool = False) -> None:
    """No top and/or bottom border on a cell (``w:tcBorders``), so that rows cut from one
    article (one per capoverso with its own osservazione) read as a single row."""
    borders = _new("w:tcBorders")
    for side, is_open in (("top", top), ("bottom", bottom)):
        if is_open:
            borders.append(element(f"w:{side}", val="nil"))
    tcpr = tc.find(qn("w:tcPr"))
    shading = tcpr.find(qn("w:shd"))  # tcBorders comes after tcW/gridSpan, before shd
    if shading is None:
        tcpr.append(borders)
    else:
        shading.addprevious(borders)
