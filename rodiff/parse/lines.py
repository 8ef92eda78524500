"""Source lines and the rule table that classifies them.

Every reader (text, DOCX, PDF) turns its input into ``SourceLine`` objects; the same
classifier and tree builder then serve all formats. Classification is an ordered table of
named rules (as in mistune's block parser): the first rule whose pattern matches a line
names its kind. A commune's quirk is one more registered rule, not another ``if``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import patterns as p


@dataclass(frozen=True)
class SourceLine:
    """One line (text, PDF) or paragraph (DOCX) of the input, with its 1-based position.

    ``hint`` lets a structured reader say what the line is when layout tells it (a PDF
    margin title: "article_title"; a running header: "furniture"); ``cells`` carries a
    DOCX table row.
    """

    text: str
    position: int
    page: int | None = None
    hint: str | None = None
    cells: tuple[str, ...] | None = None
    table_id: int | None = None


@dataclass(frozen=True)
class Token:
    """A classified line: ``kind`` is the name of the rule that matched."""

    kind: str
    line: SourceLine
    groups: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.line.text.strip()


# The rule table, in priority order. Kinds:
#   blank, page_number, back_matter, division, article, repealed, table_row,
#   paragraph, letter, bullet, lone_number, text (fallback)
LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("page_number", p.PAGE_NUMBER),
    ("back_matter", p.BACK_MATTER),
    ("division", p.DIVISION_HEADING),
    ("article", p.ARTICLE_HEADING),
    ("repealed", p.REPEALED_BODY),
    ("table_row", p.TABLE_ROW),
    ("paragraph", p.PARAGRAPH_DOTTED),
    ("paragraph", p.PARAGRAPH_PAREN),
    ("paragraph", p.PARAGRAPH_SUPERSCRIPT),
    ("paragraph", p.PARAGRAPH_OCR_ONE),
    ("paragraph", p.PARAGRAPH_BARE),
    ("letter", p.ITEM_LETTER),
    ("bullet", p.ITEM_BULLET),
    ("lone_number", p.LONE_NUMBER),
]


def classify(line: SourceLine) -> Token:
    """Name the kind of one line by the first matching rule of ``LINE_RULES``."""
    if line.cells is not None:
        return Token("table_row", line)
    text = line.text.strip()
    if not text:
        return Token("blank", line)
    if line.hint in ("article_title", "furniture"):
        return Token(line.hint, line)
    for kind, pattern in LINE_RULES:
        match = pattern.match(text)
        if match:
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            return Token(kind, line, groups)
    return Token("text", line)


def split_lines(text: str) -> list[SourceLine]:
    """Plain text to source lines, numbered from 1. Form feeds count as line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return [SourceLine(line.rstrip(), number) for number, line in enumerate(text.split("\n"), start=1)]
