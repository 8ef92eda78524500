"""Write the new ROD as a Word document whose changes are real Word revisions.

``render_revisions_docx(alignment)`` gives a DOCX of the new regulation in which every
change against the old one is a tracked change (Word "Revisioni", LibreOffice "Modifiche
registrate"): accepting all of them gives the new text, rejecting all of them the old one.

How it is made. Both versions are laid out as the same kind of printed lines (title, division
headings, "Art. N", title, capoversi, lettere) and tables. The document is one stream of
text in which every line ends with a paragraph mark, as Word sees it: a run of text is
kept, deleted or inserted, and so is every paragraph mark (a deleted mark joins its
paragraph with the next one when accepted, an inserted mark splits it). The stream follows
the alignment (``rodiff.align``): articles paired across renumbering are diffed word by word
(``rodiff.diff``) capoverso by capoverso, so "Art. 11" -> "Art. 12" is a deleted and an
inserted number; new articles are inserted paragraphs, repealed ones deleted paragraphs;
an article that changed place is deleted where it stood and inserted where it goes. The
old lines are exactly those of the old document in order, the new lines those of the new
one, so both views are exact by construction (the round trip tests prove it).

Styles, page and comments use python-docx's public API; the body is built on the XML layer
(``rodiff.render.oxml``: the only place with raw XML), which keeps large documents fast.

Formatting: with ``template`` (the NUOVO as DOCX) the page setup, headers, footers and
styles of that file are kept and its body is rewritten with rodiff's lines; Word automatic
numbering and direct formatting inside paragraphs are not carried over (labels are
written as text). Without it, a clean A4 document: title, divisions as headings (Word's
navigation pane lists them), "Art. N" and title in bold, lettere indented.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

from docx import Document as open_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from ..align import Alignment, ArticlePair, longest_increasing_chain
from ..compare.notes import as_osservazioni
from ..compare.versions import version_name
from ..diff import Diffs, Op, OpKind
from ..model import Article, Block, Division, Document, Table, capoverso_labels, division_line
from .oxml import elements as ooxml
from .oxml.body import drop_comments, is_table, replace_body
from .oxml.elements import Element
from .oxml.properties import drop_parts, set_file_properties
from .oxml.revisions import Revisions, anchor_comment, set_comment_date, track_revisions
from .oxml.sections import last_section, running_title, set_a4, text_width
from .oxml.styles import add_style, find_style, set_base_style, set_style_font, styles_by_name
from .text import article_heading, paragraph_lines

FONT = "Arial"
FONT_SIZE = 11
LANGUAGE = "it-CH"
INDENT = 567  # twips: 1 cm per level of lettera / sub-item

Role = Literal[
    "title", "front", "division1", "division2", "division3", "division_note", "heading", "article_title", "text", "item", "back"
]

# role -> (style name, size in points, bold, italic, centred, keep with next, space before, space after)
_OWN_STYLES: dict[str, tuple[int, bool, bool, bool, bool, int, int]] = {
    "ROD titolo": (14, True, False, True, True, 0, 18),
    "ROD frontespizio": (FONT_SIZE, False, False, True, True, 0, 6),
    "ROD articolo": (FONT_SIZE, True, False, False, True, 12, 0),
    "ROD nota marginale": (FONT_SIZE, True, False, False, True, 0, 4),
    "ROD nota di divisione": (FONT_SIZE, False, True, False, True, 0, 6),
    "ROD chiusura": (FONT_SIZE, False, False, False, False, 12, 0),
}
_HEADINGS: dict[str, tuple[int, bool, int, int]] = {  # Word heading: size, centred, before, after
    "Heading 1": (13, True, 18, 6),
    "Heading 2": (12, False, 12, 6),
    "Heading 3": (FONT_SIZE, False, 12, 4),
}
_STYLE_OF_ROLE: dict[Role, str | None] = {
    "title": "ROD titolo",
    "front": "ROD frontespizio",
    "division1": "Heading 1",
    "division2": "Heading 2",
    "division3": "Heading 3",
    "division_note": "ROD nota di divisione",
    "heading": "ROD articolo",
    "article_title": "ROD nota marginale",
    "text": None,  # Normal
    "item": None,
    "back": "ROD chiusura",
}
_DIVISION_ROLE: dict[str, Role] = {"parte": "division1", "titolo": "division1", "capitolo": "division2", "sezione": "division3"}


def render_revisions_docx(
    alignment: Alignment,
    author: str = "rodiff",
    date: datetime | None = None,
    *,
    commenti: Mapping[str, str] | None = None,
    template: str | Path | None = None,
    diffs: Diffs | None = None,
) -> bytes:
    """The new regulation as DOCX bytes, every change against the old one a Word revision.

    ``author`` and ``date`` (default: now, UTC) stamp every revision. ``commenti`` maps pair
    keys (``ArticlePair.key``: the new article number, or "vecchio N" for a
    repealed one) to an osservazione, added as a Word comment on that article's heading; a
    note per capoverso (``compare.notes.Osservazioni``) is anchored on that capoverso's paragraph.
    ``template`` is a DOCX (normally the NUOVO itself) whose styles, page setup, headers and
    footers are kept; its body is replaced. ``diffs`` is the alignment's diff stage, shared
    with other consumers (a fresh one if None).
    """
    when = date or datetime.now(UTC).replace(microsecond=0)
    diffs = diffs or Diffs()
    stream = _Stream(diffs)
    _Planner(alignment, stream, commenti if commenti is not None else {}).run()
    stream.tokens = _settle_marks(stream.tokens)

    document = open_docx(str(template)) if template is not None else open_docx()
    drop_comments(document)
    if template is None:
        drop_parts(document)
        set_a4(document.sections[0], side_mm=25, top_mm=20, bottom_mm=20)
        running_title(document.sections[0], _title(alignment.new))
    styles = _setup_styles(document, own_look=template is None)
    comments = sum(1 for token in stream.tokens if isinstance(token, _Mark) and token.comment)
    builder = _Builder(
        document, Revisions(author, when, first_id=comments + 1), styles, _text_width(document), author, when, diffs
    )
    replace_body(document, builder.build(stream))
    track_revisions(document.settings.element)
    subject = f"Revisioni: {version_name(alignment.old, 'Testo in vigore')} → {version_name(alignment.new, 'Testo proposto')}"
    set_file_properties(document, title=_title(alignment.new), author=author, subject=subject)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _title(document: Document) -> str:
    return document.metadata.title or (document.front[0] if document.front else "Regolamento organico dei dipendenti")


# ------------------------------------------------------------------------ printed lines


@dataclass(frozen=True)
class _Line:
    """One printed paragraph: its text, what it is, and how deep a lettera is nested."""

    text: str
    role: Role
    depth: int = 0


_Block = _Line | Table


def _article_blocks(article: Article) -> list[_Block]:
    """The lines of an article as rodiff prints it (the text renderer's normal form)."""
    blocks = _heading_lines(article)
    for block in article.blocks:
        blocks.extend(_body_blocks(block))
    return blocks


def _heading_lines(article: Article) -> list[_Block]:
    """The "Art. N" line and the article's title, if any."""
    lines: list[_Block] = [_Line(article_heading(article), "heading")]
    if article.title:
        lines.append(_Line(article.title, "article_title"))
    return lines


def _body_blocks(block: Block) -> list[_Block]:
    if isinstance(block, Table):
        return [block]
    return [_Line(line.text, "text" if line.kind == "paragraph" else "item", line.depth) for line in paragraph_lines(block)]


def _division_lines(division: Division) -> list[_Block]:
    lines: list[_Block] = [_Line(division_line(division), _DIVISION_ROLE[division.kind])]
    lines.extend(_Line(note, "division_note") for note in division.notes)
    return lines


# ------------------------------------------------------------------------------ stream


@dataclass(frozen=True)
class _Mark:
    """A paragraph mark: kept, deleted or inserted; a comment to anchor on its paragraph."""

    kind: OpKind
    comment: str = ""


@dataclass(frozen=True)
class _TableChange:
    kind: OpKind
    old: Table | None
    new: Table | None


_Token = Op | _Mark | _TableChange  # an Op is a run of kept, deleted or inserted text


class _Stream:
    """The document as a stream of kept/deleted/inserted text, marks and tables.

    ``old_lines`` are the lines of the marks that are kept or deleted (the old document's
    lines, in order), ``new_lines`` those of the marks kept or inserted (the new document's).
    """

    def __init__(self, diffs: Diffs) -> None:
        self.diffs = diffs
        self.tokens: list[_Token] = []
        self.old_lines: list[_Line] = []
        self.new_lines: list[_Line] = []

    def delete(self, blocks: Sequence[_Block], comment: str = "") -> None:
        self._whole("delete", blocks, comment)

    def insert(self, blocks: Sequence[_Block], comment: str = "") -> None:
        self._whole("insert", blocks, comment)

    def _whole(self, op: OpKind, blocks: Sequence[_Block], comment: str) -> None:
        for block in blocks:
            if isinstance(block, Table):
                self.tokens.append(_TableChange(op, block if op == "delete" else None, block if op == "insert" else None))
                continue
            if block.text:
                self.tokens.append(Op(op, block.text))
            self.tokens.append(_Mark(op, comment))
            comment = ""
            (self.old_lines if op == "delete" else self.new_lines).append(block)

    def lines(self, old: Sequence[_Line], new: Sequence[_Line], comment: str = "") -> None:
        """Lines diffed word by word, paragraph marks included; the comment on the first mark."""
        if not new:
            self.delete(old, comment)
            return
        if not old:
            self.insert(new, comment)
            return
        for op in self.diffs.lines("\n".join(line.text for line in old), "\n".join(line.text for line in new)):
            if "\n" not in op.text:  # most ops: words inside one line, taken as they are
                if op.text:
                    self.tokens.append(op)
                continue
            for index, part in enumerate(op.text.split("\n")):
                if index:
                    self.tokens.append(_Mark(op.kind, comment))
                    comment = ""
                if part:
                    self.tokens.append(Op(op.kind, part))
        self.tokens.append(_Mark("equal", comment))
        self.old_lines.extend(old)
        self.new_lines.extend(new)

    def blocks(self, old: Sequence[_Block], new: Sequence[_Block], comment: str = "") -> None:
        """Blocks that may hold tables: lines diffed, tables paired row by row, else replaced."""
        if all(isinstance(block, _Line) for block in (*old, *new)):
            self.lines(old, new, comment)  # type: ignore[arg-type]
        elif len(old) == 1 and len(new) == 1 and isinstance(old[0], Table) and isinstance(new[0], Table):
            self.tokens.append(_TableChange("equal", old[0], new[0]))
        else:
            self.delete(old, comment)
            self.insert(new)


def _inserting(token: _Token | None) -> bool:
    return isinstance(token, (Op, _Mark)) and token.kind == "insert"


def _kept_mark(token: _Token | None) -> bool:
    return isinstance(token, _Mark) and token.kind == "equal"


def _settle_marks(tokens: list[_Token]) -> list[_Token]:
    """Place kept paragraph marks where no insertion touches them on both sides.

    Word reads "inserted text, kept mark, inserted text" right, but LibreOffice (7.4) joins
    two insertions of the same author across a kept paragraph mark, and rejecting them then
    removes the mark too (two paragraphs of the old text run together). Both views stay
    the same when, inside a stretch of inserted text and marks, the kept marks change
    place (the old view sees only those marks, with nothing between them): so a deletion
    and an insertion that end a paragraph are written insertion first, and the kept marks
    of a stretch are moved to its start or end. Where neither is possible, a kept mark is
    written as an inserted mark followed by an empty paragraph whose mark is deleted.
    """
    tokens = list(tokens)
    kept = [_kept_mark(token) for token in tokens]  # each token's kind worked out once: a long
    inserting = [_inserting(token) for token in tokens]  # document has tens of thousands
    for index in range(2, len(tokens) - 1):
        if (
            kept[index]
            and inserting[index - 1]
            and inserting[index + 1]
            and isinstance(tokens[index - 1], Op)
            and isinstance(tokens[index - 2], Op)
            and tokens[index - 2].kind == "delete"
        ):
            tokens[index - 2], tokens[index - 1] = tokens[index - 1], tokens[index - 2]
            inserting[index - 2], inserting[index - 1] = inserting[index - 1], inserting[index - 2]
    result: list[_Token] = []
    index = 0
    while index < len(tokens):
        if not (inserting[index] or kept[index]):
            result.append(tokens[index])
            index += 1
            continue
        end = index
        while end < len(tokens) and (inserting[end] or kept[end]):
            end += 1
        stretch = tokens[index:end]
        result.extend(_settle_stretch(stretch) if len(stretch) > 2 else stretch)  # unsafe needs three
        index = end
    return result


def _settle_stretch(stretch: list[_Token]) -> list[_Token]:
    """One maximal stretch of inserted text, inserted marks and kept marks (see ``_settle_marks``)."""
    kept = sum(1 for token in stretch if _kept_mark(token))
    unsafe = any(
        _kept_mark(token) and 0 < at < len(stretch) - 1 and _inserting(stretch[at - 1]) and _inserting(stretch[at + 1])
        for at, token in enumerate(stretch)
    )
    if not unsafe:
        return stretch
    marks = [at for at, token in enumerate(stretch) if isinstance(token, _Mark)]
    leading = [at for at in marks if all(isinstance(t, _Mark) for t in stretch[: at + 1])]
    trailing = [at for at in reversed(marks) if all(isinstance(t, _Mark) for t in stretch[at:])]
    chosen = leading[:kept]
    chosen += [at for at in trailing if at not in chosen][: kept - len(chosen)]
    missing = kept - len(chosen)
    others = [at for at in marks if at not in chosen]
    rest = others[len(others) - missing :] if missing else []
    result: list[_Token] = []
    for at, token in enumerate(stretch):
        if isinstance(token, _Mark):
            token = _Mark("equal" if at in chosen else "insert", token.comment)
        result.append(token)
        if at in rest:
            result.append(_Mark("delete"))  # an empty paragraph: its mark is the old one
    return result


# ---------------------------------------------------------------------------- planning


@dataclass
class _Unit:
    """A stretch of one version: the front matter, a division heading, an article (or the
    articles of one split/merge pair, when they follow each other), the back matter."""

    kind: Literal["front", "division", "articles", "back"]
    lines: list[_Block]  # of the front and back matter and of a division heading
    articles: list[Article]
    division: Division | None = None

    @property
    def blocks(self) -> list[_Block]:
        """The printed lines and tables: an article's are laid out when asked, since an
        article kept in place is written capoverso by capoverso and never needs them whole."""
        if self.kind != "articles":
            return self.lines
        return [block for article in self.articles for block in _article_blocks(article)]


class _Planner:
    """Walks both versions in order and writes the stream: what is kept, deleted, inserted."""

    def __init__(self, alignment: Alignment, stream: _Stream, commenti: Mapping[str, str]) -> None:
        self.alignment = alignment
        self.stream = stream
        self.commenti = as_osservazioni(commenti)
        self.pair_of: dict[tuple[str, int], int] = {}
        for index, pair in enumerate(alignment.pairs):
            for article in pair.old:
                self.pair_of["old", id(article)] = index
            for article in pair.new:
                self.pair_of["new", id(article)] = index

    def run(self) -> None:
        old = self._units(self.alignment.old, "old")
        new = self._units(self.alignment.new, "new")
        matches = [(0, 0), (len(old) - 1, len(new) - 1)]
        old_unit_of = self._whole_units(old, "old")
        new_unit_of = self._whole_units(new, "new")
        for index in old_unit_of.keys() & new_unit_of.keys():
            matches.append((old_unit_of[index], new_unit_of[index]))
        chain = _increasing_chain(sorted(matches, key=lambda m: (m[1], m[0])))
        i = j = 0
        for a, b in chain:
            self._gap(old[i:a], new[j:b])
            self._matched(old[a], new[b])
            i, j = a + 1, b + 1
        self._gap(old[i:], new[j:])

    # -- units

    def _units(self, document: Document, side: str) -> list[_Unit]:
        first, *rest = document.front or ("",)
        front: list[_Block] = [_Line(first, "title")] if first else []
        front.extend(_Line(line, "front") for line in rest)
        units = [_Unit("front", front, [])]

        def walk(nodes: tuple[Division | Article, ...]) -> None:
            for node in nodes:
                if isinstance(node, Division):
                    units.append(_Unit("division", _division_lines(node), [], node))
                    walk(node.children)
                    continue
                last = units[-1]
                pair = self.pair_of.get((side, id(node)))
                if last.kind == "articles" and pair is not None and self.pair_of.get((side, id(last.articles[-1]))) == pair:
                    last.articles.append(node)  # the next part of a split or merge
                else:
                    units.append(_Unit("articles", [], [node]))

        walk(document.body)
        units.append(_Unit("back", [_Line(line, "back") for line in document.back if line.strip()], []))
        return units

    def _whole_units(self, units: list[_Unit], side: str) -> dict[int, int]:
        """Pair index -> unit index, for pairs whose articles on this side are exactly one unit."""
        found: dict[int, int] = {}
        for position, unit in enumerate(units):
            if unit.kind != "articles":
                continue
            index = self.pair_of.get((side, id(unit.articles[0])))
            if index is None:
                continue
            pair = self.alignment.pairs[index]
            expected = pair.old if side == "old" else pair.new
            if [id(a) for a in expected] == [id(a) for a in unit.articles]:
                found[index] = position
        return found

    def _pair(self, unit: _Unit, side: str) -> ArticlePair | None:
        index = self.pair_of.get((side, id(unit.articles[0]))) if unit.articles else None
        return self.alignment.pairs[index] if index is not None else None

    def _comment(self, pair: ArticlePair | None) -> str:
        """The whole osservazione of a pair, notes per capoverso joined ("cpv. 2: …"): where they cannot be anchored."""
        return self.commenti.testo(pair.key) if pair is not None else ""

    def _comments(self, pair: ArticlePair, article: Article) -> tuple[str, dict[str, str]]:
        """The comment on the article's heading, and the comment per capoverso id (``article``:
        the new article, or the old one of a repealed article)."""
        entry = self.commenti.osservazione(pair.key)
        labels = capoverso_labels(article)
        anchored = {labels[number].eid: note for number, note in entry.capoversi.items() if number in labels}
        return entry.articolo, anchored

    def _whole(self, op: OpKind, unit: _Unit, pair: ArticlePair | None) -> None:
        """A unit deleted or inserted whole; a single article's notes per capoverso on their capoversi."""
        emit = self.stream.delete if op == "delete" else self.stream.insert
        if pair is None or len(unit.articles) != 1 or len(pair.old) > 1 or len(pair.new) > 1:
            emit(unit.blocks, self._comment(pair))  # a split or merge: the notes joined on its first heading
            return
        article = unit.articles[0]
        heading, anchored = self._comments(pair, article)
        emit(_heading_lines(article), heading)
        for block in article.blocks:
            emit(_body_blocks(block), anchored.get(block.eid, ""))

    # -- emitting

    def _gap(self, old: list[_Unit], new: list[_Unit]) -> None:
        """Units between two kept ones: division headings of the same kind are diffed, the
        rest deleted (old) and inserted (new), in order."""
        old_divisions = [k for k, unit in enumerate(old) if unit.kind == "division"]
        new_divisions = [k for k, unit in enumerate(new) if unit.kind == "division"]
        matcher = difflib.SequenceMatcher(
            None,
            [old[k].division.kind for k in old_divisions],  # type: ignore[union-attr]
            [new[k].division.kind for k in new_divisions],  # type: ignore[union-attr]
            autojunk=False,
        )
        same = [
            (old_divisions[block.a + n], new_divisions[block.b + n])
            for block in matcher.get_matching_blocks()
            for n in range(block.size)
        ]
        i = j = 0
        for a, b in [*same, (len(old), len(new))]:
            for unit in old[i:a]:
                pair = self._pair(unit, "old")
                self._whole("delete", unit, pair if pair is not None and not pair.new else None)
            for unit in new[j:b]:
                self._whole("insert", unit, self._pair(unit, "new"))
            if a < len(old):
                self.stream.lines(old[a].blocks, new[b].blocks)  # type: ignore[arg-type]
            i, j = a + 1, b + 1

    def _matched(self, old: _Unit, new: _Unit) -> None:
        if old.kind in ("front", "back"):
            self.stream.lines(old.blocks, new.blocks)  # type: ignore[arg-type]
            return
        pair = self._pair(new, "new")
        if pair is None or len(old.articles) != 1 or len(new.articles) != 1:
            self.stream.blocks(old.blocks, new.blocks, self._comment(pair))
            return
        old_article, new_article = old.articles[0], new.articles[0]
        in_order = _in_order(pair, old_article, new_article)
        comment, anchored = self._comments(pair, new_article) if in_order else (self._comment(pair), {})
        self.stream.lines(
            [_Line(article_heading(old_article), "heading")], [_Line(article_heading(new_article), "heading")], comment
        )
        self.stream.lines(
            [_Line(old_article.title, "article_title")] if old_article.title else [],
            [_Line(new_article.title, "article_title")] if new_article.title else [],
        )
        if not in_order:
            old_body = [b for block in old_article.blocks for b in _body_blocks(block)]
            self.stream.blocks(old_body, [b for block in new_article.blocks for b in _body_blocks(block)])
            return
        for paragraphs in pair.paragraphs:
            old_blocks = [b for block in paragraphs.old for b in _body_blocks(block)]
            new_blocks = [b for block in paragraphs.new for b in _body_blocks(block)]
            self.stream.blocks(old_blocks, new_blocks, "\n".join(anchored[b.eid] for b in paragraphs.new if b.eid in anchored))


def _in_order(pair: ArticlePair, old: Article, new: Article) -> bool:
    """The capoverso pairs list every old and every new block once, in document order."""
    return [id(b) for p in pair.paragraphs for b in p.old] == [id(b) for b in old.blocks] and [
        id(b) for p in pair.paragraphs for b in p.new
    ] == [id(b) for b in new.blocks]


def _increasing_chain(matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of matches increasing on both sides (``matches`` sorted by the second)."""
    swapped = longest_increasing_chain([(b, a) for a, b in matches])
    return [(a, b) for b, a in swapped]


# ----------------------------------------------------------------------------- building


class _Builder:
    """Turns the stream into WordprocessingML paragraphs and tables with revision marks."""

    def __init__(
        self, document: Any, revisions: Revisions, styles: dict[str, str], width: int, author: str, when: datetime, diffs: Diffs
    ) -> None:
        self.diffs = diffs
        self.document = document
        self.revisions = revisions
        self.styles = styles
        self.width = width
        self.author = author
        self.when = when

    def build(self, stream: _Stream) -> list[Element]:
        elements: list[Element] = []
        pending: list[Op] = []
        old_at = new_at = 0
        last_mark: OpKind = "equal"
        for token in stream.tokens:
            if isinstance(token, Op):
                pending.append(token)
            elif isinstance(token, _TableChange):
                if elements and is_table(elements[-1]):
                    elements.append(ooxml.paragraph([]))  # two tables in a row stay two tables
                elements.append(self._table(token))
            else:
                old_line = stream.old_lines[old_at] if token.kind != "insert" else None
                new_line = stream.new_lines[new_at] if token.kind != "delete" else None
                elements.append(self._paragraph(pending, token, old_line, new_line))
                old_at += token.kind != "insert"
                new_at += token.kind != "delete"
                last_mark = token.kind
                pending = []
        assert not pending and old_at == len(stream.old_lines) and new_at == len(stream.new_lines)
        if not elements or is_table(elements[-1]) or last_mark != "equal":
            elements.append(ooxml.paragraph([]))  # a changed mark needs a paragraph after it to join
        return elements

    def _runs(self, texts: Iterable[Op]) -> list[Element]:
        runs = []
        for text in texts:
            r = ooxml.run(text.text)
            if text.kind == "insert":
                runs.append(self.revisions.inserted([r]))
            elif text.kind == "delete":
                runs.append(self.revisions.deleted([r]))
            else:
                runs.append(r)
        return runs

    def _style_id(self, line: _Line) -> str | None:
        style = _STYLE_OF_ROLE[line.role]
        return self.styles.get(style) if style else None

    def _properties(self, line: _Line) -> Element | None:
        return ooxml.paragraph_properties(style=self._style_id(line), left=INDENT * line.depth)

    def _paragraph(self, texts: list[Op], mark: _Mark, old: _Line | None, new: _Line | None) -> Element:
        line = new if new is not None else old
        assert line is not None
        p = ooxml.paragraph(self._runs(texts), style=self._style_id(line), left=INDENT * line.depth)
        if mark.kind != "equal":
            self.revisions.mark_paragraph(p, "ins" if mark.kind == "insert" else "del")
        elif old is not None and new is not None and (old.role, old.depth) != (new.role, new.depth):
            self.revisions.paragraph_change(p, self._properties(old))
        if mark.comment:
            comment = self.document.comments.add_comment(mark.comment, author=self.author, initials=_initials(self.author))
            set_comment_date(comment, self.when)
            anchor_comment(p, comment.comment_id)
        return p

    # -- tables

    def _table(self, change: _TableChange) -> Element:
        old_rows = list(change.old.rows) if change.old is not None else []
        new_rows = list(change.new.rows) if change.new is not None else []
        columns = max([1, *(len(row) for row in old_rows + new_rows)])
        widths = [self.width // columns] * columns
        widths[-1] += self.width - sum(widths)
        rows = [self._row(op, old, new, widths) for op, old, new in _row_changes(old_rows, new_rows)]
        return ooxml.table(rows, widths, style=self.styles.get("Table Grid"))

    def _row(self, op: OpKind, old: tuple[str, ...], new: tuple[str, ...], widths: list[int]) -> Element:
        cells_text = new if op != "delete" else old
        cells = []
        for index in range(len(cells_text)):
            last = index == len(cells_text) - 1
            span = len(widths) - index if last else 1
            if op == "equal":
                texts = list(self.diffs.texts(old[index], new[index]))
            else:
                texts = [Op(op, cells_text[index])] if cells_text[index] else []
            width = sum(widths[index:]) if last else widths[index]
            cells.append(ooxml.cell([ooxml.paragraph(self._runs(texts))], width, span=span))
        tr = ooxml.row(cells)
        if op != "equal":
            self.revisions.mark_row(tr, "ins" if op == "insert" else "del")
        return tr


def _row_changes(old: list[tuple[str, ...]], new: list[tuple[str, ...]]) -> list[tuple[OpKind, tuple[str, ...], tuple[str, ...]]]:
    """Rows in order: kept (cells diffed word by word), deleted, inserted."""
    changes: list[tuple[OpKind, tuple[str, ...], tuple[str, ...]]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.extend(("equal", old[i], new[j]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        olds, news = old[i1:i2], new[j1:j2]
        while olds and news and len(olds[0]) == len(news[0]):  # a row edited in place
            changes.append(("equal", olds.pop(0), news.pop(0)))
        changes.extend(("delete", row, ()) for row in olds)
        changes.extend(("insert", (), row) for row in news)
    return changes


def _initials(author: str) -> str:
    return "".join(word[0] for word in author.split() if word)[:4].upper()


# ------------------------------------------------------------------------ page and styles


def _text_width(document: Any) -> int:
    """Twips between the margins of the last section (page width minus margins)."""
    return text_width(last_section(document), minimum=2000)  # a template without w:sectPr gets A4


def _setup_styles(document: Any, own_look: bool) -> dict[str, str]:
    """Style name -> style id of every style the body uses, added when missing.

    ``own_look``: rodiff's fonts and spacing for Normal and the Word headings too (no
    template); with a template its Normal and headings are kept as they are.
    """
    styles = document.styles
    normal = styles["Normal"]
    if own_look:
        set_base_style(document, font=FONT, size=FONT_SIZE, language=LANGUAGE, space_after=4)
    index = styles_by_name(styles)
    ids: dict[str, str] = {}
    for name, (size, centred, before, after) in _HEADINGS.items():
        style = _find_style(index, name)
        if style is None:
            style = add_style(styles, index, name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            own = True
        else:
            own = own_look
        if own:
            set_style_font(style, FONT)
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(after)
            style.paragraph_format.keep_with_next = True
        ids[name] = style.style_id
    for name, (size, bold, italic, centred, keep, before, after) in _OWN_STYLES.items():
        style = _find_style(index, name)
        if style is None:
            style = add_style(styles, index, name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.font.size = Pt(size)
            style.font.bold = bold
            style.font.italic = italic
            if centred:
                style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            style.paragraph_format.keep_with_next = keep
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(after)
        ids[name] = style.style_id
    grid = _find_style(index, "Table Grid")
    if grid is not None:
        ids["Table Grid"] = grid.style_id
    return ids


def _find_style(index: dict[str, Any], name: str) -> Any:
    style = find_style(index, name)
    return style if style is not None and style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.TABLE) else None
