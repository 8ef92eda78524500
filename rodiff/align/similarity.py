"""What the aligner compares: a text's key (normalised, numbers masked) and the similarity of two keys."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz

from ..model import Article, Block, Table, article_lines, block_lines

MATCH_THRESHOLD = 0.4  # below this, two articles in a gap are not the same article
SAME_TITLE_THRESHOLD = 0.2  # ... unless they keep (nearly) the same title
SAME_TITLE_RATIO = 80  # "Classifica delle funzioni e requisiti" ~ "Classifica delle funzioni"
CONTAINMENT_THRESHOLD = 0.7  # share of an article's words found in its split/merge partner
LENGTH_SHARE = 0.75  # a merged article is at least this long, relative to its two sources
TITLE_WEIGHT = 0.15  # the title counts, but the body decides

# A number in a reference, with a short suffix: "12", "27a", "5 bis" (masked as "#"). Written
# "\d\d*", not "\d+": a pattern that opens on one character class lets ``re`` skip to the next
# digit in C, twice as fast on a text with few numbers (the same matches).
_DIGITS = re.compile(r"\d\d*(?:\s?[a-z]{1,2}\b)?")
# A word: "dipendente", "27"
_WORD = re.compile(r"\w+", re.UNICODE)


def article_body(article: Article) -> str:
    """The words of an article's body, in order, as printed (paragraph markers included)."""
    return " ".join(line.text for line in article_lines(article))


def normal(text: str) -> str:
    """Lower case, digits masked (renumbered references must not look like changes)."""
    return " ".join(_DIGITS.sub("#", text.lower()).split())


@dataclass
class TextKey:
    """An article's (or a capoverso's) text as the aligner compares it."""

    body: str
    title: str
    source: str  # title and body as written
    tokens: list[str] = field(default_factory=list)
    number: str = ""
    repealed: bool = False

    @cached_property
    def words(self) -> Counter[str]:  # only splits and merges need it
        return Counter(self.tokens)

    @cached_property
    def exact(self) -> str:
        """For "unchanged": the text with its numbers, spaces evened out (only paired articles ask)."""
        return " ".join(self.source.split())

    def same_text(self, other: TextKey) -> bool:
        """The same text, numbers included: ``exact`` equal."""
        return self.source == other.source or self.exact == other.exact

    @property
    def identity(self) -> str:
        """Body and title: equal for identical texts (numbers in references masked)."""
        return self.body + "\x00" + self.title


def article_key(article: Article, keys: TextKeys | None = None) -> TextKey:
    make = keys.key if keys is not None else text_key
    return make(article_body(article), article.title, article.number.normalised, article.is_repealed)


def block_key(block: Block, keys: TextKeys | None = None) -> TextKey:
    """A capoverso's opening text and its lettere (markers included), or a table's cells."""
    make = keys.key if keys is not None else text_key
    if isinstance(block, Table):
        return make(" ".join(cell for row in block.rows for cell in row))
    return make(" ".join([block.text, *(line.text for line in block_lines(block) if line.kind == "item")]))


def text_key(body: str, title: str = "", number: str = "", repealed: bool = False) -> TextKey:
    body_normal = normal(body)
    return TextKey(body_normal, normal(title), title + " " + body, _WORD.findall(body_normal), number, repealed)


class TextKeys:
    """The text keys of one alignment, each distinct text worked out once.

    Most articles and capoversi of a revision are unchanged: their old and new copies share
    the normalising and the split into words, the costliest part of aligning.
    """

    def __init__(self) -> None:
        self._made: dict[tuple[str, str], TextKey] = {}

    def key(self, body: str, title: str = "", number: str = "", repealed: bool = False) -> TextKey:
        """``text_key`` of these arguments."""
        made = self._made.get((body, title))
        if made is None:
            made = self._made[body, title] = text_key(body, title)
        return TextKey(made.body, made.title, made.source, made.tokens, number, repealed)


def similarity(a: TextKey, b: TextKey) -> float:
    """0..1: mostly the body, compared word by word (rapidfuzz normalised Indel ratio on
    word sequences: unrelated Italian sentences share many letters but few words), a
    little the title. A body reduced to "Abrogato." keeps its article by number."""
    if a.repealed != b.repealed:
        return 0.9 if a.number and a.number == b.number else 0.0
    if not a.tokens and not b.tokens:
        return fuzz.ratio(a.title, b.title) / 100
    body = fuzz.ratio(a.tokens, b.tokens) / 100
    if not a.title or not b.title:
        return body
    return (1 - TITLE_WEIGHT) * body + TITLE_WEIGHT * fuzz.ratio(a.title, b.title) / 100


def match_gain(a: TextKey, b: TextKey) -> float | None:
    """The similarity of two texts that can be the same article (or capoverso), else None.

    Same article: similar enough, or (nearly) the same title over a reworded body (Vacallo
    art. 4, Mendrisio art. 27).
    """
    sim = similarity(a, b)
    if sim >= MATCH_THRESHOLD:
        return sim
    same_title = bool(a.title) and bool(b.title) and fuzz.ratio(a.title, b.title) >= SAME_TITLE_RATIO
    return sim if same_title and sim >= SAME_TITLE_THRESHOLD else None


def is_part(part: TextKey, sibling: TextKey, whole: TextKey) -> bool:
    """Is ``part`` (with ``sibling``, already paired with ``whole``) a piece of ``whole``?

    Its words must be found in ``whole``, and ``whole`` must be long enough to hold both
    pieces: two articles on similar matters share words without being one article.
    """
    size = sum(part.words.values()) + sum(sibling.words.values())
    long_enough = sum(whole.words.values()) >= LENGTH_SHARE * size
    return long_enough and _containment(part, whole) >= CONTAINMENT_THRESHOLD


def _containment(part: TextKey, whole: TextKey) -> float:
    """Share of ``part``'s words that ``whole`` also has (with multiplicity)."""
    total = sum(part.words.values())
    if not total:
        return 0.0
    return sum((part.words & whole.words).values()) / total
