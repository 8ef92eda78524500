"""Align the rows of two tables inside an article (Vacallo art. 30 -> 33, salary classes).

A row is first paired by its first cell (the key of the row: the function, the class), then
by content; pairs keep the order of both tables. Rows left alone are removed or added at the
place they had, removed rows first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from .sequence import align_in_order
from .similarity import normal

SAME_KEY_BONUS = 2.0  # a row keeping its first cell is paired before any row that only looks alike
ROW_MATCH_THRESHOLD = 0.4  # below this (first cells alike + words shared) two rows are different rows

WORD = re.compile(r"\w+")  # words only: "svizzera;" and "svizzera," are one word

Row = tuple[str, ...]
RowPair = tuple[int | None, int | None]  # (old row index, new row index); None on the missing side


def align_rows(old: Sequence[Row], new: Sequence[Row]) -> list[RowPair]:
    """Old and new rows in reading order: pairs, then removed (old, None) and added (None, new).

    Rows are paired by their first cell (the same key, or one spelled alike: "Segretario" and
    "Segretario I"), together with the words the rows share.

    >>> align_rows([("A", "1"), ("B", "2")], [("A", "3"), ("C", "9"), ("B", "2")])
    [(0, 0), (None, 1), (1, 2)]
    """
    old_words = [_words(row) for row in old]
    new_words = [_words(row) for row in new]

    def gain(i: int, j: int) -> float | None:
        if old[i] == new[j]:
            return SAME_KEY_BONUS + 1.0
        share = _shared(old_words[i], new_words[j])
        if _key(old[i]) and _key(old[i]) == _key(new[j]):
            return SAME_KEY_BONUS + share
        score = (fuzz.ratio(_key(old[i]), _key(new[j])) / 100 + share) / 2  # "Segretario" ~ "Segretario I"
        return score if score >= ROW_MATCH_THRESHOLD else None

    return _in_reading_order(align_in_order(len(old), len(new), gain), len(old), len(new))


def _key(row: Row) -> str:
    return normal(row[0]) if row else ""


def _words(row: Row) -> list[str]:
    return WORD.findall(normal(" ".join(row)))


def _shared(a: list[str], b: list[str]) -> float:
    """Dice share of words two rows have in common (multiset), 0 when either is empty."""
    if not a or not b:
        return 0.0
    remaining = list(b)
    common = 0
    for word in a:
        if word in remaining:
            remaining.remove(word)
            common += 1
    return 2 * common / (len(a) + len(b))


LINE_MATCH_THRESHOLD = 0.4  # share of shared words for two printed lines to be one line changed


def align_lines(old: Sequence[str], new: Sequence[str]) -> list[RowPair]:
    """Printed lines of a capoverso in reading order, as ``align_rows``: a line kept or
    edited is paired; lines removed come at the place they had, before lines added there.

    >>> align_lines(["a) uno;", "b) due."], ["a) uno;", "b) tre e quattro;", "c) due."])
    [(0, 0), (None, 1), (1, 2)]
    """
    old_words = [_words((text,)) for text in old]
    new_words = [_words((text,)) for text in new]

    def gain(i: int, j: int) -> float | None:
        if old[i] == new[j]:
            return 2.0
        share = _shared(old_words[i], new_words[j])
        return share if share >= LINE_MATCH_THRESHOLD else None

    if len(old) == len(new) == 1:  # one line each (most capoversi): paired or not, no order to find
        return [(0, 0)] if gain(0, 0) is not None else [(0, None), (None, 0)]
    return _in_reading_order(align_in_order(len(old), len(new), gain), len(old), len(new))


def _in_reading_order(matches: list[tuple[int, int]], old: int, new: int) -> list[RowPair]:
    pairs: list[RowPair] = []
    i = j = 0
    for a, b in [*matches, (old, new)]:
        pairs.extend((k, None) for k in range(i, a))
        pairs.extend((None, k) for k in range(j, b))
        if a < old and b < new:
            pairs.append((a, b))
        i, j = a + 1, b + 1
    return pairs
