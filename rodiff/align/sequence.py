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


def align_in_order(
    m: int, n: int, gain: Callable[[int, int], float | None], cost: float = 0.0, band: int | None = None
) -> list[Match]:
    """Order-preserving pairs of old 0..m-1 with new 0..n-1 maximising the total ``gain - cost``.

    ``gain(i, j)`` is the similarity of a possible pair, None when the two cannot be paired;
    ``cost`` is paid for every pair taken (a pair is worth taking when its gain exceeds it).

    ``band`` None: every pair is considered (m x n calls of ``gain``). A number: only pairs
    whose offset ``j - i`` lies within ``band`` of the offsets between 0 and ``n - m`` (the
    diagonal the two sequences must travel), so m x (|n - m| + 2 band) calls at most: the
    bounded programme for long gaps, where the articles inserted or removed at one place
    are few compared with the length.
    """
    if m == 0 or n == 0:
        return []
    low, high = (-m, n) if band is None else (min(0, n - m) - band, max(0, n - m) + band)
    table = _Scores(m, n, low, high)
    for i in range(m - 1, -1, -1):
        first, row = table.starts[i], table.rows[i]
        below_first, below = table.starts[i + 1], table.rows[i + 1]
        below_last = below_first + len(below) - 1
        for j in range(first + len(row) - 1, first - 1, -1):
            if j == n:
                row[j - first] = 0.0  # nothing left to pair on the new side
                continue
            skip_old = below[j - below_first] if below_first <= j <= below_last else _NONE
            skip_new = row[j + 1 - first] if j + 1 - first < len(row) else _NONE
            value = gain(i, j)
            take = _NONE
            if value is not None and below_first <= j + 1 <= below_last:
                take = below[j + 1 - below_first] + value - cost
            row[j - first] = max(skip_old, skip_new, take)
    matches, i, j = [], 0, 0
    while i < m and j < n:
        here = table.get(i, j)
        if here == table.get(i + 1, j):
            i += 1
        elif here == table.get(i, j + 1):
            j += 1
        else:
            matches.append((i, j))
            i, j = i + 1, j + 1
    return matches


_NONE = float("-inf")  # a cell outside the band: no path goes through it


class _Scores:
    """The best total from each cell (i, j) to the end, stored for the cells of the band only:
    row i holds the columns ``starts[i]`` .. ``starts[i] + len(rows[i]) - 1`` (j = n included)."""

    def __init__(self, m: int, n: int, low: int, high: int) -> None:
        self.starts = [max(0, i + low) for i in range(m + 1)]
        self.rows = [[0.0] * (min(n, i + high) - self.starts[i] + 1) for i in range(m + 1)]  # row m: all 0

    def get(self, i: int, j: int) -> float:
        offset = j - self.starts[i]
        row = self.rows[i]
        return row[offset] if 0 <= offset < len(row) else _NONE


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
