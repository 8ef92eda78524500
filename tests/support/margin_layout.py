"""Margin-title layouts made from a parsed regulation: the text OCR gives of a page whose
article titles sit in the left margin (issue 14), with a known ground truth (the tree it was
made from).

Per page of about ``page_lines`` body lines: first the headings ("Art. 8" / its title, wrapped
to the narrow margin) of the articles that start on that page, then the page's text in order
(division headings, bodies wrapped at ``width`` like printed lines). A body cut by the page end
goes on after the next page's headings. Variants, deterministic for a seed:

- ``numbers``: capoverso numbers ``kept`` as printed, ``lost`` (OCR dropped the superscripts),
  or ``mangled`` (a "1" read as ``'``, ``!`` or ``l``; other numbers kept as bare digits);
- ``blanks``: a blank line after each capoverso (``paragraphs``) or none (``none``);
- ``breaks``: page breaks anywhere, mid-article and mid-sentence (``anywhere``), or only
  before an article's headings and divisions (``articles``).

    >>> from rodiff.parse import parse_text
    >>> clean = parse_text("Art. 1\\nScopo\\n1. Il regolamento vale.\\n\\nArt. 2\\nNomina\\n1. Il Municipio nomina.\\n")
    >>> print(margin_text(clean, Layout("mangled", "paragraphs", "articles", seed=1)))
    Art. 1
    Scopo
    <BLANKLINE>
    Art. 2
    Nomina
    <BLANKLINE>
    l Il regolamento vale.
    <BLANKLINE>
    ' Il Municipio nomina.
    <BLANKLINE>
    <BLANKLINE>
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass
from typing import Literal

from rodiff.model import Article, Division, Document, Item, Paragraph, Table

Numbers = Literal["kept", "lost", "mangled"]
Blanks = Literal["paragraphs", "none"]
Breaks = Literal["anywhere", "articles"]

# What an OCR makes of a superscript "1" (seen in corpus/alto-malcantone/rod-2019-ocr.txt, and "l").
OCR_ONES = ("'", "!", "l")
MARGIN_WIDTH = 24


@dataclass(frozen=True)
class Layout:
    numbers: Numbers
    blanks: Blanks
    breaks: Breaks
    seed: int = 0
    page_lines: int = 40
    width: int = 72

    @property
    def name(self) -> str:
        return f"{self.numbers}/{self.blanks}/{self.breaks}"


LAYOUTS = tuple(
    Layout(numbers, blanks, breaks)
    for numbers in ("kept", "lost", "mangled")
    for blanks in ("paragraphs", "none")
    for breaks in ("anywhere", "articles")
)


@dataclass(frozen=True)
class _Start:
    """An article starts here in the text: its headings go to the top of the current page."""

    article: Article


@dataclass(frozen=True)
class _Division:
    lines: tuple[str, ...]


_Entry = _Start | _Division | str  # a str is a body line ("" a blank line)


def margin_text(document: Document, layout: Layout) -> str:
    """The regulation as OCR gives it from pages with titles in the margin."""
    rng = random.Random(f"{layout.seed}/{layout.name}")
    stream = _stream(document.body, layout, rng)
    lines = [*document.front, ""] if document.front else []
    for page in _pages(stream, layout):
        starts = [entry.article for entry in page if isinstance(entry, _Start)]
        for article in starts:
            lines.append(article.display_heading)
            lines.extend(textwrap.wrap(article.title, MARGIN_WIDTH))
            lines.append("")
        for entry in page:
            if isinstance(entry, _Division):
                lines.extend(entry.lines)
            elif isinstance(entry, str):
                lines.append(entry)
        if lines and lines[-1]:
            lines.append("")
    if document.back:
        lines.extend(document.back)
    return "\n".join(lines) + "\n"


def _stream(nodes: tuple[Division | Article, ...], layout: Layout, rng: random.Random) -> list[_Entry]:
    entries: list[_Entry] = []
    for node in nodes:
        if isinstance(node, Division):
            entries.append(_Division(_division_lines(node)))
            entries.extend(_stream(node.children, layout, rng))
            continue
        entries.append(_Start(node))
        for block in node.blocks:
            entries.extend(_block_lines(block, layout, rng))
            if layout.blanks == "paragraphs":
                entries.append("")
    return entries


def _division_lines(division: Division) -> tuple[str, ...]:
    """ "TITOLO I" / "Norme generali" as two lines when printed so, else the one heading line."""
    heading = division.heading or f"{division.kind.upper()} {division.label}"
    if division.title and not heading.rstrip().endswith((":", "-", "–")):
        return (heading, division.title)
    return (f"{heading} {division.title}".strip(),)


def _block_lines(block: Paragraph | Table, layout: Layout, rng: random.Random) -> list[str]:
    if isinstance(block, Table):
        return ["| " + " | ".join(row) + " |" for row in block.rows]
    marker = _marker(block, layout, rng)
    lines = _wrap(f"{marker} {block.text}".strip(), layout.width) if marker or block.text else []
    return lines + _item_lines(block.items, layout.width)


def _marker(paragraph: Paragraph, layout: Layout, rng: random.Random) -> str:
    if paragraph.number is None or layout.numbers == "lost":
        return ""
    if layout.numbers == "kept":
        return paragraph.marker or paragraph.number.normalised
    number = paragraph.number.normalised
    return rng.choice(OCR_ONES) if number == "1" else number


def _item_lines(items: tuple[Item, ...], width: int) -> list[str]:
    lines = []
    for item in items:
        lines.extend(_wrap(f"{item.marker} {item.text}".strip(), width))
        lines.extend(_item_lines(item.items, width))
    return lines


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text]


def _pages(stream: list[_Entry], layout: Layout) -> list[list[_Entry]]:
    """Cut the stream into pages of about ``page_lines`` text lines."""
    pages: list[list[_Entry]] = [[]]
    filled = 0
    for index, entry in enumerate(stream):
        opens_article = isinstance(entry, _Division | _Start) and not (
            isinstance(entry, _Start) and index > 0 and isinstance(stream[index - 1], _Division)
        )
        full = filled >= layout.page_lines
        if full and (layout.breaks == "anywhere" or opens_article):
            pages.append([])
            filled = 0
        pages[-1].append(entry)
        filled += 1 if isinstance(entry, str) and entry else len(entry.lines) if isinstance(entry, _Division) else 0
    return [page for page in pages if page]
