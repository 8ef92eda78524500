"""Build real DOCX and PDF fixtures in a test's ``tmp_path``, programmatically.

DOCX files are made with python-docx; where it has no API (Word automatic numbering,
tracked changes, content controls, text boxes) the XML is added with its oxml layer.
PDF files are drawn with fpdf2 in millimetres, text placed exactly where a municipal
regulation prints it (one column, or titles in a left margin column beside the body).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

# ====================================================================== DOCX

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def new_docx() -> DocxDocument:
    """An empty document from python-docx's default template (it has a numbering part)."""
    return docx.Document()


def add_lines(document: DocxDocument, *texts: str, style: str | None = None) -> list[DocxParagraph]:
    """One paragraph per text, in order."""
    return [document.add_paragraph(text, style=style) for text in texts]


def save_docx(document: DocxDocument, path: Path) -> Path:
    document.save(str(path))
    return path


# -- Word automatic numbering


def add_numbering(document: DocxDocument, levels: Sequence[tuple[str, str]], starts: Sequence[int] = ()) -> str:
    """A new list definition: ``levels`` are (numFmt, lvlText) per ilvl, e.g. ("decimal", "%1.").

    Adds a ``w:abstractNum`` and a ``w:num`` to the numbering part and returns the numId.
    """
    root = document.part.numbering_part.element
    abstract_id = 1 + max((int(a.get(qn("w:abstractNumId"))) for a in root.findall(qn("w:abstractNum"))), default=-1)
    num_id = 1 + max((int(n.get(qn("w:numId"))) for n in root.findall(qn("w:num"))), default=0)
    lvls = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{starts[ilvl] if ilvl < len(starts) else 1}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{360 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for ilvl, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    # Schema order: every w:abstractNum before the first w:num.
    existing = root.findall(qn("w:abstractNum"))
    if existing:
        existing[-1].addnext(abstract)
    else:
        root.insert(0, abstract)
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return str(num_id)


def restart_numbering(document: DocxDocument, num_id: str, ilvl: int = 0, start: int = 1) -> str:
    """A new ``w:num`` on the same definition with ``startOverride`` ("Restart at 1" in Word)."""
    root = document.part.numbering_part.element
    num = next(n for n in root.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    new_id = 1 + max(int(n.get(qn("w:numId"))) for n in root.findall(qn("w:num")))
    root.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{new_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        )
    )
    return str(new_id)


def numbered(paragraph: DocxParagraph, num_id: str, ilvl: int = 0) -> DocxParagraph:
    """Give a paragraph ``<w:numPr><w:ilvl/><w:numId/></w:numPr>`` (Word's automatic numbering)."""
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def style_num_id(document: DocxDocument, style_name: str) -> str | None:
    """The numId a paragraph style carries in its ``w:pPr/w:numPr``, if any."""
    num_id = document.styles[style_name].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return None if num_id is None else str(num_id.get(qn("w:val")))


def level_definition(document: DocxDocument, num_id: str, ilvl: int = 0) -> tuple[str, str]:
    """(numFmt, lvlText) of one level of a list, as the numbering part defines it."""
    root = document.part.numbering_part.element
    num = next(n for n in root.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in root.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    lvl = next(lv for lv in abstract.findall(qn("w:lvl")) if lv.get(qn("w:ilvl")) == str(ilvl))
    return lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val"))


# -- runs python-docx cannot write


def _run_xml(text: str, tag: str = "w:t", declare: bool = True) -> str:
    namespaces = f" {nsdecls('w')}" if declare else ""
    return f'<w:r{namespaces}><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def add_revision(paragraph: DocxParagraph, kind: Literal["ins", "del"], text: str, revision_id: int = 1) -> None:
    """A tracked insertion (``w:ins``, text in ``w:t``) or deletion (``w:del``, text in ``w:delText``)."""
    tag = "w:t" if kind == "ins" else "w:delText"
    paragraph._p.append(
        parse_xml(
            f'<w:{kind} {nsdecls("w")} w:id="{revision_id}" w:author="Revisore" w:date="2024-03-01T10:00:00Z">'
            f"{_run_xml(text, tag)}</w:{kind}>"
        )
    )


def add_raw_run(paragraph: DocxParagraph, xml: str) -> None:
    """Append run-level XML (it must declare its namespaces) to a paragraph."""
    paragraph._p.append(parse_xml(xml))


def add_broken_lines(document: DocxDocument, parts: Sequence[str]) -> DocxParagraph:
    """One paragraph whose parts are separated by soft line breaks (``w:br``, Shift+Enter)."""
    paragraph = document.add_paragraph()
    for index, part in enumerate(parts):
        run = paragraph.add_run(part)
        if index < len(parts) - 1:
            run.add_break()
    return paragraph


def add_text_box(paragraph: DocxParagraph, text: str) -> None:
    """A text box as Word writes it: the DrawingML shape and its VML fallback copy, same text."""
    box = f"<w:txbxContent><w:p>{_run_xml(text, declare=False)}</w:p></w:txbxContent>"
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:mc="{MC_NS}" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml">'
            f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
            f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )


def wrap_in_content_control(paragraphs: Sequence[DocxParagraph]) -> None:
    """Move consecutive body paragraphs into a block-level content control (``w:sdt``)."""
    first = paragraphs[0]._p
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Testo"/></w:sdtPr><w:sdtContent/></w:sdt>')
    first.addprevious(sdt)
    content = sdt.find(qn("w:sdtContent"))
    for paragraph in paragraphs:
        content.append(paragraph._p)


# -- tables


def add_data_table(document: DocxDocument, rows: Sequence[Sequence[str]]) -> DocxTable:
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


@dataclass
class LayoutRow:
    """A row of a two-column layout table: margin paragraphs (``Art. N``, title) and body paragraphs.

    ``full`` makes the row one cell across both columns (a division heading).
    """

    margin: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    full: bool = False


def _fill(cell: Any, texts: Sequence[str]) -> None:
    cell.text = texts[0] if texts else ""
    for text in texts[1:]:
        cell.add_paragraph(text)


def add_layout_table(document: DocxDocument, rows: Sequence[LayoutRow]) -> DocxTable:
    table = document.add_table(rows=len(rows), cols=2)
    for index, row in enumerate(rows):
        left, right = table.rows[index].cells
        if row.full:
            _fill(left.merge(right), row.body)
            continue
        _fill(left, row.margin)
        _fill(right, row.body)
    return table


# -- damaged packages


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def docx_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def minimal_regulation_docx(path: Path) -> Path:
    """A small valid regulation, the base that damaged variants are made from."""
    document = new_docx()
    add_lines(document, "Art. 1", "Scopo", "Il presente regolamento disciplina il rapporto d'impiego.")
    return save_docx(document, path)


def docx_with_member(source: Path, path: Path, name: str, data: bytes | None) -> Path:
    """A copy of ``source`` with member ``name`` replaced (``None``: removed)."""
    members = docx_members(source)
    if data is None:
        del members[name]
    else:
        members[name] = data
    return write_zip(path, members)


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole_file(path: Path) -> Path:
    """The start of an OLE compound file: what Word writes for a password-protected .docx."""
    path.write_bytes(OLE_MAGIC + b"\x00" * 504 + b"EncryptionInfo" + b"\x00" * 512)
    return path


# ====================================================================== PDF

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINE = 5.0  # mm between baselines at 10 pt
MARGIN_X = 15.0  # mm: the margin column of article headings and titles
BODY_X = 60.0  # mm: the body column in the margin layout
COLUMN_X = 20.0  # mm: the text column of a one-column layout


class PdfCanvas:
    """fpdf2 in millimetres with DejaVu Sans (Italian accents), text placed exactly where asked.

    ``y`` is the baseline, measured from the top of the page. No automatic page breaks.
    """

    def __init__(self) -> None:
        self.pdf = FPDF(unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.add_font("DejaVu", fname=str(FONT))
        self.pdf.set_font("DejaVu", size=10)
        self.pages = 0

    def new_page(self) -> None:
        self.pdf.add_page()
        self.pages += 1

    def text(self, x: float, y: float, text: str, size: float = 10.0) -> float:
        """Draw ``text``; returns the x where it ends."""
        self.pdf.set_font("DejaVu", size=size)
        self.pdf.text(x, y, text)
        return x + float(self.pdf.get_string_width(text))

    def superscript(self, x: float, y: float, digits: str, size: float = 10.0) -> float:
        """A capoverso number as typeset: 60 % of the size, raised; returns where the text goes on."""
        end = self.text(x, y - size * 0.12, digits, size * 0.6)
        return end + 0.6

    def centred(self, y: float, text: str, size: float = 10.0) -> None:
        self.pdf.set_font("DejaVu", size=size)
        self.text((210 - float(self.pdf.get_string_width(text))) / 2, y, text, size)

    def rectangle(self, x: float, y: float, w: float, h: float) -> None:
        self.pdf.rect(x, y, w, h, style="D")

    def save(self, path: Path, user_password: str | None = None, owner_password: str | None = None) -> Path:
        if owner_password or user_password:
            self.pdf.set_encryption(
                owner_password=owner_password or "proprietario",
                user_password=user_password,
                encryption_method=EncryptionMethod.AES_128,
            )
        self.pdf.output(str(path))
        return path


TAB = 12.0  # mm from a marker to its text at a tab stop (hanging indent)


def _body_line(canvas: PdfCanvas, x: float, y: float, line: str) -> None:
    """A body line; "^2 Il testo" draws "2" as a superscript before the text, and
    "a)\tIl testo" puts the text at a tab stop ``TAB`` mm right of the marker."""
    if line.startswith("^"):
        digits, _, rest = line[1:].partition(" ")
        x = canvas.superscript(x, y, digits)
        line = rest
    if "\t" in line:
        marker, _, line = line.partition("\t")
        canvas.text(x, y, marker)
        x += TAB
    canvas.text(x, y, line)


def _furniture(canvas: PdfCanvas, header: str | None, page_numbers: bool) -> None:
    if header:
        canvas.text(COLUMN_X, 12, header, 8)
    if page_numbers:
        canvas.centred(287, f"- {canvas.pages} -", 9)


def column_pdf(path: Path, pages: Sequence[Sequence[str]], header: str | None = None, page_numbers: bool = True) -> Path:
    """A one-column PDF: each page a list of lines ("" leaves an empty line), with a running
    header at the top and "- N -" at the bottom of every page."""
    canvas = PdfCanvas()
    for lines in pages:
        canvas.new_page()
        _furniture(canvas, header, page_numbers)
        y = 25.0
        for line in lines:
            if line:
                _body_line(canvas, COLUMN_X, y, line)
            y += LINE
    return canvas.save(path)


@dataclass
class MarginArticle:
    """An article in the margin layout: heading and title lines in the margin, body beside them."""

    heading: str
    title: list[str]
    body: list[str]  # "^N text" draws N as a superscript capoverso number


@dataclass
class BodyHeading:
    """Division heading lines, printed in the body column."""

    lines: list[str]


def margin_pdf(
    path: Path,
    pages: Sequence[Sequence[MarginArticle | BodyHeading]],
    header: str | None = None,
    page_numbers: bool = True,
    footer: str | None = None,
) -> Path:
    """A PDF in the margin layout: "Art. N" and the title at x=15 mm, the body at x=60 mm from the
    same height; division headings in the body column. ``footer`` is printed in the margin column
    at the bottom of every page."""
    canvas = PdfCanvas()
    for entries in pages:
        canvas.new_page()
        _furniture(canvas, header, page_numbers)
        if footer:
            canvas.text(MARGIN_X, 280, footer, 8)
        y = 25.0
        for entry in entries:
            if isinstance(entry, BodyHeading):
                for line in entry.lines:
                    canvas.text(BODY_X, y, line)
                    y += LINE
                y += LINE
                continue
            margin_y = y
            for line in [entry.heading, *entry.title]:
                canvas.text(MARGIN_X, margin_y, line)
                margin_y += LINE
            for line in entry.body:
                _body_line(canvas, BODY_X, y, line)
                y += LINE
            y = max(y, margin_y) + LINE
    return canvas.save(path)


def drawing_only_pdf(path: Path) -> Path:
    """A PDF page with a rectangle and no text at all (what a scan without OCR reads like)."""
    canvas = PdfCanvas()
    canvas.new_page()
    canvas.rectangle(20, 20, 170, 250)
    return canvas.save(path)
