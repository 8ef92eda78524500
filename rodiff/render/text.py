"""Render a Document back to the plain-text corpus format (see corpus/README.md).

The output is a normal form: ``parse_text(render_text(doc))`` gives the same tree as
``doc`` (ids, numbers, titles, texts; not source positions), which the tests check.
"""

from __future__ import annotations

from ..model import Article, Division, Document, Item, Paragraph, Table


def render_text(document: Document) -> str:
    lines: list[str] = []
    if document.front:
        lines.extend(document.front)
        lines.append("")
    for node in document.body:
        _node(node, lines)
    lines.extend(document.back)  # it starts with its own marker line ("---", "Per il Municipio"...)
    return "\n".join(lines).rstrip("\n") + "\n"


def _node(node: Division | Article, lines: list[str]) -> None:
    if isinstance(node, Division):
        _division(node, lines)
    else:
        _article(node, lines)


def _division(division: Division, lines: list[str]) -> None:
    word = division.heading.split()[0] if division.heading else division.kind.upper()
    heading = f"{word} {division.label}"
    lines.append(f"{heading}: {division.title}" if division.title else heading)
    lines.extend(division.notes)
    lines.append("")
    for child in division.children:
        _node(child, lines)


def _article(article: Article, lines: list[str]) -> None:
    heading = f"Art. {article.number.raw or article.number.normalised}"
    if article.is_new:
        heading += " (nuovo)"
    if article.is_repealed and not _has_repealed_body(article):
        heading += " (abrogato)"
    lines.append(heading)
    if article.title:
        lines.append(article.title)
    previous: Paragraph | Table | None = None
    for block in article.blocks:
        if isinstance(block, Table):
            if isinstance(previous, Table):
                lines.append("")  # two tables in a row stay two tables
            lines.extend("| " + " | ".join(row) + " |" for row in block.rows)
        else:
            if block.number is None and previous is not None:
                lines.append("")  # a blank line keeps unnumbered paragraphs apart
            _paragraph(block, lines)
        previous = block
    lines.append("")


def _has_repealed_body(article: Article) -> bool:
    paragraphs = article.paragraphs
    return bool(paragraphs) and paragraphs[0].text.lower().startswith(("abrogat", "(abrogat"))


def _paragraph(paragraph: Paragraph, lines: list[str]) -> None:
    marker = paragraph.marker or (paragraph.number.normalised if paragraph.number else "")
    items = list(paragraph.items)
    if marker and not paragraph.text and items:  # "2 lett. a) è pensionato…" (Stabio): one line, as printed
        first = items.pop(0)
        lines.append(f"{marker} {first.marker} {first.text}".rstrip())
        for child in first.items:
            _item(child, lines)
    elif marker:
        lines.append(f"{marker} {paragraph.text}".rstrip())
    elif paragraph.text:
        lines.append(paragraph.text)
    for item in items:
        _item(item, lines)


def _item(item: Item, lines: list[str]) -> None:
    lines.append(f"{item.marker} {item.text}".rstrip())
    for child in item.items:
        _item(child, lines)
