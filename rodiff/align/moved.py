"""Old articles and capoversi left without counterpart, followed by their text or their place.

The article alignment pairs articles; inside a pair, capoversi are aligned in order. What neither
pairs is left on both sides, and two readings of it are indexed here, for the reference check
(the alignment itself is not touched):

- ``moved_paragraphs``: a capoverso that went to another article, or whose article was repealed
  while its text lives on elsewhere (old art. 55 cpv. 2 is now art. 60 cpv. 5), found by a
  near-identical text among the unpaired new capoversi, and only when no second place has it;
- ``rewritten_in_place``: an article or capoverso reworded or retitled beyond recognition under
  the same number and in the same place (between the same paired neighbours): reworded, not
  repealed. Numbered placeholders of repealed capoversi ("2 …", "3 Abrogato") are not texts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from ..model import Article, Paragraph
from ..parse.patterns import PLACEHOLDER_PARAGRAPH
from .similarity import block_key

if TYPE_CHECKING:
    from .model import ArticlePair

SAME_TEXT = 90  # ratio (0-100) of the normalised texts over which two capoversi are the same text
MIN_WORDS = 6  # shorter capoversi ("Abrogato.", "…", "Riservato l'art. 12.") are too common to follow
UNIQUE_MARGIN = 3  # the best candidate must beat the second by this much, or the text is not followed


def moved_paragraphs(pairs: Sequence[ArticlePair]) -> dict[str, Paragraph]:
    """old capoverso id -> the new capoverso with its text, for capoversi unpaired on both sides
    whose texts are near-identical, each taken once and only when there is no close second."""
    olds = [(p, block_key(p).body) for p in _unpaired_old(pairs)]
    news = [(p, block_key(p).body) for p in _unpaired_new(pairs)]
    olds = [(p, text) for p, text in olds if len(text.split()) >= MIN_WORDS]
    news = [(p, text) for p, text in news if len(text.split()) >= MIN_WORDS]
    if not olds or not news:
        return {}
    choices = [text for _, text in news]
    scored: list[tuple[float, int, int]] = []
    for i, (_, text) in enumerate(olds):
        found = process.extract(text, choices, scorer=fuzz.ratio, score_cutoff=SAME_TEXT - UNIQUE_MARGIN, limit=2)
        if not found or found[0][1] < SAME_TEXT:
            continue
        if len(found) > 1 and found[0][1] - found[1][1] < UNIQUE_MARGIN:
            continue  # two places hold the same text: following it would be a guess
        scored.append((found[0][1], i, found[0][2]))
    claimed = Counter(j for _, _, j in scored)  # two old capoversi with one new text: neither is followed
    return {olds[i][0].eid: news[j][0] for _, i, j in scored if claimed[j] == 1}


def _unpaired_old(pairs: Sequence[ArticlePair]) -> Iterator[Paragraph]:
    """Old capoversi with no counterpart: all those of a repealed article, the removed ones of a pair."""
    for pair in pairs:
        if not any(not a.is_repealed for a in pair.new):
            yield from (b for a in pair.old for b in a.blocks if isinstance(b, Paragraph))
            continue
        for paragraphs in pair.paragraphs:
            if not paragraphs.new:
                yield from (b for b in paragraphs.old if isinstance(b, Paragraph))


def _unpaired_new(pairs: Sequence[ArticlePair]) -> Iterator[Paragraph]:
    """New capoversi with no counterpart: all those of a new article, the added ones of a pair."""
    for pair in pairs:
        if not pair.old:
            yield from (b for a in pair.new if not a.is_repealed for b in a.blocks if isinstance(b, Paragraph))
            continue
        for paragraphs in pair.paragraphs:
            if not paragraphs.old:
                yield from (b for b in paragraphs.new if isinstance(b, Paragraph))


def rewritten_in_place(pairs: Sequence[ArticlePair]) -> dict[str, Article | Paragraph]:
    """old article or capoverso id -> the new one printed with the same number in the same place,
    when neither has a counterpart: the old text reworded (or retitled) beyond recognition rather
    than repealed. "The same place": between the same paired neighbours, in the article list and
    in the capoversi of an article pair. Repealed placeholders ("Art. 12 (abrogato)", "3 Abrogato")
    are not rewritten texts."""
    found: dict[str, Article | Paragraph] = {}
    paired = [bool(p.old) and any(not a.is_repealed for a in p.new) for p in pairs]
    for k, pair in enumerate(pairs):
        if len(pair.old) != 1 or paired[k]:
            continue
        old = pair.old[0]
        for m in _same_slot(k, paired):
            new = pairs[m].new[0] if not pairs[m].old and len(pairs[m].new) == 1 else None
            if new is not None and not new.is_repealed and not old.is_repealed and _same_number(new, old):
                found[old.eid] = new
    for pair in pairs:
        if pair.old and pair.new:
            found.update(_rewritten_paragraphs(pair))
    return found


def _rewritten_paragraphs(pair: ArticlePair) -> dict[str, Article | Paragraph]:
    found: dict[str, Article | Paragraph] = {}
    rows = pair.paragraphs
    paired = [bool(row.old) and bool(row.new) for row in rows]
    for k, row in enumerate(rows):
        old = row.old[0] if len(row.old) == 1 and not row.new else None
        if not isinstance(old, Paragraph) or old.number is None or is_placeholder(old):
            continue
        for m in _same_slot(k, paired):
            new = rows[m].new[0] if not rows[m].old and len(rows[m].new) == 1 else None
            if isinstance(new, Paragraph) and _same_number(new, old) and not is_placeholder(new):
                found[old.eid] = new
    return found


def _same_number(a: Article | Paragraph, b: Article | Paragraph) -> bool:
    """ "27 a" and "27a" are one number."""
    return a.number is not None and b.number is not None and a.number.normalised == b.number.normalised


def _same_slot(k: int, paired: list[bool]) -> range:
    """The rows between the paired neighbours of row ``k`` (itself excluded by the callers' tests)."""
    start = next((i for i in range(k - 1, -1, -1) if paired[i]), -1)
    end = next((i for i in range(k + 1, len(paired)) if paired[i]), len(paired))
    return range(start + 1, end)


def is_placeholder(paragraph: Paragraph) -> bool:
    """A repealed capoverso printed only to keep its number: "2 …", "3 Abrogato"."""
    return not paragraph.items and bool(PLACEHOLDER_PARAGRAPH.match(paragraph.text.strip()))
