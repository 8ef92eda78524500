"""Render a Document back to the plain-text corpus format (see corpus/README.md).

The output is a normal form: ``parse_text(render_text(doc))`` gives the same tree as
``doc`` (ids, numbers, titles, texts; not source positions), which the tests check.
Its article headings and capoverso lines (``article_heading``, ``paragraph_lines``) are also
those of the tracked-changes DOCX; division headings are ``model.division_line`` for both.
"""

from __future__ import annotations

from ..model import Article, Division, Document, Paragraph, PrintedLine, Table, block_lines, division_line


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


def article_heading(article: Article) -> str:
    """ "Art. 27 a (nuovo)": the number as printed, with "(abrogato)" unless the body says it."""
    heading = article.display_heading
    if article.is_new:
        heading += " (nuovo)"
    if article.is_repealed and not _has_repealed_body(article):
        heading += " (abrogato)"
    return heading


def paragraph_lines(paragraph: Paragraph) -> list[PrintedLine]:
    """The printed lines of a capoverso (``model.block_lines``), except that a numbered
    capoverso opening with its lettera stays one line as printed ("2 lett. a) è pensionato…",
    Stabio): a lone "2" would read as a page number."""
    lines = block_lines(paragraph)
    if paragraph.text or not paragraph.items or lines[0].kind != "paragraph":
        return lines
    number, first = lines[0], lines[1]
    return [PrintedLine(f"{number.text} {first.text}", 0, number.eid, "paragraph"), *lines[2:]]


def _division(division: Division, lines: list[str]) -> None:
    lines.append(division_line(division))
    lines.extend(division.notes)
    lines.append("")
    for child in division.children:
        _node(child, lines)


def _article(article: Article, lines: list[str]) -> None:
    lines.append(article_heading(article))
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
            lines.extend(line.text for line in paragraph_lines(block))
        previous = block
    lines.append("")


def _has_repealed_body(article: Article) -> bool:
    paragraphs = article.paragraphs
    return bool(paragraphs) and paragraphs[0].text.lower().startswith(("abrogat", "(abrogat"))
