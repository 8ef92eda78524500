"""Align two versions of a regulation article by article, by content, not by number.

Old Art. 11 = new Art. 12 when an article was inserted before it. The method, in order:

1. **Anchors.** Articles whose text is identical (numbers in references masked) and unique
   on both sides are paired; the longest chain of them that keeps the order (a longest
   increasing subsequence, as in patience diff) fixes the skeleton. Ordinary revisions keep
   most articles, so this is near-linear.
2. **Gaps.** Between two consecutive anchors, the remaining articles are aligned by a
   global, order-preserving dynamic programme (sequence alignment) on similarity scores
   from rapidfuzz. Not a greedy first match; deterministic.
3. **Moves.** Articles left alone on both sides are paired across the whole document when
   they are very similar: an article that changed place.
4. **Splits and merges.** A leftover new article whose text is contained in an old article
   already paired with its neighbour is a split; a leftover old article contained in a new
   one is a merge.

Inside each pair, capoversi are aligned the same way (``align_paragraphs``), so that
"cpv. 5 became cpv. 4" and "capoversi 1 and 2 merged" are seen.

Statuses (``PairStatus``): ``unchanged`` same number, same text; ``modified`` same number,
text changed; ``renumbered`` new number, text unchanged but for reference numbers;
``renumbered_modified`` new number and text changed; ``new``; ``repealed`` (removed, or
kept with the body "Abrogato."); ``moved`` (paired out of order); ``split`` (one old
article into two or more new); ``merged`` (two or more old into one new).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from rapidfuzz import fuzz

from ..model import Article, Document, Item, Paragraph, Table

PairStatus = Literal["unchanged", "modified", "renumbered", "renumbered_modified", "new", "repealed", "moved", "split", "merged"]
STATUSES: tuple[PairStatus, ...] = (
    "unchanged",
    "modified",
    "renumbered",
    "renumbered_modified",
    "new",
    "repealed",
    "moved",
    "split",
    "merged",
)

MATCH_THRESHOLD = 0.4  # below this, two articles in a gap are not the same article
SAME_TITLE_THRESHOLD = 0.2  # ... unless they keep (nearly) the same title
SAME_TITLE_RATIO = 80  # "Classifica delle funzioni e requisiti" ~ "Classifica delle funzioni"
MOVE_THRESHOLD = 0.75  # out-of-order pairs need to be clearly the same text
CONTAINMENT_THRESHOLD = 0.7  # share of an article's words found in its split/merge partner
LENGTH_SHARE = 0.75  # a merged article is at least this long, relative to its two sources
TITLE_WEIGHT = 0.15  # the title counts, but the body decides

_DIGITS = re.compile(r"\d+(?:\s?[a-z]{1,2}\b)?")
_WORD = re.compile(r"\w+", re.UNICODE)


# ------------------------------------------------------------------------------- model


@dataclass(frozen=True)
class ParagraphPair:
    """Capoversi of an aligned article pair. ``old``/``new`` hold one block each, or
    several when capoversi were merged (``len(old) > 1``) or split (``len(new) > 1``)."""

    old: tuple[Paragraph | Table, ...]
    new: tuple[Paragraph | Table, ...]
    similarity: float

    @property
    def renumbered(self) -> bool:
        """ "cpv. 5 became cpv. 4": both numbered, numbers differ."""
        if len(self.old) != 1 or len(self.new) != 1:
            return False
        old, new = self.old[0], self.new[0]
        return (
            isinstance(old, Paragraph)
            and isinstance(new, Paragraph)
            and old.number is not None
            and new.number is not None
            and old.number != new.number
        )


@dataclass(frozen=True)
class ArticlePair:
    old: tuple[Article, ...]  # empty for a new article; two or more for a merge
    new: tuple[Article, ...]  # empty for a repealed one; two or more for a split
    status: PairStatus
    similarity: float
    paragraphs: tuple[ParagraphPair, ...] = ()

    @property
    def old_article(self) -> Article | None:
        return self.old[0] if self.old else None

    @property
    def new_article(self) -> Article | None:
        return self.new[0] if self.new else None

    @property
    def key(self) -> str:
        """The pair's name in an osservazioni file: the new number, or "vecchio N" when repealed."""
        if self.new:
            return self.new[0].number.normalised
        return f"vecchio {self.old[0].number.normalised}"


@dataclass(frozen=True)
class Alignment:
    """The article pairs, with indexes so that consumers ask instead of building their own maps.

    Renumbering is a map the alignment owns: ``new_eid("art_11__cpv_2")`` gives the id of the
    same capoverso in the new text (``"art_12__cpv_2"``), or None when it has no counterpart.
    """

    old: Document
    new: Document
    pairs: tuple[ArticlePair, ...]  # in the order of the new document (repealed ones where they stood)
    _by_old: dict[str, ArticlePair] = field(init=False, repr=False, compare=False)
    _by_new: dict[str, ArticlePair] = field(init=False, repr=False, compare=False)
    _by_key: dict[str, ArticlePair] = field(init=False, repr=False, compare=False)
    _eids: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_old = {article.eid: pair for pair in self.pairs for article in pair.old}
        by_new = {article.eid: pair for pair in self.pairs for article in pair.new}
        object.__setattr__(self, "_by_old", by_old)
        object.__setattr__(self, "_by_new", by_new)
        object.__setattr__(self, "_by_key", {pair.key: pair for pair in self.pairs})
        object.__setattr__(self, "_eids", _eid_map(self.pairs))

    def pair_of_old(self, eid: str) -> ArticlePair | None:
        """The pair holding the old article with this id (``art_11``), or None."""
        return self._by_old.get(eid)

    def pair_of_new(self, eid: str) -> ArticlePair | None:
        """The pair holding the new article with this id (``art_12``), or None."""
        return self._by_new.get(eid)

    def pair_by_key(self, key: str) -> ArticlePair | None:
        """The pair named by an osservazioni key: a new number ("12") or "vecchio 9"."""
        return self._by_key.get(key)

    def new_eid(self, old_eid: str) -> str | None:
        """The id in the new text of an old article, capoverso or lettera (None when gone)."""
        return self._eids.get(old_eid)

    def counts(self) -> dict[str, int]:
        found = Counter(pair.status for pair in self.pairs)
        return {status: found.get(status, 0) for status in STATUSES}

    def is_identical(self) -> bool:
        return all(pair.status == "unchanged" for pair in self.pairs)


def _eid_map(pairs: tuple[ArticlePair, ...]) -> dict[str, str]:
    """old id -> new id for articles, capoversi and lettere kept one-to-one."""
    found: dict[str, str] = {}
    for pair in pairs:
        if len(pair.old) == 1 and len(pair.new) == 1:
            found[pair.old[0].eid] = pair.new[0].eid
        for paragraphs in pair.paragraphs:
            if len(paragraphs.old) == 1 and len(paragraphs.new) == 1:
                old, new = paragraphs.old[0], paragraphs.new[0]
                found[old.eid] = new.eid
                if isinstance(old, Paragraph) and isinstance(new, Paragraph):
                    found.update(_item_eids(old.items, new.items))
    return found


def _item_eids(old: tuple[Item, ...], new: tuple[Item, ...]) -> dict[str, str]:
    """Lettere with the same label (and their sub-items, in order) keep their place."""
    found: dict[str, str] = {}
    new_by_label = {item.label: item for item in new if item.is_letter}
    for item in old:
        partner = new_by_label.get(item.label) if item.is_letter else None
        if partner is not None:
            found[item.eid] = partner.eid
            found.update(_item_eids(item.items, partner.items))
    return found


# ----------------------------------------------------------------------------- texts


def article_body(article: Article) -> str:
    """The words of an article's body, in order (paragraph markers included)."""
    parts: list[str] = []
    for block in article.blocks:
        if isinstance(block, Table):
            parts.extend(cell for row in block.rows for cell in row)
            continue
        parts.append(block.marker)
        parts.append(block.text)
        stack = list(block.items)
        while stack:
            item = stack.pop(0)
            parts.extend((item.marker, item.text))
            stack[0:0] = list(item.items)
    return " ".join(part for part in parts if part)


def _normal(text: str) -> str:
    """Lower case, digits masked (renumbered references must not look like changes)."""
    return " ".join(_DIGITS.sub("#", text.lower()).split())


@dataclass
class _Key:
    body: str
    title: str
    exact: str  # for "unchanged": the text with its numbers
    tokens: list[str] = field(default_factory=list)
    number: str = ""
    repealed: bool = False

    @cached_property
    def words(self) -> Counter[str]:  # only splits and merges need it
        return Counter(self.tokens)


def _key(article: Article) -> _Key:
    body = article_body(article)
    return _text_key(body, article.title, article.number.normalised, article.is_repealed)


def _text_key(body: str, title: str = "", number: str = "", repealed: bool = False) -> _Key:
    normal = _normal(body)
    tokens = _WORD.findall(normal)
    exact = " ".join((title + " " + body).split())
    return _Key(normal, _normal(title), exact, tokens, number, repealed)


def similarity(a: _Key, b: _Key) -> float:
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


def _can_match(a: _Key, b: _Key, sim: float) -> bool:
    """Same article? Similar enough, or (nearly) the same title over a reworded body
    (Vacallo art. 4, Mendrisio art. 27)."""
    if sim >= MATCH_THRESHOLD:
        return True
    same_title = bool(a.title) and bool(b.title) and fuzz.ratio(a.title, b.title) >= SAME_TITLE_RATIO
    return same_title and sim >= SAME_TITLE_THRESHOLD


def _is_part(part: _Key, sibling: _Key, whole: _Key) -> bool:
    """Is ``part`` (with ``sibling``, already paired with ``whole``) a piece of ``whole``?

    Its words must be found in ``whole``, and ``whole`` must be long enough to hold both
    pieces: two articles on similar matters share words without being one article.
    """
    size = sum(part.words.values()) + sum(sibling.words.values())
    long_enough = sum(whole.words.values()) >= LENGTH_SHARE * size
    return long_enough and _containment(part, whole) >= CONTAINMENT_THRESHOLD


def _containment(part: _Key, whole: _Key) -> float:
    """Share of ``part``'s words that ``whole`` also has (with multiplicity)."""
    total = sum(part.words.values())
    if not total:
        return 0.0
    return sum((part.words & whole.words).values()) / total


# ------------------------------------------------------------------------ alignment


def align(old: Document, new: Document) -> Alignment:
    """Pair the articles of ``old`` and ``new`` by content (see the module docstring)."""
    old_articles, new_articles = old.articles(), new.articles()
    old_keys = [_key(a) for a in old_articles]
    new_keys = [_key(a) for a in new_articles]
    matches = _ordered_matches(old_keys, new_keys)
    matched_old = {i for i, _ in matches}
    matched_new = {j for _, j in matches}
    moves = _moves(old_keys, new_keys, matched_old, matched_new)
    matched_old |= {i for i, _ in moves}
    matched_new |= {j for _, j in moves}
    splits, merges = _splits_and_merges(old_keys, new_keys, matches + moves, matched_old, matched_new)
    pairs = _assemble(old_articles, new_articles, old_keys, new_keys, matches, moves, splits, merges)
    return Alignment(old, new, tuple(pairs))


def _ordered_matches(old: list[_Key], new: list[_Key]) -> list[tuple[int, int]]:
    anchors = _anchors(old, new)
    matches: list[tuple[int, int]] = []
    previous = (-1, -1)
    for anchor in [*anchors, (len(old), len(new))]:
        matches.extend(_align_gap(old, new, previous[0] + 1, anchor[0], previous[1] + 1, anchor[1]))
        if anchor[0] < len(old):
            matches.append(anchor)
        previous = anchor
    return matches


def _anchors(old: list[_Key], new: list[_Key]) -> list[tuple[int, int]]:
    """Unique identical texts on both sides, reduced to their longest in-order chain."""
    old_count = Counter(k.body + "\x00" + k.title for k in old)
    new_index: dict[str, int] = {}
    new_count = Counter(k.body + "\x00" + k.title for k in new)
    for j, k in enumerate(new):
        new_index[k.body + "\x00" + k.title] = j
    candidates = [
        (i, new_index[text])
        for i, k in enumerate(old)
        if (text := k.body + "\x00" + k.title) in new_index and old_count[text] == 1 and new_count[text] == 1 and k.body
    ]
    return longest_increasing_chain(candidates)


def longest_increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both coordinates (pairs sorted by the first)."""
    tails: list[int] = []  # smallest second coordinate ending a chain of each length
    tail_index: list[int] = []
    previous: list[int] = []
    for index, (_, j) in enumerate(pairs):
        position = bisect.bisect_left(tails, j)
        if position == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[position] = j
            tail_index[position] = index
        previous.append(tail_index[position - 1] if position else -1)
    chain: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _align_gap(old: list[_Key], new: list[_Key], i0: int, i1: int, j0: int, j1: int) -> list[tuple[int, int]]:
    """Order-preserving alignment of old[i0:i1] with new[j0:j1] maximising total similarity."""
    m, n = i1 - i0, j1 - j0
    if m == 0 or n == 0:
        return []
    score = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        row, below = score[i], score[i + 1]
        for j in range(n - 1, -1, -1):
            a, b = old[i0 + i], new[j0 + j]
            sim = similarity(a, b)
            take = below[j + 1] + sim - SAME_TITLE_THRESHOLD if _can_match(a, b, sim) else float("-inf")
            row[j] = max(below[j], row[j + 1], take)
    matches, i, j = [], 0, 0
    while i < m and j < n:
        if score[i][j] == score[i + 1][j]:
            i += 1
        elif score[i][j] == score[i][j + 1]:
            j += 1
        else:
            matches.append((i0 + i, j0 + j))
            i, j = i + 1, j + 1
    return matches


def _moves(old: list[_Key], new: list[_Key], used_old: set[int], used_new: set[int]) -> list[tuple[int, int]]:
    """Leftovers paired out of order when clearly the same text, best pairs first."""
    free_old = [i for i in range(len(old)) if i not in used_old]
    free_new = [j for j in range(len(new)) if j not in used_new]
    scored = sorted(
        ((similarity(old[i], new[j]), i, j) for i in free_old for j in free_new),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    moves, taken_old, taken_new = [], set(), set()
    for sim, i, j in scored:
        if sim < MOVE_THRESHOLD:
            break
        if old[i].title and new[j].title and fuzz.ratio(old[i].title, new[j].title) < 60:
            continue  # a moved article keeps its title; same words under another title are a new article
        if i not in taken_old and j not in taken_new:
            moves.append((i, j))
            taken_old.add(i)
            taken_new.add(j)
    return moves


def _splits_and_merges(
    old: list[_Key],
    new: list[_Key],
    matches: list[tuple[int, int]],
    used_old: set[int],
    used_new: set[int],
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """old index -> extra new indexes (split); new index -> extra old indexes (merge)."""
    new_of = {i: j for i, j in matches}
    old_of = {j: i for i, j in matches}
    splits: dict[int, list[int]] = {}
    merges: dict[int, list[int]] = {}
    for j in range(len(new)):
        if j in used_new:
            continue
        for neighbour in (j - 1, j + 1):
            source = old_of.get(neighbour)
            if source is not None and _is_part(new[j], new[neighbour], old[source]):
                splits.setdefault(source, []).append(j)
                used_new.add(j)
                break
    for i in range(len(old)):
        if i in used_old:
            continue
        for neighbour in (i - 1, i + 1):
            target = new_of.get(neighbour)
            if target is not None and _is_part(old[i], old[neighbour], new[target]):
                merges.setdefault(target, []).append(i)
                used_old.add(i)
                break
    return splits, merges


def _assemble(
    old_articles: list[Article],
    new_articles: list[Article],
    old_keys: list[_Key],
    new_keys: list[_Key],
    matches: list[tuple[int, int]],
    moves: list[tuple[int, int]],
    splits: dict[int, list[int]],
    merges: dict[int, list[int]],
) -> list[ArticlePair]:
    """Pairs in new-document order; repealed old articles placed after their predecessor."""
    by_new: dict[int, ArticlePair] = {}
    placed_old: dict[int, int] = {}  # old index -> new index it is shown with
    moved = {i for i, _ in moves}
    split_parts = {j for parts in splits.values() for j in parts}
    merged_parts = {i for parts in merges.values() for i in parts}
    for i, j in matches + moves:
        old_group = [i, *merges.get(j, [])]
        new_group = [j, *splits.get(i, [])]
        old_side = tuple(old_articles[k] for k in sorted(old_group))
        new_side = tuple(new_articles[k] for k in sorted(new_group))
        sim = similarity(old_keys[i], new_keys[j])
        if len(new_group) > 1:
            status: PairStatus = "split"
        elif len(old_group) > 1:
            status = "merged"
        elif i in moved:
            status = "moved"
        else:
            status = _status(old_articles[i], new_articles[j], old_keys[i], new_keys[j])
        pair = ArticlePair(old_side, new_side, status, round(sim, 3), align_paragraphs(old_side, new_side))
        by_new[min(new_group)] = pair
        for k in old_group:
            placed_old[k] = min(new_group)
    pairs: list[ArticlePair] = []
    pending_old = sorted(k for k in range(len(old_articles)) if k not in placed_old and k not in merged_parts)
    # a repealed article is shown right after the new place of its closest kept predecessor
    shown_after, latest = [], -1
    for k in range(len(old_articles)):
        shown_after.append(latest)
        latest = max(latest, placed_old.get(k, -1))
    for j, article in enumerate(new_articles):
        while pending_old and shown_after[pending_old[0]] < j:
            pairs.append(_repealed(old_articles[pending_old.pop(0)]))
        if j in by_new:
            pairs.append(by_new[j])
        elif j not in split_parts:
            pairs.append(ArticlePair((), (article,), "new", 0.0))
    pairs.extend(_repealed(old_articles[k]) for k in pending_old)
    return pairs


def _repealed(article: Article) -> ArticlePair:
    return ArticlePair((article,), (), "repealed", 0.0)


def _status(old: Article, new: Article, old_key: _Key, new_key: _Key) -> PairStatus:
    if new.is_repealed and not old.is_repealed:
        return "repealed"
    same_number = old.number == new.number
    if old_key.exact == new_key.exact:
        return "unchanged" if same_number else "renumbered"
    if same_number:
        return "modified"
    only_numbers = old_key.body == new_key.body and old_key.title == new_key.title
    return "renumbered" if only_numbers else "renumbered_modified"


# ------------------------------------------------------------------------ paragraphs


def align_paragraphs(old: Sequence[Article], new: Sequence[Article]) -> tuple[ParagraphPair, ...]:
    """Align the capoversi (and tables) of an article pair, detecting merges and splits."""
    old_blocks = [b for a in old for b in a.blocks]
    new_blocks = [b for a in new for b in a.blocks]
    if len(old_blocks) == len(new_blocks) and all(map(_same_block, old_blocks, new_blocks)):
        return tuple(ParagraphPair((a,), (b,), 1.0) for a, b in zip(old_blocks, new_blocks, strict=True))  # the usual case
    old_keys = [_block_key(b) for b in old_blocks]
    new_keys = [_block_key(b) for b in new_blocks]
    matches = _align_gap(old_keys, new_keys, 0, len(old_keys), 0, len(new_keys))
    matched_old = {i for i, _ in matches}
    matched_new = {j for _, j in matches}
    splits, merges = _splits_and_merges(old_keys, new_keys, matches, set(matched_old), set(matched_new))
    pairs: list[ParagraphPair] = []
    new_of = dict(matches)
    old_of = {j: i for i, j in matches}
    shown_old: set[int] = set()
    merged_parts = {i for parts in merges.values() for i in parts}
    split_parts = {j for parts in splits.values() for j in parts}
    for j in range(len(new_blocks)):
        if j in split_parts:
            continue
        i = old_of.get(j)
        # old blocks left unmatched before this one are shown as removed, in place
        upto = i if i is not None else -1
        for k in range(len(old_blocks)):
            if k < upto and k not in matched_old and k not in shown_old and k not in merged_parts:
                pairs.append(ParagraphPair((old_blocks[k],), (), 0.0))
                shown_old.add(k)
        if i is None:
            pairs.append(ParagraphPair((), (new_blocks[j],), 0.0))
            continue
        old_group = sorted([i, *merges.get(j, [])])
        new_group = sorted([j, *splits.get(i, [])])
        shown_old.update(old_group)
        pairs.append(
            ParagraphPair(
                tuple(old_blocks[k] for k in old_group),
                tuple(new_blocks[k] for k in new_group),
                round(similarity(old_keys[i], new_keys[new_of[i]]), 3),
            )
        )
    for k in range(len(old_blocks)):
        if k not in shown_old and k not in merged_parts and k not in matched_old:
            pairs.append(ParagraphPair((old_blocks[k],), (), 0.0))
    return tuple(pairs)


def _same_block(a: Paragraph | Table, b: Paragraph | Table) -> bool:
    if isinstance(a, Table) or isinstance(b, Table):
        return isinstance(a, Table) and isinstance(b, Table) and a.rows == b.rows
    return a.number == b.number and a.text == b.text and _items_equal(a.items, b.items)


def _items_equal(a: tuple[Item, ...], b: tuple[Item, ...]) -> bool:
    return len(a) == len(b) and all(
        x.marker == y.marker and x.text == y.text and _items_equal(x.items, y.items) for x, y in zip(a, b, strict=True)
    )


def _block_key(block: Paragraph | Table) -> _Key:
    if isinstance(block, Table):
        return _text_key(" ".join(cell for row in block.rows for cell in row))
    return _text_key(" ".join([block.text, *(_item_text(item) for item in block.items)]))


def _item_text(item: Item) -> str:
    return " ".join([item.marker, item.text, *(_item_text(child) for child in item.items)])
