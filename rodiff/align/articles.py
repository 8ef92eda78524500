"""Align two versions of a regulation article by article, by content (see ``rodiff.align``)."""

from __future__ import annotations

from rapidfuzz import fuzz

from ..model import Article, Document
from .model import Alignment, ArticlePair, PairStatus
from .paragraphs import align_paragraphs
from .sequence import Match, align_in_order, splits_and_merges, unique_anchors
from .similarity import SAME_TITLE_THRESHOLD, TextKey, article_key, is_part, match_gain, similarity

MOVE_THRESHOLD = 0.75  # out-of-order pairs need to be clearly the same text
MOVED_TITLE_RATIO = 60  # a moved article keeps its title: same words under another title are a new article


def align(old: Document, new: Document) -> Alignment:
    """Pair the articles of ``old`` and ``new`` by content (see the package docstring)."""
    old_articles, new_articles = old.articles(), new.articles()
    old_keys = [article_key(a) for a in old_articles]
    new_keys = [article_key(a) for a in new_articles]
    matches = _ordered_matches(old_keys, new_keys)
    matched_old = {i for i, _ in matches}
    matched_new = {j for _, j in matches}
    moves = _moves(old_keys, new_keys, matched_old, matched_new)
    matched_old |= {i for i, _ in moves}
    matched_new |= {j for _, j in moves}
    splits, merges = splits_and_merges(old_keys, new_keys, matches + moves, matched_old, matched_new, is_part)
    pairs = _assemble(old_articles, new_articles, old_keys, new_keys, matches, moves, splits, merges)
    return Alignment(old, new, tuple(pairs))


def _ordered_matches(old: list[TextKey], new: list[TextKey]) -> list[Match]:
    """Unique identical articles as anchors, then each gap between two anchors aligned in order."""
    anchors = unique_anchors([k.identity for k in old], [k.identity for k in new], lambda i: bool(old[i].body))
    matches: list[Match] = []
    previous = (-1, -1)
    for anchor in [*anchors, (len(old), len(new))]:
        matches.extend(_align_gap(old, new, previous[0] + 1, anchor[0], previous[1] + 1, anchor[1]))
        if anchor[0] < len(old):
            matches.append(anchor)
        previous = anchor
    return matches


def _align_gap(old: list[TextKey], new: list[TextKey], i0: int, i1: int, j0: int, j1: int) -> list[Match]:
    """Order-preserving alignment of old[i0:i1] with new[j0:j1] maximising total similarity."""
    found = align_in_order(i1 - i0, j1 - j0, lambda i, j: match_gain(old[i0 + i], new[j0 + j]), SAME_TITLE_THRESHOLD)
    return [(i0 + i, j0 + j) for i, j in found]


def _moves(old: list[TextKey], new: list[TextKey], used_old: set[int], used_new: set[int]) -> list[Match]:
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
        if old[i].title and new[j].title and fuzz.ratio(old[i].title, new[j].title) < MOVED_TITLE_RATIO:
            continue
        if i not in taken_old and j not in taken_new:
            moves.append((i, j))
            taken_old.add(i)
            taken_new.add(j)
    return moves


def _assemble(
    old_articles: list[Article],
    new_articles: list[Article],
    old_keys: list[TextKey],
    new_keys: list[TextKey],
    matches: list[Match],
    moves: list[Match],
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


def _status(old: Article, new: Article, old_key: TextKey, new_key: TextKey) -> PairStatus:
    if new.is_repealed and not old.is_repealed:
        return "repealed"
    same_number = old.number == new.number
    if old_key.exact == new_key.exact:
        return "unchanged" if same_number else "renumbered"
    if same_number:
        return "modified"
    only_numbers = old_key.body == new_key.body and old_key.title == new_key.title
    return "renumbered" if only_numbers else "renumbered_modified"
