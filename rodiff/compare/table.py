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

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..align import Alignment, ArticlePair, ParagraphPair
from ..diff import Diffs, Op, printed_text
from ..model import Article, Block, Division, Document, Paragraph, Table, block_lines

Style = Literal["completo", "articoli", "frammenti"]
STYLES: tuple[Style, ...] = ("completo", "articoli", "frammenti")
RunStyle = Literal["plain", "deleted", "inserted"]

DEFAULT_LABELS: dict[Style, tuple[str, ...]] = {
    "completo": ("Testo in vigore", "Testo proposto", "Osservazioni"),
    "articoli": ("Versione attuale", "Proposta di modifica"),
    "frammenti": ("Attuale", "Proposto"),
}
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


Cell = tuple[Line, ...]


@dataclass(frozen=True)
class Row:
    kind: Literal["division", "article", "commento"]
    cells: tuple[Cell, ...]  # one per column; a division or commento row has one cell spanning all
    key: str = ""  # new article number (or "vecchio N"), for notes and tests
    status: str = ""


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

    ``notes`` are the secretary's osservazioni; ``proposals`` rodiff's automatic ones
    (``compare.notes.automatic_notes``), shown where the secretary wrote none (None: no
    proposals). ``diffs`` is the alignment's diff stage, shared with other consumers.
    """
    notes = notes or {}
    proposals = proposals or {}
    labels = labels or DEFAULT_LABELS[style]
    diffs = diffs or Diffs()
    rows: list[Row] = []
    used: set[str] = set()
    divisions = _DivisionTracker(alignment.old, alignment.new, diffs)
    for pair in alignment.pairs:
        key = pair.key
        note = notes.get(key, "")
        if note:
            used.add(key)
        else:
            note = proposals.get(key, "")
        if style == "completo":
            rows.extend(divisions.rows_before(pair, len(labels)))
            rows.append(_completo_row(pair, note, key, diffs))
        elif pair.status not in ("unchanged",):
            build = _articoli_rows if style == "articoli" else _frammenti_rows
            rows.extend(build(pair, note, key, diffs))
    return Confronto(
        style=style,
        title=_title(alignment),
        subtitle=_subtitle(alignment),
        labels=labels,
        rows=tuple(rows),
        summary=alignment.counts(),
        identical=alignment.is_identical(),
        notes_used=frozenset(used),
    )


def _title(alignment: Alignment) -> str:
    meta = alignment.new.metadata
    title = meta.title or (alignment.new.front[0] if alignment.new.front else "Regolamento")
    return f"Tabella di confronto – {title}"


def _subtitle(alignment: Alignment) -> str:
    def name(document: Document) -> str:
        meta = document.metadata
        return meta.version or document.source_name or "senza nome"

    return f"{name(alignment.old)} → {name(alignment.new)}"


# -------------------------------------------------------------------- completo (3 col.)


def _completo_row(pair: ArticlePair, note: str, key: str, diffs: Diffs) -> Row:
    old_cell: list[Line] = []
    new_cell: list[Line] = []
    if pair.old:
        for article in pair.old:
            old_cell.extend(_plain_article(article))
    if pair.new and not pair.old:
        for article in pair.new:
            new_cell.extend(_plain_article(article, style="inserted"))
    elif pair.new:
        new_cell.extend(_diffed_article(pair, diffs))
    note_cell = (Line((Run(note, italic=False),)),) if note else ()
    return Row("article", (tuple(old_cell), tuple(new_cell), note_cell), key, pair.status)


def _heading_line(article: Article) -> Line:
    text = article.display_heading + (" (nuovo)" if article.is_new else "")
    return Line((Run(text, bold=True),))


def _plain_article(article: Article, style: RunStyle = "plain") -> list[Line]:
    lines = [_heading_line(article)]
    if article.title:
        lines.append(Line((Run(article.title, style, bold=True),)))
    for block in article.blocks:
        lines.extend(_plain_block(block, style))
    return lines


def _plain_block(block: Block, style: RunStyle = "plain") -> list[Line]:
    return [Line((Run(line.text, style),), line.depth) for line in block_lines(block)]


def _diffed_article(pair: ArticlePair, diffs: Diffs, *, body: bool = True) -> list[Line]:
    """The new article with the changes against the old one marked word by word
    (``body=False``: only its heading and title lines)."""
    old, new = pair.old[0], pair.new[0]
    heading_ops = list(diffs.heading(pair))
    if new.is_new:
        heading_ops.append(Op("insert", " (nuovo)"))
    lines = [_runs_line(heading_ops, bold=True)]
    if old.title or new.title:
        lines.append(_runs_line(diffs.title(pair), bold=True))
    if body:
        for paragraph_pair in pair.paragraphs:
            lines.extend(_diffed_blocks(paragraph_pair, diffs))
    return lines


def _runs_line(ops: Sequence[Op], *, bold: bool = False) -> Line:
    return Line(tuple(Run(op.text, _style(op), bold=bold) for op in ops))


def _diffed_blocks(pair: ParagraphPair, diffs: Diffs) -> list[Line]:
    old_depths = [line.depth for block in pair.old for line in block_lines(block)]
    new_depths = [line.depth for block in pair.new for line in block_lines(block)]
    return _ops_to_lines(diffs.paragraphs(pair), old_depths, new_depths)


def _ops_to_lines(ops: Sequence[Op], old_indents: list[int], new_indents: list[int]) -> list[Line]:
    """Split diff runs into printed lines at every newline, old or new.

    A removed lettera stays a line of its own, struck through, instead of running into the
    line before; a line takes the indentation of the new line it shows (or the old one).
    """
    lines: list[list[Run]] = [[]]
    positions = [(0, 0)]  # (old line, new line) at the start of each printed line
    old_line = new_line = 0
    for op in ops:
        for index, part in enumerate(op.text.split("\n")):
            if index:
                old_line += op.kind != "insert"
                new_line += op.kind != "delete"
                lines.append([])
                positions.append((old_line, new_line))
            if part:
                lines[-1].append(Run(part, _style(op)))
    result = []
    for runs, (old_index, new_index) in zip(lines, positions, strict=True):
        if not runs:
            continue
        only_deleted = all(run.style == "deleted" for run in runs)
        indents, index = (old_indents, old_index) if only_deleted else (new_indents, new_index)
        result.append(Line(tuple(runs), indents[index] if index < len(indents) else 0))
    return result


_STYLE_OF_OP: dict[str, RunStyle] = {"equal": "plain", "delete": "deleted", "insert": "inserted"}


def _style(op: Op) -> RunStyle:
    return _STYLE_OF_OP[op.kind]


# ------------------------------------------------------------------- articoli (2 col.)


def _articoli_rows(pair: ArticlePair, note: str, key: str, diffs: Diffs) -> list[Row]:
    old_cell: list[Line] = []
    new_cell: list[Line] = []
    for article in pair.old:
        old_cell.extend(_plain_article(article))
    if not pair.new:
        new_cell = [_heading_line(pair.old[0]), Line((Run("Abrogato.", "inserted"),))]
    elif not pair.old:
        new = pair.new[0]
        heading = _heading_line(new) if new.is_new else Line((Run(_heading_line(new).text + " (nuovo)", bold=True),))
        new_cell = [heading, *(_plain_article(new)[1:])]
    else:
        new_cell = _diffed_article(pair, diffs, body=False)
        for paragraph_pair in pair.paragraphs:
            new_cell.extend(_articoli_block(paragraph_pair, diffs))
    return _with_commento(Row("article", (tuple(old_cell), tuple(new_cell)), key, pair.status), note)


def _with_commento(row: Row, note: str) -> list[Row]:
    """The article row, then the osservazione as a commento row spanning the table."""
    if not note:
        return [row]
    return [row, Row("commento", ((Line((Run("Commento: ", bold=True), Run(note))),),), row.key, row.status)]


def _articoli_block(pair: ParagraphPair, diffs: Diffs) -> list[Line]:
    if not pair.new:
        marker = _marker(pair.old[0])
        return [Line((Run(f"{marker} Abrogato.".strip(), "inserted"),))]
    if not pair.old:
        lines = _plain_block(pair.new[0], "inserted")
        if lines:
            lines[0] = Line((*lines[0].runs, Run(" (nuovo)", "inserted")), lines[0].indent)
        return lines
    if _strip_marker(printed_text(pair.old)) == _strip_marker(printed_text(pair.new)) and len(pair.old) == len(pair.new) == 1:
        marker = _marker(pair.new[0])
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


def _frammenti_rows(pair: ArticlePair, note: str, key: str, diffs: Diffs) -> list[Row]:
    if not pair.old or not pair.new:
        return _articoli_rows(pair, note, key, diffs)
    old_cell: list[Line] = [_heading_line(pair.old[0])]
    new_cell: list[Line] = _diffed_article(pair, diffs, body=False)[:1]
    elided = False
    for paragraph_pair in pair.paragraphs:
        if printed_text(paragraph_pair.old) == printed_text(paragraph_pair.new):
            if not elided:
                old_cell.append(Line((Run(ELISION),)))
                new_cell.append(Line((Run(ELISION),)))
                elided = True
            continue
        elided = False
        for block in paragraph_pair.old:
            old_cell.extend(_plain_block(block))
        new_cell.extend(_articoli_block(paragraph_pair, diffs))
    return _with_commento(Row("article", (tuple(old_cell), tuple(new_cell)), key, pair.status), note)


# ---------------------------------------------------------------------- divisions


class _DivisionTracker:
    """Emits division heading rows when the new text enters a new titolo/capitolo."""

    def __init__(self, old: Document, new: Document, diffs: Diffs) -> None:
        self.diffs = diffs
        self.old_path = _division_paths(old)
        self.new_path = _division_paths(new)
        self.current: tuple[Division, ...] = ()

    def rows_before(self, pair: ArticlePair, columns: int) -> Iterator[Row]:
        if not pair.new:
            return
        path = self.new_path.get(id(pair.new[0]), ())
        old_path = self.old_path.get(id(pair.old[0]), ()) if pair.old else ()
        for depth, division in enumerate(path):
            if depth < len(self.current) and self.current[depth] is division:
                continue
            yield Row("division", (self._heading(division, depth, old_path),), division.eid)
        self.current = path

    def _heading(self, division: Division, depth: int, old_path: tuple[Division, ...]) -> Cell:
        new_text = _division_text(division)
        old = next((d for d in old_path if d.kind == division.kind), None)
        if old is None:
            return (Line((Run(new_text, "inserted", bold=True),)),)
        return (_runs_line(self.diffs.texts(_division_text(old), new_text), bold=True),)


def _division_text(division: Division) -> str:
    word = division.heading.split()[0] if division.heading else division.kind.upper()
    return f"{word} {division.label}" + (f" – {division.title}" if division.title else "")


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
