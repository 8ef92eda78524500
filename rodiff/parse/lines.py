"""Source lines and the rule table that classifies them.

Every reader (text, DOCX, PDF) turns its input into ``SourceLine`` objects; the same
classifier and tree builder then serve all formats. Classification is an ordered table of
named rules (as in mistune's block parser): the first rule whose pattern matches a line
names its kind. A commune's quirk is one more registered rule, not another ``if``.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from . import patterns as p


@dataclass(frozen=True, slots=True)  # slots: one object per line, not two (the GC walks fewer)
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


class Token(NamedTuple):
    """A classified line: ``kind`` is the name of the rule that matched, ``match`` its match.

    A named tuple rather than a frozen dataclass: one is made for every line (by the margin
    reader and by the builder), and a tuple is made at half the cost.
    """

    kind: str
    line: SourceLine
    match: re.Match[str] | None = None

    @property
    def groups(self) -> dict[str, str]:
        """The named groups of the match that took part in it, made when asked: the tree builder
        and the margin-title reader classify every line, and ask the groups of few of them."""
        if self.match is None:
            return {}
        return {name: value for name, value in self.match.groupdict().items() if value is not None}

    @property
    def text(self) -> str:
        return self.line.text.strip()


# The rule table, in priority order. Kinds:
#   blank, page_number, back_matter, division, article, repealed, table_row,
#   paragraph, letter, bullet, lone_number, text (fallback; or a line that only looks like a heading)
LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("page_number", p.PAGE_NUMBER),
    ("back_matter", p.BACK_MATTER),
    ("text", p.DIVISION_MENTION),  # "Capitolo 4 del Titolo IV.": a sentence naming a division, no heading
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

# The characters a line can start with for each pattern to match (every pattern is anchored
# at the start of the stripped line; "(?i:per ...)" starts with p or P). ``classify`` tries
# only the rules that can match a line's first character: most lines are plain text that
# starts with a capital no rule starts with, and need no match at all. A rule not listed here
# is tried on every line. tests/test_patterns.py checks the table against the patterns.
# ``rules_for`` is cached: a rule added to ``LINE_RULES`` later needs ``rules_for.cache_clear()``.
DIGITS = string.digits
FIRST_CHARACTERS: dict[re.Pattern[str], str] = {
    p.PAGE_NUMBER: "-–pP" + DIGITS,
    p.BACK_MATTER: "-pPaArR",
    p.DIVISION_MENTION: "TCSP",
    p.DIVISION_HEADING: "TCSP",
    p.ARTICLE_HEADING: "A",
    p.REPEALED_BODY: "(aA",
    p.TABLE_ROW: "|",
    p.PARAGRAPH_DOTTED: DIGITS,
    p.PARAGRAPH_PAREN: DIGITS,
    p.PARAGRAPH_SUPERSCRIPT: "¹²³⁴⁵⁶⁷⁸⁹⁰",
    p.PARAGRAPH_OCR_ONE: "'’!",
    p.PARAGRAPH_BARE: DIGITS,
    p.ITEM_LETTER: string.ascii_lowercase,
    p.ITEM_BULLET: "-–—•·>»▪◦*",
    p.LONE_NUMBER: DIGITS,
}


@cache
def rules_for(first: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The rules of ``LINE_RULES``, in order, that can match a line starting with ``first``.

    A character outside ASCII that no rule lists (unlike "¹", "»", "’") tries every rule:
    ``\\d`` matches every Unicode digit ("𑜰") and case-insensitive patterns match letters
    such as the Kelvin sign, which no short list can foresee.
    """
    if not first.isascii() and not any(first in listed for listed in FIRST_CHARACTERS.values()):
        return tuple(LINE_RULES)
    return tuple((kind, pattern) for kind, pattern in LINE_RULES if first in FIRST_CHARACTERS.get(pattern, first))


def classify(line: SourceLine) -> Token:
    """Name the kind of one line by the first matching rule of ``LINE_RULES``."""
    if line.cells is not None:
        return Token("table_row", line)
    text = line.text.strip()
    if not text:
        return Token("blank", line)
    if line.hint in ("article_title", "furniture"):
        return Token(line.hint, line)
    for kind, pattern in rules_for(text[0]):
        match = pattern.match(text)
        if match:
            return Token(kind, line, match)
    return Token("text", line)


def split_lines(text: str) -> list[SourceLine]:
    r"""Plain text to source lines, numbered from 1 as a text editor numbers them (a line ends at
    "\n", "\r\n" or "\r": ``patterns.LINE_BREAK``). A form feed (a page break in text extracted
    from a PDF) also ends a source line, but the parts keep the editor's line number, which
    ``xref.fix`` uses to find a reference again."""
    return [
        SourceLine(part.rstrip(), number)
        for number, line in enumerate(p.LINE_BREAK.split(text), start=1)
        for part in line.split("\f")
    ]
