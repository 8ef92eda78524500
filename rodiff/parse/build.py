"""Build the document tree from classified source lines.

Margin titles listed before their bodies are first put back in reading order (``margin``).
Then one pass over the tokens with a small state: front matter until the first heading, then
divisions and articles, then back matter from the first signature/approval line. Mutable
drafts collect lines; ``freeze`` turns them into the frozen nodes of ``rodiff.model``.
Nothing is dropped: every non-blank line lands in a node, the front/back matter, or the
page furniture (running headers, page numbers), and odd lines become diagnostics.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import (
    DIVISION_LEVELS,
    Article,
    Block,
    Diagnostic,
    Division,
    DivisionKind,
    Document,
    Item,
    Metadata,
    Number,
    Paragraph,
    Span,
    Table,
)
from . import patterns as p
from .checks import check_numbering
from .ids import IdGenerator
from .lines import SourceLine, Token, classify
from .margin import read_margin_layout

# ---------------------------------------------------------------------------- drafts

TAIL = 200  # characters: far more than any pattern on the end of a text looks back
# Characters: more than the patterns on how a text ends (HYPHENATED_END, SENTENCE_END,
# ABBREVIATION_END: at most 6) look back. Those patterns end in "$", and a search tries every
# position of the text: on the last few characters it costs the same for a line or a page.
END = 12
# Source lines (blank ones included) read after a lower-case line that might go on an article's
# title, to see whether it runs into a sentence: a title wraps over two or three lines at most.
_TITLE_LOOKAHEAD = 6


@dataclass(slots=True)
class _Text:
    """Text collected from one or more lines, re-joined across wraps and hyphens."""

    parts: list[str] = field(default_factory=list)
    glue: list[str] = field(default_factory=list)  # the separator before each part: " ", or "" after a hyphen
    first: int = 0
    last: int = 0
    page: int | None = None
    hyphens: int = 0

    def add(self, line: SourceLine, text: str) -> None:
        text = text.strip()
        if not self.first:
            self.first, self.page = line.position, line.page
        self.last = max(self.last, line.position)
        if not text:
            return
        if self.parts and p.HYPHENATED_END.search(self.end) and text[:1].islower():
            # "ammini-" + "strazione": the hyphen goes, the word closes up. The piece is kept
            # apart (joined with no space) rather than glued onto the previous one, whose
            # copy would grow with every join: quadratic on a long run of hyphenated lines.
            self.parts[-1] = self.parts[-1][:-1]
            self.glue.append("")
            self.hyphens += 1
        else:
            self.glue.append(" " if self.parts else "")
        self.parts.append(text)

    @property
    def value(self) -> str:
        if len(self.parts) == 1:
            return self.parts[0]  # most texts are one line
        return "".join(self._pieces(0))

    def _pieces(self, start: int) -> Iterator[str]:
        """The parts from ``start`` on, each preceded by its separator (none before the first)."""
        for index in range(start, len(self.parts)):
            if index > start:
                yield self.glue[index]
            yield self.parts[index]

    @property
    def tail(self) -> str:
        """The end of the text: at least ``TAIL`` characters, or all of it.

        The tests on how a text ends (a hyphen, a sentence end, an abbreviation, a colon) look
        at the last few characters; asking them of the tail keeps the cost of a line
        independent of the length of its paragraph (``value`` joins every line).
        """
        size, start = 0, len(self.parts)
        while start > 0 and size < TAIL:
            start -= 1
            size += len(self.parts[start]) + 1
        return "".join(self._pieces(start))

    @property
    def end(self) -> str:
        """The last ``END`` characters of the text (all of it when shorter), for the tests on how it ends."""
        last = self.parts[-1] if self.parts else ""
        return last[-END:] if len(last) >= END else self.tail[-END:]

    def span(self) -> Span:
        return Span(self.first, self.last, self.page)


@dataclass(slots=True)
class _ItemDraft:
    label: str
    marker: str
    text: _Text
    items: list[_ItemDraft] = field(default_factory=list)


@dataclass(slots=True)
class _ParagraphDraft:
    number: Number | None
    marker: str
    text: _Text
    items: list[_ItemDraft] = field(default_factory=list)


@dataclass(slots=True)
class _TableDraft:
    rows: list[tuple[str, ...]]
    first: int
    last: int
    page: int | None
    table_id: int | None = None


@dataclass(slots=True)
class _ArticleDraft:
    number: Number
    heading: str
    title: _Text
    position: int
    page: int | None
    blocks: list[_ParagraphDraft | _TableDraft] = field(default_factory=list)
    is_new: bool = False
    is_repealed: bool = False
    title_open: bool = True  # the next plain line may still be the title
    last_position: int = 0
    first_is_numbered: bool = False  # the heading carried the first capoverso's mark
    last_number: Number | None = None  # of the last numbered capoverso, kept as blocks are added

    def add(self, block: _ParagraphDraft | _TableDraft) -> None:
        self.blocks.append(block)
        if isinstance(block, _ParagraphDraft) and block.number:
            self.last_number = block.number


@dataclass(slots=True)
class _DivisionDraft:
    kind: DivisionKind
    number: int | None
    label: str
    heading: str
    title: _Text
    position: int
    page: int | None
    children: list[_DivisionDraft | _ArticleDraft] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    title_open: bool = True
    last_position: int = 0


# ---------------------------------------------------------------------------- helpers


def division_number(label: str) -> int | None:
    """ "SECONDO" -> 2, "II" -> 2, "2" -> 2, OCR "|" -> 1, "1l" -> 2."""
    word = label.strip().lower()
    if word in p.ORDINALS:
        return p.ORDINALS.index(word) + 1
    if word.isdigit():
        return int(word)
    roman = label.strip().upper()
    if any(c in roman for c in "|L1") and set(roman) <= set("|L1I"):
        roman = "I" * len(roman)  # OCR'd roman numeral of ones: "|" -> I, "1L" -> II
    if roman and set(roman) <= set(p.ROMAN_VALUES):
        total, previous = 0, 0
        for char in reversed(roman):
            value = p.ROMAN_VALUES[char]
            total += -value if value < previous else value
            previous = max(previous, value)
        return total
    return None


def _ends_sentence(text: str) -> bool:
    text = text.rstrip()[-END:]
    return bool(p.SENTENCE_END.search(text)) and not p.ABBREVIATION_END.search(text)


def _starts_lower(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.islower() or (first in ",;)" and first != "")


def _is_title_like(text: str) -> bool:
    return bool(p.TITLE_LIKE.match(text)) and len(text.split()) <= 12


# ---------------------------------------------------------------------------- builder


class _Builder:
    def __init__(self, lines: list[SourceLine], source_kind: str = "testo") -> None:
        self.lines = lines
        self.front: list[str] = []
        self.back: list[str] = []
        self.furniture: list[str] = []
        self.diagnostics: list[Diagnostic] = []
        self.top: list[_DivisionDraft | _ArticleDraft] = []
        self.open_divisions: list[_DivisionDraft] = []
        self.article: _ArticleDraft | None = None
        self.state = "front"
        self.blank_before = False
        self.pending_number: tuple[Number, str] | None = None
        self.articles_seen = 0
        self.texts = [line.text.strip() for line in lines]  # what every look at the whole text reads
        lengths = [len(text) for text in self.texts if text]
        self.wrap_width = _wrap_width(lengths)
        self.per_line = not _looks_wrapped(lengths, self.wrap_width) if source_kind == "docx" else _paragraph_per_line(lengths)
        self.titled = _titled_style(self.texts)
        joined = "\n".join(self.texts)  # neither mark holds a space: found in a stripped line as in the line
        self.fragmentary = "[…]" in joined or "[...]" in joined  # a revision's fragments
        self.index = 0  # of the line being read
        self.previous_length = 0  # length of the last non-blank line, to tell wraps from ends

    # -- diagnostics
    def warn(self, code: str, message: str, position: int | None, severity: str = "avviso") -> None:
        self.diagnostics.append(Diagnostic(code, message, position, severity))  # type: ignore[arg-type]

    # -- the main loop
    def run(self) -> None:
        furniture = _running_headers(self.texts)
        for index, (line, text) in enumerate(zip(self.lines, self.texts, strict=True)):
            self.index = index
            if not text and line.cells is None:  # a blank line (what ``classify`` would say)
                self.blank_before = True
                continue
            if self.state == "body" and text in furniture:
                self.furniture.append(text)
                continue
            token = classify(line)
            # every heading word starts with "A": other lines need no match
            if token.kind != "article" and text[:1] == "A" and (oversized := p.OVERSIZED_ARTICLE_NUMBER.match(text)):
                self.warn(
                    "article_number_too_long",
                    f"La riga «{_short(text)}» sembra l'intestazione di un articolo, ma il numero "
                    f"{oversized['num']} ha più di {p.MAX_ARTICLE_DIGITS} cifre: è letta come testo. "
                    "Se è un articolo, ne controlli il numero.",
                    line.position,
                )
            self.feed(token)
            self.blank_before = False
            self.previous_length = len(text)
        self.close_article()

    def feed(self, token: Token) -> None:
        if self.state == "back":
            self.back.append(token.text)
            return
        kind = token.kind
        if kind in ("page_number", "furniture"):
            self.furniture.append(token.text)
            return
        if kind == "back_matter" and self.articles_seen:
            self.close_article()
            self.state = "back"
            self.back.append(token.text)
            return
        if kind == "division":
            self.start_division(token)
            return
        if kind == "article":
            self.start_article(token)
            return
        if self.state == "front":
            self.front.append(token.text)
            return
        if self.article is None:
            self.division_text(token)
            return
        handler = getattr(self, f"on_{kind}", self.on_text)
        handler(token)

    # -- divisions
    def start_division(self, token: Token) -> None:
        self.close_article()
        self.state = "body"
        groups = token.groups
        kind: DivisionKind = groups["kind"].lower()  # type: ignore[assignment]
        level = DIVISION_LEVELS[kind]
        while self.open_divisions and DIVISION_LEVELS[self.open_divisions[-1].kind] >= level:
            self.open_divisions.pop()
        title = _Text()
        same_line_title = groups.get("dtitle", "").strip()
        title.add(token.line, same_line_title)
        heading = token.text[: len(token.text) - len(same_line_title)].rstrip() if same_line_title else token.text
        label = groups["dnum"]
        draft = _DivisionDraft(
            kind=kind,
            number=self.ocr_continuation(kind, label) or division_number(label),
            label=label,
            heading=heading,
            title=title,
            position=token.line.position,
            page=token.line.page,
            last_position=token.line.position,
        )
        if draft.number is None:
            self.warn("division_number", f"Numero di divisione non leggibile: «{token.text}».", token.line.position)
        self.attach(draft)
        self.open_divisions.append(draft)

    def ocr_continuation(self, kind: str, label: str) -> int | None:
        """The number an OCR'd numeral of ones stands for when it can continue the numbering.

        Strokes merge or split in OCR ("TITOLO il" printed "TITOLO III"), so the count of ones
        is unsure by one: the number after the previous division of the same kind is taken
        when it is a numeral of ones (up to III) no more than one stroke away from the reading.
        """
        if not p.OCR_ROMAN_ONES.fullmatch(label):
            return None
        siblings = self.open_divisions[-1].children if self.open_divisions else self.top
        previous = next((node for node in reversed(siblings) if isinstance(node, _DivisionDraft) and node.kind == kind), None)
        if previous is None or previous.number is None:
            return None
        following = previous.number + 1
        return following if following <= 3 and abs(len(label) - following) <= 1 else None

    def division_text(self, token: Token) -> None:
        """Text after a division heading and before its first article."""
        division = self.open_divisions[-1] if self.open_divisions else None
        if division is None:  # body text before any heading: keep it with the front matter
            self.front.append(token.text)
            return
        text = token.text
        if division.title_open and not division.children:
            title = division.title.tail  # only upper-case lines join an upper-case title: its end tells
            if not title and token.kind == "text" and _is_division_title(text):
                division.title.add(token.line, text)
                division.last_position = token.line.position
                return
            if title and title.isupper() and text.isupper() and token.kind == "text":
                division.title.add(token.line, text)  # "COSTITUZIONE DEL RAPPORTO" / "D'IMPIEGO"
                division.last_position = token.line.position
                return
        division.title_open = False
        division.notes.append(text)
        division.last_position = token.line.position
        self.warn(
            "unattached_text",
            f"Testo fuori da ogni articolo, conservato con la divisione «{division.heading}»: «{_short(text)}».",
            token.line.position,
        )

    def attach(self, node: _DivisionDraft | _ArticleDraft) -> None:
        if self.open_divisions:
            self.open_divisions[-1].children.append(node)
        else:
            self.top.append(node)

    # -- articles
    def start_article(self, token: Token) -> None:
        self.close_article()
        self.state = "body"
        for division in self.open_divisions:
            division.title_open = False
        groups = token.groups
        suffix = groups.get("sfx") or groups.get("sfx_spaced") or ""
        raw_number = token.text[len(groups["word"]) :].strip()
        raw_number = raw_number[: len(raw_number) - len(groups.get("rest", ""))].strip()
        number = Number(int(groups["num"]), suffix.lower(), raw_number)
        rest = groups.get("rest", "").strip()
        draft = _ArticleDraft(
            number=number,
            heading=token.text,
            title=_Text(),
            position=token.line.position,
            page=token.line.page,
            last_position=token.line.position,
        )
        if p.NEW_MARKER.search(rest):
            draft.is_new = True
            rest = p.NEW_MARKER.sub("", rest).strip()
        if p.REPEALED_MARKER.search(rest):
            draft.is_repealed = True
            rest = p.REPEALED_MARKER.sub("", rest).strip()
        rest = rest.lstrip(".:-– ").strip() if rest[:1] in ".:-–" else rest
        if rest:  # the heading keeps what is not title or body: "Art. 13" of "Art. 13 Funzione stabile"
            cut = token.text.rfind(rest)
            draft.heading = " ".join((token.text[:cut] + token.text[cut + len(rest) :]).split())
        self.article = draft
        self.articles_seen += 1
        if rest:
            self.heading_rest(token.line, rest)

    def heading_rest(self, line: SourceLine, rest: str) -> None:
        """What follows "Art. N" on its line: a title, or the start of the body."""
        assert self.article is not None
        if p.OCR_ONE_ALONE.match(rest):  # "Art. 62 !": an OCR'd superscript 1 of the first capoverso
            self.article.heading = line.text.strip()
            self.article.first_is_numbered = True
            return
        body = classify(SourceLine(rest, line.position, line.page))
        if body.kind in ("paragraph", "letter", "repealed") or not _is_title_like(rest):
            self.article.title_open = False
            self.feed(body)
        else:
            self.article.title.add(line, rest)

    def close_article(self) -> None:
        if self.article is not None:
            self.attach(self.article)
            self.article = None
        self.drop_pending()

    def drop_pending(self) -> None:
        """A lone number that no paragraph took is kept with the page furniture."""
        if self.pending_number is not None:
            self.furniture.append(self.pending_number[1])
            self.pending_number = None

    # -- article body
    def current_paragraph(self) -> _ParagraphDraft | None:
        if self.article and self.article.blocks and isinstance(self.article.blocks[-1], _ParagraphDraft):
            return self.article.blocks[-1]
        return None

    def new_paragraph(self, line: SourceLine, number: Number | None, marker: str, text: str) -> None:
        assert self.article is not None
        self.article.title_open = False
        if self.pending_number is not None and number is None:
            number, marker = self.pending_number
            self.pending_number = None
        self.drop_pending()
        if number is None and self.article.first_is_numbered and not self.article.blocks:
            number = Number(1, "", "1")  # its mark stays in the heading ("Art. 62 !")
        paragraph = _ParagraphDraft(number, marker, _Text())
        self.article.add(paragraph)
        self.paragraph_text(paragraph, line, text)
        self.article.last_position = line.position

    def paragraph_text(self, paragraph: _ParagraphDraft, line: SourceLine, text: str) -> None:
        """A line of a capoverso's opening text; capoversi glued into it (in fragments) follow it."""
        assert self.article is not None
        if not self.fragmentary:  # only a revision's fragments glue capoversi together
            paragraph.text.add(line, text)
            return
        (_, _, head), *glued = self.glued_paragraphs(text)
        paragraph.text.add(line, head)
        for number, marker, piece in glued:
            body = _Text()
            body.add(line, piece)
            self.article.add(_ParagraphDraft(number, marker, body))

    def glued_paragraphs(self, text: str) -> list[tuple[Number | None, str, str]]:
        """ "La scala […] 6. Il Municipio …" in a fragment: the text before, then (6, "6.", "Il Municipio …").

        A glued number counts above the last capoverso and not after an abbreviation ("cpv. 6. Il").
        """
        if not self.fragmentary:
            return [(None, "", text)]
        pieces: list[tuple[Number | None, str, str]] = []
        number, marker, start = None, "", 0
        last = self.last_paragraph_number()
        for match in p.GLUED_PARAGRAPH.finditer(text):
            value = int(match["pnum"])
            if (last is not None and value <= last.value) or p.ABBREVIATION_END.search(text[: match.start()]):
                continue
            pieces.append((number, marker, text[start : match.start()]))
            number = last = Number(value, "", match["pnum"])
            marker, start = f"{match['pnum']}.", match.end()
        pieces.append((number, marker, text[start:]))
        return pieces

    def expected_paragraph(self) -> int:
        last = self.last_paragraph_number()
        return last.value + 1 if last else 1

    def last_paragraph_number(self) -> Number | None:
        assert self.article is not None
        return self.article.last_number

    def on_paragraph(self, token: Token) -> None:
        groups = token.groups
        text = groups.get("ptext", "")
        line_text = token.text
        marker = line_text[: len(line_text) - len(text)].strip() if text else line_text
        if "psup" in groups:
            number = Number.parse(groups["psup"].translate(p.SUPERSCRIPT_DIGITS))
            number = Number(number.value, "", groups["psup"])
        elif "pocr" in groups:
            value = self.expected_paragraph()
            number = Number(value, "", groups["pocr"])
            if value != 1:
                self.warn(
                    "ocr_paragraph_number",
                    f"Numero di capoverso incerto («{groups['pocr']}»), letto come {value}.",
                    token.line.position,
                    "info",
                )
        else:
            number = Number(int(groups["pnum"]), groups.get("psfx", "") or "", marker.rstrip(".)"))
            strict = line_text[len(groups["pnum"]) :][:1] == " "
            plausible = self.plausible_number(number, strict)
            if self.inside_wrapped_sentence() or not (plausible or self.stands_apart(token, text)):
                self.on_text(token)
                return
            if plausible and self.last_paragraph_number() is None and number.value > 1 and not self.fragmentary:
                self.warn(
                    "unnumbered_first_paragraph",
                    f"Art. {self.article.number if self.article else ''}: il primo capoverso non è numerato, "
                    f"il successivo porta il numero {number}.",
                    token.line.position,
                    "info",
                )
        opening_letter = p.ITEM_LETTER.match(text)
        self.new_paragraph(token.line, number, marker, "" if opening_letter else text)
        if opening_letter:  # "1 lett. f) Soppressione della funzione": cpv. 1, lettera f
            self.on_letter(Token("letter", SourceLine(text, token.line.position, token.line.page), opening_letter))

    def stands_apart(self, token: Token, text: str) -> bool:
        """A capoverso number out of sequence that still opens a capoverso: the line would be a
        paragraph of its own and reads like one ("3. Valgono …" in an extract, "2 lett. a) …")."""
        return (
            bool(p.CAPOVERSO_OPENING.match(text))
            and not self.takes_title(token.text, token.line)
            and self.opens_paragraph(token.text)
        )

    def after_elision(self) -> bool:
        """Did the text just skip unchanged capoversi or lettere with "[…]"?"""
        paragraph = self.current_paragraph()
        if paragraph is None:
            return False
        if paragraph.items:
            return bool(p.ELISION.match(paragraph.items[-1].marker))
        return bool(p.ELISION.match(paragraph.text.tail))  # a long text is never an elision

    def elide(self, token: Token) -> bool:
        """ "[…]" inside a list (after "…requisiti:" or a lettera) is a list entry, so that the
        lettere after it stay in their capoverso; elsewhere it is a paragraph of its own."""
        paragraph = self.current_paragraph()
        if paragraph is None or not (paragraph.items or paragraph.text.end.rstrip().endswith(":")):
            return False
        text = _Text()
        text.add(token.line, "")
        paragraph.items.append(_ItemDraft("…", token.text, text))
        self.touch(token)
        return True

    def inside_wrapped_sentence(self) -> bool:
        """In wrapped text, a marker-like start ("2.", "a)") after a line that ran to the
        column edge without ending its sentence is a wrapped word, not a new capoverso."""
        if self.per_line:
            return False
        holder = self.open_holder()
        if holder is None or not holder.text.parts:
            return False
        return not _ends_sentence(holder.text.end) and self.previous_length >= 0.8 * self.wrap_width

    def plausible_number(self, number: Number, strict: bool) -> bool:
        """A capoverso number must follow the previous one (bare numbers strictly)."""
        last = self.last_paragraph_number()
        if number.suffix:
            return last is not None and last.value == number.value
        if self.fragmentary or self.after_elision():  # "[…]" then "6. Se…": fragments skip capoversi
            return last is None or number.value > last.value
        if last is None:  # an unnumbered first capoverso may precede "2." (Vacallo new art. 41)
            assert self.article is not None
            return number.value in (1, len(self.article.blocks) + 1)
        expected = last.value + 1
        if strict:
            return number.value == expected
        return expected <= number.value <= expected + 2

    def on_lone_number(self, token: Token) -> None:
        value = int(token.groups["lone"])
        if value == self.expected_paragraph():
            self.drop_pending()
            self.pending_number = (Number(value, "", token.text), token.text)
        else:
            self.furniture.append(token.text)
            self.warn(
                "page_number", f"Numero isolato «{token.text}» trattato come numero di pagina.", token.line.position, "info"
            )

    def on_letter(self, token: Token) -> None:
        if self.inside_wrapped_sentence():
            self.on_text(token)
            return
        paragraph = self.current_paragraph() or self.implicit_paragraph(token.line)
        groups = token.groups
        text = _Text()
        text.add(token.line, groups.get("ltext", ""))
        paragraph.items.append(_ItemDraft(groups["letter"], groups["lmarker"], text))
        self.touch(token)

    def on_bullet(self, token: Token) -> None:
        paragraph = self.current_paragraph() or self.implicit_paragraph(token.line)
        groups = token.groups
        text = _Text()
        text.add(token.line, groups.get("btext", ""))
        item = _ItemDraft(groups["bullet"], groups["bullet"], text)
        if paragraph.items and paragraph.items[-1].label[:1].isalpha():
            paragraph.items[-1].items.append(item)
        else:
            paragraph.items.append(item)
        self.touch(token)

    def implicit_paragraph(self, line: SourceLine) -> _ParagraphDraft:
        self.new_paragraph(line, None, "", "")
        paragraph = self.current_paragraph()
        assert paragraph is not None
        return paragraph

    def on_repealed(self, token: Token) -> None:
        assert self.article is not None
        if not self.article.blocks:
            self.article.is_repealed = True
        self.new_paragraph(token.line, None, "", token.text)

    def on_table_row(self, token: Token) -> None:
        assert self.article is not None
        self.article.title_open = False
        line = token.line
        cells = line.cells if line.cells is not None else tuple(c.strip() for c in token.groups["cells"].split("|"))
        last = self.article.blocks[-1] if self.article.blocks else None
        same_table = isinstance(last, _TableDraft) and (
            last.table_id == line.table_id if line.table_id is not None else not self.blank_before
        )
        if isinstance(last, _TableDraft) and same_table:
            last.rows.append(cells)
            last.last = line.position
        else:
            self.article.blocks.append(_TableDraft([cells], line.position, line.position, line.page, line.table_id))
        self.article.last_position = line.position

    def on_article_title(self, token: Token) -> None:
        assert self.article is not None
        self.article.title.add(token.line, token.text)

    def on_back_matter(self, token: Token) -> None:
        self.on_text(token)

    on_page_number = on_back_matter
    on_division = on_back_matter

    def on_text(self, token: Token) -> None:
        """Plain text: the article title, a continuation, or a new unnumbered paragraph."""
        assert self.article is not None
        article, text, line = self.article, token.text, token.line
        if self.takes_title(text, line):
            article.title.add(line, text)
            return
        article.title_open = False
        if p.ELISION.match(text) and self.elide(token):
            return
        holder = self.open_holder()
        if holder is None or self.opens_paragraph(text, line.hint):
            self.new_paragraph(line, None, "", text)
        elif isinstance(holder, _ParagraphDraft):
            self.paragraph_text(holder, line, text)
        else:
            holder.text.add(line, text)
        article.last_position = line.position

    def takes_title(self, text: str, line: SourceLine) -> bool:
        """Is this line (still) the article's title?"""
        assert self.article is not None
        article = self.article
        if not article.title_open or article.blocks or line.hint == "paragraph":
            return False  # "paragraph": the margin pass (parse.margin) read the line as the body's start
        if not article.title.parts:
            return self.pending_number is None and self.is_title(text, line)
        # "Promozione tramite mutamento" / "di funzione"
        return (
            _starts_lower(text)
            and len(text.split()) <= 6
            and not article.title.end.endswith(":")
            and not self.ends_in_sentence(text, line)
        )

    def ends_in_sentence(self, text: str, line: SourceLine) -> bool:
        """Do the lower-case lines from this one on end with a full stop? Then they are a
        sentence, the article's body, not more of its title: "Art. 4 Disdetta" / "il rapporto" /
        "cessa con la disdetta." (a title ending on an abbreviation, "… picchetto," / "ecc.", is
        no sentence). Only the next few lines are read: a title is never longer."""
        last = text
        if self.lines[self.index] is line:  # not a piece of a heading line: the lines after it follow
            for index in range(self.index + 1, min(len(self.texts), self.index + _TITLE_LOOKAHEAD)):
                following = self.texts[index]
                if following and not _starts_lower(following):
                    break
                last = following or last
        return last.endswith(".") and not p.ABBREVIATION_END.search(last[-END:])

    def opens_paragraph(self, text: str, hint: str | None = None) -> bool:
        """Does a line of body text start a new (unnumbered) paragraph rather than continue one?"""
        holder = self.open_holder()
        if hint in ("paragraph", "wrap") and holder is not None and self.pending_number is None:
            return hint == "paragraph"  # the margin-layout pass (parse.margin) read the OCR line breaks
        elision = bool(p.ELISION.match(text)) or self.after_elision()  # "[…]" stands alone
        return holder is None or self.pending_number is not None or elision or self.starts_new_paragraph(holder, text)

    def is_title(self, text: str, line: SourceLine) -> bool:
        """The line after "Art. N": a title (nota marginale) or already the body?

        A title is short and has no inner full stop. One ending with a full stop ("Uso di
        veicoli.", "…picchetto, ecc.") counts only in a document whose articles have titles,
        and only when body text follows it.
        """
        if _is_title_like(text):
            return True
        if not (self.titled and len(text.split()) <= 12 and text.endswith(".") and "." not in text[:-1].replace("ecc.", "")):
            return False
        following = self.next_text(line)
        return bool(following) and classify(SourceLine(following, 0)).kind not in ("article", "division", "back_matter")

    def next_text(self, line: SourceLine) -> str:
        if self.lines[self.index] is not line:
            return ""  # a line made from part of one (the rest of a heading): no next line
        for index in range(self.index + 1, len(self.lines)):  # no copy of the rest
            if text := self.texts[index]:
                return text
        return ""

    def open_holder(self) -> _ParagraphDraft | _ItemDraft | None:
        """The innermost node that a continuation line would extend."""
        paragraph = self.current_paragraph()
        if paragraph is None:
            return None
        holder: _ParagraphDraft | _ItemDraft = paragraph
        while holder.items:
            holder = holder.items[-1]
        return holder

    def starts_new_paragraph(self, holder: _ParagraphDraft | _ItemDraft, text: str) -> bool:
        previous = holder.text.end  # how the text so far ends
        if not previous:
            return False
        if p.HYPHENATED_END.search(previous) or _starts_lower(text):
            return False
        if isinstance(holder, _ParagraphDraft) and holder.number is not None:
            return False  # once capoversi are numbered, an unnumbered line belongs to the last one
        if self.blank_before or self.per_line:
            return True  # a blank line (or one paragraph per line) then a capital
        if not _ends_sentence(previous):
            return False
        if self.previous_length >= 0.8 * self.wrap_width:
            return False  # the previous line ran to the column edge: a wrap, not an end
        if isinstance(holder, _ParagraphDraft):
            return True
        return previous.rstrip().endswith(".")

    def touch(self, token: Token) -> None:
        assert self.article is not None
        self.article.title_open = False
        self.article.last_position = token.line.position


def _paragraph_per_line(lengths: list[int]) -> bool:
    """True when the input holds one paragraph per line (a clean text, a real DOCX), given the
    lengths of its non-blank lines.

    Text extracted from a PDF wraps at the column width, so its lines stay short (at most
    about 100 characters); a text with a paragraph per line has many much longer lines.
    """
    if not lengths:
        return False
    long_lines = sum(1 for length in lengths if length > 110)
    return long_lines >= max(3, len(lengths) // 12)


def _titled_style(texts: list[str]) -> bool:
    """Do most articles of this text (its stripped lines) carry a title (on the heading line or the next)?"""
    texts = [text for text in texts if text]
    headings = titled = 0
    for index, text in enumerate(texts):
        match = p.ARTICLE_HEADING.match(text) if text[0] == "A" else None  # every heading starts with "A"
        if not match:
            continue
        headings += 1
        rest = match.group("rest").strip()
        following = texts[index + 1] if index + 1 < len(texts) else ""
        if _is_title_like(rest) or (not rest and _is_title_like(following)):
            titled += 1
    return headings > 0 and titled >= 0.7 * headings


def _looks_wrapped(lengths: list[int], width: int) -> bool:
    """A DOCX whose paragraphs are the wrapped lines of a pasted PDF text, given the lengths of
    its non-blank lines and their column width (``_wrap_width``).

    Real Word paragraphs vary widely in length; pasted lines crowd just under one width.
    """
    lengths = [length for length in lengths if length > 20]
    if len(lengths) < 10:
        return False
    near_edge = sum(1 for length in lengths if 0.75 * width <= length <= width)
    return width <= 110 and near_edge >= 0.4 * len(lengths)


def _wrap_width(lengths: list[int]) -> int:
    """The column width of wrapped text, given its line lengths: the 90th percentile of those over 20."""
    lengths = sorted(length for length in lengths if length > 20)
    return lengths[int(len(lengths) * 0.9)] if len(lengths) >= 20 else 10**6  # too few lines to tell


def _is_division_title(text: str) -> bool:
    """The line after "CAPITOLO 3": "Altre tipologie d'impiego (art. 319 ss CO)"."""
    return len(text) <= 120 and not text.endswith((";", ",")) and text[:1].isupper()


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _running_headers(texts: list[str]) -> set[str]:
    """Short lines repeated on many pages (running headers/footers) that are not structure.

    A line counts when it appears at least 3 times, always stands apart (a blank line or a
    page number before or after it, and never a next line in lower case that it runs on
    into), is not a heading, a marker or a numbered line, does not end like a sentence, and
    never follows an article heading (so that recurring article titles such as
    "Definizione" are kept).
    """
    # Only a line seen 3 times can be a header: the rest is counted in one pass, and only the
    # places where a repeated line stands are looked at.
    repeated = {text for text, count in Counter(texts).items() if count >= 3 and 0 < len(text) <= 80}
    after_heading: set[str] = set()
    inside_text: set[str] = set()  # seen at least once between two non-blank lines
    for index, text in enumerate(texts):
        if text not in repeated:
            continue
        previous = texts[index - 1] if index else ""
        division = p.DIVISION_HEADING.match(previous) and not p.DIVISION_MENTION.match(previous)  # as lines.py reads it
        if p.ARTICLE_HEADING.match(previous) or division:
            after_heading.add(text)  # article and division titles recur ("Definizione", "Norme generali")
        following = texts[index + 1] if index + 1 < len(texts) else ""
        if previous and following and not p.PAGE_NUMBER.match(previous) and not p.PAGE_NUMBER.match(following):
            inside_text.add(text)
        if _starts_lower(following):
            inside_text.add(text)  # it runs on into the next line: wrapped body text, never a header
    headers = set()
    for text in repeated:
        if text in after_heading or text in inside_text or _ends_sentence(text):
            continue
        if classify(SourceLine(text, 0)).kind != "text" or text.isdigit():
            continue
        if len(text.split()) < 2:
            continue
        headers.add(text)
    return headers


# ---------------------------------------------------------------------------- freeze


class _Freezer:
    def __init__(self) -> None:
        self.ids = IdGenerator()
        self.hyphens = 0

    def text(self, draft: _Text) -> str:
        self.hyphens += draft.hyphens
        return draft.value

    def division(self, draft: _DivisionDraft, parent: str) -> Division:
        prefix = {"parte": "parte", "titolo": "tit", "capitolo": "cap", "sezione": "sez"}[draft.kind]
        local = f"{prefix}_{draft.number if draft.number is not None else 'x'}"
        eid = self.ids.unique(f"{parent}__{local}" if parent else local)
        children = tuple(self.node(child, eid) for child in draft.children)
        end = max([draft.position, draft.last_position, draft.title.last] + [c.span.end for c in children])
        return Division(
            kind=draft.kind,
            number=draft.number,
            label=draft.label,
            title=self.text(draft.title).strip(),
            children=children,
            span=Span(draft.position, end, draft.page),
            eid=eid,
            heading=draft.heading,
            notes=tuple(draft.notes),
        )

    def node(self, draft: _DivisionDraft | _ArticleDraft, parent: str) -> Division | Article:
        if isinstance(draft, _DivisionDraft):
            return self.division(draft, parent)
        return self.article(draft)

    def article(self, draft: _ArticleDraft) -> Article:
        eid = self.ids.unique(f"art_{draft.number.normalised}")
        unnumbered = 0
        blocks: list[Block] = []
        tables = 0
        for block in draft.blocks:
            if isinstance(block, _TableDraft):
                tables += 1
                blocks.append(
                    Table(tuple(block.rows), Span(block.first, block.last, block.page), self.ids.unique(f"{eid}__tab_{tables}"))
                )
                continue
            if block.number is None:
                unnumbered += 1
                local = f"par_{unnumbered}"
            else:
                local = f"cpv_{block.number.normalised}"
            blocks.append(self.paragraph(block, self.ids.unique(f"{eid}__{local}")))
        end = max([draft.position, draft.last_position, draft.title.last] + [b.span.end for b in blocks])
        return Article(
            number=draft.number,
            title=self.text(draft.title).strip(),
            blocks=tuple(blocks),
            span=Span(draft.position, end, draft.page),
            eid=eid,
            heading=draft.heading,
            is_new=draft.is_new,
            is_repealed=draft.is_repealed,
        )

    def paragraph(self, draft: _ParagraphDraft, eid: str) -> Paragraph:
        items = self.items(draft.items, eid)
        return Paragraph(draft.number, draft.marker, self.text(draft.text), _covering(draft.text, items), eid, items)

    def items(self, drafts: list[_ItemDraft], parent: str) -> tuple[Item, ...]:
        items = []
        bullets = 0
        for draft in drafts:
            if draft.label[:1].isalpha():
                local = f"lett_{draft.label}"
            else:
                bullets += 1
                local = f"punto_{bullets}"
            eid = self.ids.unique(f"{parent}__{local}")
            children = self.items(draft.items, eid)
            items.append(Item(draft.label, draft.marker, self.text(draft.text), _covering(draft.text, children), eid, children))
        return tuple(items)


def _covering(text: _Text, items: tuple[Item, ...]) -> Span:
    """The span of a text and its items: ``Span.cover`` of them all, made once."""
    if not items:
        return text.span()
    start, end, page = text.first, text.last, text.page
    for item in items:
        start, end, page = min(start, item.span.start), max(end, item.span.end), page or item.span.page
    return Span(start, end, page)


def build_document(
    lines: list[SourceLine],
    source_name: str = "",
    source_kind: str = "testo",
    metadata: Metadata | None = None,
    diagnostics: list[Diagnostic] | None = None,
) -> Document:
    """Classify ``lines`` and build the document tree (never raises on odd input)."""
    lines, margin_notes = read_margin_layout(lines)  # margin titles listed before their bodies
    diagnostics = [*(diagnostics or []), *margin_notes]
    builder = _Builder(lines, source_kind)
    builder.run()
    freezer = _Freezer()
    body = tuple(freezer.node(node, "") for node in builder.top)
    document = Document(
        metadata=metadata or Metadata(),
        front=tuple(builder.front),
        body=body,
        back=tuple(builder.back),
        furniture=tuple(builder.furniture),
        diagnostics=(),
        source_name=source_name,
        source_kind=source_kind,
        joined_hyphens=freezer.hyphens,
    )
    found = list(diagnostics or []) + builder.diagnostics + check_numbering(document)
    found.sort(key=lambda d: (d.position is None, d.position or 0))
    return Document(**{**document.__dict__, "diagnostics": tuple(found)})
