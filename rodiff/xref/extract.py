"""Find the references ("rinvii") in a regulation: objects with a kind, targets and an exact span.

    >>> from rodiff.xref.extract import scan
    >>> [(r.kind, r.raw, [str(t) for t in r.targets]) for r in scan("secondo l'art. 6 cpv. 1 lett. a) o d) LOC")]
    [('external', 'art. 6 cpv. 1 lett. a) o d) LOC', ['art. 6 cpv. 1 lett. a', 'art. 6 cpv. 1 lett. d'])]

Kinds (``ReferenceKind``):

- ``full``: names an article of this regulation ("art. 23", "artt. 17, 18, 21 e 22",
  "art. 31 cpv. 5", "il capoverso 4 dell'art. 134", "articolo 11 capoverso 3 lettera b");
- ``same_article``: a capoverso or lettera of the article where it stands ("al cpv. 1",
  "alle lettere a) e b)", "i precedenti cpv.");
- ``range``: "dall'art. 86 all'art. 93" (the two ends are the targets);
- ``external``: another act ("art. 134 cpv. 4 LOC", "art. 329b CO", "art. 68 cpv. 2 della Legge
  sulla procedura amministrativa (LPAmm)", "dalla Legge sugli stipendi ... all'art. 3"). Its
  targets are kept, but it is never resolved against the regulation.

``span`` is the position of ``raw`` in the text of the node (``eid``, ``field``) where the
reference stands: ``node_text[span[0]:span[1]] == raw``. Every number of the reference is a
``Part`` with its own span, so a reference can be rewritten number by number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..model import Article, Document, Item, Number, Table
from . import patterns as p

ReferenceKind = Literal["full", "same_article", "range", "external"]
Level = Literal["article", "paragraph", "letter"]
Relative = Literal["", "previous", "next"]
Marker = Literal["", "abbreviation", "act_name", "preceding_act", "former_text"]
# Why a reference was judged external, worded for the user.
MARKERS: dict[str, str] = {
    "abbreviation": "seguito dalla sigla di un atto",
    "act_name": "seguito dal nome di un atto",
    "preceding_act": "preceduto dal nome di un atto",
    "former_text": "rinvio al testo previgente",
}


@dataclass(frozen=True)
class Part:
    """One number of a reference: the article "27 a", the capoverso "1bis", the lettera "d"."""

    level: Level
    value: str  # normalised: "27a", "1bis", "d"
    raw: str  # as printed: "27 a", "1 bis", "d"
    span: tuple[int, int]  # in the node text
    parent: int | None  # index (in ``Reference.parts``) of the article of a capoverso, of the capoverso of a lettera


@dataclass(frozen=True)
class Target:
    """What a reference points at: ``article`` is None for the article where the reference stands."""

    article: str | None = None
    paragraph: str | None = None
    letter: str | None = None

    def __str__(self) -> str:
        words = []
        if self.article is not None:
            words.append(f"art. {self.article}")
        if self.paragraph is not None:
            words.append(f"cpv. {self.paragraph}")
        if self.letter is not None:
            words.append(f"lett. {self.letter}")
        return " ".join(words)


@dataclass(frozen=True)
class Reference:
    """A reference found in the text of one node of a regulation."""

    kind: ReferenceKind
    raw: str  # the reference as printed: "art. 31 cpv. 5", "artt. 37, 39 LAINF"
    span: tuple[int, int]  # of ``raw`` in the node text
    targets: tuple[Target, ...]
    parts: tuple[Part, ...]
    targets_parts: tuple[tuple[int | None, int | None, int | None], ...]  # part indexes of each target
    eid: str = ""  # the node where it stands: "art_35__cpv_3", "art_2__par_1__lett_b"
    field: str = "text"  # "text", "title" (the article's title) or "cell:R:C" (a table cell)
    law: str = ""  # external: "LOC", "Legge sulla procedura amministrativa (LPAmm)", "ex ROD"
    marker: Marker = ""  # external: what decided it (``MARKERS``); ``law`` is the marker's text
    relative: Relative = ""  # "i precedenti cpv.": "previous"
    hint: str = ""  # the bracketed title after it: "occupazioni accessorie"
    hint_part: int | None = None  # the article part the hint follows
    following: bool = False  # "art. 125 segg.": and the following ones
    explicit: bool = False  # "del presente Regolamento", "ROD", "del presente articolo"
    article: str = ""  # the article where it stands ("35"); "" outside articles
    article_eid: str = ""
    paragraph: str = ""  # the numbered capoverso where it stands ("3"); "" when unnumbered
    letter: str = ""  # the lettera where it stands ("b"); "" when not in a lettera
    line: int | None = None  # source position of the node (line, or DOCX paragraph index)
    line_end: int | None = None
    occurrence: int = 0  # how many times ``raw`` occurs in the node text before ``span`` (-1: not counted)

    @property
    def internal(self) -> bool:
        return self.kind != "external"

    @property
    def start(self) -> int:
        return self.span[0]

    @property
    def end(self) -> int:
        return self.span[1]


# ------------------------------------------------------------------ scanning one text


@dataclass
class _Draft:
    level: Level
    value: str
    raw: str
    span: tuple[int, int]
    parent: int | None


@dataclass
class _Builder:
    """The reference being read: its parts and what was seen after them."""

    text: str
    start: int
    end: int = 0  # end of the last token that belongs to ``raw``
    parts: list[_Draft] = field(default_factory=list)
    laws: list[tuple[str, Marker]] = field(default_factory=list)
    hint: str = ""
    hint_part: int | None = None
    following: bool = False
    explicit: bool = False
    same_article: bool = False
    is_range: bool = False

    def add(self, level: Level, match: re.Match[str], parent: int | None) -> int:
        raw = match.group(0)
        if level == "article":
            raw = raw.strip()
            value = Number.parse(raw).normalised
        elif level == "paragraph":
            raw = match.group(0).rstrip(")")  # "2", "1bis", "1 bis"
            value = match.group("num") + (match.group("sfx") or "")
        else:
            raw = match.group("letter")
            value = raw.lower()
        start = match.start()
        self.parts.append(_Draft(level, value, raw, (start, start + len(raw)), parent))
        self.end = max(self.end, match.end())
        return len(self.parts) - 1

    def tails(self, pos: int) -> int:
        """The former version, this regulation, or another act after the reference."""
        for pattern in (p.FORMER_MARK, p.INTERNAL_MARK, p.LAW):
            match = pattern.match(self.text, pos)
            if match:
                if pattern is p.INTERNAL_MARK:
                    self.explicit = True
                else:
                    self.laws.append(_law_marker(match))
                self.end = match.end()
                return match.end()
        return pos

    def hint_after(self, pos: int, part: int) -> int:
        match = p.HINT.match(self.text, pos)
        if not match:
            return pos
        if not self.hint:
            self.hint, self.hint_part = match.group("hint").strip(), part
        return match.end()


_MARKER_OF_GROUP: dict[str, Marker] = {
    "former": "former_text",
    "abbr": "abbreviation",
    "shaped": "abbreviation",
    "name": "act_name",
}


def _law_marker(match: re.Match[str]) -> tuple[str, Marker]:
    """The act's text ("LSR", "legge del 22 giugno 2007 sui dipendenti") and the kind of marker."""
    groups = match.groupdict()
    for name, marker in _MARKER_OF_GROUP.items():
        if groups.get(name):
            return " ".join(str(groups[name]).split()), marker
    return match.group(0).strip(), "act_name"  # pragma: no cover - every alternative has a group


def _skip(text: str, pos: int) -> int:
    """After the whitespace at ``pos``."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _letters(builder: _Builder, pos: int, parent: int | None) -> int:
    """ "lett. a), b), c)", "lettere a) e b)", "lettera d", "lett. u": returns the end, or ``pos``."""
    text = builder.text
    word = p.LETTER_WORD.match(text, _skip(text, pos))
    if not word:
        return pos
    letter = p.LETTER.match(text, _skip(text, word.end()))
    # "le lettere e pacchi" is mail; "art. 27 cpv. 1 lett. d per i casi gravi" is a lettera all the same
    surely = word.group().endswith(".") and parent is not None
    if not letter or (_style(letter) == "bare" and not surely and not p.BARE_LETTER_END.match(text, letter.end())):
        return pos
    style = _style(letter)
    builder.add("letter", letter, parent)
    end = letter.end()
    dash = p.LETTER_DASH.match(text, end)  # "lettere a–c": the two ends, like a range of articles
    last = p.LETTER.match(text, dash.end()) if dash else None
    if last is not None and _style(last) == style:
        builder.add("letter", last, parent)
        return last.end()
    while True:
        following = _next_letter(text, end, style)
        if following is None:
            break
        builder.add("letter", following, parent)
        end = following.end()
    return end


def _style(letter: re.Match[str]) -> str:
    return "paren" if letter.group("paren") else "dot" if letter.group("dot") else "bare"


def _next_letter(text: str, end: int, style: str) -> re.Match[str] | None:
    """The next lettera of a list in the same style. Bare lettere try the plain comma first, so
    that in "lettere a, e o f" the "e" is a lettera; then ", e", " e", " o" as separators."""
    separators = (p.COMMA, p.SEPARATOR) if style == "bare" else (p.SEPARATOR,)
    for separator in separators:
        match = separator.match(text, end)
        following = p.LETTER.match(text, match.end()) if match else None
        if following is None or _style(following) != style:
            continue
        if style == "bare" and (len(following.group("letter")) > 1 or not p.BARE_LETTER_END.match(text, following.end())):
            continue
        return following
    return None


def _paragraphs(builder: _Builder, pos: int, parent: int | None, word_required: bool = True) -> tuple[int, list[int]]:
    """ "cpv. 1 e 2", "cpv. 1 lett. a), b), c)", "capoversi 2 e 3", "cpv. 2)": the end and the parts."""
    text = builder.text
    start = _skip(text, pos)
    if text.startswith(",", start):
        start = _skip(text, start + 1)
    word = p.PARAGRAPH_WORD.match(text, start)
    if not word:
        return pos, []
    number = p.PARAGRAPH_NUMBER.match(text, _skip(text, word.end()))
    if not number:
        return pos, []
    plural = word.group(0).lower() == "capoversi"
    found: list[int] = []
    while number:
        index = builder.add("paragraph", number, parent)
        found.append(index)
        end = _letters(builder, number.end(), index)
        if number.group("close"):
            break  # "art. 9 cpv. 2) e 46": the bracket closes the capoversi
        following = _next_in_list(text, end, p.PARAGRAPH_WORD, p.PARAGRAPH_NUMBER)  # "cpv. 1 e cpv. 2"
        if (
            not following
            or int(following.group("num")) > 20  # "cpv. 2, 34" (Mendrisio dispositivo): 34 is an article
            or p.QUANTITY.match(text, following.end())
            or _opens_paragraphs(text, following.end())  # "cpv. 1, 12 cpv. 3": 12 is an article
            or (
                _article_list_goes_on(text, following.end())  # "1 cpv.1, 2, 12 cpv. 3" (Stabio): 2 is an article
                and not (plural and p.CONJUNCTION.match(text, end))  # "capoversi 3 e 4, 3 capoverso 5": 4 is a capoverso
            )
        ):
            break
        number = following
    return builder.end, found


def _next_in_list(text: str, pos: int, word: re.Pattern[str], number: re.Pattern[str]) -> re.Match[str] | None:
    """The next number of a list after ``pos``, its word repeated or not: ", 2", " e cpv. 2"."""
    separator = p.SEPARATOR.match(text, pos)
    if not separator or separator.group(0) == ",":
        return None  # "4,3": a glued comma is a decimal or a typo, not a list
    after = separator.end()
    again = word.match(text, after)
    if again:
        after = _skip(text, again.end())
    return number.match(text, after)


def _article_list_goes_on(text: str, pos: int) -> bool:
    """After a number: ", 12 cpv. 3" follows, so the list is a list of articles with capoversi."""
    separator = p.SEPARATOR.match(text, pos)
    if not separator:
        return False
    number = p.ARTICLE_NUMBER.match(text, separator.end())
    return number is not None and _opens_paragraphs(text, number.end())


def _opens_paragraphs(text: str, pos: int) -> bool:
    start = _skip(text, pos)
    return bool(p.PARAGRAPH_WORD.match(text, start) or p.LETTER_WORD.match(text, start))


def _article_item(builder: _Builder, number: re.Match[str]) -> int:
    """One article of a list with what belongs to it: "135 LOC cpv. 2 e 3", "6 cpv. 1 lett. a) o d)"."""
    text = builder.text
    index = builder.add("article", number, None)
    pos = number.end()
    seen: set[str] = set()
    for _ in range(7):  # each element at most once, in any order
        following = p.FOLLOWING.match(text, pos) if "following" not in seen else None
        if following:
            builder.following = True
            builder.end = pos = following.end()
            seen.add("following")
            continue
        if "hint" not in seen:
            after = builder.hint_after(pos, index)
            if after != pos:
                pos = after
                seen.add("hint")
                continue
        if "law" not in seen:
            law = p.LAW.match(text, pos)
            if law:  # "art. 135 LOC cpv. 2 e 3" (Mendrisio), "art. 37 LAINF e 7 ..." (Vacallo)
                builder.laws.append(_law_marker(law))
                builder.end = pos = law.end()
                seen.add("law")
                continue
        numero = p.NUMERO.match(text, pos) if "numero" not in seen else None
        if numero:  # "articolo 14 numero 2, capoverso 3 o 3bis": the capoversi are still of art. 14
            builder.end = pos = numero.end()
            seen.add("numero")
            continue
        if "paragraphs" not in seen and "letters" not in seen:
            end, found = _paragraphs(builder, pos, index)
            if found:
                pos = end
                seen.add("paragraphs")
                continue
            end = _letters(builder, pos, index)  # "art. 9 lett. d della LCPol"
            if end != pos:
                pos = end
                seen.add("letters")
                continue
        break
    return pos


def _parse_article(text: str, anchor: re.Match[str]) -> _Builder | None:
    builder = _Builder(text, anchor.start())
    pos = _skip(text, anchor.end())
    number = p.ARTICLE_NUMBER.match(text, pos)
    if not number:
        return None
    range_from = p.RANGE_FROM.search(text, max(0, anchor.start() - 6), anchor.start()) is not None
    first = True
    while number:
        index = len(builder.parts)
        pos = _article_item(builder, number)
        number = None
        if first and len(builder.parts) == index + 1 and not builder.laws:
            to = p.RANGE_TO.match(text, builder.end) if range_from else None
            to = to or p.RANGE_DASH.match(text, builder.end)
            end = p.ARTICLE_NUMBER.match(text, to.end()) if to else None
            if end and not p.QUANTITY.match(text, end.end()):
                builder.is_range = True
                pos = _article_item(builder, end)
                break
        first = False
        candidate = _next_in_list(text, pos, p.ARTICLE_WORD, p.ARTICLE_NUMBER)  # "agli art. 12 e art. 13"
        if candidate and not p.QUANTITY.match(text, candidate.end()):
            number = candidate
    builder.tails(builder.end)
    return builder


def _parse_paragraph(text: str, anchor: re.Match[str]) -> _Builder | None:
    builder = _Builder(text, anchor.start())
    _, found = _paragraphs(builder, anchor.start(), None)
    if not found:
        return None
    _of_article(builder, found)
    builder.tails(builder.end)
    return builder


def _parse_letter(text: str, anchor: re.Match[str]) -> _Builder | None:
    before = text[max(0, anchor.start() - p.LABEL_WINDOW) : anchor.start()]
    at_start = _skip(text, 0) >= anchor.start()
    if at_start or p.LETTER_LABEL_BEFORE.search(before):
        return None  # "1. lett. h) per il decesso ...": a label, not a reference
    builder = _Builder(text, anchor.start())
    end = _letters(builder, anchor.start(), None)
    if end == anchor.start():
        return None
    found = list(range(len(builder.parts)))
    # "lett. a del cpv. 1": the capoverso of the letters
    of_paragraph = p.LETTERS_OF_PARAGRAPH.match(text, end)
    if of_paragraph:
        size = len(builder.parts)
        _, paragraphs = _paragraphs(builder, of_paragraph.end(), None)
        if len(paragraphs) == 1:
            for index in found:
                builder.parts[index].parent = paragraphs[0]
            found = paragraphs
        else:
            del builder.parts[size:]
    _of_article(builder, found, brackets=True)
    builder.tails(builder.end)
    return builder


def _of_article(builder: _Builder, found: list[int], brackets: bool = False) -> None:
    """ "il capoverso 4 dell'art. 134", "al cpv. 2 art. 43", "lettere a) e b) (...) dell'art. 29",
    or "al cpv. 1 del presente articolo"."""
    text = builder.text
    pos = builder.end
    if brackets:
        bracket = p.BRACKET.match(text, pos)
        if bracket:
            pos = bracket.end()
    of = p.OF_ARTICLE.match(text, pos)
    number = p.ARTICLE_NUMBER.match(text, of.end()) if of else None
    if number and not p.QUANTITY.match(text, number.end()):
        index = builder.add("article", number, None)
        for part in found:
            builder.parts[part].parent = index
        after = builder.hint_after(number.end(), index)
        if found and all(builder.parts[part].level == "letter" for part in found):
            _paragraph_of_letters(builder, after, index, found)  # "lettere a–c dell'articolo 88f capoverso 1bis"
        return
    same = p.SAME_ARTICLE_MARK.match(text, builder.end)
    if same:
        builder.explicit = builder.same_article = True
        builder.end = same.end()


def _paragraph_of_letters(builder: _Builder, pos: int, article: int, letters: list[int]) -> None:
    """One capoverso named after the article of a list of lettere: it holds them."""
    size = len(builder.parts)
    end = builder.end
    _, paragraphs = _paragraphs(builder, pos, article)
    if len(paragraphs) != 1 or any(builder.parts[k].level == "letter" for k in range(size, len(builder.parts))):
        del builder.parts[size:]
        builder.end = end
        return
    for part in letters:
        builder.parts[part].parent = paragraphs[0]


def _preceding_law(text: str, start: int) -> str:
    """ "dalla Legge sugli stipendi ... all'art. 3": the act named just before, or ""."""
    window = text[max(0, start - p.PRECEDING_WINDOW) : start]
    match = p.PRECEDING_LAW.search(window)
    if not match:
        return ""
    if match.group("abbr"):
        return match.group("abbr")
    return " ".join((match.group("name") + match.group("gap")).split())


def scan(
    text: str,
    eid: str = "",
    field: str = "text",
    article: str = "",
    article_eid: str = "",
    paragraph: str = "",
    line: int | None = None,
    line_end: int | None = None,
    letter: str = "",
) -> list[Reference]:
    """Every reference in one text, in order. Never raises on any input."""
    if not p.might_cite(text):
        return []
    found: list[Reference] = []
    pos = 0
    while True:
        anchor = p.ANCHOR.search(text, pos)
        if anchor is None:
            break
        kind = anchor.lastgroup
        if kind == "relative":
            relative: Relative = "previous" if "precedent" in anchor.group(0) else "next"
            found.append(
                Reference(
                    "same_article",
                    anchor.group(0),
                    (anchor.start(), anchor.end()),
                    (),
                    (),
                    (),
                    eid,
                    field,
                    relative=relative,
                    article=article,
                    article_eid=article_eid,
                    paragraph=paragraph,
                    letter=letter,
                    line=line,
                    line_end=line_end,
                )
            )
            pos = anchor.end()
            continue
        parser = {"article": _parse_article, "paragraph": _parse_paragraph}.get(kind or "", _parse_letter)
        builder = parser(text, anchor)
        if builder is None or not builder.parts:
            pos = anchor.end()
            continue
        found.append(_freeze(builder, eid, field, article, article_eid, paragraph, letter, line, line_end))
        pos = max(builder.end, anchor.end())
    return found


def _freeze(
    builder: _Builder,
    eid: str,
    field: str,
    article: str,
    article_eid: str,
    paragraph: str,
    letter: str,
    line: int | None,
    line_end: int | None,
) -> Reference:
    parts = tuple(Part(d.level, d.value, d.raw, d.span, d.parent) for d in builder.parts)
    parents = {part.parent for part in parts if part.parent is not None}
    targets: list[Target] = []
    targets_parts: list[tuple[int | None, int | None, int | None]] = []
    for index in range(len(parts)):
        if index in parents:
            continue
        chain: dict[str, int | None] = {"article": None, "paragraph": None, "letter": None}
        current: int | None = index
        while current is not None:
            chain[parts[current].level] = current
            current = parts[current].parent
        a, c, le = chain["article"], chain["paragraph"], chain["letter"]
        targets.append(
            Target(
                parts[a].value if a is not None else None,
                parts[c].value if c is not None else None,
                parts[le].value if le is not None else None,
            )
        )
        targets_parts.append((a, c, le))
    law = "; ".join(dict.fromkeys(text for text, _ in builder.laws))
    marker: Marker = builder.laws[0][1] if builder.laws else ""
    if not law:
        law = _preceding_law(builder.text, builder.start)
        marker = "preceding_act" if law else ""
    if not law and p.FORMER_BEFORE.search(builder.text, max(0, builder.start - p.FORMER_WINDOW), builder.start):
        law, marker = "previgente", "former_text"  # "il previgente articolo 73"
    has_article = any(part.level == "article" for part in parts)
    kind: ReferenceKind
    if law:
        kind = "external"
    elif builder.is_range:
        kind = "range"
    elif has_article:
        kind = "full"
    else:
        kind = "same_article"
    span = (builder.start, builder.end)
    return Reference(
        kind,
        builder.text[span[0] : span[1]],
        span,
        tuple(targets),
        parts,
        tuple(targets_parts),
        eid,
        field,
        law=law,
        marker=marker,
        hint=builder.hint,
        hint_part=builder.hint_part,
        following=builder.following,
        explicit=builder.explicit,
        article=article,
        article_eid=article_eid,
        paragraph=paragraph,
        letter=letter,
        line=line,
        line_end=line_end,
        occurrence=_occurrence(builder.text, span),
    )


OCCURRENCE_LIMIT = 4000  # past this offset of one node text, ``occurrence`` is not counted (-1)


def _occurrence(text: str, span: tuple[int, int]) -> int:
    """How many times the reference's text occurs before it in the node text; -1 when the node
    text is too long to count cheaply (``apply_fixes`` then takes the nearest occurrence)."""
    if span[0] > OCCURRENCE_LIMIT:
        return -1
    return text.count(text[span[0] : span[1]], 0, span[0])


# ------------------------------------------------------------------ a whole document


def find_references(document: Document) -> list[Reference]:
    """Every reference in the articles of ``document`` (titles, capoversi, lettere, table
    cells), in document order."""
    found: list[Reference] = []
    for article in document.articles():
        found.extend(article_references(article))
    return found


def article_references(article: Article) -> list[Reference]:
    """The references in one article, in order."""
    number = article.number.normalised
    found = scan(article.title, article.eid, "title", number, article.eid, "", article.span.start, article.span.start + 1)
    for block in article.blocks:
        if isinstance(block, Table):
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    found += scan(cell, block.eid, f"cell:{r}:{c}", number, article.eid, "", block.span.start, block.span.end)
            continue
        label = block.number.normalised if block.number is not None else ""
        found += scan(block.text, block.eid, "text", number, article.eid, label, block.span.start, block.span.end)
        for item in _walk_items(block.items):
            letter = item.label if item.is_letter else ""
            found += scan(item.text, item.eid, "text", number, article.eid, label, item.span.start, item.span.end, letter)
    return found


def _walk_items(items: tuple[Item, ...]) -> Iterator[Item]:
    for item in items:
        yield item
        yield from _walk_items(item.items)


def node_text(document: Document, eid: str, field: str = "text") -> str | None:
    """The text a reference's span refers to (``Reference.eid`` and ``.field``), or None."""
    for article in document.articles():
        if article.eid == eid and field == "title":
            return article.title
        for block in article.blocks:
            if isinstance(block, Table):
                if block.eid == eid and field.startswith("cell:"):
                    _, r, c = field.split(":")
                    return block.rows[int(r)][int(c)]
                continue
            if block.eid == eid:
                return block.text
            for item in _walk_items(block.items):
                if item.eid == eid:
                    return item.text
    return None
