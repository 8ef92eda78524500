"""Align the capoversi (and tables) of an article pair, as articles are aligned: "cpv. 5 became cpv. 4"."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, Block, Item, Table
from .model import ParagraphPair
from .sequence import align_in_order, splits_and_merges
from .similarity import SAME_TITLE_THRESHOLD, TextKeys, block_key, is_part, match_gain, similarity


def align_paragraphs(old: Sequence[Article], new: Sequence[Article]) -> tuple[ParagraphPair, ...]:
    """Align the capoversi (and tables) of an article pair, detecting merges and splits."""
    old_blocks = [b for a in old for b in a.blocks]
    new_blocks = [b for a in new for b in a.blocks]
    if len(old_blocks) == len(new_blocks) and all(map(_same_block, old_blocks, new_blocks)):
        return tuple(ParagraphPair((a,), (b,), 1.0) for a, b in zip(old_blocks, new_blocks, strict=True))  # the usual case
    keys = TextKeys()  # the capoversi left as they were are read once
    old_keys = [block_key(b, keys) for b in old_blocks]
    new_keys = [block_key(b, keys) for b in new_blocks]
    matches = align_in_order(
        len(old_keys), len(new_keys), lambda i, j: match_gain(old_keys[i], new_keys[j]), SAME_TITLE_THRESHOLD
    )
    matched_old = {i for i, _ in matches}
    matched_new = {j for _, j in matches}
    splits, merges = splits_and_merges(old_keys, new_keys, matches, set(matched_old), set(matched_new), is_part)
    pairs: list[ParagraphPair] = []
    new_of = dict(matches)
    old_of = {j: i for i, j in matches}
    shown_old: set[int] = set()
    merged_parts = {i for parts in merges.values() for i in parts}
    split_parts = {j for parts in splits.values() for j in parts}

    def removed(before: int) -> list[ParagraphPair]:
        """Old blocks left unmatched before ``before``, shown as removed in their place."""
        found = []
        for k in range(min(before, len(old_blocks))):
            if k not in matched_old and k not in shown_old and k not in merged_parts:
                found.append(ParagraphPair((old_blocks[k],), (), 0.0))
                shown_old.add(k)
        return found

    for j in range(len(new_blocks)):
        if j in split_parts:
            continue
        i = old_of.get(j)
        pairs.extend(removed(i if i is not None else -1))
        if i is None:
            pairs.append(ParagraphPair((), (new_blocks[j],), 0.0))
            continue
        old_group = sorted([i, *merges.get(j, [])])
        new_group = sorted([j, *splits.get(i, [])])
        shown_old.update(old_group)
        similar = round(similarity(old_keys[i], new_keys[new_of[i]]), 3)
        pairs.append(ParagraphPair(tuple(old_blocks[k] for k in old_group), tuple(new_blocks[k] for k in new_group), similar))
    pairs.extend(removed(len(old_blocks)))
    return tuple(pairs)


def _same_block(a: Block, b: Block) -> bool:
    if isinstance(a, Table) or isinstance(b, Table):
        return isinstance(a, Table) and isinstance(b, Table) and a.rows == b.rows
    return a.number == b.number and a.text == b.text and _items_equal(a.items, b.items)


def _items_equal(a: tuple[Item, ...], b: tuple[Item, ...]) -> bool:
    return len(a) == len(b) and all(
        x.marker == y.marker and x.text == y.text and _items_equal(x.items, y.items) for x, y in zip(a, b, strict=True)
    )
