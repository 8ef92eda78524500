"""Generic sequence alignment, for articles, capoversi and lettere alike.

- ``unique_anchors``: items identical and unique on both sides, reduced by
  ``longest_increasing_chain`` to the longest chain that keeps the order (as in patience diff);
- ``align_in_order``: a global, order-preserving dynamic programme (sequence alignment) that
  maximises the total gain of the pairs it takes; deterministic, not a greedy first match;
- ``splits_and_merges``: leftovers that are a piece of their neighbour's partner.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")
Match = tuple[int, int]  # (old index, new index)


def longest_increasing_chain(pairs: list[Match]) -> list[Match]:
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
    chain: list[Match] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def unique_anchors(old: Sequence[Hashable], new: Sequence[Hashable], eligible: Callable[[int], bool]) -> list[Match]:
    """Items equal and unique on both sides (old ones ``eligible``), in their longest in-order chain."""
    old_count, new_count = Counter(old), Counter(new)
    new_index = {text: j for j, text in enumerate(new)}
    candidates = [
        (i, new_index[text])
        for i, text in enumerate(old)
        if text in new_index and old_count[text] == 1 and new_count[text] == 1 and eligible(i)
    ]
    return longest_increasing_chain(candidates)


def align_in_order(m: int, n: int, gain: Callable[[int, int], float | None], cost: float = 0.0) -> list[Match]:
    """Order-preserving pairs of old 0..m-1 with new 0..n-1 maximising the total ``gain - cost``.

    ``gain(i, j)`` is the similarity of a possible pair, None when the two cannot be paired;
    ``cost`` is paid for every pair taken (a pair is worth taking when its gain exceeds it).
    """
    if m == 0 or n == 0:
        return []
    score = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        row, below = score[i], score[i + 1]
        for j in range(n - 1, -1, -1):
            value = gain(i, j)
            take = below[j + 1] + value - cost if value is not None else float("-inf")
            row[j] = max(below[j], row[j + 1], take)
    matches, i, j = [], 0, 0
    while i < m and j < n:
        if score[i][j] == score[i + 1][j]:
            i += 1
        elif score[i][j] == score[i][j + 1]:
            j += 1
        else:
            matches.append((i, j))
            i, j = i + 1, j + 1
    return matches


def splits_and_merges(
    old: Sequence[T],
    new: Sequence[T],
    matches: list[Match],
    used_old: set[int],
    used_new: set[int],
    is_part: Callable[[T, T, T], bool],
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """old index -> extra new indexes (split); new index -> extra old indexes (merge).

    A leftover is a piece of its neighbour's partner when ``is_part(leftover, neighbour,
    partner)``; ``used_old`` and ``used_new`` are updated with the pieces found.
    """
    new_of = {i: j for i, j in matches}
    old_of = {j: i for i, j in matches}
    return _pieces(new, old, old_of, used_new, is_part), _pieces(old, new, new_of, used_old, is_part)


def _pieces(
    side: Sequence[T], other: Sequence[T], partner_of: dict[int, int], used: set[int], is_part: Callable[[T, T, T], bool]
) -> dict[int, list[int]]:
    """Partner index -> the leftovers of ``side`` that belong to it with their neighbour."""
    found: dict[int, list[int]] = {}
    for k in range(len(side)):
        if k in used:
            continue
        for neighbour in (k - 1, k + 1):
            partner = partner_of.get(neighbour)
            if partner is not None and is_part(side[k], side[neighbour], other[partner]):
                found.setdefault(partner, []).append(k)
                used.add(k)
                break
    return found
