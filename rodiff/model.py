"""The ROD document model: plain, frozen, typed dataclasses.

A regulation is a tree::

    Document
      front (title lines)          back (signatures, approval lines)
      body: Division | Article ...
        Division (Titolo > Capitolo > Sezione), children: Division | Article
          Article (number, title, markers)
            blocks: Paragraph | Table
              Paragraph (capoverso, numbered or not): text, items
                Item (lettera "a)", or sub-item "-"): text, items

Every node keeps a ``Span`` of source positions (line numbers for text and PDF,
paragraph indexes for DOCX), and a stable ``eid`` such as ``art_27a__cpv_2__lett_b``.
Numbers keep both the raw spelling ("27 a") and a normalised form ("27a").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import total_ordering
from typing import Literal

# Latin multiplicative suffixes used for inserted articles and paragraphs, in order.
LATIN_SUFFIXES = (
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
    "nonies",
    "decies",
)
_LATIN_RANK = {word: rank for rank, word in enumerate(LATIN_SUFFIXES, start=2)}
_LATIN_RANK["nonies"] = _LATIN_RANK["novies"]
_LATIN_ALT = "|".join(sorted(LATIN_SUFFIXES, key=len, reverse=True))
_SUFFIX_PART = re.compile(_LATIN_ALT + "|[a-z]")


def _suffix_rank(suffix: str) -> tuple[int, ...]:
    """Sort key of a suffix: "" < "a" < "b"; "bis" < "ter"; "abis" after "a"."""
    return tuple(_LATIN_RANK[part] if len(part) > 1 else ord(part) - ord("a") + 1 for part in _SUFFIX_PART.findall(suffix))


@total_ordering
@dataclass(frozen=True)
class Number:
    """An article or paragraph number: ``27``, ``27a``, ``5bis``, ``64abis``.

    ``raw`` is the spelling in the source ("27 a"), ``value`` the base integer,
    ``suffix`` the normalised lowercase suffix without spaces ("a", "bis").
    """

    value: int
    suffix: str = ""
    raw: str = ""

    @classmethod
    def parse(cls, raw: str) -> Number:
        """``Number.parse("27 a") == Number(27, "a")``; raises ValueError if not a number."""
        number = cls.try_parse(raw)
        if number is None:
            raise ValueError(f"not an article number: {raw!r}")
        return number

    @classmethod
    def try_parse(cls, raw: str) -> Number | None:
        """``Number.try_parse("5 ter") == Number(5, "ter")``; None if ``raw`` is not a number.

        The grammar is ``rodiff.parse.patterns.ARTICLE_NUMBER``: "12", "27a", "27 a", "5bis".
        """
        from .parse.patterns import ARTICLE_NUMBER  # imported here: the parse package imports this model

        match = ARTICLE_NUMBER.fullmatch(raw)
        if match is None:
            return None
        return cls(int(match["num"]), (match["sfx"] or "").lower(), raw.strip())

    @property
    def normalised(self) -> str:
        return f"{self.value}{self.suffix}"

    def sort_key(self) -> tuple[int, tuple[int, ...]]:
        return (self.value, _suffix_rank(self.suffix))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Number):
            return NotImplemented
        return (self.value, self.suffix) == (other.value, other.suffix)

    def __hash__(self) -> int:
        return hash((self.value, self.suffix))

    def __lt__(self, other: Number) -> bool:
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        return self.normalised


@dataclass(frozen=True)
class Span:
    """Where a node came from: first and last source position (1-based, inclusive).

    Positions are line numbers for text and PDF input, paragraph indexes for DOCX.
    ``page`` is the first page for PDF input.
    """

    start: int
    end: int
    page: int | None = None

    def cover(self, other: Span) -> Span:
        return Span(min(self.start, other.start), max(self.end, other.end), self.page or other.page)


@dataclass(frozen=True)
class Item:
    """A lettera (``a)``, ``a.``, ``dbis.``) or a sub-item (``-``, ``•``) with nested sub-items."""

    label: str  # as printed, without trailing punctuation: "a", "dbis", "-"
    marker: str  # the full marker as printed: "a)", "lett. a)", "-"
    text: str
    span: Span
    eid: str
    items: tuple[Item, ...] = ()

    @property
    def is_letter(self) -> bool:
        return self.label[:1].isalpha()


@dataclass(frozen=True)
class Paragraph:
    """A capoverso: numbered ("1.", "1", "¹", "1bis") or not, with its lettere."""

    number: Number | None
    marker: str  # as printed: "1.", "1", "¹", "'" (OCR), "" when unnumbered
    text: str  # the opening text, before any lettera
    span: Span
    eid: str
    items: tuple[Item, ...] = ()
    type: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True)
class Table:
    """A table inside an article, kept as rows of cell texts."""

    rows: tuple[tuple[str, ...], ...]
    span: Span
    eid: str
    type: Literal["table"] = "table"


Block = Paragraph | Table


@dataclass(frozen=True)
class Article:
    number: Number
    title: str  # nota marginale; "" when there is none
    blocks: tuple[Block, ...]
    span: Span
    eid: str
    heading: str = ""  # the heading as printed, without the title: "Art. 27 a (nuovo)"
    is_new: bool = False  # marked "(nuovo)"
    is_repealed: bool = False  # body "Abrogato." or marked "(abrogato)"

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def display_heading(self) -> str:
        """ "Art. 27 a" as printed (raw number), without title or markers."""
        return f"Art. {self.number.raw or self.number.normalised}"


DivisionKind = Literal["parte", "titolo", "capitolo", "sezione"]
DIVISION_LEVELS: dict[str, int] = {"parte": 0, "titolo": 1, "capitolo": 2, "sezione": 3}


@dataclass(frozen=True)
class Division:
    kind: DivisionKind
    number: int | None  # 2 for "TITOLO SECONDO", "Titolo II", "Capitolo 2"; None if unreadable
    label: str  # the number as printed: "SECONDO", "II", "2"
    title: str
    children: tuple[Division | Article, ...]
    span: Span
    eid: str
    heading: str = ""  # the heading as printed, without the title: "TITOLO SECONDO:"
    notes: tuple[str, ...] = ()  # stray text between the heading and the first article


Severity = Literal["errore", "avviso", "info"]


@dataclass(frozen=True)
class Diagnostic:
    """An anomaly found while reading, with its source position and an Italian message."""

    code: str  # stable English identifier: "numbering_gap", "duplicate_article", ...
    message: str  # Italian, for the user
    position: int | None = None
    severity: Severity = "avviso"


@dataclass(frozen=True)
class Metadata:
    commune: str = ""
    title: str = ""
    version: str = ""
    date: str = ""
    source: str = ""


@dataclass(frozen=True)
class Document:
    """A whole regulation. ``front``/``back`` keep what lies outside the body, not dropped."""

    metadata: Metadata
    front: tuple[str, ...]
    body: tuple[Division | Article, ...]
    back: tuple[str, ...] = ()
    furniture: tuple[str, ...] = ()  # running headers, page numbers: kept, not in the body
    diagnostics: tuple[Diagnostic, ...] = ()
    source_name: str = ""
    source_kind: str = ""  # "testo", "docx", "pdf"
    joined_hyphens: int = 0  # words re-joined across a line-end hyphen (one "-" each)
    type: Literal["document"] = field(default="document")

    def articles(self) -> list[Article]:
        """All articles in document order."""
        return list(iter_articles(self.body))

    def divisions(self) -> list[Division]:
        found: list[Division] = []

        def walk(nodes: tuple[Division | Article, ...]) -> None:
            for node in nodes:
                if isinstance(node, Division):
                    found.append(node)
                    walk(node.children)

        walk(self.body)
        return found

    def article(self, number: str) -> Article | None:
        wanted = Number.parse(number)
        return next((a for a in self.articles() if a.number == wanted), None)


def iter_articles(nodes: tuple[Division | Article, ...]) -> Iterator[Article]:
    for node in nodes:
        if isinstance(node, Article):
            yield node
        else:
            yield from iter_articles(node.children)


def source_strings(document: Document) -> Iterator[str]:
    """Every piece of source text the document keeps, each exactly once.

    Used to prove that reading loses nothing: the non-blank characters of these strings,
    plus one "-" per re-joined hyphenated word, are those of the input (table cell
    separators "|" of the text format aside).
    """
    yield from document.front
    yield from document.back
    yield from document.furniture

    def walk(nodes: tuple[Division | Article, ...]) -> Iterator[str]:
        for node in nodes:
            yield node.heading
            yield node.title
            if isinstance(node, Division):
                yield from node.notes
                yield from walk(node.children)
                continue
            for block in node.blocks:
                if isinstance(block, Table):
                    yield from (cell for row in block.rows for cell in row)
                else:
                    yield block.marker
                    yield block.text
                    yield from items(block.items)

    def items(nodes: tuple[Item, ...]) -> Iterator[str]:
        for item in nodes:
            yield item.marker
            yield item.text
            yield from items(item.items)

    yield from walk(document.body)


# ------------------------------------------------------------------ printed layout


@dataclass(frozen=True)
class PrintedLine:
    """One line of an article as printed: what every renderer and comparer lays out.

    ``depth`` is 0 for a capoverso or a table row, 1 for a lettera, 2 for its sub-items.
    """

    text: str  # "2. Il dipendente …", "a) l'ammonimento;", "Classe | Funzione"
    depth: int
    eid: str  # the node the line prints
    kind: Literal["paragraph", "item", "row"]


def block_lines(block: Block) -> list[PrintedLine]:
    r"""A capoverso (marker, opening text, then its lettere) or a table (one line a row).

    >>> from rodiff.parse import parse_text
    >>> article = parse_text("Art. 1\n1. Sono sanzioni:\na) l'ammonimento;\nb) la multa.\n").articles()[0]
    >>> [(line.text, line.depth) for line in block_lines(article.blocks[0])]
    [('1. Sono sanzioni:', 0), ("a) l'ammonimento;", 1), ('b) la multa.', 1)]
    """
    if isinstance(block, Table):
        return [PrintedLine(" | ".join(row), 0, block.eid, "row") for row in block.rows]
    marker = block.marker or (block.number.normalised if block.number else "")
    lines = [PrintedLine(f"{marker} {block.text}".strip(), 0, block.eid, "paragraph")] if marker or block.text else []
    if block.items:  # most capoversi have no lettere
        lines.extend(_item_lines(block.items, 1))
    return lines


def _item_lines(items: tuple[Item, ...], depth: int) -> list[PrintedLine]:
    lines = []
    for item in items:
        lines.append(PrintedLine(f"{item.marker} {item.text}".strip(), depth, item.eid, "item"))
        if item.items:
            lines.extend(_item_lines(item.items, depth + 1))
    return lines


def division_line(division: Division) -> str:
    """A division heading word for word as printed: "TITOLO PRIMO: GENERALITÀ", "Capitolo 1 - NOMINA".

    A title printed on the next line ("TITOLO II" / "Diritti") follows the heading on the same
    line, which reads back as the same division. Without a printed heading (a tree built by
    hand) the kind and label are written, the title after a colon.
    """
    if division.heading:
        return f"{division.heading} {division.title}".strip()
    heading = f"{division.kind.upper()} {division.label}"
    return f"{heading}: {division.title}" if division.title else heading


def article_lines(article: Article) -> list[PrintedLine]:
    """The body of an article as printed lines, block after block (heading and title apart)."""
    return [line for block in article.blocks for line in block_lines(block)]


def capoverso_labels(article: Article) -> dict[str, Paragraph]:
    r"""The capoversi of an article by the number a citation or an osservazione uses for them.

    The number as printed ("2", "2bis"); an unnumbered capoverso is named by its position,
    unless a printed number already takes it (the second capoverso of Vacallo art. 1 is "2").

    >>> from rodiff.parse import parse_text
    >>> article = parse_text("Art. 1\nIl Municipio nomina.\n\nIl dipendente giura.\n").articles()[0]
    >>> {label: paragraph.text for label, paragraph in capoverso_labels(article).items()}
    {'1': 'Il Municipio nomina.', '2': 'Il dipendente giura.'}
    """
    labels: dict[str, Paragraph] = {}
    for paragraph in article.paragraphs:
        if paragraph.number is not None:
            labels.setdefault(paragraph.number.normalised, paragraph)
    for position, paragraph in enumerate(article.paragraphs, start=1):
        if paragraph.number is None:
            labels.setdefault(str(position), paragraph)
    return labels


def node_ids(blocks: Iterable[Block]) -> set[str]:
    """The ids of blocks and of every lettera and sub-item inside them."""
    return {line.eid for block in blocks for line in block_lines(block)} | {block.eid for block in blocks}
