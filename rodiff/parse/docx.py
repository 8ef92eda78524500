"""Read a Word document (.docx) into source lines, with python-docx.

- Paragraphs in body order, tables in place, also those inside content controls
  (``w:sdt``), which python-docx's ``iter_inner_content`` skips.
- Word automatic numbering (``w:numPr`` on the paragraph or its style) is turned into the
  printed label ("1.", "a)"), because the label is not in the text: a capoverso numbered
  by Word reads like one typed by hand.
- Text as the reader sees it with all revisions accepted (``view="accept"``, the default):
  inserted and moved-here runs kept, deleted and moved-away runs left out (python-docx's
  ``Paragraph.text`` skips ``w:ins``); or with all revisions rejected (``view="reject"``):
  deleted and moved-away text (``w:delText``) kept, inserted and moved-here text left out.
  Paragraph marks follow Word: a paragraph whose mark is deleted in the view (``w:pPr/w:rPr/
  w:del``, ``w:moveFrom``; inserted ones when rejecting) is joined with the next paragraph;
  table rows and cells inserted or deleted are left out or kept the same way; when
  rejecting, a paragraph's old properties (``w:pPrChange``) give its numbering. A text box
  is read once, not again from the VML fallback copy Word stores beside it.
- A two-column layout table whose left cells hold "Art. N" and the title (the margin
  layout of many RODs) is read as headings, titles and bodies; other tables become tables.

Positions are 1-based indexes of body blocks: each paragraph, and each table row.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from ..errors import InputError
from . import patterns as p
from .lines import SourceLine

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"
View = Literal["accept", "reject"]
# Text the reader does not see: with revisions accepted, deleted and moved-away text; with
# revisions rejected, inserted and moved-here text; in both, the VML copy of a text box that
# Word writes in mc:Fallback beside the mc:Choice it shows.
_HIDDEN: dict[View, str] = {
    "accept": "ancestor::w:del or ancestor::w:moveFrom or ancestor::mc:Fallback",
    "reject": "ancestor::w:ins or ancestor::w:moveTo or ancestor::mc:Fallback",
}
# Deleted text is in w:delText (some writers leave w:t inside w:del: hidden all the same).
_TEXT_TAGS: dict[View, str] = {"accept": ".//w:t", "reject": ".//w:t | .//w:delText"}
# Only run content: a paragraph's pPr also holds w:tab elements (tab stops), not text.
_VISIBLE_TEXT = {
    view: etree.XPath(
        " | ".join(
            [
                *(f"{tag}[not({hidden})]" for tag in _TEXT_TAGS[view].split(" | ")),
                *(f".//w:r/w:{tag}[not({hidden})]" for tag in ("tab", "br", "cr", "noBreakHyphen")),
            ]
        ),
        namespaces={"w": W, "mc": MC},
    )
    for view, hidden in _HIDDEN.items()
}
# The elements that hide text in each view (``_HIDDEN``): a paragraph with none of them around
# or inside it is read by one plain walk of its runs, without the XPath (which tests the
# ancestors of every text node).
_HIDING: dict[View, tuple[str, ...]] = {
    "accept": (_W + "del", _W + "moveFrom", f"{{{MC}}}Fallback"),
    "reject": (_W + "ins", _W + "moveTo", f"{{{MC}}}Fallback"),
}
_PLAIN_TEXT_TAGS: dict[View, tuple[str, ...]] = {
    "accept": (_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen"),
    "reject": (_W + "t", _W + "delText", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen"),
}
# Tag names, built once: comparing with ``_W + "t"`` would build the string again for every node.
_P, _TBL, _R, _T, _DEL_TEXT = _W + "p", _W + "tbl", _W + "r", _W + "t", _W + "delText"
_TEXT_NODES = frozenset((_T, _DEL_TEXT))
_TEXT_TAGS_OF: dict[View, tuple[str, ...]] = {"accept": (_T,), "reject": (_T, _DEL_TEXT)}
_RUN_MARKS = {_W + "tab": " ", _W + "noBreakHyphen": "-", _W + "br": "\n", _W + "cr": "\n"}
_REVISION_MARKS = (_W + "ins", _W + "del", _W + "moveFrom", _W + "moveTo")
# Revision marks that remove a paragraph mark, a table row or a cell in each view.
_REMOVED_MARK: dict[View, tuple[str, ...]] = {"accept": (_W + "del", _W + "moveFrom"), "reject": (_W + "ins", _W + "moveTo")}
_REMOVED_ROW: dict[View, str] = {"accept": _W + "del", "reject": _W + "ins"}
_REMOVED_CELL: dict[View, str] = {"accept": _W + "cellDel", "reject": _W + "cellIns"}
# Containers whose children are body blocks again: content controls and custom XML.
_WRAPPERS = {_W + "sdt": _W + "sdtContent", _W + "customXml": None}


def read_docx_lines(path: Path, view: View = "accept") -> list[SourceLine]:
    """The lines of a DOCX with all revisions accepted (``view="accept"``) or rejected."""
    return _document_lines(_parts(path), view)


@dataclass(frozen=True)
class DocxViews:
    """Both views of one DOCX, and how many revision marks of each kind its main text holds:
    "ins", "del", "moveFrom", "moveTo" (runs, paragraph marks and table rows alike),
    "pPrChange", "rPrChange"."""

    accept: list[SourceLine]
    reject: list[SourceLine]
    revisions: dict[str, int]


def read_docx_views(path: Path) -> DocxViews:
    """The lines of a DOCX with all revisions accepted and with all rejected, opened once."""
    parts = _parts(path)
    kinds = ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange")
    counts = {kind: sum(1 for _ in parts.body.iter(_W + kind)) for kind in kinds}
    return DocxViews(_document_lines(parts, "accept"), _document_lines(parts, "reject"), counts)


@dataclass(frozen=True)
class _Parts:
    """What the reader reads of a DOCX: the body of the main document, its numbering (None
    without one) and its styles (read when asked: only numbered lists need them)."""

    body: Any
    numbering: Any | None
    styles: Callable[[], Any | None]


def _parts(path: Path) -> _Parts:
    """The parts of a DOCX: read straight from the archive when it is an ordinary one, else
    (anything out of the ordinary, damage included) by python-docx, as ``_open`` reads it.

    python-docx loads every part it knows (styles, settings, properties, headers…) into
    objects, about a third of the reading time, where the reader needs the main document.
    """
    found = _ordinary_parts(path)
    return found if found is not None else _docx_parts(_open(path))


def _docx_parts(document: Any) -> _Parts:
    """The parts of a document opened by python-docx."""
    try:
        numbering = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        numbering = None

    def styles() -> Any | None:
        try:
            return document.styles.element
        except (AttributeError, KeyError):
            return None

    return _Parts(document.element.body, numbering, styles)


_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_MAIN_TYPE, _NUMBERING_TYPE, _STYLES_TYPE = (_WML + kind + "+xml" for kind in ("document.main", "numbering", "styles"))
_XML = etree.XMLParser(remove_blank_text=True, resolve_entities=False)  # python-docx's options: the same tree


def _ordinary_parts(path: Path) -> _Parts | None:
    """The parts of a DOCX as python-docx's package reader finds them (content types and
    relationships resolved by the library), parsed here with plain lxml; None for a package
    that python-docx must open itself: a part missing, doubled or of another content type,
    an external one, damage."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.pkgreader import PackageReader

    try:
        package: Any = PackageReader.from_file(str(path))  # type: ignore[no-untyped-call]  # python-docx has no annotations here
        blobs = {name: (content_type, blob) for name, content_type, _, blob in package.iter_sparts()}
        relations: dict[str, list[Any]] = {}
        for source, relation in package.iter_srels():
            relations.setdefault(str(source), []).append(relation)
        main = _targets(relations, "/", RELATIONSHIP_TYPE.OFFICE_DOCUMENT)
        if main is None or len(main) != 1 or blobs[main[0]][0] != _MAIN_TYPE:
            return None
        numbering = _targets(relations, main[0], RELATIONSHIP_TYPE.NUMBERING)
        styles = _targets(relations, main[0], RELATIONSHIP_TYPE.STYLES)
        if numbering is None or len(numbering) > 1 or styles is None or len(styles) != 1:
            return None
        if blobs[styles[0]][0] != _STYLES_TYPE or any(blobs[name][0] != _NUMBERING_TYPE for name in numbering):
            return None
        root = etree.fromstring(blobs[main[0]][1], _XML)
        numbering_root = etree.fromstring(blobs[numbering[0]][1], _XML) if numbering else None
    except Exception:  # any damage: python-docx opens the file again and says what is wrong
        return None
    body = root.find(_W + "body") if root.tag == _W + "document" else None
    if body is None:
        return None  # python-docx says what is wrong

    @cache  # both views of a document may ask
    def read_styles() -> Any | None:
        try:
            return etree.fromstring(blobs[styles[0]][1], _XML)
        except etree.XMLSyntaxError:
            return _docx_parts(_open(path)).styles()  # python-docx refuses the file, as it would have

    return _Parts(body, numbering_root, read_styles)


def _targets(relations: dict[str, list[Any]], source: str, kind: str) -> list[str] | None:
    """The names of the parts that ``source`` ("/": the package) relates to as ``kind``;
    None when one of them is external."""
    found = [relation for relation in relations.get(source, []) if relation.reltype == kind]
    if any(relation.is_external for relation in found):
        return None
    return [str(relation.target_partname) for relation in found]


def _open(path: Path) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError) as error:
        raise _damaged(path, "il contenuto è rovinato o incompleto") from error
    body = getattr(document.element, "body", None)
    if body is None:  # well-formed XML, but not a w:document with a w:body
        raise _damaged(path, "manca il corpo del documento")
    return document


@dataclass(frozen=True)
class _Reading:
    """How the paragraphs of one document read in one view.

    What the body holds is looked at once, by a walk in C over the whole tree: most files have
    no revision marks and no hidden text, so their paragraphs are read without looking for
    them one paragraph at a time.
    """

    view: View
    numbering: _Numbering
    revised: bool  # the body holds revision marks: paragraph marks may be removed
    plain: bool  # no element of the body hides text in this view: every paragraph reads by one plain walk
    marks: bool  # the body holds tabs, breaks or non-breaking hyphens: not only text nodes to read

    @classmethod
    def of(cls, parts: _Parts, view: View) -> _Reading:
        body = parts.body
        revised = next(body.iter(*_REVISION_MARKS), None) is not None
        plain = next(body.iter(*_HIDING[view]), None) is None
        marks = next(body.iter(*_RUN_MARKS), None) is not None
        return cls(view, _Numbering(parts, view), revised, plain, marks)

    def text(self, p_element: Any) -> str:
        """``paragraph_text`` of a paragraph of this body."""
        if not self.plain:
            return paragraph_text(p_element, self.view)
        if self.marks:
            return _plain_text(p_element, self.view)
        return "".join([node.text or "" for node in p_element.iter(*_TEXT_TAGS_OF[self.view])])  # only text nodes


def _document_lines(parts: _Parts, view: View) -> list[SourceLine]:
    reading = _Reading.of(parts, view)
    lines: list[SourceLine] = []
    position = 0
    tables = 0
    joined: list[Any] = []  # paragraphs whose mark is removed in this view, waiting for the next
    for block in _blocks(parts.body):
        if block.tag == _TBL:
            if not _rows(block, view):
                continue  # a table inserted (deleted) whole is not there when rejecting (accepting)
            if joined:  # nothing to join with: a table follows
                _paragraph_lines(joined, reading, lines, position)
            joined = []
            tables += 1
            position = _table_lines(block, reading, lines, position, tables)
            continue
        position += 1
        if reading.revised and _mark_removed(block, view):
            joined.append(block)
            continue
        _paragraph_lines([*joined, block] if joined else [block], reading, lines, position)
        joined = []
    if joined:
        _paragraph_lines(joined, reading, lines, position)
    return lines


def _damaged(path: Path, reason: str) -> InputError:
    return InputError(
        f"Il documento Word «{path.name}» è danneggiato e non si può leggere ({reason}). "
        "Provi ad aprirlo in Word o LibreOffice e a salvarlo di nuovo come .docx."
    )


def _blocks(container: Any) -> Iterator[Any]:
    """The ``w:p`` and ``w:tbl`` of a body or cell in order, looking inside content controls."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            inner = _WRAPPERS[child.tag]
            content = child.find(inner) if inner else child
            if content is not None:
                yield from _blocks(content)


def paragraph_text(p_element: Any, view: View = "accept") -> str:
    """The visible text of a ``w:p``, with revisions accepted (or rejected); tabs as spaces,
    breaks as newlines. The paragraph mark is not looked at (see ``joined_paragraphs``)."""
    hiding = _HIDING[view]
    if next(p_element.iter(*hiding), None) is None and next(p_element.iterancestors(*hiding), None) is None:
        return _plain_text(p_element, view)
    parts = []
    for node in _VISIBLE_TEXT[view](p_element):
        tag = etree.QName(node).localname
        if tag in ("t", "delText"):
            parts.append(node.text or "")
        elif tag == "tab":
            parts.append(" ")
        elif tag == "noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _plain_text(p_element: Any, view: View) -> str:
    """``paragraph_text`` of a paragraph where nothing is hidden: the same nodes, in one walk."""
    parts = []
    for node in p_element.iter(*_PLAIN_TEXT_TAGS[view]):
        if node.tag in _TEXT_NODES:
            parts.append(node.text or "")
        elif node.getparent().tag == _R:  # not a tab stop of the paragraph's properties
            parts.append(_RUN_MARKS[node.tag])
    return "".join(parts)


def _mark_removed(p_element: Any, view: View) -> bool:
    """The paragraph mark is deleted (accept) or inserted (reject): the paragraph joins the next."""
    rpr = p_element.find(f"{_W}pPr/{_W}rPr")
    return rpr is not None and any(rpr.find(tag) is not None for tag in _REMOVED_MARK[view])


def joined_paragraphs(p_elements: list[Any], view: View = "accept") -> list[list[Any]]:
    """Word paragraphs grouped as they read in the view: a paragraph whose mark is removed
    joins the next one; the last of each group keeps its mark (and its properties)."""
    groups: list[list[Any]] = []
    current: list[Any] = []
    for p_element in p_elements:
        current.append(p_element)
        if not _mark_removed(p_element, view):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _paragraph_lines(
    p_elements: list[Any], reading: _Reading, lines: list[SourceLine], position: int, hint: str | None = None
) -> None:
    """One paragraph as the reader sees it: the last element's mark and numbering, the text of all."""
    text = reading.text(p_elements[0]) if len(p_elements) == 1 else "".join(map(reading.text, p_elements))
    label = reading.numbering.label(p_elements[-1])
    if not label and hint is None and "\n" not in text:  # most paragraphs: one line, as it stands
        lines.append(SourceLine(text, position))
        return
    for index, part in enumerate(text.split("\n")):
        line = f"{label} {part}".strip() if index == 0 and label else part
        lines.append(SourceLine(line, position, None, hint if line.strip() else None))


# ------------------------------------------------------------------ tables


def _table_lines(tbl: Any, reading: _Reading, lines: list[SourceLine], position: int, table_id: int) -> int:
    rows = _rows(tbl, reading.view)
    if _is_layout_table(rows, reading):
        for row in rows:
            position += 1
            _layout_row(row, reading, lines, position)
        return position
    for row in rows:
        position += 1
        # The lower part of a vertically merged cell stays as an empty cell: its text is
        # in the row above, and the columns stay aligned.
        cells = tuple("" if _continues_above(tc) else _cell_text(tc, reading) for tc in row)
        lines.append(SourceLine(" | ".join(cells), position, cells=cells, table_id=table_id))
    return position


def _rows(tbl: Any, view: View) -> list[list[Any]]:
    """The rows of a table as lists of ``w:tc``, rows and cells removed in the view left out.

    One w:tc per cell as written: a cell spanning columns (gridSpan) counts once, where
    python-docx's row.cells repeats it for every grid column it covers.
    """
    rows = []
    for tr in tbl.findall(_W + "tr"):
        if tr.find(f"{_W}trPr/{_REMOVED_ROW[view]}") is not None:
            continue
        rows.append([tc for tc in tr.findall(_W + "tc") if tc.find(f"{_W}tcPr/{_REMOVED_CELL[view]}") is None])
    return rows


def _layout_row(row: list[Any], reading: _Reading, lines: list[SourceLine], position: int) -> None:
    """Margin cell (heading, then title lines), then the body cells; a full-width row is body."""
    cells = [tc for tc in row if not _continues_above(tc)]
    margin, body = (cells[0], cells[1:]) if len(row) > 1 and cells and cells[0] is row[0] else (None, cells)
    if margin is not None:
        headed = False  # title hints only below an article heading, not in other margin notes
        for group in _cell_paragraphs(margin, reading.view):
            text = "".join(map(reading.text, group))
            is_heading = bool(p.ARTICLE_HEADING.match(text.strip()))
            hint = "article_title" if headed and not is_heading else None
            _paragraph_lines(group, reading, lines, position, hint)
            headed = headed or is_heading
    for tc in body:
        for group in _cell_paragraphs(tc, reading.view):
            _paragraph_lines(group, reading, lines, position)


def _is_layout_table(rows: list[list[Any]], reading: _Reading) -> bool:
    """Two or more columns, and left cells that (mostly) start with an article heading.

    Rows with an empty left cell (the body of an article going on) are not counted.
    """
    if not rows or max(len(r) for r in rows) < 2:
        return False
    lefts = [_cell_text(row[0], reading, labels=False).strip() for row in rows if row and not _continues_above(row[0])]
    filled = [text for text in lefts if text]
    headed = sum(1 for text in filled if p.ARTICLE_HEADING.match(text))
    return headed >= max(1, len(filled) // 2)


def _continues_above(tc: Any) -> bool:
    merge = tc.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(_W + "val", "continue") == "continue"


def _cell_paragraphs(tc: Any, view: View = "accept") -> list[list[Any]]:
    """The paragraphs of a cell in reading order, those of tables nested in it included,
    grouped as they read in the view (see ``joined_paragraphs``)."""
    found: list[list[Any]] = []
    run: list[Any] = []
    for block in _blocks(tc):
        if block.tag == _P:
            run.append(block)
            continue
        found.extend(joined_paragraphs(run, view))
        run = []
        for row in _rows(block, view):
            for inner in row:
                if not _continues_above(inner):
                    found.extend(_cell_paragraphs(inner, view))
    found.extend(joined_paragraphs(run, view))
    return found


def _cell_text(tc: Any, reading: _Reading, labels: bool = True) -> str:
    """A cell's text on one line; with ``labels``, Word's list labels included (and counted)."""
    texts = []
    for group in _cell_paragraphs(tc, reading.view):
        label = reading.numbering.label(group[-1]) if labels else ""
        body = "".join(map(reading.text, group))
        text = f"{label} {body}".replace("\n", " ").strip()
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

    def __init__(self, parts: _Parts, view: View = "accept") -> None:
        self.view = view
        self.levels: dict[str, dict[int, Level]] = {}  # numId -> ilvl -> (start, fmt, text)
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str | None, int | None]] = {}  # styleId -> own numPr (numId, ilvl)
        self.based_on: dict[str, str] = {}
        if parts.numbering is not None:
            self._read(parts.numbering)
        self.used = self._in_use(parts)

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

    def _read_styles(self, parts: _Parts) -> None:
        styles = parts.styles()
        if styles is None:
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

    def _in_use(self, parts: _Parts) -> bool:
        """Can a paragraph of the body be numbered: a list is defined, and a paragraph has its own
        ``w:numPr`` or a style that has one (itself or a style it is based on)? Many files say
        no, and then neither the styles nor any paragraph's properties need reading."""
        if not self.levels:
            return False
        body = parts.body
        own = next(body.iter(_W + "numPr"), None) is not None
        named = {_val(node) for node in body.iter(_W + "pStyle")}
        if not own and not named:
            return False
        self._read_styles(parts)
        return own or any(self._style_numbered(style) for style in named)

    def _style_numbered(self, style: str) -> bool:
        seen: set[str] = set()
        while style and style not in seen:
            if style in self.styles:
                return True
            seen.add(style)
            style = self.based_on.get(style, "")
        return False

    def label(self, p_element: Any) -> str:
        if not self.used:
            return ""  # no list defined, or none used: nothing is numbered
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
        ppr = p_element.find(_W + "pPr")
        old = ppr.find(f"{_W}pPrChange/{_W}pPr") if ppr is not None and self.view == "reject" else None
        ppr = old if old is not None else ppr  # rejecting, the properties before the change count
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        if num_pr is not None:
            own_id, own_lvl = num_pr.find(_W + "numId"), num_pr.find(_W + "ilvl")
            num_id = _val(own_id) if own_id is not None else None
            ilvl = _int(own_lvl, 0) if own_lvl is not None else None
        style = _val(ppr.find(_W + "pStyle") if ppr is not None else None)
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


# ------------------------------------------------------------------ addresses for writing back


def block_paragraphs(document: Any, view: View = "accept") -> dict[int, list[Any]]:
    """Block position, numbered exactly as ``read_docx_lines`` numbers it -> the ``w:p`` read there.

    The one walk of the body (content controls, custom XML, tables and their rows, paragraphs
    joined when their mark is removed), shared with whoever writes back into the DOCX
    (``xref.fix_docx``): a position always names the same paragraphs for reader and writer.
    A text box belongs to the paragraph it is anchored in, as for the reader.
    """
    found: dict[int, list[Any]] = {}
    position = 0
    joined: list[Any] = []
    for block in _blocks(document.element.body):
        if block.tag == _TBL:
            rows = _rows(block, view)
            if not rows:
                continue
            if joined:
                found[position] = joined
            joined = []
            for row in rows:
                position += 1
                cells = [tc for tc in row if not _continues_above(tc)]
                found[position] = [paragraph for tc in cells for group in _cell_paragraphs(tc, view) for paragraph in group]
            continue
        position += 1
        if _mark_removed(block, view):
            joined.append(block)
            continue
        found[position] = [*joined, block]
        joined = []
    if joined:
        found[position] = joined
    return found
