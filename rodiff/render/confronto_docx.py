"""Draw a ``Confronto`` (the tabella di confronto) as a Word document.

The page is A4 landscape; a title block (title, versions, date of generation, the summary
sentence, a legend of the marks) is followed by one table whose header row repeats on every
page: "Testo in vigore | Testo proposto | Osservazioni" (40/40/20 %) or two columns
(50/50). Division headings and commenti span the whole table; an article with osservazioni
per capoverso is cut into rows without borders between them, each note beside its
capoverso (``Row.parts``). Deleted words are struck
through in red, new words underlined in blue, so the marks survive a black-and-white print.
The footer reads "Pagina X di Y".

Document, section, styles and title block use python-docx's public API; the table rows are
built on the XML layer with ``rodiff.render.ooxml`` (repeated header, unsplittable short
rows, spans, shading), which keeps a 2,000-article table near-linear in time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt, RGBColor, Twips

from ..compare.table import LEGEND_MORE, Cell, Confronto, Grid, Line, Row, Run, RunStyle
from ..italiano import IDENTICAL_SENTENCE as IDENTICAL
from ..italiano import italian_date, summary_sentence
from .oxml import elements as ooxml
from .oxml.blocks import bordered_table
from .oxml.elements import table_element
from .oxml.properties import drop_parts, set_file_properties
from .oxml.sections import A4_LONG_MM, running_title, set_a4
from .oxml.styles import add_style, find_style, set_base_style, set_paragraph_style, styles_by_name

FONT = "Arial"
FONT_SIZE = 10  # points, table and body text
LANGUAGE = "it-CH"
DELETED_COLOR = "C00000"  # red, with strike-through
INSERTED_COLOR = "1F4E9A"  # dark blue, with underline
COLORS: dict[RunStyle, str] = {"deleted": DELETED_COLOR, "inserted": INSERTED_COLOR}
HEADER_FILL = "D9D9D9"
DIVISION_FILL = "EDEDED"

PAGE_WIDTH_MM = A4_LONG_MM  # landscape
MARGIN_SIDE_MM, MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 15, 18, 15
TWIPS_PER_MM = 1440 / 25.4
TABLE_WIDTH = round((PAGE_WIDTH_MM - 2 * MARGIN_SIDE_MM) * TWIPS_PER_MM)  # 15,137 twips
CELL_MARGINS = 2 * 108  # left + right padding of "Table Grid"
CELL_PADDING_TOP = 30  # 1.5 pt between a row's top border and its first line
INDENT_STEP = 284  # 0.5 cm per level of lettera / sub-item
AVERAGE_CHAR = 100  # twips: an average character of Arial 10 pt, to estimate row heights
SHORT_ROW_LINES = 12  # rows estimated at most this many printed lines do not split across pages


def render_confronto_docx(confronto: Confronto, generated: date | None = None) -> bytes:
    """The DOCX file of the table, as bytes; ``generated`` is the date printed (default today)."""
    document = Document()
    drop_parts(document)
    _setup_page(document, confronto.title)
    styles = _setup_styles(document)
    _title_block(document, styles, confronto, generated or date.today())
    if confronto.rows:
        _table(document, confronto)
    set_file_properties(document, title=confronto.title, author=confronto.author, subject=confronto.subtitle)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def column_widths(columns: int, width: int = TABLE_WIDTH) -> list[int]:
    """Twips per column of a table ``width`` wide: 40/40/20 % for three columns, equal shares otherwise."""
    shares = [0.4, 0.4, 0.2] if columns == 3 else [1 / columns] * columns
    widths = [round(width * share) for share in shares]
    widths[-1] += width - sum(widths)
    return widths


# ------------------------------------------------------------------- page and styles


def _setup_page(document: Any, title: str) -> None:
    section = document.sections[0]
    set_a4(section, landscape=True, side_mm=MARGIN_SIDE_MM, top_mm=MARGIN_TOP_MM, bottom_mm=MARGIN_BOTTOM_MM, header_footer_mm=8)
    running_title(section, title)


def _setup_styles(document: Any) -> dict[str, str]:
    """The title block's styles, added: style name -> style id."""
    set_base_style(document, font=FONT, size=FONT_SIZE, language=LANGUAGE, space_after=3)
    styles = document.styles
    index = styles_by_name(styles)
    normal = find_style(index, "Normal")
    ids: dict[str, str] = {}
    for name, size, bold, after in (
        ("Confronto titolo", 15, True, 4),
        ("Confronto sottotitolo", 11, False, 6),
        ("Confronto nota", 9, False, 2),
    ):
        style = add_style(styles, index, name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.font.bold = bold
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
        ids[name] = style.style_id
    return ids


# ---------------------------------------------------------------------- title block


def _title_block(document: Any, styles: dict[str, str], confronto: Confronto, generated: date) -> None:
    def add(text: str, style: str) -> Any:
        paragraph = document.add_paragraph(text)
        set_paragraph_style(paragraph, styles[style])
        return paragraph

    add(confronto.title, "Confronto titolo")
    add(confronto.subtitle, "Confronto sottotitolo")
    if confronto.technical_notes:
        add(f"Generato il {italian_date(generated)} con rodiff.", "Confronto nota")
        add(summary_sentence(confronto.summary), "Confronto nota")
        if confronto.omitted:
            add(confronto.omitted, "Confronto nota")
    if confronto.identical:
        add("", "Confronto nota").add_run(IDENTICAL).bold = True
    legend = add("", "Confronto nota")
    legend.add_run("Legenda: ")
    deleted = legend.add_run("testo tolto")
    deleted.font.strike = True
    deleted.font.color.rgb = RGBColor.from_string(DELETED_COLOR)
    legend.add_run(" (barrato, in rosso); ")
    inserted = legend.add_run("testo nuovo")
    inserted.font.underline = True
    inserted.font.color.rgb = RGBColor.from_string(INSERTED_COLOR)
    legend.add_run(f" (sottolineato, in blu); {LEGEND_MORE}")
    legend.paragraph_format.space_after = Pt(8)


# ---------------------------------------------------------------------------- table


def _table(document: Any, confronto: Confronto) -> None:
    columns = len(confronto.labels)
    widths = column_widths(columns)
    table = document.add_table(rows=0, cols=columns)
    table.style = document.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    tbl = table_element(table)
    ooxml.set_table_width(tbl, TABLE_WIDTH)
    ooxml.set_cell_margins(tbl, top=CELL_PADDING_TOP)
    tbl.append(header_row(confronto.labels, widths))
    for row in confronto.rows:
        tbl.extend(table_rows(row, widths))


def header_row(labels: Sequence[str], widths: Sequence[int]) -> Any:
    """The ``w:tr`` of the column labels, repeated at the top of every page."""
    cells = (
        ooxml.cell([ooxml.paragraph([ooxml.run(label, bold=True)], center=True, keep_next=True)], width, shading=HEADER_FILL)
        for label, width in zip(labels, widths, strict=True)
    )
    return ooxml.row(cells, header=True, cant_split=True)


def table_rows(row: Row, widths: Sequence[int]) -> list[Any]:
    """The ``w:tr`` of one row of the confronto; an article with osservazioni per capoverso is
    cut into one ``w:tr`` per noted capoverso, each note at the height of its capoverso, with no
    border between them (one article to the eye). A short article stays on one page (its parts
    kept together); a long one keeps its heading with the next part."""
    if not row.parts or len(row.parts[0]) != len(widths):
        return [table_row(row, widths)]
    heights = [max(_estimated_lines(cell, width) for cell, width in zip(part, widths, strict=True)) for part in row.parts]
    short = sum(heights) <= SHORT_ROW_LINES
    rows = []
    for index, part in enumerate(row.parts):
        first, last = index == 0, index == len(row.parts) - 1
        keep = not last and (short or first)
        cells = [ooxml.cell(_content(content, width, keep_next=keep), width) for content, width in zip(part, widths, strict=True)]
        for cell in cells:
            ooxml.open_cell_borders(cell, top=not first, bottom=not last)
        rows.append(ooxml.row(cells, cant_split=heights[index] <= SHORT_ROW_LINES))
    return rows


def table_row(row: Row, widths: Sequence[int]) -> Any:
    """The ``w:tr`` of one row of the confronto (an article, a division, a commento), whole."""
    if row.kind == "division":
        cell = ooxml.cell(
            _content(_first(row.cells), sum(widths), keep_next=True), sum(widths), span=len(widths), shading=DIVISION_FILL
        )
        return ooxml.row([cell], cant_split=True)
    if row.kind == "commento":
        cell = ooxml.cell(_content(_first(row.cells), sum(widths), italic=True), sum(widths), span=len(widths))
        return ooxml.row([cell], cant_split=_estimated_lines(_first(row.cells), sum(widths)) <= SHORT_ROW_LINES)
    cells = []
    height = 0
    for index, content in enumerate(row.cells[: len(widths)]):
        last = index == len(row.cells) - 1 or index == len(widths) - 1
        width = sum(widths[index:]) if last else widths[index]  # a short row's last cell fills the rest
        span = len(widths) - index if last else 1
        cells.append(ooxml.cell(_content(content, width), width, span=span))
        height = max(height, _estimated_lines(content, widths[index]))
    return ooxml.row(cells, cant_split=height <= SHORT_ROW_LINES)


def _content(cell: Cell, width: int, *, italic: bool = False, keep_next: bool = False) -> list[Any]:
    """The paragraphs and nested tables of a cell; a cell ends with a paragraph, as Word requires."""
    elements = [
        grid_table(line, width - CELL_MARGINS) if isinstance(line, Grid) else _paragraph(line, italic=italic, keep_next=keep_next)
        for line in cell
    ]
    if elements and isinstance(cell[-1], Grid):
        elements.append(ooxml.paragraph([]))
    return elements


def grid_table(grid: Grid, width: int) -> Any:
    """A table inside an article as a ``w:tbl`` nested in the cell, its runs marked as text is."""
    widths = grid_widths(grid, width)
    rows = []
    for grid_row in grid.rows:
        cells = [
            ooxml.cell([_paragraph(Line(runs))], cell_width)
            for runs, cell_width in zip([*grid_row.cells, *[()] * (grid.columns - len(grid_row.cells))], widths, strict=True)
        ]
        rows.append(ooxml.row(cells, cant_split=True))
    return bordered_table(rows, widths)


def grid_widths(grid: Grid, width: int) -> list[int]:
    """Twips per column of a nested table: each wide enough for its longest word ("Segretario"),
    the rest shared by the length of the columns' texts (a long "Titoli di studio" gets more)."""
    texts = [["".join(run.text for run in cell) for cell in row.cells] for row in grid.rows]
    columns = range(grid.columns)
    longest_word = [max([1, *(len(w) for t in texts if k < len(t) for w in t[k].split())]) for k in columns]
    weight = [max([1.0, *(float(len(t[k])) for t in texts if k < len(t))]) for k in columns]
    floors = [min(width // grid.columns, (chars + 1) * AVERAGE_CHAR + CELL_MARGINS) for chars in longest_word]
    rest = max(0, width - sum(floors))
    widths = [floor + round(rest * share / sum(weight)) for floor, share in zip(floors, weight, strict=True)]
    widths[-1] += width - sum(widths)
    return widths


def _first(cells: Sequence[Cell]) -> Cell:
    return cells[0] if cells else ()


def _paragraph(line: Line, *, italic: bool = False, keep_next: bool = False) -> Any:
    runs = []
    previous: Run | None = None
    for run in line.runs:
        if not run.text:
            continue
        if _needs_gap(previous, run):
            runs.append(ooxml.run(" "))
        runs.append(
            ooxml.run(
                run.text,
                bold=run.bold,
                italic=run.italic or italic,
                strike=run.style == "deleted",
                underline=run.style == "inserted",
                color=COLORS.get(run.style),
            )
        )
        previous = run
    left, hanging = (INDENT_STEP * (line.indent + 1), INDENT_STEP) if line.indent > 0 else (0, 0)
    return ooxml.paragraph(runs, left=left, hanging=hanging, keep_next=keep_next)


def _needs_gap(previous: Run | None, run: Run) -> bool:
    """A replaced word: "due" struck and "tre" underlined would touch ("duetre"); a plain
    space between them reads as in the printed tables ("due tre")."""
    return (
        previous is not None
        and previous.style == "deleted"
        and run.style == "inserted"
        and not previous.text[-1].isspace()
        and not run.text[0].isspace()
    )


def _estimated_lines(cell: Cell, width: int) -> int:
    """Printed lines of a cell, roughly: enough to tell a short row from a long article."""
    per_line = max(1, (width - CELL_MARGINS) // AVERAGE_CHAR)
    return sum(1 + len(line.text) // per_line for line in cell)
