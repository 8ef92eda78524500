"""Margin-title layouts in plain text: give each article heading its body, page by page.

A scanned regulation whose article titles sit in the left margin comes out of OCR (or a
PDF copy-paste) page by page as a *block of headings without bodies* ("Art. 8 / Periodo di
prova", "Art. 9 / Nomina a tempo parziale", … "Art. 13 / Trasformazione in nomina"), then
the *bodies* of those articles in order, with the page's division headings among them. A
body cut at the foot of a page goes on after the next page's headings.

This pass runs on the source lines before the tree is built. It finds each block, splits
the text after it (up to the next article heading) into units (paragraphs, division
headings), and chooses where each article's body starts by dynamic programming over what
the text offers: capoverso numbering that restarts at 1 (or at an OCR'd "'"/"!"/lone "1"),
numbering that goes on (a continuation), sentence ends, lower-case starts, division headings
(a body always starts after one, the more so an article whose margin title shares a word with
the division's title), and the words of each margin title found in the first paragraph (and
anywhere in the body; compared on their stems, so that a title's noun meets the body's verb),
a paragraph citing the article before its own, and the size of each body against the block's
other bodies (the bodies of one page are alike in size; only a body far off the mean counts
against a split). A paragraph that points back ("Tale misura …", "Egli …": not even where it
repeats the title's words), closes a provision ("Resta riservata …") or cites a capoverso of
its own article ("al cpv. 1") opens no body; where the block's paragraphs are parted by blank
lines a body starts after one (a line after a table's last row opens a paragraph); two
paragraphs sharing their words (as in TextTiling) are less likely two
bodies; the capoverso numbering after the next page's headings ("3 …" after a continuation)
says how many paragraphs the page's last body holds; where the block's numbering runs unbroken,
an unnumbered paragraph after "1 …", "2 …" opens the next body. The starts are chosen jointly,
scoring whole bodies, not one boundary at a time. It then reorders the lines
(each keeps its position) as heading, title, body, and marks each body line as opening a
paragraph or going on (OCR keeps the printed line breaks and loses capoverso numbers), so
the one tree builder reads them as an ordinary text (a line between two lettere goes on the
lettera before; a "1" read as "l", "l Il Municipio …", or alone on its line as "!", opens a
capoverso; a line stopping far short of the column ends its paragraph even without a full stop,
and where the text parts its paragraphs by blank lines a line running to the column's edge goes on
into the next one even after a full stop; a list announced by a colon goes on up to a sentence
that is no entry; a word the OCR read in mixed case, "SuUCCessivo.", starts no sentence). A start
that the text does not make clear is reported with its line numbers, and one notice says that the
bodies of the listed articles were placed by this reader: the doubts are the likeliest errors, not
all of them (on generated layouts without capoverso numbers about half the wrong starts have no
doubt of their own; ``bench.margin_bench``, column «silent»).
A lone heading printed on the body's first line ("Art. 46 Il Municipio definisce …") with its
margin title glued to the start of the second line is split into heading, title and body.

    >>> from rodiff.parse.lines import split_lines
    >>> text = "Art. 1\\nScopo\\n\\nArt. 2\\nNomina\\n\\nArt. 3\\nDurata\\n\\n1 Il regolamento ha uno scopo.\\n\\n"
    >>> text += "1 La nomina spetta al Municipio.\\n\\n1 La nomina dura quattro anni."
    >>> lines, notes = read_margin_layout(split_lines(text))
    >>> [line.text for line in lines if line.text][3:]
    ['Art. 2', 'Nomina', '1 La nomina spetta al Municipio.', 'Art. 3', 'Durata', '1 La nomina dura quattro anni.']
"""

from __future__ import annotations

import functools
import itertools
import math
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from ..model import Diagnostic
from . import patterns as p
from .lines import SourceLine, Token, classify

# A margin title line is short: the margin column is narrow.
_TITLE_WIDTH = 32
# A division title printed after a heading block ("CAPITOLO 2" … "Giorni di riposo e vacanze").
_DIVISION_TITLE_WIDTH = 60
# Characters: more than the patterns on how a text ends (HYPHENATED_END, SENTENCE_END,
# ABBREVIATION_END) look back; the same window as ``build.END``. Those patterns end in "$" and a
# search tries every position of the text: on its last few characters a long line costs no more.
_END = 12
# A body line shorter than this share of the text's column width ends its paragraph, with or
# without a full stop ("… nei confronti del Segretario" / "comunale e del Tecnico comunale" /
# "Sono considerati …"): a wrapped line runs close to the column's edge.
_SHORT_LINE = 0.6
# … and one at least this long runs to it.
_FULL_LINE = 0.95
# The first paragraph after a block, where the text before the block ended a sentence: it opens a
# body more often than it goes on the previous page's article (-5 until session 5: measured on
# bench.margin_bench, -3 reads more layouts right and the raw OCR file as well; -2 gives the first
# paragraph of art. 36 there to art. 35).
_PAGE_AFTER_SENTENCE = -3.0
# Below this score margin an article's start is reported as uncertain.
_SURE_MARGIN = 2.0
# A paragraph that cites the article just before its own often opens its article's body.
_CITES_PREVIOUS = 3.0
# An opening that closes a provision ("Resta riservata …") or cites a capoverso of its own article
# (some articles open so: "Rimangono riservate le disposizioni …") …
_POINTS_BACK = 4.0
# … and one that points back ("Egli …", "Tale misura …", "Inoltre …"): its subject is in the text
# before it, so it opens no article even where it repeats the margin title's words ("Egli deve
# evitare … all'immagine dell'amministrazione" under "Immagine dell'amministrazione": the words
# belong to the article it goes on).
_REFERS_BACK = 8.0
# A paragraph not parted by a blank line from the one before, where the block's paragraphs are.
_NO_BLANK = 3.0
# Two paragraphs that share their words (cosine of their stems, 0 … 1) are less likely two bodies.
_COHESION = 3.0
# Two lines at most this far apart in the source stand together (a blank line or two between them).
_NEAR = 3
# An unnumbered paragraph right after a numbered capoverso, where the block's numbering runs
# unbroken (no number lost): an article whose capoversi are numbered numbers them all, so it
# opens the next article's body (a single capoverso, printed without a number).
_AFTER_NUMBERED = 4.0
# A last body with fewer paragraphs than the numbering after the next headings asks for.
_CARRIED_NUMBERING = 4.0
# … "are": at least this share of the block's paragraphs is followed by a blank line.
_BLANK_SHARE = 0.6
# The opening words of a paragraph (about a printed line and a half) where a margin title's
# words say that it opens that article's body (measured on the generated layouts: 12 … 20).
_OPENING_WORDS = 14
# Each word of a margin title found in the article's body (anywhere in it).
_TITLE_FOUND = 1.0
# Bodies of one page tend to be alike in size: the weight of a body's size against the mean …
_SIZE_WEIGHT = 3.0
# … beyond this much (a natural-log ratio: about 2.5 times or 0.4 times the mean) a body's size is odd.
_SIZE_SLACK = 0.9
# Two titled headings in a row may be an empty article in an ordinary text: the layout is
# taken as margin titles only when at least this many headings stand in blocks.
_LEAST_MARGIN_HEADINGS = 3
# Words too common in this field to tell one article's title from another's.
_COMMON_WORDS = frozenset(
    {
        "della",
        "delle",
        "dello",
        "degli",
        "dalla",
        "dalle",
        "sulla",
        "sulle",
        "nella",
        "nelle",
        "alla",
        "alle",
        "comune",
        "municipio",
        "collaboratore",
        "collaboratori",
        "collaboratrice",
        "presente",
        "regolamento",
        "caso",
        "casi",
        "altri",
        "altre",
        "altra",
    }
)

# Prepositions, articles and conjunctions: a margin title does not end on one.
_DANGLING = (
    "a al allo alla ai agli alle di del dello della dei degli delle da dal dallo dalla dai dagli dalle in nel nello "
    "nella nei negli nelle su sul sullo sulla sui sugli sulle per con tra fra e ed o od il lo la i gli le un uno una"
)
_DANGLING_WORDS = frozenset(_DANGLING.split())

# Italian words of four letters or more that say nothing of a paragraph's subject (cohesion).
_FUNCTION_WORDS = (
    "sono essere stato stata stati viene vengono deve devono possono anche come quando nonché quale quali "
    "questo questa questi queste quello quella loro ogni tutti tutte tutto entro fino secondo presso oppure "
    "ovvero mediante verso senza dopo prima durante tramite inoltre però dell nell sull all dall"
)
# Italian verb and noun endings (accents already stripped), longest first: a margin title names its
# subject with a noun, the body often with the verb ("Divieto di fumo" / "è vietato fumare").
_ENDINGS = (
    *("zione", "zioni", "mento", "menti", "ando", "endo"),
    *("are", "ere", "ire", "ato", "ata", "ati", "ate", "ito", "ita", "iti", "ite", "uto", "uta", "uti", "ute"),
)


def _stem(word: str) -> str:
    """The word without its ending (at least three letters kept), at most five letters:
    "fumo" and "fumare" share "fum", "lavoro" and "lavoratori" "lavor"."""
    if word.endswith(_ENDINGS):  # one test for most words
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                return word[: len(word) - len(ending)][:5]
    if word[-1] in "aeiou":
        word = word[:-1]  # words have four letters or more (``_words``): three stay
    return word[:5]


_FUNCTION_STEMS = frozenset(_stem(word) for word in _FUNCTION_WORDS.split()) | frozenset(_stem(word) for word in _COMMON_WORDS)


@dataclass
class _Group:
    """One heading of a block with its margin title lines."""

    heading: SourceLine
    titles: list[SourceLine] = field(default_factory=list)

    @property
    def title(self) -> str:
        return " ".join(line.text.strip() for line in self.titles)


@dataclass
class _Unit:
    """A paragraph of the text after a block (its OCR lines, see ``_opens_after``), or a
    division heading with its title."""

    lines: list[SourceLine]  # with the blank lines that follow it
    division: bool = False

    @property
    def texts(self) -> list[str]:
        return [line.text.strip() for line in self.lines if line.text.strip()]

    @property
    def first(self) -> int:
        return self.lines[0].position

    @property
    def last(self) -> int:
        return max(line.position for line in self.lines if line.text.strip())


def read_margin_layout(lines: list[SourceLine]) -> tuple[list[SourceLine], list[Diagnostic]]:
    """The lines in reading order (heading, title, body per article) and the doubts found.

    Text without heading blocks comes back unchanged (the same list object).
    """
    if any(line.hint or line.cells is not None for line in lines):
        return lines, []  # a structured reader (PDF, DOCX tables) already placed the titles
    tokens = [_classify(line) for line in lines]
    if _margin_headings(tokens) < _LEAST_MARGIN_HEADINGS:
        return lines, []
    return _Reorder(tokens).run()


class _Reorder:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.out: list[SourceLine] = []
        self.notes: list[Diagnostic] = []
        self.previous_article = False  # has an article been emitted (can text carry over to it)?
        self.column = _title_column(tokens)
        self.width = _column_width(tokens)
        self.parted = _blank_parted(tokens)
        self.placed: list[int] = []  # heading lines of the articles whose body this reader chose

    def run(self) -> tuple[list[SourceLine], list[Diagnostic]]:
        index = 0
        tokens = self.tokens
        while index < len(tokens):
            token = tokens[index]
            if token.kind == "back_matter" and self.previous_article:
                self.out.extend(t.line for t in tokens[index:])
                break
            if token.kind == "article" and _has_block(tokens, index):
                index = self.block(index)
                continue
            glued = _glued_title(tokens, index, self.column) if token.kind == "article" else None
            if glued is not None:
                self.out.extend(glued)
                self.previous_article = True
                index += 2
                continue
            if token.kind == "article":
                self.previous_article = True
            self.out.append(token.line)
            index += 1
        if self.placed:
            self.notes.insert(0, self.overview())
        return _mark_paragraphs(self.out, self.width, self.parted), self.notes

    # -- one block and the text after it
    def block(self, start: int) -> int:
        groups, index = _read_groups(self.tokens, start)
        self.placed.extend(group.heading.position for group in groups)
        end = index
        while end < len(self.tokens) and not self.stream_ends(end):
            end += 1
        held = self.pull_trailing_divisions()
        units = _units(self.tokens[index:end], self.width, self.parted)
        if held and not _has_title(held) and units and _is_division_title_unit(units[0]):
            held.extend(units.pop(0).lines)  # "CAPITOLO 2" before the block, its title after it
        starts = self.assign(groups, units, bool(held), _carried_numbering(self.tokens, end))
        first = starts[0] if starts else len(units)
        for unit in units[:first]:  # the previous page's article goes on
            self.out.extend(unit.lines)
        self.out.extend(held)
        bounds = [*starts, len(units)]
        for number, group in enumerate(groups):
            body = units[bounds[number] : bounds[number + 1]] if number < len(starts) else []
            divisions = []
            while body and body[0].division:
                divisions.append(body.pop(0))
            for unit in divisions:
                self.out.extend(unit.lines)
            self.out.append(group.heading)
            self.out.extend(replace(line, hint="article_title") for line in group.titles)
            for unit in body:
                self.out.extend(unit.lines)
        self.previous_article = True
        return end

    def overview(self) -> Diagnostic:
        """The one notice that the bodies were placed by this reader: the doubts reported one by
        one are the likeliest errors, not every possible one (bench.margin_bench, «silent»)."""
        return Diagnostic(
            "margin_layout",
            f"Titoli a margine: il testo elenca i titoli di {len(self.placed)} articoli prima dei loro testi "
            f"(dalla riga {self.placed[0]}). Ho dato a ogni articolo il testo che segue, nell'ordine, "
            "deducendo dove inizia ciascuno. Controlli l'inizio del testo di questi articoli: gli avvisi "
            "seguenti indicano i punti più incerti, ma un errore è possibile anche altrove.",
            self.placed[0],
            "avviso",
        )

    def stream_ends(self, index: int) -> bool:
        kind = self.tokens[index].kind
        return kind == "article" or kind == "back_matter"

    def pull_trailing_divisions(self) -> list[SourceLine]:
        """Division headings just before a block (no body after them yet) belong after the
        text that the block's page carries over from the previous one."""
        texts = [index for index, line in enumerate(self.out) if line.text.strip()]
        found = None
        for rank in range(len(texts) - 1, -1, -1):
            token = _classify(self.out[texts[rank]])
            if token.kind == "division":
                found = texts[rank]
                continue
            before = _classify(self.out[texts[rank - 1]]) if rank else None
            if before is not None and before.kind == "division" and _is_division_title(token.text):
                continue  # the title line of the division before it
            break
        if found is None:
            return []
        held = [line for line in self.out[found:] if line.text.strip()]
        blanks = [line for line in self.out[found:] if not line.text.strip()]
        del self.out[found:]
        self.out.extend(blanks)
        return held

    # -- where each body starts
    def assign(self, groups: list[_Group], units: list[_Unit], after_division: bool, least_last: int) -> list[int]:
        """Index of the first unit of each group's body (fewer when the text runs out); the last
        body should hold at least ``least_last`` paragraphs (see ``_carried_numbering``)."""
        body = [i for i, unit in enumerate(units) if not unit.division]
        if len(body) < len(groups):
            self.warn_short(groups, units, len(body))
            return [_first_of_run(units, i) for i in body]
        may_carry = self.text_open() if self.previous_article and not after_division else None
        scores = _Scores.of(groups, units, may_carry, least_last)
        best, score = _best_starts(groups, units, scores, forbid=None)
        for number, start in enumerate(best):
            alternative, other = _best_starts(groups, units, scores, (number, start))
            if alternative and score - other < _SURE_MARGIN:
                self.warn_uncertain(groups[number], units, start, alternative[number])
        return [_first_of_run(units, start) for start in best]

    def text_open(self) -> bool:
        """Did the text before the block stop inside a sentence (a body cut by the page end)?"""
        last = next((line.text.strip() for line in reversed(self.out) if line.text.strip()), "")
        return not _ends_sentence(last)

    def warn_uncertain(self, group: _Group, units: list[_Unit], chosen: int, other: int) -> None:
        number = _article_label(group)
        self.notes.append(
            Diagnostic(
                "margin_uncertain",
                f"Titoli a margine: l'inizio del testo dell'{number} («{group.title}») è incerto. L'ho fatto iniziare "
                f"alla riga {units[chosen].first} («{_short(units[chosen].texts[0])}»); potrebbe iniziare alla riga "
                f"{units[other].first} («{_short(units[other].texts[0])}»). Controlli a quale articolo appartiene "
                "il testo tra le due righe.",
                group.heading.position,
                "avviso",
            )
        )

    def warn_short(self, groups: list[_Group], units: list[_Unit], bodies: int) -> None:
        names = ", ".join(_article_label(group) for group in groups)
        self.notes.append(
            Diagnostic(
                "margin_short",
                f"Titoli a margine: la pagina elenca {len(groups)} articoli ({names}) ma dopo i titoli ci sono solo "
                f"{bodies} paragrafi (righe {units[0].first if units else groups[-1].heading.position}–"
                f"{units[-1].last if units else groups[-1].heading.position}): i paragrafi sono stati dati ai primi "
                "articoli, nell'ordine; controlli il testo di questi articoli.",
                groups[0].heading.position,
                "avviso",
            )
        )


# ---------------------------------------------------------------------------- blocks


def _has_block(tokens: list[Token], index: int) -> bool:
    """Does a block of at least two headings without bodies start at ``index``?"""
    if tokens[index].kind != "article" or not _bare_heading(tokens[index]):
        return False
    groups, after = _read_groups(tokens, index)
    if len(groups) == 1:
        # one article starts on the page: its margin title stands apart from the text by a blank
        # line, and the text may first carry on the previous page's article
        return tokens[after - 1].kind == "blank"
    return len(groups) >= 2


def _heading_blocks(tokens: list[Token]) -> Iterator[list[_Group]]:
    """The blocks of two or more headings without bodies, in reading order."""
    index = 0
    while index < len(tokens):
        if tokens[index].kind == "article" and _bare_heading(tokens[index]):
            groups, after = _read_groups(tokens, index)
            if len(groups) >= 2:
                yield groups
                index = after
                continue
        index += 1


def _margin_headings(tokens: list[Token]) -> int:
    """How many headings of the text stand in blocks of headings without bodies."""
    return sum(len(groups) for groups in _heading_blocks(tokens))


def _blank_parted(tokens: list[Token]) -> bool:
    """Are the text's paragraphs parted by blank lines: is a body line ending a sentence mostly
    followed by a blank line rather than by a capital?"""
    blank = joined = 0
    for token, following in itertools.pairwise(tokens):
        if token.kind in ("text", "paragraph") and token.text.endswith("."):
            if following.kind == "blank":
                blank += 1
            elif following.kind == "text" and following.text[:1].isupper():
                joined += 1
    return blank + joined > 0 and blank >= _BLANK_SHARE * (blank + joined)


def _column_width(tokens: list[Token]) -> int:
    """The width of the text's body column: most body lines run to its edge (the longest
    tenth, a few lines wider than the rest, left aside)."""
    widths = sorted(len(token.text) for token in tokens if token.kind in ("text", "paragraph") and len(token.text) > _TITLE_WIDTH)
    return widths[len(widths) * 9 // 10] if widths else 0


def _title_column(tokens: list[Token]) -> int:
    """The width of the margin column: the longest margin title line of the text's blocks."""
    widths = (len(line.text.strip()) for groups in _heading_blocks(tokens) for group in groups for line in group.titles)
    return max(widths, default=0)


def _glued_title(tokens: list[Token], index: int, column: int) -> list[SourceLine] | None:
    """An article printed on the first body line ("Art. 46 Il Municipio definisce … lo stipendio")
    with its margin title glued to the start of the second ("Stipendio iniziale iniziale
    nell'ambito …"): the heading, the title and the body's two lines, or None.

    The title is the longest run of the second line's words that fits the margin column
    (``column``, measured on the text's margin titles), not ending on a preposition or an
    article ("Indicizzazione al" / "rincaro"); the body's sentence goes on after it in lower case.
    """
    token = tokens[index]
    rest = token.groups.get("rest", "").strip()
    if not column or token.match is None or index + 1 >= len(tokens) or tokens[index + 1].kind != "text":
        return None
    if len(rest) <= max(column, _TITLE_WIDTH) or _ends_sentence(rest) or _bare_heading(token):
        return None  # a title on the heading line ("Art. 4 Disdetta"), or a body that ends there
    line = tokens[index + 1].line
    words = tokens[index + 1].text.split()
    if not words[0][:1].isupper():
        return None
    taken = 1
    while taken < len(words) and len(" ".join(words[: taken + 1])) <= column:
        taken += 1
    while taken < len(words) and words[taken - 1].lower() in _DANGLING_WORDS:
        taken += 1
    if taken == len(words) or not words[taken][:1].islower():
        return None
    heading = token.text[: token.match.start("rest")].rstrip()
    return [
        replace(token.line, text=heading),
        replace(line, text=" ".join(words[:taken]), hint="article_title"),
        replace(token.line, text=rest),
        replace(line, text=" ".join(words[taken:])),
    ]


def _bare_heading(token: Token) -> bool:
    """ "Art. 8" or "Art. 62 !": a heading with nothing after it but an OCR'd capoverso mark."""
    rest = token.groups.get("rest", "").strip()
    return not rest or bool(p.OCR_ONE_ALONE.match(rest))


def _read_groups(tokens: list[Token], start: int) -> tuple[list[_Group], int]:
    """The headings of a block (each with its margin title) and the index after them.

    A heading without a title line ends the block: it is read as an ordinary heading.
    """
    groups: list[_Group] = []
    index = end = start
    while index < len(tokens) and tokens[index].kind == "article" and _bare_heading(tokens[index]):
        group = _Group(tokens[index].line)
        index += 1
        while True:
            after = _skip_blanks(tokens, index)
            if after >= len(tokens) or tokens[after].kind != "text" or not _is_title_line(tokens, after, bool(group.titles)):
                break
            if after > index and group.titles and not _next_is_heading(tokens, after + 1):
                break  # a short line after a blank: the body, unless another heading follows it
            group.titles.append(tokens[after].line)
            index = after + 1
        if not group.titles:
            break
        groups.append(group)
        end = index = _skip_blanks(tokens, index)
    return groups, end


def _skip_blanks(tokens: list[Token], index: int) -> int:
    while index < len(tokens) and tokens[index].kind == "blank":
        index += 1
    return index


def _next_is_heading(tokens: list[Token], index: int) -> bool:
    index = _skip_blanks(tokens, index)
    return index < len(tokens) and tokens[index].kind == "article"


def _is_short_title(text: str) -> bool:
    return 0 < len(text) <= _TITLE_WIDTH and not text.endswith((".", ";", ":")) and bool(p.HAS_CONTENT.search(text))


def _is_title_line(tokens: list[Token], index: int, goes_on: bool) -> bool:
    """A margin title line: short, no sentence end; or, between two headings, a title closed by a
    colon ("Campo di applicazione:"), or the lower-case last line of a wrapped title closed by a
    full stop ("… servizio di picchetto," / "ecc."). A body under a heading ("Abrogato.", "Il
    Municipio nomina.") stays a body."""
    text = tokens[index].text
    if _is_short_title(text):
        return True
    closed = text.endswith((":", ".")) and text[:1].islower() if goes_on else text.endswith(":")
    return 0 < len(text) <= _TITLE_WIDTH and closed and _next_is_heading(tokens, index + 1)


# ---------------------------------------------------------------------------- units


def _units(tokens: list[Token], width: int = 0, parted: bool = False) -> list[_Unit]:
    """Paragraphs and division headings of the text after a block, in order (``width``: the
    text's column width, 0 when unknown; ``parted``: the text parts its paragraphs by blank lines)."""
    units: list[_Unit] = []
    current: _Unit | None = None
    blank = True
    spaced = False  # was the last line joined to its paragraph across a blank line?
    division_open = False  # a division heading waits for its title line
    for token in tokens:
        kind = token.kind
        if kind == "blank":
            if current is not None:
                current.lines.append(token.line)
            blank = True
            continue
        if kind == "division":
            current = _Unit([token.line], division=True)
            units.append(current)
            division_open = not token.groups.get("dtitle", "").strip()
            blank = False
            continue
        if current is not None and current.division and division_open and _is_division_title(token.text):
            current.lines.append(token.line)
            division_open = False
            continue
        division_open = False
        opens = kind in ("paragraph", "lone_number") or current is None or current.division
        if not opens and current is not None and kind == "text":
            # a line after a table's last row opens a paragraph (a row has no sentence end to read)
            opens = _is_table_row(current.texts[-1]) or _opens_after(
                current.texts[-1], blank, spaced, token.text, width=width, parted=parted
            )
        spaced = blank and not opens and kind == "text"  # a lettera after a blank line opens an item
        if current is not None and not current.division and current.texts and _lone_number(current.texts[-1]):
            opens = False  # "1" on its own line, then its capoverso's text
        if opens:
            current = _Unit([token.line])
            units.append(current)
        else:
            assert current is not None
            current.lines.append(token.line)
        blank = False
    return units


def _opens_after(
    previous: str, blank: bool, spaced: bool, text: str, near: bool = True, width: int = 0, parted: bool = False
) -> bool:
    """Does plain line ``text`` open a new paragraph after the body line ``previous``?

    OCR keeps the printed line breaks (and on some pages a blank line after every line): a
    capital after a line that ends its sentence opens a paragraph (a capoverso whose number
    was lost is one); a lower-case start, a hyphenated end or a sentence going on does not,
    except a capital after a blank line (a paragraph without its full stop, "… del Comune")
    where the lines are not all parted by blank lines (``spaced``: the previous line was
    joined to its paragraph across one). A lower-case start after a full stop and a blank line
    opens one too when the two lines stand together in the source (``near``; not a page's text
    going on after the next page's headings): the OCR lost its capital ("I", "Il"). A capital
    after a line that stops far short of the column (``width``) opens one: a wrapped line runs
    to the column's edge, a paragraph without its full stop ends short of it; where the text
    parts its paragraphs by blank lines (``parted``), a full line that ends a sentence with no
    blank line after it goes on: its sentence ends at the edge by chance.
    """
    end = previous[-_END:]
    if near and blank and not spaced and text[:1].islower() and end.endswith(".") and _ends_sentence(end):
        return True  # "… (supplenze)." / "collaboratori percepiscono …"
    if p.HYPHENATED_END.search(end) or _starts_lower(text) or end.endswith(",") or p.ABBREVIATION_END.search(end):
        return False
    if parted and not blank and width and len(previous) >= _FULL_LINE * width and end.endswith("."):
        return False  # paragraphs parted by blank lines: a full line ends its sentence by chance
    if p.SENTENCE_END.search(end):
        return True
    capital = (text[:1].isupper() or text[:1] == "|") and not p.OCR_MIXED_CASE.match(text)
    return capital and ((blank and not spaced) or len(previous) < _SHORT_LINE * width)


def _is_table_row(text: str) -> bool:
    return classify(SourceLine(text, 0)).kind == "table_row"


def _starts_lower(text: str) -> bool:
    return text[:1].islower() or text[:1] in ",;)"


def _mark_paragraphs(lines: list[SourceLine], width: int = 0, parted: bool = False) -> list[SourceLine]:
    """Tell the tree builder how the OCR line breaks of article bodies read: each plain body
    line after the first is marked "paragraph" (it opens one) or "wrap" (it goes on), so that
    capoversi whose numbers the OCR lost stay apart and lines parted by blank lines inside a
    sentence stay together."""
    marked: list[SourceLine] = []
    previous: str | None = None  # the last body line of the current article
    at = 0  # its position in the source
    blank = spaced = listing = False  # listing: the paragraph ended with ":" and no lettera followed yet
    titled = False  # the line before was a margin title
    for line in lines:
        token = _classify(line)
        kind = token.kind
        if kind in ("blank", "page_number"):
            blank = blank or kind == "blank"
            marked.append(line)
            continue
        if kind == "paragraph" and token.match is not None and token.match.re is p.PARAGRAPH_OCR_L:
            line = replace(line, hint="paragraph")  # "l Il Municipio …": the builder would read it as going on
        if kind in ("article", "division", "back_matter"):
            listing = kind == "article" and token.text.endswith(":")  # "Art. 45 ' Per le … di nomina:"
        if kind == "article":
            previous = ""  # the line after a heading is its title or the body's start: the builder tells
        elif kind in ("division", "back_matter"):
            previous = None
        elif kind != "article_title" and previous is not None:
            if kind == "text" and previous:
                # entries of a list whose marks the OCR lost ("… requisiti di nomina:" / "Segretario
                # comunale: titolo …") go on the paragraph that announced them, up to a full stop
                # followed by a sentence that is no entry ("… percepito." / "Se la disdetta …")
                near = 0 < line.position - at <= _NEAR
                listed = listing and not (previous.endswith(".") and _sentence_after_list(token.text))
                opens = _opens_after(previous, blank, spaced, token.text, near, width, parted) and not listed
                line = replace(line, hint="paragraph" if opens else "wrap")
            elif kind == "text" and titled:
                line = replace(line, hint="paragraph")  # the body's first line, not more of its margin title
            spaced = blank and kind == "text" and line.hint == "wrap"  # a lettera after a blank line opens an item
            went_on = kind == "text" and line.hint != "paragraph"
            listing = kind not in ("letter", "bullet") and ((listing and went_on) or token.text.endswith(":"))
            previous, at = token.text, line.position
        marked.append(line)
        blank = False
        titled = kind == "article_title"
    return _items_join(_numbering_joins(marked))


def _sentence_after_list(text: str) -> bool:
    """Does ``text``, after a listed entry's full stop, open a sentence of its own: a capital, and
    no label with a colon ("Tecnico comunale: titolo …") that would make it the next entry?"""
    return text[:1].isupper() and not p.LIST_ENTRY.match(text)


def _items_join(lines: list[SourceLine]) -> list[SourceLine]:
    """A line read as opening a paragraph between two lettere ("c. Contabile: attestato …" /
    "Attestato federale …" / "d. Specialista …") goes on the lettera before: a capoverso does not
    stand inside a list."""
    lines = list(lines)
    in_item = False
    for index, line in enumerate(lines):
        token = _classify(line)
        if token.kind in ("blank", "page_number"):
            continue
        if token.kind == "letter":
            in_item = True
        elif in_item and token.kind == "text" and line.hint == "paragraph" and _later_letter_follows(lines, index + 1):
            lines[index] = replace(line, hint="wrap")
        elif token.kind != "text" or line.hint != "wrap":
            in_item = False
    return lines


def _later_letter_follows(lines: list[SourceLine], index: int) -> bool:
    while index < len(lines) and not lines[index].text.strip():
        index += 1
    if index == len(lines):
        return False
    token = _classify(lines[index])
    return token.kind == "letter" and token.groups.get("letter", "a") != "a"


def _numbering_joins(lines: list[SourceLine]) -> list[SourceLine]:
    """A capoverso number that follows the last one (1 … 2) says that the unnumbered
    paragraphs between them belong to the first: their lines are marked "wrap"."""
    lines = list(lines)
    last: int | None = None  # the last capoverso number of the current article
    opened: list[int] = []  # lines marked "paragraph" since that number
    for index, line in enumerate(lines):
        token = _classify(line)
        if token.kind in ("article", "division", "back_matter"):
            last = 1 if token.kind == "article" and p.OCR_ONE_ALONE.match(token.groups.get("rest", "").strip()) else None
            opened = []
            continue
        number = _capoverso_number(token)
        if number is not None:
            if last is not None and number == last + 1:
                for other in opened:
                    lines[other] = replace(lines[other], hint="wrap")
            last, opened = number, []
        elif line.hint == "paragraph":
            opened.append(index)
    return lines


def _capoverso_number(token: Token) -> int | None:
    groups = token.groups
    if token.kind == "lone_number":
        return int(groups["lone"]) if groups else 1  # no groups: an OCR'd "1" (``_classify``)
    if token.kind != "paragraph":
        return None
    if "pocr" in groups:
        return 1
    raw = groups.get("pnum") or groups.get("psup", "").translate(p.SUPERSCRIPT_DIGITS)
    return int(raw) if raw.isdigit() else None


def _is_division_title(text: str) -> bool:
    """ "Altre tipologie d'impiego (art. 319 ss CO)": short, capitalised, no full stop at the end."""
    return len(text) <= _DIVISION_TITLE_WIDTH and not text.rstrip().endswith((".", ";", ":", ",")) and text[:1].isupper()


def _is_division_title_unit(unit: _Unit) -> bool:
    return not unit.division and len(unit.texts) == 1 and _is_division_title(unit.texts[0]) and len(unit.texts[0].split()) <= 8


def _has_title(lines: list[SourceLine]) -> bool:
    texts = [line.text.strip() for line in lines if line.text.strip()]
    if len(texts) > 1:
        return True
    match = p.DIVISION_HEADING.match(texts[0]) if texts else None
    return bool(match and match["dtitle"].strip())


def _carried_numbering(tokens: list[Token], index: int) -> int:
    """How many paragraphs the last article before ``index`` holds at least, read from the text
    after the next page's headings: "… possono essere" / (headings) / "conservati oltre …" /
    "3 Sono conservati …" says that the article cut by the page end had two capoversi before the
    headings (the cut one included). 0 when the text says nothing."""
    if index >= len(tokens) or not _has_block(tokens, index):
        return 0
    _, after = _read_groups(tokens, index)
    end = after
    while end < len(tokens) and tokens[end].kind not in ("article", "back_matter"):
        end += 1
    opened = 0  # paragraphs opened after the headings before the numbered one
    for unit in _units(tokens[after:end]):
        token = _classify(unit.lines[0])
        number = _capoverso_number(token) if _restarts(token, unit) is not None else None
        if unit.division or number == 1:
            return 0
        if number is not None:
            return max(0, number - 1 - opened)
        if not _goes_on(_opening_text(unit)):
            opened += 1
    return 0


def _first_of_run(units: list[_Unit], start: int) -> int:
    """A body that starts after division headings: the divisions go with it."""
    while start > 0 and units[start - 1].division:
        start -= 1
    return start


# ---------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class _Scores:
    """The evidence of one block, computed once: ``start[j][u]`` (unit u opens group j's body),
    ``keep[j][u]`` (unit u lies inside it), ``carry[u]`` (unit u goes on the previous page's article),
    the title stems of each group, the word stems and size of each unit."""

    start: list[list[float]]
    keep: list[list[float]]
    carry: list[float]
    titles: list[frozenset[str]]
    stems: list[frozenset[str]]
    sizes: list[int]
    least_last: int  # paragraphs the last body should hold: its numbering goes on after the next headings
    cache: dict[tuple[int, int, int], float] = field(default_factory=dict)  # body scores without size

    @classmethod
    def of(cls, groups: list[_Group], units: list[_Unit], may_carry: bool | None, least_last: int = 0) -> _Scores:
        keep = [[_keep_score(group, units, i) for i in range(len(units))] for group in groups]
        blank_parted = _blank_separated(units)
        intact = _numbering_intact(units)
        start = [
            [
                0.0
                if unit.division
                else _start_score(group, units, i, blank_parted)
                + keep[j][i]
                - _restart_penalty(units, i)
                + (_AFTER_NUMBERED if intact and _follows_numbered(units, i) else 0.0)
                for i, unit in enumerate(units)
            ]
            for j, group in enumerate(groups)
        ]
        return cls(
            start,
            keep,
            [_carry_score(units, i, may_carry) for i in range(len(units))],
            [_stems(group.title) for group in groups],
            [frozenset() if unit.division else _stems(" ".join(unit.texts)) for unit in units],
            [0 if unit.division else len(" ".join(unit.texts)) for unit in units],
            least_last,
        )

    def body(self, group: int, first: int, end: int, mean: float) -> float:
        """Group ``group``'s body made of units ``first`` … ``end - 1``: its start, the units it
        keeps, the title's words found anywhere in it, and its size against ``mean``, the mean
        size of the block's bodies."""
        key = (group, first, end)
        if key not in self.cache:
            found: set[str] = set()
            for i in range(first, end):
                found |= self.stems[i]
            score = self.start[group][first] + sum(self.keep[group][i] for i in range(first + 1, end))
            self.cache[key] = score + _TITLE_FOUND * len(self.titles[group] & found)
        size = sum(self.sizes[first:end])
        if group == len(self.titles) - 1 and sum(1 for i in range(first, end) if self.sizes[i]) < self.least_last:
            return self.cache[key] - _CARRIED_NUMBERING  # the numbering after the next headings asks for more
        prior = _SIZE_WEIGHT * max(0.0, abs(math.log(size / mean)) - _SIZE_SLACK) if size and mean else 0.0
        return self.cache[key] - prior


def _best_starts(
    groups: list[_Group], units: list[_Unit], scores: _Scores, forbid: tuple[int, int] | None
) -> tuple[list[int], float]:
    """The body units that start each group's body, chosen jointly by dynamic programming over
    whole bodies: each body scores its start, the units it keeps, the margin title's words it
    holds and its size against the mean size of the block's bodies (the units before the first
    body, carried over from the previous page, do not count in that mean).

    ``forbid`` = (group, unit) excludes one choice, to measure how sure the best one is.
    A body unit right after a division heading must start a body.
    """
    body = [i for i, unit in enumerate(units) if not unit.division]
    forced = {i for i in body if i > 0 and units[i - 1].division}
    found: tuple[list[int], float] = ([], float("-inf"))
    for first in range(len(body)):
        if forbid == (0, body[first]) or any(i in forced for i in body[:first]):
            continue
        starts, score = _best_from(groups, units, body, forced, first, scores, forbid)
        score += sum(scores.carry[i] for i in body[:first])
        if starts and score > found[1]:
            found = starts, score
    return found


def _best_from(
    groups: list[_Group],
    units: list[_Unit],
    body: list[int],
    forced: set[int],
    first: int,
    scores: _Scores,
    forbid: tuple[int, int] | None,
) -> tuple[list[int], float]:
    """The best starts with the first group's body starting at ``body[first]``."""
    minus = float("-inf")
    last = len(groups) - 1
    mean = sum(scores.sizes[body[first] :]) / len(groups)
    # best[j][b]: the best score of groups 0..j-1, whose bodies end before body[b], group j starting at body[b]
    best = [[minus] * len(body) for _ in groups]
    back = [[-1] * len(body) for _ in groups]
    best[0][first] = 0.0
    for j in range(1, len(groups)):
        for b in range(first + 1, len(body)):
            if forbid == (j, body[b]):
                continue
            for a in range(b - 1, first - 1, -1):
                if best[j - 1][a] > minus:
                    total = best[j - 1][a] + scores.body(j - 1, body[a], body[b], mean)
                    if total > best[j][b]:
                        best[j][b], back[j][b] = total, a
                if body[a] in forced:
                    break
    finals = [
        (best[last][b] + scores.body(last, body[b], len(units), mean), b)
        for b in range(len(body))
        if best[last][b] > minus and not any(i in forced for i in body[b + 1 :])
    ]
    if not finals:
        return [], minus
    score, b = max(finals)
    chosen = [b]
    for j in range(last, 0, -1):
        b = back[j][b]
        chosen.append(b)
    return [body[b] for b in reversed(chosen)], score


def _start_score(group: _Group, units: list[_Unit], index: int, blank_parted: bool) -> float:
    """How well unit ``index`` reads as the first paragraph of ``group``'s article (``blank_parted``:
    the block's paragraphs are parted by blank lines)."""
    unit = units[index]
    token = _classify(unit.lines[0])
    score = 0.0
    restart = _restarts(token, unit)
    if restart is True:
        score += 4
    elif restart is False:
        score -= 6  # "2 …": the numbering goes on
    text = _opening_text(unit)
    previous = units[index - 1] if index > 0 else None
    if _opens_lower(text):
        score -= 1 if previous is not None and _lost_capital(previous) else 6
    letter = p.ITEM_LETTER.match(text)
    if letter:
        score -= 1 if letter["letter"] == "a" else 6
    if p.BACK_REFERENCE_OPENING.match(text):
        score -= _REFERS_BACK  # "Egli deve evitare …", "Tale misura …": the text before it goes on
    if p.RESERVATION_OPENING.match(text) or _cites_own_paragraph(unit):
        score -= _POINTS_BACK  # "Resta riservata …", "al cpv. 1": likely the text before it goes on
    if previous is not None and not previous.division and not _ends_sentence(previous.texts[-1]):
        score -= 4
    if previous is not None and previous.division:
        score += 2 + _TITLE_FOUND * min(1, _shared_words(group.title, _division_text(units, index)))
    if previous is not None and not previous.division:
        score -= _COHESION * _cohesion(previous, unit)
    if previous is not None and not previous.division and blank_parted and not _blank_after(previous):
        score -= _NO_BLANK  # the bodies of the block stand apart, this line follows on the one before
    score += min(6.0, 2.0 * _shared_words(group.title, " ".join(" ".join(unit.texts).split()[:_OPENING_WORDS])))
    number = _article_number(group)
    if number.isdigit() and _cites(unit, str(int(number) - 1)):
        score += _CITES_PREVIOUS  # "le assenze non conformi a quanto previsto dall'art. 19" opens art. 20
    return score


def _numbering_intact(units: list[_Unit]) -> bool:
    """Do the block's capoverso numbers run unbroken: each number after the first either 1 or
    the one before plus one, with no other paragraph between the two? Then no number was lost
    (OCR drops some of them only here and there), and capoversi are numbered wherever an
    article has several."""
    numbered: list[tuple[int, int]] = []
    for index, unit in enumerate(units):
        number = _unit_number(unit)
        if number is not None:
            numbered.append((index, number))
    if len(numbered) < 2:
        return False
    for (before, number), (index, following) in itertools.pairwise(numbered):
        if following != 1 and (following != number + 1 or index != before + 1):
            return False
    return True


def _unit_number(unit: _Unit) -> int | None:
    """The capoverso number a paragraph opens with, if any ("1", "'", "2", a lone "3" line)."""
    if unit.division:
        return None
    token = _classify(unit.lines[0])
    return _capoverso_number(token) if _restarts(token, unit) is not None else None


def _follows_numbered(units: list[_Unit], index: int) -> bool:
    """An unnumbered paragraph right after a capoverso numbered 2 or more (after a lone "1" its
    "2" may be what is lost)."""
    if index == 0 or _unit_number(units[index]) is not None:
        return False
    number = _unit_number(units[index - 1])
    return number is not None and number >= 2


def _lost_capital(previous: _Unit) -> bool:
    """A lower-case paragraph after a full stop and a blank line: the OCR lost its capital
    ("I collaboratori" read "collaboratori"), it opens a paragraph (see ``_opens_after``)."""
    return (
        not previous.division
        and _blank_after(previous)
        and previous.texts[-1].endswith(".")
        and _ends_sentence(previous.texts[-1])
    )


def _cohesion(first: _Unit, second: _Unit) -> float:
    """How much two paragraphs share their words (0 … 1, cosine of their word stems): paragraphs
    of one article speak of the same things, those of two articles less (as in TextTiling)."""
    a, b = (_stems(" ".join(unit.texts)) - _FUNCTION_STEMS for unit in (first, second))
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def _division_text(units: list[_Unit], index: int) -> str:
    """The headings and titles of the divisions right before unit ``index`` ("CAPITOLO 1 /
    Organizzazione del lavoro"): a chapter's title often names the subject of its first article."""
    first = index
    while first > 0 and units[first - 1].division:
        first -= 1
    return " ".join(text for unit in units[first:index] for text in unit.texts)


def _blank_after(unit: _Unit) -> bool:
    return not unit.lines[-1].text.strip()


def _blank_separated(units: list[_Unit]) -> bool:
    """Are the block's paragraphs parted by blank lines (most of them, the OCR keeps some apart
    without one)?"""
    gaps = [_blank_after(unit) for unit in units[:-1] if not unit.division]
    return len(gaps) >= 2 and sum(gaps) >= _BLANK_SHARE * len(gaps)


def _cites_own_paragraph(unit: _Unit) -> bool:
    """Does the paragraph cite a capoverso of its own article ("al cpv. 1 del presente articolo",
    "i precedenti capoversi")? Then it is not the article's first."""
    return _text_cites_own_paragraph(" ".join(unit.texts))


@functools.lru_cache(maxsize=1024)
def _text_cites_own_paragraph(text: str) -> bool:
    from ..xref.extract import scan  # the reference grammar; imported here, margin layouts are rare

    return any(
        ref.kind == "same_article" and (ref.relative == "previous" or any(target.paragraph for target in ref.targets))
        for ref in scan(text)
    )


def _cites(unit: _Unit, number: str) -> bool:
    return any(match["num"] == number for match in p.ARTICLE_CITATION.finditer(" ".join(unit.texts)))


def _keep_score(group: _Group, units: list[_Unit], index: int) -> float:
    """Unit ``index`` inside ``group``'s body: a restart mark there is odd, the title's words
    fit, a reference to the article itself ("previsto dall'art. 19" in art. 19) does not."""
    unit = units[index]
    if unit.division:
        return 0.0
    text = " ".join(unit.texts)
    score = _restart_penalty(units, index) + 0.5 * _shared_words(group.title, text)
    if _cites(unit, _article_number(group)):
        score -= 3.0
    return score


def _restart_penalty(units: list[_Unit], index: int) -> float:
    return -3.0 if _restarts(_classify(units[index].lines[0]), units[index]) is True else 0.0


def _carry_score(units: list[_Unit], index: int, may_carry: bool | None) -> float:
    """A unit before the first body: the previous page's article goes on (or front matter).

    ``may_carry`` is None when no article precedes, True when the text before the block
    stopped inside a sentence, False when it stopped at a sentence end.
    """
    unit = units[index]
    if may_carry is None:
        return -1.0
    token = _classify(unit.lines[0])
    restart = _restarts(token, unit)
    text = _opening_text(unit)
    if restart is False or _goes_on(text):
        return 3.0
    if index == 0:
        # a page that starts after a sentence end may still go on the previous page's article with a
        # new paragraph (the page break fell between two of its paragraphs): a mild sign, not a verdict
        return 4.0 if may_carry else _PAGE_AFTER_SENTENCE
    if restart is True:
        return -4.0
    return -0.5


def _goes_on(text: str) -> bool:
    """Does a paragraph open as the text before it goes on: lower-case, or a list's later
    lettera ("c) …", an OCR'd "¢) …")?"""
    letter = p.ITEM_LETTER.match(text)
    return _opens_lower(text) or bool(letter and letter["letter"] != "a") or bool(p.OCR_ITEM_MARK.match(text))


def _opens_lower(text: str) -> bool:
    """A paragraph's text in lower case, but for a capoverso that opens with its lettera ("lett. h) …")."""
    return text[:1].islower() and not p.CAPOVERSO_OPENING.match(text)


def _restarts(token: Token, unit: _Unit) -> bool | None:
    """True: a capoverso numbered 1 ("1", "'", "!", "¹", a lone "1" line); False: numbered
    above 1 (the numbering goes on); None: unnumbered."""
    groups = token.groups
    if token.kind == "lone_number":
        return groups.get("lone", "1") == "1" if len(unit.texts) > 1 else None
    if token.kind != "paragraph":
        return None
    if "pocr" in groups:
        return True
    raw = groups.get("pnum") or groups.get("psup", "").translate(p.SUPERSCRIPT_DIGITS)
    return raw == "1"


def _classify(line: SourceLine) -> Token:
    """``lines.classify``, and a capoverso "1" that the OCR read as "l" ("l Il Municipio …"), alone
    on its line or not."""
    token = classify(line)
    if token.kind == "text" and token.text.startswith("l "):
        match = p.PARAGRAPH_OCR_L.match(token.text)
        if match:
            return Token("paragraph", line, match)
    if token.kind == "text" and p.OCR_ONE_LINE.match(token.text):
        return Token("lone_number", line)  # "!" or "l" alone: an OCR'd "1" on its own line
    return token


def _lone_number(text: str) -> bool:
    return bool(p.LONE_NUMBER.match(text) or p.OCR_ONE_LINE.match(text))


def _opening_text(unit: _Unit) -> str:
    texts = unit.texts
    text = texts[1] if len(texts) > 1 and _lone_number(texts[0]) else texts[0]
    token = _classify(SourceLine(text, 0))
    return str(token.groups.get("ptext", text)).lstrip("|").strip() if token.kind == "paragraph" else text


def _ends_sentence(text: str) -> bool:
    text = text.rstrip()[-_END:]
    return bool(p.SENTENCE_END.search(text)) and not text.endswith((":", ";", ",")) and not p.ABBREVIATION_END.search(text)


def _shared_words(title: str, text: str) -> int:
    """How many word stems of a margin title the body's first paragraph repeats."""
    return len(_stems(title) & _stems(text))


@functools.lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    return frozenset(_stem(word) for word in _words(text))


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c if c.isalpha() else " " for c in text if not unicodedata.combining(c))
    return [word for word in text.split() if len(word) >= 4 and word not in _COMMON_WORDS]


def _article_number(group: _Group) -> str:
    match = p.ARTICLE_HEADING.match(group.heading.text.strip())
    return match["num"] if match else ""


def _article_label(group: _Group) -> str:
    match = p.ARTICLE_HEADING.match(group.heading.text.strip())
    return f"art. {match['num']}" if match else group.heading.text.strip()


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
