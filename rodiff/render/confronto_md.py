"""The tabella di confronto as Markdown (GitHub flavour): a title block and one pipe table.

For pasting into a wiki, an e-mail or a forum post. Deleted text is ``~~struck~~``,
inserted text ``<ins>underlined</ins>`` (``**bold**`` already marks article headings);
the lines of a cell are joined with ``<br>``, lettere indented with ``&emsp;``. Division
and commento rows put their text in the first cell and leave the others empty, since
Markdown tables cannot span columns. Text from the documents is escaped, so a ``|`` or a
``<`` in a regulation never breaks the table or becomes markup.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from ..compare.table import LEGEND_MORE, Cell, Confronto, Grid, Line, Row, Run
from ..italiano import IDENTICAL_SENTENCE, italian_date, summary_sentence

LEGEND = f"Legenda: ~~testo soppresso~~ (barrato) · <ins>testo aggiunto</ins> (sottolineato); {LEGEND_MORE}"

_SPECIAL = re.compile(r"([\\`*_~\[\]|#])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BLOCK_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+=])")  # "1. ", "2) ", "- ": a list or a heading


def render_confronto_md(confronto: Confronto, today: dt.date | None = None) -> str:
    """The whole Markdown text; ``today`` fixes the generation date (tests, reproducible output)."""
    parts = [f"# {escape(confronto.title)}", paragraph(confronto.subtitle)]
    if confronto.technical_notes:
        parts.append(f"Generata il {italian_date(today or dt.date.today())} con rodiff.")
    if confronto.identical:
        parts.append(f"**{IDENTICAL_SENTENCE}**")
    if confronto.technical_notes:
        parts.append(paragraph(summary_sentence(confronto.summary)))
        if confronto.omitted:
            parts.append(paragraph(confronto.omitted))
    parts.append(LEGEND)
    if confronto.rows:
        parts.append(pipe_table(confronto))
    return "\n\n".join(parts) + "\n"


def escape(text: str) -> str:
    """Markdown-safe inline text: specials backslashed, ``& < >`` as entities, one line."""
    text = " ".join(text.split("\n"))
    text = "".join(_ENTITIES.get(char, char) for char in text)
    return _SPECIAL.sub(r"\\\1", text)


def paragraph(text: str) -> str:
    """Escaped text as a paragraph of its own: a leading "1." or "-" must not start a list."""
    return _BLOCK_START.sub(_escape_block_start, escape(text), count=1)


def _escape_block_start(match: re.Match[str]) -> str:
    number, punctuation, sign = match.groups()
    return f"{number}\\{punctuation}" if number else f"\\{sign}"


def pipe_table(confronto: Confronto) -> str:
    """The rows of the confronto as one Markdown pipe table, header row first."""
    columns = len(confronto.labels)
    lines = [_table_row([escape(label) for label in confronto.labels]), _table_row(["---"] * columns)]
    lines += [_table_row(_row_cells(row, columns)) for row in confronto.rows]
    return "\n".join(lines)


def _table_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _row_cells(row: Row, columns: int) -> list[str]:
    if row.in_columns:
        return [_cell(cell) for cell in row.cells] + [""] * (columns - len(row.cells))
    first = "<br>".join(_line(line, bold=row.kind == "division") for cell in row.cells for line in cell)
    return [first] + [""] * (columns - 1)


def _cell(cell: Cell) -> str:
    return "<br>".join(_line(line) for line in cell)


GRID_SEPARATOR = Run(" | ")  # a nested table's cells on one line: Markdown tables do not nest


def _line(line: Line | Grid, bold: bool = False) -> str:
    if isinstance(line, Grid):
        return "<br>".join(_line(Line(_joined(row.cells)), bold) for row in line.rows)
    runs = [Run(run.text, run.style, run.bold or bold, run.italic) for run in line.runs]
    texts = [run.text for run in runs]
    pieces = []
    for index, run in enumerate(runs):
        before = texts[index - 1][-1:] if index else ""
        after = texts[index + 1][:1] if index + 1 < len(texts) else ""
        pieces.append(_run(run, before, after))
    return "&emsp;" * line.indent + "".join(pieces)


def _joined(cells: tuple[tuple[Run, ...], ...]) -> tuple[Run, ...]:
    runs: list[Run] = []
    for index, cell in enumerate(cells):
        if index:
            runs.append(GRID_SEPARATOR)
        runs.extend(cell)
    return tuple(runs)


def _run(run: Run, before: str, after: str) -> str:
    """One run with its marks; spaces stay outside them, as Markdown requires."""
    core = run.text.strip()
    if not core:
        return escape(run.text)
    start = run.text.index(core)
    lead, trail = run.text[:start], run.text[start + len(core) :]
    before, after = (lead[-1:] or before), (trail[:1] or after)
    text = escape(core)
    if run.italic:
        text = _wrap(text, "*", "em", before, after)
    if run.bold:
        text = _wrap(text, "**", "strong", before, after)
    if run.style == "deleted":
        text = _wrap(text, "~~", "del", before, after)
    elif run.style == "inserted":
        text = f"<ins>{text}</ins>"
    return escape(lead) + text + escape(trail)


def _wrap(text: str, delimiter: str, tag: str, before: str, after: str) -> str:
    """``delimiter`` around ``text`` when Markdown will read it so, else the HTML ``tag``.

    A delimiter next to punctuation inside a word ("servizi~~.~~") is not "flanking" in
    CommonMark and would be printed as is; there the HTML tag is used instead.
    """
    opens = not _is_punctuation(text[0]) or not before or before.isspace() or _is_punctuation(before)
    closes = not _is_punctuation(text[-1]) or not after or after.isspace() or _is_punctuation(after)
    if opens and closes:
        return f"{delimiter}{text}{delimiter}"
    return f"<{tag}>{text}</{tag}>"


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"
