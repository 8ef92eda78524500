"""Synthetic ROD texts with a known ground truth, for tests and benchmarks, made from the corpus articles.

Deterministic for a given seed and corpus. Standard library only (python-docx, a rodiff
dependency, for ``make_docx``); it does not use rodiff's parser, so the synthetic texts, which
are the ground truth, do not change when the parser changes::

    from tests.support.synth import make_rod, revise, revise_with_truth, make_docx  # .support.synth in tests

    old = make_rod(500)                     # "Art. 1" ... "Art. 500", in the corpus text format
    rev = revise_with_truth(old, seed=2)    # 3 articles inserted, 2 removed, ~15% of sentences edited
    rev.text, rev.mapping[17]               # revised text; new number of old art. 17
    new = revise(old, seed=2)               # same text as rev.text, without the ground truth
    make_docx(old, "old.docx")              # one Word paragraph per line

``make_rod`` recycles the articles of ``corpus/vacallo/rod-1991.txt``, ``rod-nuovo.txt``
and ``corpus/alto-malcantone/rod-2019.txt`` (read line by line in the corpus format): titles,
capoversi, lettere, sub-items and tables are real; capoversi are renumbered "1.", "2." when
an article has more than one, lettere relabelled "a)", "b)", sub-items written "- ". After
the first use of every corpus article, articles mix capoversi of several corpus articles, so
that no two synthetic articles have the same body. Internal references ("art. 4", "agli art. 5 e
6", "dall'art. 30") are pointed at articles of the synthetic document near the citing one;
references to other laws ("art. 143 LOC", "art. 329 del Codice delle Obbligazioni") are kept.

Divisions: a "TITOLO I" heading (roman numeral, title on the next line) every 2-4 chapters,
a "Capitolo N - TITLE" heading every 8-12 articles (about 10). Blank line between blocks.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["CORPUS", "SOURCES", "Reference", "Revision", "make_docx", "make_rod", "references", "revise", "revise_with_truth"]

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SOURCES = (
    CORPUS / "vacallo" / "rod-1991.txt",
    CORPUS / "vacallo" / "rod-nuovo.txt",
    CORPUS / "alto-malcantone" / "rod-2019.txt",
)

FRONT = "REGOLAMENTO ORGANICO DEI DIPENDENTI DEL COMUNE DI SINTESI"
BACK = (
    "---",
    "Per il Municipio",
    "Il Sindaco: Mario Rossi",
    "Il Segretario: Anna Bianchi",
    "",
    "Approvato dal Consiglio comunale il 1 gennaio 2000",
)

# ------------------------------------------------------------------ references

# "art. 4", "all'art. 23", "dall'art.143", "agli art. 5 e 6", "artt. 46 e 50", "art. 37, 39"
_REFERENCE = re.compile(r"(?<![\w])(?:[Aa]rtt?\.)\s?(?P<nums>\d{1,4}(?:\s*(?:,|e|ed)\s*\d{1,4})*)(?![\d\w])")
# What follows the numbers of a reference to another act: "LOC", "ss CO", "cpv. 1) LOC",
# "del Codice delle Obbligazioni", "della Legge federale". "ROD" is this regulation.
_EXTERNAL_TAIL = re.compile(
    r"\s*(?:ss\.?\s*)?(?:cpv\.\s*\d+\)?\s*)?"
    r"(?:(?!ROD\b)[A-Z]{2,}\b|(?:del|della|dalla|nella|dal)\s+(?:Codice|Legge|legge|LOC|LORD|Costituzione)\b)"
)


@dataclass(frozen=True)
class Reference:
    start: int  # where "art." starts
    end: int  # end of the numbers, or of the law's name for an external reference
    numbers: tuple[tuple[int, int], ...]  # (start, end) of each article number
    internal: bool


def references(text: str) -> list[Reference]:
    """The references to articles in ``text`` as synth reads them ("art. 4", "agli art. 5 e 6", "art. 143 LOC")."""
    found = []
    for match in _REFERENCE.finditer(text):
        tail = _EXTERNAL_TAIL.match(text, match.end())
        offset = match.start("nums")
        numbers = tuple((offset + m.start(), offset + m.end()) for m in re.finditer(r"\d+", match["nums"]))
        found.append(Reference(match.start(), tail.end() if tail else match.end(), numbers, tail is None))
    return found


def _renumber_references(
    text: str, new_number: dict[int, int] | None, rng: random.Random | None = None, near: int = 0, last: int = 0
) -> str:
    """Rewrite the numbers of internal references: through ``new_number`` (numbers not in it are
    kept), or, with ``rng``, to a random article within 30 of ``near`` (1..``last``)."""
    out, cursor = [], 0
    for reference in references(text):
        if not reference.internal:
            continue
        for start, end in reference.numbers:
            old = int(text[start:end])
            if new_number is not None:
                new = new_number.get(old, old)
            else:
                assert rng is not None
                new = rng.randint(max(1, near - 30), max(1, min(last, near + 30)))
            out.append(text[cursor:start])
            out.append(str(new))
            cursor = end
    out.append(text[cursor:])
    return "".join(out)


# ------------------------------------------------------------------ corpus material


@dataclass(frozen=True)
class _Entry:
    """A lettera ("a)") or a sub-item ("-") with its sub-items."""

    letter: bool
    text: str
    children: tuple[_Entry, ...] = ()


@dataclass(frozen=True)
class _Capoverso:
    text: str  # "" when the capoverso opens directly with its lettere
    entries: tuple[_Entry, ...] = ()


@dataclass(frozen=True)
class _Table:
    rows: tuple[tuple[str, ...], ...]


_Block = _Capoverso | _Table


@dataclass(frozen=True)
class _Template:
    title: str
    blocks: tuple[_Block, ...]


@dataclass(frozen=True)
class _Material:
    articles: tuple[_Template, ...]
    capoversi: tuple[_Capoverso, ...]
    titoli: tuple[str, ...]
    capitoli: tuple[str, ...]
    words: tuple[str, ...]  # lowercase words of the bodies, for edits


# The corpus text format (corpus/README.md): one capoverso, lettera or sub-item per line.
_SOURCE_HEADING = re.compile(r"^Art\.\s*\d+\s*[a-z]*$")
_SOURCE_DIVISION = re.compile(r"^(?P<kind>TITOLO|Titolo|CAPITOLO|Capitolo|SEZIONE|Sezione)\s+\S+\s*(?:[:\-–]\s*(?P<title>.*))?$")
_SOURCE_CAPOVERSO = re.compile(r"^(?:\d{1,2}[.)](?:\s+|$)|\d{1,2}\s+(?=[A-ZÀ-Ý«]))")  # "1. ", "1) ", "1 Il"
_SOURCE_LETTER = re.compile(r"^[a-z](?:bis|ter)?[.)]\s+")  # "a) ", "a. "
_SOURCE_BULLET = re.compile(r"^[-–•>»]\s+")  # "- ", "> "
# Back matter: "---", "PER IL CONSIGLIO COMUNALE", "Adottato dal Consiglio comunale ...", "Approvato dal ..."
_SOURCE_BACK = re.compile(r"^(?:-{3,}$|(?i:per il (?:municipio|consiglio comunale)|(?:adottat|approvat|ratificat)[oa] dal)\b)")


@dataclass
class _EntryDraft:
    letter: bool
    text: str
    children: list[_EntryDraft] = field(default_factory=list)

    def freeze(self) -> _Entry:
        return _Entry(self.letter, self.text, tuple(child.freeze() for child in self.children))


def _read_source(path: Path) -> tuple[list[_Template], list[str], list[str]]:
    """Articles (with a title and a body), titoli titles and capitoli titles of one corpus file."""
    articles: list[_Template] = []
    titles: dict[str, list[str]] = {"titolo": [], "capitolo": [], "sezione": []}
    title: str | None = None  # None: not in an article; "": the next line is the title
    blocks: list[_Block] = []
    text: str | None = None  # the open capoverso: its text and its entries
    entries: list[_EntryDraft] = []
    awaiting: list[str] | None = None  # the division titles when the title is on the next line

    def close_capoverso() -> None:
        nonlocal text, entries
        if text is not None:
            blocks.append(_Capoverso(text, tuple(entry.freeze() for entry in entries)))
        text, entries = None, []

    def close_article() -> None:
        nonlocal title, blocks
        close_capoverso()
        if title and blocks:
            articles.append(_Template(title, tuple(blocks)))
        title, blocks = None, []

    for line in (line.strip() for line in path.read_text(encoding="utf-8").split("\n")):
        if _SOURCE_BACK.match(line):
            break
        if not line:
            continue
        division = _SOURCE_DIVISION.match(line)
        if division:
            close_article()
            awaiting = titles[division["kind"].lower()]
            if division["title"]:
                awaiting.append(division["title"])
                awaiting = None
        elif awaiting is not None:
            awaiting.append(line)
            awaiting = None
        elif _SOURCE_HEADING.match(line):
            close_article()
            title = ""
        elif title is None:
            continue  # front matter
        elif not title:
            title = line
        elif line.startswith("|") and line.endswith("|"):
            close_capoverso()
            row = tuple(cell.strip() for cell in line[1:-1].split("|"))
            if blocks and isinstance(blocks[-1], _Table):
                blocks[-1] = _Table((*blocks[-1].rows, row))
            else:
                blocks.append(_Table((row,)))
        elif (marker := _SOURCE_LETTER.match(line) or _SOURCE_BULLET.match(line)) and text is not None:
            entry = _EntryDraft(marker.re is _SOURCE_LETTER, line[marker.end() :])
            if not entry.letter and entries and entries[-1].letter:
                entries[-1].children.append(entry)  # "-" under a lettera
            else:
                entries.append(entry)
        elif line[:1].islower() and text is not None:
            # A line that starts in lowercase goes on the line before ("... la seguente formula:" /
            # "stipendio mensile x 12/2061."), as rodiff reads it.
            if entries:
                entries[-1].text += " " + line
            else:
                text += " " + line
        else:
            close_capoverso()
            number = _SOURCE_CAPOVERSO.match(line)
            text = line[number.end() :] if number else line
    close_article()
    return articles, titles["titolo"], titles["capitolo"]


@lru_cache(maxsize=1)
def _material() -> _Material:
    articles: list[_Template] = []
    titoli: list[str] = []
    capitoli: list[str] = []
    for source in SOURCES:
        found, found_titoli, found_capitoli = _read_source(source)
        articles += found
        titoli += found_titoli
        capitoli += found_capitoli
    capoversi = tuple(b for a in articles for b in a.blocks if isinstance(b, _Capoverso) and b.text)
    words: set[str] = set()
    for capoverso in capoversi:
        words.update(w for w in re.findall(r"[^\W\d_]+", capoverso.text) if len(w) >= 3 and w.islower())
    return _Material(
        tuple(articles), capoversi, tuple(dict.fromkeys(titoli)), tuple(dict.fromkeys(capitoli)), tuple(sorted(words))
    )


# ------------------------------------------------------------------ rendering


def _roman(value: int) -> str:
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
    out = ""
    for amount, numeral in numerals:
        while value >= amount:
            out, value = out + numeral, value - amount
    return out


def _letter(index: int) -> str:
    return chr(ord("a") + index % 26) * (index // 26 + 1)


def _entry_lines(entries: Sequence[_Entry], retarget: _Retarget) -> list[str]:
    lines, letters = [], 0
    for entry in entries:
        if entry.letter:
            lines.append(f"{_letter(letters)}) {retarget(entry.text)}".rstrip())
            letters += 1
        else:
            lines.append(f"- {retarget(entry.text)}".rstrip())
        lines.extend(_entry_lines(entry.children, retarget))
    return lines


class _Retarget:
    """Points the internal references of recycled text at articles near ``near``."""

    def __init__(self, rng: random.Random, near: int, last: int) -> None:
        self.rng, self.near, self.last = rng, near, last

    def __call__(self, text: str) -> str:
        return _renumber_references(text, None, self.rng, self.near, self.last)


def _article_lines(number: int, template: _Template, retarget: _Retarget) -> list[str]:
    lines = [f"Art. {number}", template.title]
    numbered = sum(isinstance(b, _Capoverso) for b in template.blocks) > 1
    count = 0
    for block in template.blocks:
        if isinstance(block, _Table):
            lines.extend("| " + " | ".join(retarget(cell) for cell in row) + " |" for row in block.rows)
            continue
        count += 1
        text = retarget(block.text)
        if numbered:
            lines.append(f"{count}. {text}".rstrip())
        elif text:
            lines.append(text)
        lines.extend(_entry_lines(block.entries, retarget))
    return lines


class _ArticleSource:
    """Hands out article templates: every corpus article once (shuffled), then mixtures."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.material = _material()
        self.order = list(range(len(self.material.articles)))
        rng.shuffle(self.order)
        self.used: set[tuple[_Block, ...]] = set()
        self.count = 0

    def next(self, fresh: bool = False) -> _Template:
        """The next template, whose body differs from all earlier ones; ``fresh`` ones are always
        mixtures (never a verbatim corpus article)."""
        articles = self.material.articles
        base = articles[self.order[self.count % len(articles)]]
        self.count += 1
        template = self.mix(base, 2) if fresh else base
        for attempt in range(100):
            if template.blocks not in self.used:
                break
            template = self.mix(base, 1 + attempt // 10, grow=attempt >= 20)
        else:
            raise RuntimeError("could not make a new article body")  # not reached with the corpus
        self.used.add(template.blocks)
        return template

    def mix(self, base: _Template, changes: int, grow: bool = False) -> _Template:
        """``base`` with ``changes`` capoversi replaced by real capoversi of other articles (about
        the same size on average, so that long RODs do not get longer articles); ``grow`` adds one
        more, for when the few one-capoverso bodies have all been used."""
        blocks = list(base.blocks)
        for _ in range(changes):
            other = self.rng.choice(self.material.capoversi)
            slots = [i for i, b in enumerate(blocks) if isinstance(b, _Capoverso)]
            if slots:
                blocks[self.rng.choice(slots)] = other
            else:
                blocks.append(other)
        if grow:
            blocks.append(self.rng.choice(self.material.capoversi))
        return _Template(base.title, tuple(blocks))


def make_rod(n_articles: int, seed: int = 1) -> str:
    """A synthetic regulation of ``n_articles`` articles "Art. 1" ... "Art. n", in the corpus text
    format (see corpus/README.md), built from real corpus articles. Same seed, same text."""
    if n_articles < 1:
        raise ValueError("n_articles must be at least 1")
    rng = random.Random(seed)
    material = _material()
    source = _ArticleSource(rng)
    lines = [FRONT, ""]
    number, titolo = 0, 0
    while number < n_articles:
        titolo += 1
        label = _roman(titolo) if titolo < 400 else str(titolo)
        lines += [f"TITOLO {label}", rng.choice(material.titoli), ""]
        for capitolo in range(1, rng.randint(2, 4) + 1):
            if number >= n_articles:
                break
            lines += [f"Capitolo {capitolo} - {rng.choice(material.capitoli)}", ""]
            for _ in range(rng.randint(8, 12)):
                if number >= n_articles:
                    break
                number += 1
                lines += [*_article_lines(number, source.next(), _Retarget(rng, number, n_articles)), ""]
    lines += BACK
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ revision


@dataclass(frozen=True)
class Revision:
    """A revised text and its ground truth.

    ``mapping``: old number -> new number of every article kept (all old articles but the
    removed ones); ``removed``: old numbers; ``inserted``: new numbers of the new articles;
    ``edited``: new numbers of kept articles whose body has at least one edited sentence
    (titles are never edited). Internal references to kept articles are renumbered;
    references to removed articles are left as printed (stale, as a hurried drafter leaves them).
    """

    text: str
    mapping: dict[int, int]
    removed: tuple[int, ...]
    inserted: tuple[int, ...]
    edited: tuple[int, ...]


_HEADING = re.compile(r"^(?:Art\.|ART\.|Articolo)\s*(?P<num>\d+)(?P<sfx>[a-z]*)(?P<rest>(?:\s.*)?)$")
_DIVISION = re.compile(r"^(?:TITOLO|Titolo|CAPITOLO|Capitolo|SEZIONE|Sezione|PARTE|Parte)\s")
_BACK = _SOURCE_BACK
_SENTENCE_BREAK = re.compile(r"(?<=[.;:!?])\s+(?=[A-ZÀ-Ý«\"])")
_MARKER = re.compile(r"^(?:\d+[.)]|[a-z]{1,2}[.)]|[-–•>»])$")
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"^(?P<lead>[«(\"']*)(?P<core>[^\W\d_]+)(?P<trail>[.,;:!?)»\"']*)$")


@dataclass
class _Segment:
    kind: str  # "division" or "article"
    lines: list[str]
    number: int = 0


def _segments(text: str) -> tuple[list[str], list[_Segment], list[str]]:
    """Front matter, division/article segments (each with its trailing blank lines), back matter."""
    front: list[str] = []
    segments: list[_Segment] = []
    back: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if back or (segments and _BACK.match(stripped)):
            back.append(line)
            continue
        heading = _HEADING.match(stripped)
        if heading:
            if heading["sfx"]:
                raise ValueError(f"revise needs integer article numbers, found {stripped!r}")
            segments.append(_Segment("article", [line], int(heading["num"])))
        elif _DIVISION.match(stripped):
            segments.append(_Segment("division", [line]))
        elif segments:
            segments[-1].lines.append(line)
        else:
            front.append(line)
    return front, segments, back


def _body_start(lines: list[str]) -> int:
    """Index of the first body line of an article segment (after the heading and its title)."""
    heading = _HEADING.match(lines[0].strip())
    if heading and heading["rest"].strip():
        return 1  # "Art. 13 Funzione stabile": title on the heading line
    for index in range(1, len(lines)):
        if lines[index].strip():
            return index + 1  # skip the title line
    return len(lines)


def _sentences(line: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_BREAK.finditer(line):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(line)))
    return [s for s in spans if line[s[0] : s[1]].strip()]


def _edit_sentence(line: str, span: tuple[int, int], rng: random.Random, words: Sequence[str]) -> str:
    """One or two word edits (replace, insert, delete) inside ``line[span]``.

    Never touches the marker and first word of the line, the words of a reference and the
    three words after it, nor punctuation. Returns ``line`` unchanged when nothing is editable.
    """
    tokens = list(_TOKEN.finditer(line))
    protected: set[int] = set()
    skip = 2 if tokens and _MARKER.match(tokens[0].group()) else 1
    protected.update(range(min(skip, len(tokens))))
    for reference in references(line):
        inside = [i for i, t in enumerate(tokens) if t.start() < reference.end and t.end() > reference.start]
        if inside:
            protected.update(range(inside[0], min(len(tokens), inside[-1] + 4)))
    editable = []
    for index, token in enumerate(tokens):
        word = _WORD.match(token.group())
        if index not in protected and span[0] <= token.start() and token.end() <= span[1] and word and word["core"].islower():
            editable.append(index)
    if not editable:
        return line
    pieces = [t.group() for t in tokens]
    for _ in range(rng.randint(1, 2)):
        if not editable:
            break
        index = rng.choice(editable)
        match = _WORD.match(pieces[index])
        assert match is not None
        operation = rng.choice(("replace", "insert", "delete"))
        if operation == "delete" and (match["lead"] or match["trail"]):
            operation = "replace"
        if operation == "replace":
            pieces[index] = match["lead"] + rng.choice(words) + match["trail"]
        elif operation == "insert":
            pieces[index] = rng.choice(words) + " " + pieces[index]
        else:
            pieces[index] = ""
        editable.remove(index)
    # Rebuild with the original spacing; a deleted word takes one space with it.
    out, cursor = [], 0
    for token, piece in zip(tokens, pieces, strict=True):
        gap = line[cursor : token.start()]
        out.append(gap if piece else "")
        out.append(piece)
        cursor = token.end()
    out.append(line[cursor:])
    return "".join(out)


def revise_with_truth(text: str, seed: int = 1, inserted: int = 3, removed: int = 2, edit_share: float = 0.15) -> Revision:
    """A revised copy of ``text`` (a ``make_rod`` text, or any text in the corpus format whose
    article numbers are plain integers) with its ground truth.

    Removes ``removed`` whole articles and inserts ``inserted`` new ones (made as in ``make_rod``
    but always mixtures, never a verbatim corpus article; each after a random kept article, in
    the same division), renumbers all articles continuously from 1 (closing any gap of the input),
    rewrites internal references "art. N" to the new numbers, and edits ``edit_share`` of the
    body sentences of the kept articles (one or two words replaced, inserted or deleted).
    """
    if not 0.0 <= edit_share <= 1.0:
        raise ValueError("edit_share must be between 0 and 1")
    rng = random.Random(seed)
    front, segments, back = _segments(text)
    articles = [s for s in segments if s.kind == "article"]
    if removed > len(articles) - 1:
        raise ValueError(f"cannot remove {removed} of {len(articles)} articles")
    gone = {id(s) for s in rng.sample(articles, removed)}
    kept = [s for s in articles if id(s) not in gone]
    after: dict[int, int] = {}  # id of a kept segment -> how many new articles follow it
    for _ in range(inserted):
        anchor = rng.choice(kept)
        after[id(anchor)] = after.get(id(anchor), 0) + 1

    # Final order and numbers.
    order: list[_Segment | None] = []  # None: an inserted article
    for segment in segments:
        if id(segment) in gone:
            continue
        order.append(segment)
        order.extend([None] * after.get(id(segment), 0))
    mapping: dict[int, int] = {}
    new_numbers: list[int] = []
    number = 0
    for entry in order:
        if entry is None or entry.kind == "article":
            number += 1
            new_numbers.append(number)
            if entry is not None:
                if entry.number in mapping:
                    raise ValueError(f"article {entry.number} appears twice (revise needs distinct integer numbers)")
                mapping[entry.number] = number
    last = number

    # Edits: a share of the body sentences of kept articles.
    material = _material()
    sentences: list[tuple[int, int, tuple[int, int]]] = []  # (kept index, line index, span)
    for k, segment in enumerate(kept):
        for index in range(_body_start(segment.lines), len(segment.lines)):
            line = segment.lines[index]
            if line.strip() and not line.lstrip().startswith("|"):
                sentences.extend((k, index, span) for span in _sentences(line))
    chosen = rng.sample(sentences, round(edit_share * len(sentences)))
    chosen.sort(key=lambda s: (s[0], s[1], -s[2][0]))  # right to left inside a line: spans stay valid
    edited_lines: dict[tuple[int, int], str] = {}
    edited: set[int] = set()
    for k, index, span in chosen:
        before = edited_lines.get((k, index), kept[k].lines[index])
        after_edit = _edit_sentence(before, span, rng, material.words)
        if after_edit != before:
            edited_lines[(k, index)] = after_edit
            edited.add(mapping[kept[k].number])

    # Output.
    source = _ArticleSource(rng)
    out = list(front)
    numbers = iter(new_numbers)
    kept_index = {id(s): k for k, s in enumerate(kept)}
    inserted_numbers: list[int] = []
    for entry in order:
        if entry is None:
            new = next(numbers)
            inserted_numbers.append(new)
            if out and out[-1].strip():
                out.append("")
            out += [*_article_lines(new, source.next(fresh=True), _Retarget(rng, new, last)), ""]
            continue
        if entry.kind == "division":
            out += entry.lines
            continue
        new = next(numbers)
        k = kept_index[id(entry)]
        heading = entry.lines[0]
        match = _HEADING.match(heading.strip())
        assert match is not None
        lines = [heading[: heading.index(match["num"])] + str(new) + match["rest"]]
        for index in range(1, len(entry.lines)):
            line = edited_lines.get((k, index), entry.lines[index])
            lines.append(_renumber_references(line, mapping))
        out += lines
    if back and out and out[-1].strip():
        out.append("")
    out += back
    return Revision(
        text="\n".join(out),
        mapping=mapping,
        removed=tuple(sorted(s.number for s in articles if id(s) in gone)),
        inserted=tuple(inserted_numbers),
        edited=tuple(sorted(edited)),
    )


def revise(text: str, seed: int = 1, inserted: int = 3, removed: int = 2, edit_share: float = 0.15) -> str:
    """The revised text of ``revise_with_truth`` (same arguments, same result)."""
    return revise_with_truth(text, seed, inserted, removed, edit_share).text


# ------------------------------------------------------------------ DOCX


def make_docx(text: str, path: str | Path) -> None:
    """Write ``text`` as a DOCX with one paragraph per line (blank lines as empty paragraphs)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = docx.Document()
    body = document.element.body
    for paragraph in body.findall(f"{{{body.nsmap['w']}}}p"):
        body.remove(paragraph)  # the default template may hold an empty paragraph
    section = body.sectPr
    if section is not None:
        body.remove(section)  # put back at the end; Document.add_paragraph searches for it on every call (quadratic)
    for line in text.rstrip("\n").split("\n"):
        element = OxmlElement("w:p")
        body.append(element)
        if line:
            DocxParagraph(element, document).add_run(line)
    if section is not None:
        body.append(section)
    document.save(str(path))
