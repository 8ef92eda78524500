"""Read a Word document (.docx) into source lines, with python-docx.

- Paragraphs in body order, tables in place (``Document.iter_inner_content``).
- Word automatic numbering (``w:numPr`` on the paragraph or its style) is turned into the
  printed label ("1.", "a)"), because the label is not in the text: a capoverso numbered
  by Word reads like one typed by hand.
- Text as the reader sees it with all revisions accepted: inserted runs kept, deleted
  and moved-away runs left out (python-docx's ``Paragraph.text`` skips ``w:ins``).
- A two-column layout table whose left cells hold "Art. N" and the title (the margin
  layout of many RODs) is read as headings, titles and bodies; other tables become tables.

Positions are 1-based indexes of body blocks: each paragraph, and each table row.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from .. import patterns as p
from ..errors import InputError
from .lines import SourceLine

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
_VISIBLE_TEXT = etree.XPath(
    ".//w:t[not(ancestor::w:del) and not(ancestor::w:moveFrom)] | .//w:tab[not(ancestor::w:del)] "
    "| .//w:br[not(ancestor::w:del)] | .//w:cr[not(ancestor::w:del)]",
    namespaces={"w": W},
)


def read_docx_lines(path: Path) -> list[SourceLine]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise InputError(
            f"Il documento Word «{path.name}» è danneggiato e non si può leggere ({type(error).__name__}). "
            "Provi ad aprirlo in Word o LibreOffice e a salvarlo di nuovo come .docx."
        ) from error
    numbering = _Numbering(document)
    lines: list[SourceLine] = []
    position = 0
    tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            tables += 1
            position = _table_lines(block, numbering, lines, position, tables)
            continue
        position += 1
        _paragraph_lines(block._p, numbering, lines, position)
    return lines


def paragraph_text(p_element: Any) -> str:
    """The visible text of a ``w:p``, with revisions accepted; tabs as spaces, breaks as newlines."""
    parts = []
    for node in _VISIBLE_TEXT(p_element):
        tag = etree.QName(node).localname
        if tag == "t":
            parts.append(node.text or "")
        elif tag == "tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _paragraph_lines(p_element: Any, numbering: _Numbering, lines: list[SourceLine], position: int, hint: str | None = None) -> None:
    text = paragraph_text(p_element)
    label = numbering.label(p_element)
    for index, part in enumerate(text.split("\n")):
        line = f"{label} {part}".strip() if index == 0 and label else part
        lines.append(SourceLine(line, position, hint=hint if line.strip() else None))


def _table_lines(table: Any, numbering: _Numbering, lines: list[SourceLine], position: int, table_id: int) -> int:
    rows = [[cell for cell in row.cells] for row in table.rows]
    if _is_layout_table(rows):
        for row in rows:
            position += 1
            margin, body = row[0], row[-1]
            for index, paragraph in enumerate(margin.paragraphs):
                hint = "article_title" if index and not p.ARTICLE_HEADING.match(paragraph.text.strip()) else None
                _paragraph_lines(paragraph._p, numbering, lines, position, hint)
            for paragraph in body.paragraphs:
                _paragraph_lines(paragraph._p, numbering, lines, position)
        return position
    seen: set[int] = set()
    for row in table.rows:
        position += 1
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen and cells:  # a merged cell repeats: keep it once per row
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(paragraph_text(par._p).replace("\n", " ").strip() for par in cell.paragraphs).strip())
        lines.append(SourceLine(" | ".join(cells), position, cells=tuple(cells), table_id=table_id))
    return position


def _is_layout_table(rows: list[list[Any]]) -> bool:
    """Two or more columns, and left cells that start with an article heading."""
    if not rows or min(len(r) for r in rows) < 2:
        return False
    headed = sum(1 for row in rows if p.ARTICLE_HEADING.match(row[0].text.strip()))
    return headed >= max(1, len(rows) // 2)


# ------------------------------------------------------------------ automatic numbering

_FORMATS = {
    "decimal": lambda n: str(n),
    "lowerLetter": lambda n: _letters(n),
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": lambda n: _roman(n),
}


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, numeral in values:
        while n >= value:
            out, n = out + numeral, n - value
    return out


class _Numbering:
    """Computes the label Word shows for a numbered paragraph ("1.", "a)", "-")."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> (start, fmt, text)
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            root = None
        if root is not None:
            self._read(root)
        self._read_styles(document)

    def _read(self, root: Any) -> None:
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in root.findall(_W + "abstractNum"):
            levels = {}
            for lvl in node.findall(_W + "lvl"):
                start = lvl.find(_W + "start")
                fmt = lvl.find(_W + "numFmt")
                text = lvl.find(_W + "lvlText")
                levels[int(lvl.get(_W + "ilvl", "0"))] = (
                    int(start.get(_W + "val", "1")) if start is not None else 1,
                    fmt.get(_W + "val", "decimal") if fmt is not None else "decimal",
                    text.get(_W + "val", "") if text is not None else "",
                )
            abstract[node.get(_W + "abstractNumId", "")] = levels
        for num in root.findall(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            levels = dict(abstract.get(ref.get(_W + "val", "") if ref is not None else "", {}))
            for override in num.findall(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                ilvl = int(override.get(_W + "ilvl", "0"))
                if start is not None and ilvl in levels:
                    _, fmt, text = levels[ilvl]
                    levels[ilvl] = (int(start.get(_W + "val", "1")), fmt, text)
            self.levels[num.get(_W + "numId", "")] = levels

    def _read_styles(self, document: Any) -> None:
        try:
            styles = document.styles.element
        except (AttributeError, KeyError):
            return
        for style in styles.findall(_W + "style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(_W + "numId")
                ilvl = num_pr.find(_W + "ilvl")
                if num_id is not None:
                    self.styles[style.get(_W + "styleId", "")] = (
                        num_id.get(_W + "val", ""),
                        int(ilvl.get(_W + "val", "0")) if ilvl is not None else 0,
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
        start, fmt, text = levels[ilvl]
        if fmt == "none":
            return ""
        if fmt == "bullet":
            return "-" if not text or not text.isalnum() else text
        label = text
        for level, (level_start, level_fmt, _) in levels.items():
            value = counters.get(level, level_start)
            label = label.replace(f"%{level + 1}", _FORMATS.get(level_fmt, str)(value))
        return label

    def _num_pr(self, p_element: Any) -> tuple[str, int] | None:
        num_pr = p_element.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(_W + "numId")
            ilvl = num_pr.find(_W + "ilvl")
            if num_id is not None:
                return num_id.get(_W + "val", ""), int(ilvl.get(_W + "val", "0")) if ilvl is not None else 0
        style = p_element.find(f"{_W}pPr/{_W}pStyle")
        if style is not None:
            return self.styles.get(style.get(_W + "val", ""))
        return None
