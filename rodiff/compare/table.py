"""The tabella di confronto as data: rows of cells of styled runs, ready for any renderer.

An ``Alignment`` (which article became which) and word diffs (``rodiff.diff``) become a
``Confronto``: a title block, column labels, rows (division headings spanning the table,
one row per article) and a summary. Renderers (DOCX, HTML, Markdown) only draw it.

Three styles, as municipalities write them:

- ``completo`` (Vacallo): every article in document order, three columns "Testo in
  vigore | Testo proposto | Osservazioni"; the middle column shows the new text with
  deleted words struck and new words marked; renumbered headings show both numbers.
- ``articoli`` (Mendrisio): only touched articles, "Versione attuale | Proposta di
  modifica"; unchanged capoversi written "Invariato.", repealed "Abrogato.", new ones
  "(nuovo)", renumbered capoversi spelled out; the osservazione follows as commento.
- ``frammenti`` (Stabio): only the changed capoversi, unchanged ones elided with "[…]".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..align import Alignment, ArticlePair, ParagraphPair
from ..align.tables import align_lines, align_rows
from ..diff import Diffs, Op
from ..italiano import join_it
from ..model import (
    Article,
    Block,
    Division,
    Document,
    Paragraph,
    PrintedLine,
    Table,
    capoverso_labels,
    division_line,
)
from . import DEFAULT_LABELS, Style
from .notes import as_osservazioni
from .versions import version_name

RunStyle = Literal["plain", "deleted", "inserted"]
ELISION = "[…]"


@dataclass(frozen=True)
class Run:
    text: str
    style: RunStyle = "plain"
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Line:
    """One printed paragraph inside a cell (an article heading, a capoverso, a lettera)."""

    runs: tuple[Run, ...]
    indent: int = 0  # 0 text, 1 lettera, 2 sub-item

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


GridStatus = Literal["plain", "deleted", "inserted", "modified"]


@dataclass(frozen=True)
class GridRow:
    """A row of a table inside an article: one run sequence per cell, and what happened to it."""

    cells: tuple[tuple[Run, ...], ...]
    status: GridStatus = "plain"


@dataclass(frozen=True)
class Grid:
    """A table inside an article (salary classes), drawn as a table nested in the cell.

    Rows are aligned row by row (``align.tables.align_rows``); a changed row has its cells
    diffed word by word, a removed row is struck, an added one underlined.
    """

    rows: tuple[GridRow, ...]
    columns: int
    indent: int = 0

    @property
    def text(self) -> str:
        return "\n".join(" | ".join("".join(run.text for run in cell) for cell in row.cells) for row in self.rows)


Cell = tuple[Line | Grid, ...]


RowKind = Literal["division", "article", "commento", "testo"]


@dataclass(frozen=True)
class Row:
    """A row of the table. ``testo`` rows hold text outside every article (front matter,
    notes under a division heading, back matter), drawn in columns like an article."""

    kind: RowKind
    cells: tuple[Cell, ...]  # one per column; a division or commento row has one cell spanning all
    key: str = ""  # new article number (or "vecchio N"), for notes and tests; "frontespizio", "chiusura"...
    status: str = ""
    # The same cells cut where a capoverso with its own osservazione starts, so that its note
    # is drawn beside it (DOCX, HTML); () when the row has no note per capoverso to place.
    parts: tuple[tuple[Cell, ...], ...] = ()

    @property
    def in_columns(self) -> bool:
        """True for rows drawn column by column (articles, text outside articles)."""
        return self.kind in ("article", "testo")


@dataclass(frozen=True)
class Confronto:
    style: Style
    title: str
    subtitle: str  # "Testo in vigore (1991) – Proposta (2023)"
    labels: tuple[str, ...]
    rows: tuple[Row, ...]
    summary: Mapping[str, int]
    identical: bool
    notes_used: frozenset[str] = field(default_factory=frozenset)
    technical_notes: bool = False  # "Generato il … con rodiff" and the statistics: only when asked
    omitted: str = ""  # what this style leaves out of the text outside the articles, and why ("" when nothing)
    author: str = ""  # the document's author (``--autore``), for the file properties


LEGEND_MORE = (
    "un articolo nuovo è tutto sottolineato; «Art. 11 12»: il numero vecchio barrato, il nuovo sottolineato; "
    "«Abrogato.» solo per un articolo abrogato per intero."
)


# ------------------------------------------------------------------------------ build


def build_confronto(
    alignment: Alignment,
    style: Style = "completo",
    notes: Mapping[str, str] | None = None,
    labels: tuple[str, ...] | None = None,
    *,
    proposals: Mapping[str, str] | None = None,
    diffs: Diffs | None = None,
) -> Confronto:
    """Turn an alignment into the rows of a comparison table in the given style.

    ``notes`` are the secretary's osservazioni (article notes, or ``compare.notes.Osservazioni``
    with notes per capoverso); ``proposals`` rodiff's automatic ones
    (``compare.notes.automatic_notes``), shown where the secretary wrote nothing for the
    article (None: no proposals). ``diffs`` is the alignment's diff stage, shared with other consumers.
    """
    osservazioni = as_osservazioni(notes)
    proposals = proposals or {}
    labels = labels or DEFAULT_LABELS[style]
    diffs = diffs or Diffs()
    rows: list[Row] = []
    used: set[str] = set()
    divisions = _DivisionTracker(alignment.old, alignment.new, diffs)
    outside = _Outside(style, len(labels), diffs)
    rows.extend(outside.row("frontespizio", alignment.old.front, alignment.new.front))
    for pair in alignment.pairs:
        key = pair.key
        if key in osservazioni:
            used.add(key)
            note = osservazioni[key]
        else:
            note = proposals.get(key, "")
        capoversi = _ordered_capoversi(pair, osservazioni.capoversi(key))
        entered = divisions.entered(pair)
        if style == "completo":
            rows.extend(divisions.heading_row(new, old) for new, old in entered)
        rows.extend(row for new, old in entered for row in outside.notes_row(new, old))
        if style == "completo":
            rows.append(_completo_row(pair, note, capoversi, diffs))
        elif pair.status not in ("unchanged",):
            build = _articoli_rows if style == "articoli" else _frammenti_rows
            lines = [*_note_texts(note), *(line for number, text in capoversi for line in _note_texts(text, f"cpv. {number}: "))]
            rows.extend(build(pair, lines, key, diffs))
    for old in divisions.old_notes_left():
        rows.extend(outside.notes_row(None, old))
    rows.extend(outside.row("chiusura", alignment.old.back, alignment.new.back))
    return Confronto(
        style=style,
        title=_title(alignment),
        subtitle=_subtitle(alignment),
        labels=labels,
        rows=tuple(rows),
        summary=alignment.counts(),
        identical=alignment.is_identical(),
        notes_used=frozenset(used),
        omitted=outside.omitted_sentence(),
    )


def _title(alignment: Alignment) -> str:
    meta = alignment.new.metadata
    title = meta.title or (alignment.new.front[0] if alignment.new.front else "Regolamento")
    return f"Tabella di confronto – {title}"


def _subtitle(alignment: Alignment) -> str:
    """The two versions as the regulation names them ("in vigore (1991) → proposta di revisione
    (2023)"), from metadata; never file names: "Testo in vigore → Testo proposto" when unnamed."""
    return f"{version_name(alignment.old, 'Testo in vigore')} → {version_name(alignment.new, 'Testo proposto')}"


# -------------------------------------------------------------------- completo (3 col.)


def _completo_row(pair: ArticlePair, note: str, capoversi: Sequence[tuple[str, str]], diffs: Diffs) -> Row:
    old_cell: list[Line | Grid] = []
    new_cell: list[Line | Grid] = []
    if pair.old:
        for article in pair.old:
            old_cell.extend(_plain_article(article, diffs))
    if pair.new and not pair.old:
        for article in pair.new:
            new_cell.extend(_plain_article(article, diffs, style="inserted"))
    elif pair.new:
        new_cell.extend(_diffed_article(pair, diffs))
    note_cell = [*_note_lines(note), *(line for number, text in capoversi for line in _note_lines(text, f"cpv. {number}: "))]
    cells = (tuple(old_cell), tuple(new_cell), tuple(note_cell))
    parts = _parts(pair, note, dict(capoversi), diffs) if capoversi else ()
    if parts and tuple(tuple(line for part in parts for line in part[column]) for column in (0, 1)) != cells[:2]:
        parts = ()  # capoversi reordered: the notes stay together, each with its "cpv. N:"
    return Row("article", cells, pair.key, pair.status, parts)


def _note_texts(note: str, prefix: str = "") -> list[str]:
    """An osservazione's lines (the line breaks she wrote are kept), ``prefix`` ("cpv. 2: ") before the first."""
    texts = [line.strip() for line in note.splitlines() if line.strip()]
    return [(prefix if index == 0 else "") + text for index, text in enumerate(texts)]


def _note_lines(note: str, prefix: str = "") -> list[Line | Grid]:
    return [Line((Run(text),)) for text in _note_texts(note, prefix)]


def _ordered_capoversi(pair: ArticlePair, capoversi: Mapping[str, str]) -> list[tuple[str, str]]:
    """The notes per capoverso in the order of the capoversi in the article."""
    if not capoversi:
        return []
    article = pair.new[0] if pair.new else pair.old[0]
    order = {paragraph.eid: position for position, paragraph in enumerate(article.paragraphs)}
    labels = capoverso_labels(article)
    rank = {number: order[labels[number].eid] if number in labels else len(order) for number in capoversi}
    return sorted(capoversi.items(), key=lambda item: rank[item[0]])


def _parts(pair: ArticlePair, note: str, capoversi: Mapping[str, str], diffs: Diffs) -> tuple[tuple[Cell, ...], ...]:
    """The article's cells cut before every capoverso with a note, the note beside it: the
    heading part with the note on the whole article, then one part per noted capoverso.
    () for a split or merged article (its notes stay joined in one cell)."""
    if len(pair.old) > 1 or len(pair.new) > 1:
        return ()
    article = pair.new[0] if pair.new else pair.old[0]
    noted = {paragraph.eid: number for number, paragraph in capoverso_labels(article).items() if number in capoversi}
    pieces: list[tuple[list[Line | Grid], list[Line | Grid], list[str]]] = []
    if pair.old and pair.new:
        old_head = _plain_article(pair.old[0], diffs)[: _head_size(pair.old[0])]
        pieces.append((old_head, _diffed_article(pair, diffs, body=False), []))
        for paragraphs in reading_order(pair.paragraphs):
            old = [line for block in paragraphs.old for line in _plain_block(block, diffs)]
            numbers = [noted[block.eid] for block in paragraphs.new if block.eid in noted]
            pieces.append((old, _diffed_blocks(paragraphs, diffs), numbers))
    else:
        style: RunStyle = "inserted" if pair.new else "plain"
        head = _plain_article(article, diffs, style)[: _head_size(article)]
        pieces.append(([], head, []) if pair.new else (head, [], []))
        for block in article.blocks:
            lines, numbers = _plain_block(block, diffs, style), [noted[block.eid]] if block.eid in noted else []
            pieces.append(([], lines, numbers) if pair.new else (lines, [], numbers))
    placed = {number for _, _, numbers in pieces for number in numbers}
    unplaced = [  # not found in the article (a file not checked against it): kept, with their number
        line for number, text in capoversi.items() if number not in placed for line in _note_lines(text, f"cpv. {number}: ")
    ]
    parts: list[tuple[list[Line | Grid], list[Line | Grid], list[Line | Grid]]] = []
    for old, new, numbers in pieces:
        if not parts:
            parts.append(([], [], [*_note_lines(note), *unplaced]))
        elif numbers:
            parts.append(([], [], [line for number in numbers for line in _note_lines(capoversi[number])]))
        parts[-1][0].extend(old)
        parts[-1][1].extend(new)
    return tuple((tuple(old), tuple(new), tuple(notes)) for old, new, notes in parts)


def _head_size(article: Article) -> int:
    """Lines of an article's heading: "Art. 12" and its title, if any."""
    return 2 if article.title else 1


def _heading_line(article: Article, style: RunStyle = "plain") -> Line:
    text = article.display_heading + (" (nuovo)" if article.is_new else "")
    return Line((Run(text, style, bold=True),))


def _plain_article(article: Article, diffs: Diffs, style: RunStyle = "plain") -> list[Line | Grid]:
    """An article as written; a new one (``style="inserted"``) underlined from heading to end."""
    lines: list[Line | Grid] = [_heading_line(article, style)]
    if article.title:
        lines.append(Line((Run(article.title, style, bold=True),)))
    for block in article.blocks:
        lines.extend(_plain_block(block, diffs, style))
    return lines


def _plain_block(block: Block, diffs: Diffs, style: RunStyle = "plain") -> list[Line | Grid]:
    if isinstance(block, Table):
        return [_plain_grid(block, style)]
    return [Line((Run(line.text, style),), line.depth) for line in diffs.printed(block)]


_ROW_STATUS: dict[RunStyle, GridStatus] = {"plain": "plain", "deleted": "deleted", "inserted": "inserted"}


def _plain_grid(table: Table, style: RunStyle = "plain") -> Grid:
    return Grid(tuple(_plain_row(row, style) for row in table.rows), _columns(table.rows))


def _columns(rows: Sequence[tuple[str, ...]]) -> int:
    return max([1, *(len(row) for row in rows)])


def diffed_grid(old: Table, new: Table, diffs: Diffs) -> Grid:
    """The new table with its rows aligned to the old one's: kept and edited rows diffed cell
    by cell, removed rows struck at the place they had (before the rows added there)."""
    if old.rows == new.rows:
        return _plain_grid(new)
    rows: list[GridRow] = []
    columns = _columns(old.rows + new.rows)
    for i, j in align_rows(old.rows, new.rows):
        if j is None:
            rows.append(_plain_row(old.rows[i], "deleted"))  # type: ignore[index]
        elif i is None:
            rows.append(_plain_row(new.rows[j], "inserted"))
        else:
            before, after = old.rows[i], new.rows[j]
            width = max(len(before), len(after))
            cells = tuple(
                tuple(Run(op.text, _style(op)) for op in _deletions_first(diffs.texts(_at(before, k), _at(after, k))))
                for k in range(width)
            )
            rows.append(GridRow(cells, "plain" if before == after else "modified"))
    return Grid(tuple(rows), columns)


def _plain_row(row: tuple[str, ...], style: RunStyle) -> GridRow:
    return GridRow(tuple((Run(cell, style),) if cell else () for cell in row), _ROW_STATUS[style])


def _at(row: tuple[str, ...], index: int) -> str:
    return row[index] if index < len(row) else ""


def _diffed_article(pair: ArticlePair, diffs: Diffs, *, body: bool = True) -> list[Line | Grid]:
    """The new article with the changes against the old one marked word by word
    (``body=False``: only its heading and title lines)."""
    old, new = pair.old[0], pair.new[0]
    heading_ops = list(diffs.heading(pair))
    if new.is_new:
        heading_ops.append(Op("insert", " (nuovo)"))
    lines: list[Line | Grid] = [_runs_line(heading_ops, bold=True)]
    if old.title or new.title:
        lines.append(_runs_line(diffs.title(pair), bold=True))
    if body:
        for paragraph_pair in reading_order(pair.paragraphs):
            lines.extend(_diffed_blocks(paragraph_pair, diffs))
    return lines


def reading_order(pairs: Sequence[ParagraphPair]) -> list[ParagraphPair]:
    """Capoverso pairs as printed: in every stretch of unpaired capoversi the removed ones come
    first, at the place they had, then the added ones (Vacallo art. 13 -> 15)."""
    result: list[ParagraphPair] = []
    stretch: list[ParagraphPair] = []
    for pair in pairs:
        if not pair.old or not pair.new:
            stretch.append(pair)
            continue
        if stretch:
            result.extend(sorted(stretch, key=_is_added))
            stretch = []
        result.append(pair)
    result.extend(sorted(stretch, key=_is_added))
    return result


def _is_added(pair: ParagraphPair) -> bool:
    return bool(pair.new)


def _runs_line(ops: Sequence[Op], *, bold: bool = False) -> Line:
    return Line(tuple([Run(op.text, _STYLE_OF_OP[op.kind], bold) for op in _deletions_first(ops)]))


def _diffed_blocks(pair: ParagraphPair, diffs: Diffs) -> list[Line | Grid]:
    """The capoversi of a pair, marked: tables as nested grids (row by row), text line by line."""
    old_lines, old_tables = _text_and_tables(pair.old, diffs)
    new_lines, new_tables = _text_and_tables(pair.new, diffs)
    result: list[Line | Grid] = diffed_lines(old_lines, new_lines, diffs)
    if len(old_tables) == 1 and len(new_tables) == 1:
        result.append(diffed_grid(old_tables[0], new_tables[0], diffs))
    else:
        result.extend(_plain_grid(table, "deleted") for table in old_tables)
        result.extend(_plain_grid(table, "inserted") for table in new_tables)
    return result


def _text_and_tables(blocks: Sequence[Block], diffs: Diffs) -> tuple[list[PrintedLine], list[Table]]:
    """The printed lines of the capoversi among ``blocks``, and the tables apart."""
    lines: list[PrintedLine] = []
    tables: list[Table] = []
    for block in blocks:
        if isinstance(block, Table):
            tables.append(block)
        else:
            lines.extend(diffs.printed(block))
    return lines, tables


def diffed_lines(old: Sequence[PrintedLine], new: Sequence[PrintedLine], diffs: Diffs) -> list[Line | Grid]:
    """Printed lines marked one by one: a line kept or edited is diffed word by word; a line
    removed stays, struck, at the place it had, before the lines added there (Vacallo art. 5)."""
    result: list[Line | Grid] = []
    old_texts, new_texts = [line.text for line in old], [line.text for line in new]
    if old_texts == new_texts:  # unchanged (most capoversi): nothing to align or diff
        return [Line((Run(line.text, "plain"),) if line.text else (), line.depth) for line in new]
    for i, j in align_lines(old_texts, new_texts):
        if j is None:
            result.append(Line((Run(old[i].text, "deleted"),), old[i].depth))  # type: ignore[index]
        elif i is None:
            result.append(Line((Run(new[j].text, "inserted"),), new[j].depth))
        else:
            ops = _deletions_first(diffs.texts(old[i].text, new[j].text))
            result.append(Line(tuple([Run(op.text, _STYLE_OF_OP[op.kind]) for op in ops]), new[j].depth))
    return result


def _deletions_first(ops: Sequence[Op]) -> list[Op]:
    """Within a stretch of changes, the deleted text before the inserted text, as printed tables do."""
    result: list[Op] = []
    inserted: list[Op] = []  # the insertions of the current stretch, held until it ends
    for op in ops:
        if op.kind == "delete":
            result.append(op)
        elif op.kind == "insert":
            inserted.append(op)
        else:
            if inserted:
                result.extend(inserted)
                inserted = []
            if op.text:
                result.append(op)
    result.extend(inserted)
    return result


_STYLE_OF_OP: dict[str, RunStyle] = {"equal": "plain", "delete": "deleted", "insert": "inserted"}


def _style(op: Op) -> RunStyle:
    return _STYLE_OF_OP[op.kind]


# ------------------------------------------------------------------- articoli (2 col.)


def _articoli_rows(pair: ArticlePair, note: Sequence[str], key: str, diffs: Diffs) -> list[Row]:
    old_cell: list[Line | Grid] = []
    new_cell: list[Line | Grid] = []
    for article in pair.old:
        old_cell.extend(_plain_article(article, diffs))
    if not pair.new:  # the whole article is repealed: the one place "Abrogato." is written
        new_cell = [_heading_line(pair.old[0]), Line((Run("Abrogato.", "inserted"),))]
    elif not pair.old:
        for article in pair.new:
            new_cell.extend(_plain_article(article, diffs, "inserted"))
    else:
        new_cell = _diffed_article(pair, diffs, body=False)
        for paragraph_pair in reading_order(pair.paragraphs):
            new_cell.extend(_articoli_block(paragraph_pair, diffs))
    return _with_commento(Row("article", (tuple(old_cell), tuple(new_cell)), key, pair.status), note)


def _with_commento(row: Row, note: Sequence[str]) -> list[Row]:
    """The article row, then the osservazione as a commento row spanning the table (one line
    per line of the note; a note per capoverso as "cpv. 2: …")."""
    if not note:
        return [row]
    first, *rest = note
    lines = (Line((Run("Commento: ", bold=True), Run(first))), *(Line((Run(text),)) for text in rest))
    return [row, Row("commento", (lines,), row.key, row.status)]


def _articoli_block(pair: ParagraphPair, diffs: Diffs) -> list[Line | Grid]:
    """A capoverso in the per-article style: removed ones struck and added ones underlined
    where they stand, unchanged ones "Invariato." (as written when the text already says so)."""
    if not pair.new or not pair.old:
        style: RunStyle = "deleted" if pair.old else "inserted"
        return [line for block in (pair.old or pair.new) for line in _plain_block(block, diffs, style)]
    unchanged = _strip_marker(diffs.printed_text(pair.old)) == _strip_marker(diffs.printed_text(pair.new))
    if unchanged and len(pair.old) == len(pair.new) == 1 and not isinstance(pair.new[0], Table):
        new = pair.new[0]
        marker = _marker(new)
        if not pair.renumbered and new.text.lower().startswith("invariat") and not new.items:
            return _plain_block(new, diffs)  # "1. Invariato" as the proposal writes it
        if pair.renumbered:
            return [Line((Run(f"{marker} Invariato (già cpv. {_number(pair.old[0])}).".strip()),))]
        return [Line((Run(f"{marker} Invariato.".strip()),))]
    return _diffed_blocks(pair, diffs)


def _marker(block: Block) -> str:
    if isinstance(block, Table):
        return ""
    return block.marker or (block.number.normalised if block.number else "")


def _number(block: Block) -> str:
    return block.number.normalised if isinstance(block, Paragraph) and block.number else "?"


def _strip_marker(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.rstrip(".)").isdigit() else text


# ------------------------------------------------------------------ frammenti (2 col.)


def _frammenti_rows(pair: ArticlePair, note: Sequence[str], key: str, diffs: Diffs) -> list[Row]:
    if not pair.old or not pair.new:
        return _articoli_rows(pair, note, key, diffs)
    old_cell: list[Line | Grid] = [_heading_line(pair.old[0])]
    new_cell: list[Line | Grid] = _diffed_article(pair, diffs, body=False)[:1]
    elided = False
    for paragraph_pair in reading_order(pair.paragraphs):
        if diffs.printed_text(paragraph_pair.old) == diffs.printed_text(paragraph_pair.new):
            if not elided:
                old_cell.append(Line((Run(ELISION),)))
                new_cell.append(Line((Run(ELISION),)))
                elided = True
            continue
        elided = False
        for block in paragraph_pair.old:
            old_cell.extend(_plain_block(block, diffs))
        new_cell.extend(_articoli_block(paragraph_pair, diffs))
    return _with_commento(Row("article", (tuple(old_cell), tuple(new_cell)), key, pair.status), note)


# ---------------------------------------------------------------------- divisions


class _DivisionTracker:
    """Tells when the new text enters a new titolo/capitolo, and which old division it replaces."""

    def __init__(self, old: Document, new: Document, diffs: Diffs) -> None:
        self.diffs = diffs
        self.old_path = _division_paths(old)
        self.new_path = _division_paths(new)
        self.current: tuple[Division, ...] = ()
        self.old_with_notes = [division for division in old.divisions() if division.notes]
        self.old_seen: set[int] = set()

    def entered(self, pair: ArticlePair) -> list[tuple[Division, Division | None]]:
        """The divisions entered before ``pair``'s article, outermost first, each with the old
        division of the same kind it stands for (None: a new division)."""
        if not pair.new:
            return []
        path = self.new_path.get(id(pair.new[0]), ())
        old_path = self.old_path.get(id(pair.old[0]), ()) if pair.old else ()
        found = []
        for depth, division in enumerate(path):
            if depth < len(self.current) and self.current[depth] is division:
                continue
            old = next((d for d in old_path if d.kind == division.kind), None)
            if old is not None:
                self.old_seen.add(id(old))
            found.append((division, old))
        self.current = path
        return found

    def old_notes_left(self) -> list[Division]:
        """Old divisions with notes that no new division stands for (their notes were removed)."""
        return [division for division in self.old_with_notes if id(division) not in self.old_seen]

    def heading_row(self, division: Division, old: Division | None) -> Row:
        new_text = division_line(division)
        if old is None:
            cell: Cell = (Line((Run(new_text, "inserted", bold=True),)),)
        else:
            cell = (_runs_line(self.diffs.texts(division_line(old), new_text), bold=True),)
        return Row("division", (cell,), division.eid)


class _Outside:
    """Rows for the text outside every article: front matter, notes under division headings,
    back matter. ``completo`` shows it all, ``articoli`` what changed (as it shows only touched
    articles), ``frammenti`` none of it, counted for ``omitted_sentence``."""

    def __init__(self, style: Style, columns: int, diffs: Diffs) -> None:
        self.style = style
        self.columns = columns
        self.diffs = diffs
        self.left_out: list[tuple[str, int, bool]] = []  # (what, lines, changed)

    def row(self, key: str, old: Sequence[str], new: Sequence[str], heading: Division | None = None) -> list[Row]:
        old_lines = [PrintedLine(text, 0, key, "paragraph") for text in old if text.strip()]
        new_lines = [PrintedLine(text, 0, key, "paragraph") for text in new if text.strip()]
        if not old_lines and not new_lines:
            return []
        changed = [line.text for line in old_lines] != [line.text for line in new_lines]
        if self.style == "frammenti" or (self.style == "articoli" and not changed):
            self.left_out.append((key, max(len(old_lines), len(new_lines)), changed))
            return []
        title: list[Line | Grid] = (
            [Line((Run(division_line(heading), bold=True),))] if heading and self.style != "completo" else []
        )
        old_cell: list[Line | Grid] = [*title, *(Line((Run(line.text),)) for line in old_lines)]
        new_cell: list[Line | Grid] = [*title, *diffed_lines(old_lines, new_lines, self.diffs)]
        cells: tuple[Cell, ...] = (tuple(old_cell), tuple(new_cell), *([()] * (self.columns - 2)))
        return [Row("testo", cells, key, "modified" if changed else "unchanged")]

    def notes_row(self, new: Division | None, old: Division | None) -> list[Row]:
        division = new or old
        assert division is not None
        return self.row(f"note {division.eid}", old.notes if old else (), new.notes if new else (), division)

    def omitted_sentence(self) -> str:
        """What was left out and why, in Italian ("" when nothing was)."""
        if not self.left_out:
            return ""
        lines = sum(count for _, count, _ in self.left_out)
        changed = sum(count for _, count, was_changed in self.left_out if was_changed)
        places = join_it(sorted({_OUTSIDE_PLACES[key.split()[0]] for key, _, _ in self.left_out}, key=_OUTSIDE_ORDER.index))
        amount = "1 riga" if lines == 1 else f"{lines} righe"
        if self.style == "articoli":
            return f"Testo fuori dagli articoli non riportato perché invariato: {amount} ({places})."
        was_changed = f", di cui {changed} modificate" if changed > 1 else (", di cui 1 modificata" if changed else ", invariate")
        return (
            f"Testo fuori dagli articoli non riportato: {amount} ({places}){was_changed}. Lo stile frammenti mostra "
            "solo i capoversi modificati; lo stile completo o articoli lo riporta."
        )


_OUTSIDE_PLACES = {"frontespizio": "frontespizio", "note": "note sotto i titoli", "chiusura": "chiusura"}
_OUTSIDE_ORDER = list(_OUTSIDE_PLACES.values())


def _division_paths(document: Document) -> dict[int, tuple[Division, ...]]:
    paths: dict[int, tuple[Division, ...]] = {}

    def walk(nodes: tuple[Division | Article, ...], path: tuple[Division, ...]) -> None:
        for node in nodes:
            if isinstance(node, Article):
                paths[id(node)] = path
            else:
                walk(node.children, (*path, node))

    walk(document.body, ())
    return paths
