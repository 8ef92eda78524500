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

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..align import Alignment, ArticlePair, ParagraphPair
from ..diff import Op, changed_tokens, diff_words, is_formal_only, new_text, old_text
from ..model import Article, Division, Document, Item, Paragraph, Table

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


# ------------------------------------------------------------------------------ notes


def automatic_note(pair: ArticlePair) -> str:
    """The osservazione rodiff proposes where the change is mechanical; "" otherwise."""
    status = pair.status
    old, new = pair.old_article, pair.new_article
    if status == "new":
        return "Nuovo articolo."
    if status == "repealed":
        return "Articolo abrogato."
    if status == "renumbered":
        return "Adattamento numerazione."
    if status == "modified" and old is not None and new is not None and _only_numbers_changed(old, new):
        return "Adattamento numerazione."  # only cited article numbers changed: "all'art. 23 26"
    if status == "moved" and old is not None:
        return f"Articolo spostato (era l'art. {old.number})."
    if status == "split" and old is not None:
        return f"Articolo suddiviso (dall'art. {old.number})."
    if status == "merged":
        return "Articoli uniti (artt. " + " e ".join(str(a.number) for a in pair.old) + ")."
    changed = status in ("modified", "renumbered_modified") and old is not None and new is not None
    if changed and is_formal_only(diff_words(_article_text(old), _article_text(new))):  # type: ignore[arg-type]
        return "Adattamento numerazione e modifica di forma." if status == "renumbered_modified" else "Modifica di forma."
    return ""


def _only_numbers_changed(old: Article, new: Article) -> bool:
    """True when every change is a number inside a reference ("all'art. 23 26", "cpv. 5 4").

    A changed deadline ("30 giorni" -> "15 giorni") is a real modification, not renumbering.
    """
    if old.title != new.title:
        return False
    ops = diff_words(_article_text(old), _article_text(new))
    if not changed_tokens(ops):
        return False
    old_at = new_at = 0
    old_spans = _reference_number_spans(old_text(ops))
    new_spans = _reference_number_spans(new_text(ops))
    for op in ops:
        size = len(op.text)
        if op.kind == "delete" and not _inside_numbers(op.text, old_at, old_spans):
            return False
        if op.kind == "insert" and not _inside_numbers(op.text, new_at, new_spans):
            return False
        old_at += size if op.kind != "insert" else 0
        new_at += size if op.kind != "delete" else 0
    return True


def _reference_number_spans(text: str) -> list[tuple[int, int]]:
    """Where the numbers of internal references stand ("art. 23", "cpv. 5"), found by rodiff.xref."""
    from ..xref import scan

    return [part.span for reference in scan(text) if reference.kind != "external" for part in reference.parts]


def _inside_numbers(text: str, start: int, spans: list[tuple[int, int]]) -> bool:
    """A changed run is only digits (and spaces) lying on a reference number."""
    if not text.strip() or not all(c.isdigit() or c.isspace() for c in text.strip()):
        return not text.strip()
    start += len(text) - len(text.lstrip())
    end = start + len(text.strip())
    return any(a <= start and end <= b for a, b in spans)


def _article_text(article: Article) -> str:
    return "\n".join(line for block in article.blocks for line in _block_lines(block))


# ------------------------------------------------------------------------------ build


def build_confronto(
    alignment: Alignment,
    style: Style = "completo",
    notes: Mapping[str, str] | None = None,
    labels: tuple[str, ...] | None = None,
    automatic_notes: bool = True,
) -> Confronto:
    """Turn an alignment into the rows of a comparison table in the given style."""
    notes = notes or {}
    labels = labels or DEFAULT_LABELS[style]
    rows: list[Row] = []
    used: set[str] = set()
    divisions = _DivisionTracker(alignment.old, alignment.new)
    for pair in alignment.pairs:
        key = pair.key
        note = notes.get(key, "")
        if note:
            used.add(key)
        elif automatic_notes:
            note = automatic_note(pair)
        if style == "completo":
            rows.extend(divisions.rows_before(pair, len(labels)))
            rows.append(_completo_row(pair, note, key))
        elif pair.status not in ("unchanged",):
            rows.extend(_articoli_rows(pair, note, key) if style == "articoli" else _frammenti_rows(pair, note, key))
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


def _completo_row(pair: ArticlePair, note: str, key: str) -> Row:
    old_cell: list[Line] = []
    new_cell: list[Line] = []
    if pair.old:
        for article in pair.old:
            old_cell.extend(_plain_article(article))
    if pair.new and not pair.old:
        for article in pair.new:
            new_cell.extend(_plain_article(article, style="inserted"))
    elif pair.new:
        new_cell.extend(_diffed_article(pair))
    note_cell = (Line((Run(note, italic=False),)),) if note else ()
    return Row("article", (tuple(old_cell), tuple(new_cell), note_cell), key, pair.status)


def _heading_line(article: Article) -> Line:
    text = f"Art. {article.number.raw or article.number.normalised}"
    if article.is_new:
        text += " (nuovo)"
    return Line((Run(text, bold=True),))


def _plain_article(article: Article, style: RunStyle = "plain") -> list[Line]:
    lines = [_heading_line(article)]
    if article.title:
        lines.append(Line((Run(article.title, style, bold=True),)))
    for block in article.blocks:
        lines.extend(_plain_block(block, style))
    return lines


def _plain_block(block: Paragraph | Table, style: RunStyle = "plain") -> list[Line]:
    return [Line((Run(text, style),), indent) for text, indent in _block_lines_indented(block)]


def _block_lines(block: Paragraph | Table) -> list[str]:
    return [text for text, _ in _block_lines_indented(block)]


def _block_lines_indented(block: Paragraph | Table) -> list[tuple[str, int]]:
    if isinstance(block, Table):
        return [(" | ".join(row), 0) for row in block.rows]
    marker = block.marker or (block.number.normalised if block.number else "")
    lines: list[tuple[str, int]] = []
    if marker or block.text:
        lines.append((f"{marker} {block.text}".strip(), 0))

    def walk(items: tuple[Item, ...], depth: int) -> None:
        for item in items:
            lines.append((f"{item.marker} {item.text}".strip(), depth))
            walk(item.items, depth + 1)

    walk(block.items, 1)
    return lines


def _diffed_article(pair: ArticlePair) -> list[Line]:
    """The new article with the changes against the old one marked word by word."""
    old, new = pair.old[0], pair.new[0]
    lines: list[Line] = []
    heading_ops = diff_words(f"Art. {old.number.raw or old.number.normalised}", f"Art. {new.number.raw or new.number.normalised}")
    if new.is_new:
        heading_ops.append(Op("insert", " (nuovo)"))
    lines.append(Line(tuple(Run(op.text, _style(op), bold=True) for op in heading_ops)))
    if old.title or new.title:
        lines.append(Line(tuple(Run(op.text, _style(op), bold=True) for op in diff_words(old.title, new.title))))
    for paragraph_pair in pair.paragraphs:
        lines.extend(_diffed_blocks(paragraph_pair))
    return lines


def _diffed_blocks(pair: ParagraphPair) -> list[Line]:
    old_lines = [(t, i) for block in pair.old for t, i in _block_lines_indented(block)]
    new_lines = [(t, i) for block in pair.new for t, i in _block_lines_indented(block)]
    ops = diff_words("\n".join(t for t, _ in old_lines), "\n".join(t for t, _ in new_lines))
    return _ops_to_lines(ops, [i for _, i in old_lines], [i for _, i in new_lines])


def _ops_to_lines(ops: list[Op], old_indents: list[int], new_indents: list[int]) -> list[Line]:
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


def _style(op: Op) -> RunStyle:
    return {"equal": "plain", "delete": "deleted", "insert": "inserted"}[op.kind]  # type: ignore[return-value]


# ------------------------------------------------------------------- articoli (2 col.)


def _articoli_rows(pair: ArticlePair, note: str, key: str) -> list[Row]:
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
        new_cell = _articoli_new_side(pair)
    rows = [Row("article", (tuple(old_cell), tuple(new_cell)), key, pair.status)]
    if note:
        rows.append(Row("commento", ((Line((Run("Commento: ", bold=True), Run(note))),),), key, pair.status))
    return rows


def _articoli_new_side(pair: ArticlePair) -> list[Line]:
    new = pair.new[0]
    lines = _diffed_article(pair)[:2] if (pair.old[0].title or new.title) else _diffed_article(pair)[:1]
    for paragraph_pair in pair.paragraphs:
        lines.extend(_articoli_block(paragraph_pair))
    return lines


def _articoli_block(pair: ParagraphPair) -> list[Line]:
    if not pair.new:
        marker = _marker(pair.old[0])
        return [Line((Run(f"{marker} Abrogato.".strip(), "inserted"),))]
    if not pair.old:
        lines = _plain_block(pair.new[0], "inserted")
        if lines:
            lines[0] = Line((*lines[0].runs, Run(" (nuovo)", "inserted")), lines[0].indent)
        return lines
    old_text = "\n".join(t for b in pair.old for t in _block_lines(b))
    new_text = "\n".join(t for b in pair.new for t in _block_lines(b))
    if _strip_marker(old_text) == _strip_marker(new_text) and len(pair.old) == 1 and len(pair.new) == 1:
        marker = _marker(pair.new[0])
        if pair.renumbered:
            return [Line((Run(f"{marker} Invariato (già cpv. {_number(pair.old[0])}).".strip()),))]
        return [Line((Run(f"{marker} Invariato.".strip()),))]
    return _diffed_blocks(pair)


def _marker(block: Paragraph | Table) -> str:
    if isinstance(block, Table):
        return ""
    return block.marker or (block.number.normalised if block.number else "")


def _number(block: Paragraph | Table) -> str:
    return block.number.normalised if isinstance(block, Paragraph) and block.number else "?"


def _strip_marker(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.rstrip(".)").isdigit() else text


# ------------------------------------------------------------------ frammenti (2 col.)


def _frammenti_rows(pair: ArticlePair, note: str, key: str) -> list[Row]:
    if not pair.old or not pair.new:
        return _articoli_rows(pair, note, key)
    old_cell: list[Line] = [_heading_line(pair.old[0])]
    new_cell: list[Line] = _diffed_article(pair)[:1]
    elided = False
    for paragraph_pair in pair.paragraphs:
        old_text = "\n".join(t for b in paragraph_pair.old for t in _block_lines(b))
        new_text = "\n".join(t for b in paragraph_pair.new for t in _block_lines(b))
        if old_text == new_text:
            if not elided:
                old_cell.append(Line((Run(ELISION),)))
                new_cell.append(Line((Run(ELISION),)))
                elided = True
            continue
        elided = False
        for block in paragraph_pair.old:
            old_cell.extend(_plain_block(block))
        new_cell.extend(_articoli_block(paragraph_pair))
    rows = [Row("article", (tuple(old_cell), tuple(new_cell)), key, pair.status)]
    if note:
        rows.append(Row("commento", ((Line((Run("Commento: ", bold=True), Run(note))),),), key, pair.status))
    return rows


# ---------------------------------------------------------------------- divisions


class _DivisionTracker:
    """Emits division heading rows when the new text enters a new titolo/capitolo."""

    def __init__(self, old: Document, new: Document) -> None:
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

    @staticmethod
    def _heading(division: Division, depth: int, old_path: tuple[Division, ...]) -> Cell:
        new_text = _division_text(division)
        old = next((d for d in old_path if d.kind == division.kind), None)
        if old is None:
            return (Line((Run(new_text, "inserted", bold=True),)),)
        ops = diff_words(_division_text(old), new_text)
        return (Line(tuple(Run(op.text, _style(op), bold=True) for op in ops)),)


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
