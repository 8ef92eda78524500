"""Read a Word document (.docx) into source lines, with python-docx.

- Paragraphs in body order, tables in place, also those inside content controls
  (``w:sdt``), which python-docx's ``iter_inner_content`` skips.
- Word automatic numbering (``w:numPr`` on the paragraph or its style) is turned into the
  printed label ("1.", "a)"), because the label is not in the text: a capoverso numbered
  by Word reads like one typed by hand.
- Text as the reader sees it with all revisions accepted: inserted runs kept, deleted
  and moved-away runs left out (python-docx's ``Paragraph.text`` skips ``w:ins``); a text
  box once, not again from the VML fallback copy Word stores beside it.
- A two-column layout table whose left cells hold "Art. N" and the title (the margin
  layout of many RODs) is read as headings, titles and bodies; other tables become tables.

Positions are 1-based indexes of body blocks: each paragraph, and each table row.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from .. import patterns as p
from ..errors import InputError
from .lines import SourceLine

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"
# Text the reader does not see: deleted and moved-away revisions, and the VML copy of a
# text box that Word writes in mc:Fallback beside the mc:Choice it shows.
_HIDDEN = "ancestor::w:del or ancestor::w:moveFrom or ancestor::mc:Fallback"
# Only run content: a paragraph's pPr also holds w:tab elements (tab stops), not text.
_VISIBLE_TEXT = etree.XPath(
    f".//w:t[not({_HIDDEN})] | .//w:r/w:tab[not({_HIDDEN})] | .//w:r/w:br[not({_HIDDEN})] "
    f"| .//w:r/w:cr[not({_HIDDEN})] | .//w:r/w:noBreakHyphen[not({_HIDDEN})]",
    namespaces={"w": W, "mc": MC},
)
# Containers whose children are body blocks again: content controls and custom XML.
_WRAPPERS = {_W + "sdt": _W + "sdtContent", _W + "customXml": None}


def read_docx_lines(path: Path) -> list[SourceLine]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise _damaged(path, type(error).__name__) from error
    body = getattr(document.element, "body", None)
    if body is None:  # well-formed XML, but not a w:document with a w:body
        raise _damaged(path, "manca il corpo del documento")
    numbering = _Numbering(document)
    lines: list[SourceLine] = []
    position = 0
    tables = 0
    for block in _blocks(body):
        if block.tag == _W + "tbl":
            tables += 1
            position = _table_lines(block, numbering, lines, position, tables)
            continue
        position += 1
        _paragraph_lines(block, numbering, lines, position)
    return lines


def _damaged(path: Path, reason: str) -> InputError:
    return InputError(
        f"Il documento Word «{path.name}» è danneggiato e non si può leggere ({reason}). "
        "Provi ad aprirlo in Word o LibreOffice e a salvarlo di nuovo come .docx."
    )


def _blocks(container: Any) -> Iterator[Any]:
    """The ``w:p`` and ``w:tbl`` of a body or cell in order, looking inside content controls."""
    for child in container:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in _WRAPPERS:
            inner = _WRAPPERS[child.tag]
            content = child.find(inner) if inner else child
            if content is not None:
                yield from _blocks(content)


def paragraph_text(p_element: Any) -> str:
    """The visible text of a ``w:p``, with revisions accepted; tabs as spaces, breaks as newlines."""
    parts = []
    for node in _VISIBLE_TEXT(p_element):
        tag = etree.QName(node).localname
        if tag == "t":
            parts.append(node.text or "")
        elif tag == "tab":
            parts.append(" ")
        elif tag == "noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _paragraph_lines(
    p_element: Any, numbering: _Numbering, lines: list[SourceLine], position: int, hint: str | None = None
) -> None:
    text = paragraph_text(p_element)
    label = numbering.label(p_element)
    for index, part in enumerate(text.split("\n")):
        line = f"{label} {part}".strip() if index == 0 and label else part
        lines.append(SourceLine(line, position, hint=hint if line.strip() else None))


# ------------------------------------------------------------------ tables


def _table_lines(tbl: Any, numbering: _Numbering, lines: list[SourceLine], position: int, table_id: int) -> int:
    # One w:tc per cell as written: a cell spanning columns (gridSpan) counts once, where
    # python-docx's row.cells repeats it for every grid column it covers.
    rows = [tr.findall(_W + "tc") for tr in tbl.findall(_W + "tr")]
    if _is_layout_table(rows):
        for row in rows:
            position += 1
            _layout_row(row, numbering, lines, position)
        return position
    for row in rows:
        position += 1
        # The lower part of a vertically merged cell stays as an empty cell: its text is
        # in the row above, and the columns stay aligned.
        cells = tuple("" if _continues_above(tc) else _cell_text(tc, numbering) for tc in row)
        lines.append(SourceLine(" | ".join(cells), position, cells=cells, table_id=table_id))
    return position


def _layout_row(row: list[Any], numbering: _Numbering, lines: list[SourceLine], position: int) -> None:
    """Margin cell (heading, then title lines), then the body cells; a full-width row is body."""
    cells = [tc for tc in row if not _continues_above(tc)]
    margin, body = (cells[0], cells[1:]) if len(row) > 1 and cells and cells[0] is row[0] else (None, cells)
    if margin is not None:
        headed = False  # title hints only below an article heading, not in other margin notes
        for paragraph in _cell_paragraphs(margin):
            is_heading = bool(p.ARTICLE_HEADING.match(paragraph_text(paragraph).strip()))
            _paragraph_lines(paragraph, numbering, lines, position, "article_title" if headed and not is_heading else None)
            headed = headed or is_heading
    for tc in body:
        for paragraph in _cell_paragraphs(tc):
            _paragraph_lines(paragraph, numbering, lines, position)


def _is_layout_table(rows: list[list[Any]]) -> bool:
    """Two or more columns, and left cells that (mostly) start with an article heading.

    Rows with an empty left cell (the body of an article going on) are not counted.
    """
    if not rows or max(len(r) for r in rows) < 2:
        return False
    lefts = [_cell_text(row[0], None).strip() for row in rows if row and not _continues_above(row[0])]
    filled = [text for text in lefts if text]
    headed = sum(1 for text in filled if p.ARTICLE_HEADING.match(text))
    return headed >= max(1, len(filled) // 2)


def _continues_above(tc: Any) -> bool:
    merge = tc.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(_W + "val", "continue") == "continue"


def _cell_paragraphs(tc: Any) -> list[Any]:
    """The paragraphs of a cell in reading order, those of tables nested in it included."""
    found: list[Any] = []
    for block in _blocks(tc):
        if block.tag == _W + "p":
            found.append(block)
            continue
        for tr in block.findall(_W + "tr"):
            for inner in tr.findall(_W + "tc"):
                if not _continues_above(inner):
                    found.extend(_cell_paragraphs(inner))
    return found


def _cell_text(tc: Any, numbering: _Numbering | None) -> str:
    """A cell's text on one line; ``numbering`` given, Word's list labels included (and counted)."""
    texts = []
    for paragraph in _cell_paragraphs(tc):
        label = numbering.label(paragraph) if numbering is not None else ""
        text = f"{label} {paragraph_text(paragraph)}".replace("\n", " ").strip()
        if text:
            texts.append(text)
    return " ".join(texts)


# ------------------------------------------------------------------ automatic numbering

_FORMATS = {
    "decimal": lambda n: str(n),
    "lowerLetter": lambda n: _letters(n),
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": lambda n: _roman(n),
}

Level = tuple[int, str, str]  # (start, numFmt, lvlText)


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    values = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = ""
    for value, numeral in values:
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _int(node: Any, default: int) -> int:
    """The integer w:val of ``node``; a missing or malformed value (hand-made files) gives the default."""
    if node is None:
        return default
    try:
        return int(node.get(_W + "val", default))
    except ValueError:
        return default


def _val(node: Any, default: str = "") -> str:
    return str(node.get(_W + "val", default)) if node is not None else default


def _level(lvl: Any) -> Level:
    return (_int(lvl.find(_W + "start"), 1), _val(lvl.find(_W + "numFmt"), "decimal"), _val(lvl.find(_W + "lvlText")))


class _Numbering:
    """Computes the label Word shows for a numbered paragraph ("1.", "a)", "-")."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, Level]] = {}  # numId -> ilvl -> (start, fmt, text)
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str | None, int | None]] = {}  # styleId -> own numPr (numId, ilvl)
        self.based_on: dict[str, str] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            root = None
        if root is not None:
            self._read(root)
        self._read_styles(document)

    def _read(self, root: Any) -> None:
        abstract: dict[str, dict[int, Level]] = {}
        for node in root.findall(_W + "abstractNum"):
            abstract[node.get(_W + "abstractNumId", "")] = {_int_attr(lvl): _level(lvl) for lvl in node.findall(_W + "lvl")}
        for num in root.findall(_W + "num"):
            levels = dict(abstract.get(_val(num.find(_W + "abstractNumId")), {}))
            for override in num.findall(_W + "lvlOverride"):
                ilvl = _int_attr(override)
                redefined = override.find(_W + "lvl")  # a whole level redefined for this list
                if redefined is not None:
                    levels[ilvl] = _level(redefined)
                start = override.find(_W + "startOverride")
                if start is not None and ilvl in levels:
                    _, fmt, text = levels[ilvl]
                    levels[ilvl] = (_int(start, 1), fmt, text)
            self.levels[num.get(_W + "numId", "")] = levels

    def _read_styles(self, document: Any) -> None:
        try:
            styles = document.styles.element
        except (AttributeError, KeyError):
            return
        for style in styles.findall(_W + "style"):
            style_id = style.get(_W + "styleId", "")
            parent = style.find(_W + "basedOn")
            if parent is not None:
                self.based_on[style_id] = _val(parent)
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id, ilvl = num_pr.find(_W + "numId"), num_pr.find(_W + "ilvl")
                self.styles[style_id] = (
                    _val(num_id) if num_id is not None else None,
                    _int(ilvl, 0) if ilvl is not None else None,
                )

    def label(self, p_element: Any) -> str:
        found = self._num_pr(p_element)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        _, fmt, text = levels[ilvl]
        if fmt == "none":
            return ""
        if fmt == "bullet":
            # The bullet is a glyph of a symbol font ("o" in Courier New is a circle): a dash
            # is what the builder reads as a sub-item.
            return "-"
        label = text
        for level, (level_start, level_fmt, _) in levels.items():
            value = counters.get(level, level_start)
            label = label.replace(f"%{level + 1}", _FORMATS.get(level_fmt, str)(value))
        return label

    def _num_pr(self, p_element: Any) -> tuple[str, int] | None:
        """(numId, ilvl) from the paragraph, completed by its style and the styles it is based on."""
        num_id: str | None = None
        ilvl: int | None = None
        num_pr = p_element.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            own_id, own_lvl = num_pr.find(_W + "numId"), num_pr.find(_W + "ilvl")
            num_id = _val(own_id) if own_id is not None else None
            ilvl = _int(own_lvl, 0) if own_lvl is not None else None
        style = _val(p_element.find(f"{_W}pPr/{_W}pStyle"))
        seen: set[str] = set()
        while style and style not in seen and (num_id is None or ilvl is None):
            seen.add(style)  # a basedOn loop in a broken file must not hang the reader
            style_id, style_lvl = self.styles.get(style, (None, None))
            num_id = num_id if num_id is not None else style_id
            ilvl = ilvl if ilvl is not None else style_lvl
            style = self.based_on.get(style, "")
        if num_id is None:
            return None
        return num_id, ilvl or 0


def _int_attr(node: Any) -> int:
    """The w:ilvl attribute of a w:lvl or w:lvlOverride (0 when missing or malformed)."""
    try:
        return int(node.get(_W + "ilvl", "0"))
    except ValueError:
        return 0
