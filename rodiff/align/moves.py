"""Articles paired out of order ("moved"): the leftovers of the in-order alignment that are
clearly the same text, best pairs first.

Comparing every leftover with every other one is quadratic, and many leftovers are common
(a regulation reordered, two regulations of one commune merged). Two things bound the work
without changing the result:

- texts are compared once per *distinct* text: repeated articles ("Abrogato.", standard
  clauses) are one text with several positions;
- only texts that can reach ``MOVE_THRESHOLD`` are compared, found by *prefix filtering*
  (as in set-similarity joins, AllPairs/PPJoin): the body similarity is rapidfuzz's Indel
  ratio on word sequences, at most the Dice overlap ``2 |A & B| / (|A| + |B|)`` of the word
  multisets, so two texts can be similar enough only if they share a word among the rarest
  few of each (how few follows from the threshold, see ``_prefix``).

The greedy choice is then the same as sorting every pair by (similarity, old, new) and taking
each pair whose two articles are still free: a heap holds each old article's best free
partner and is refreshed when that partner is taken.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .sequence import Match
from .similarity import TITLE_WEIGHT, TextKey

MOVE_THRESHOLD = 0.75  # out-of-order pairs need to be clearly the same text
# The least body similarity a pair above MOVE_THRESHOLD can have (the title adds at most
# TITLE_WEIGHT); a hair lower, so that rounding never drops a pair.
_BODY_FLOOR = (MOVE_THRESHOLD - TITLE_WEIGHT) / (1 - TITLE_WEIGHT) - 1e-9
# Shortest partner, as a share of a text's words, that can reach _BODY_FLOOR: the overlap is at
# least _BODY_FLOOR / 2 * (|A| + |B|) and at most |B|.
_LEAST_SHARE = _BODY_FLOOR / (2 - _BODY_FLOOR)

Similarity = Callable[[TextKey, TextKey], float]
Acceptable = Callable[[TextKey, TextKey], bool]


@dataclass(frozen=True)
class _Text:
    """One distinct text of a side: what the similarity reads, and where it stands."""

    key: TextKey
    positions: tuple[int, ...]  # ascending indexes of the articles with this text


def moved_pairs(
    old: list[TextKey],
    new: list[TextKey],
    free_old: list[int],
    free_new: list[int],
    similarity: Similarity,
    acceptable: Acceptable,
) -> list[Match]:
    """The out-of-order pairs among ``free_old`` x ``free_new``: similarity at least
    ``MOVE_THRESHOLD`` and ``acceptable`` (the titles agree), taken best first, ties to the
    lowest old then new index: the result of sorting every pair and taking it greedily."""
    old_texts, new_texts = _distinct(old, free_old), _distinct(new, free_new)
    options: dict[int, list[tuple[float, int]]] = defaultdict(list)  # old text -> (similarity, new text)
    for a, b in _candidates(old_texts, new_texts):
        sim = similarity(old_texts[a].key, new_texts[b].key)
        if sim >= MOVE_THRESHOLD and acceptable(old_texts[a].key, new_texts[b].key):
            options[a].append((sim, b))
    by_number = _repealed_by_number(old, new, free_old, free_new)
    free = [list(text.positions) for text in new_texts]  # new text -> its positions, ascending
    first_free = [0] * len(new_texts)  # new text -> where its first free position is
    taken_new: set[int] = set()

    def best(i: int) -> tuple[float, int, int] | None:
        """Old article i's best free partner, as a heap entry (-similarity, i, j)."""
        found: tuple[float, int, int] | None = None
        for sim, b in options.get(text_of[i], ()):
            positions = free[b]
            while first_free[b] < len(positions) and positions[first_free[b]] in taken_new:
                first_free[b] += 1
            if first_free[b] < len(positions):
                entry = (-sim, i, positions[first_free[b]])
                found = entry if found is None or entry < found else found
        for j in by_number.get(i, ()):
            sim = similarity(old[i], new[j])
            if j not in taken_new and sim >= MOVE_THRESHOLD and acceptable(old[i], new[j]):
                entry = (-sim, i, j)
                found = entry if found is None or entry < found else found
        return found

    text_of = {i: a for a, text in enumerate(old_texts) for i in text.positions}
    heap = [entry for i in free_old if (entry := best(i)) is not None]
    heapq.heapify(heap)
    moves: list[Match] = []  # popped in the order of (-similarity, i, j): an entry refreshed is never better
    while heap:
        _, i, j = heapq.heappop(heap)
        if j in taken_new:  # taken since: i's next best
            if (entry := best(i)) is not None:
                heapq.heappush(heap, entry)
            continue
        moves.append((i, j))
        taken_new.add(j)
    return moves


def _distinct(keys: list[TextKey], free: list[int]) -> list[_Text]:
    """The distinct texts among the free articles: what the similarity reads of them (repealed
    texts with another number are told apart by ``_repealed_by_number``)."""
    positions: dict[tuple[tuple[str, ...], str, bool], list[int]] = {}
    first: dict[tuple[tuple[str, ...], str, bool], TextKey] = {}
    for index in free:
        key = keys[index]
        identity = (tuple(key.tokens), key.title, key.repealed)
        positions.setdefault(identity, []).append(index)
        first.setdefault(identity, key)
    return [_Text(first[identity], tuple(found)) for identity, found in positions.items()]


def _candidates(old: list[_Text], new: list[_Text]) -> Iterable[tuple[int, int]]:
    """Pairs of distinct texts (same repealed state) that may reach the threshold: bodies that
    share a word among the rarest of each, and bodies without words (only titles) with each other."""
    frequency: Counter[tuple[str, int]] = Counter()
    for text in (*old, *new):
        frequency.update(_indexed(text.key.tokens))
    index: dict[tuple[tuple[str, int], bool], list[int]] = defaultdict(list)
    wordless: dict[bool, list[int]] = defaultdict(list)
    for b, text in enumerate(new):
        if not text.key.tokens:
            wordless[text.key.repealed].append(b)
        for token in _prefix(text.key.tokens, frequency):
            index[token, text.key.repealed].append(b)
    for a, text in enumerate(old):
        if not text.key.tokens:
            yield from ((a, b) for b in wordless[text.key.repealed])
            continue
        seen: set[int] = set()
        for token in _prefix(text.key.tokens, frequency):
            for b in index.get((token, text.key.repealed), ()):
                if b not in seen:
                    seen.add(b)
                    yield a, b


def _indexed(tokens: list[str]) -> list[tuple[str, int]]:
    """A word multiset as a set: the second "il" is ("il", 1)."""
    seen: Counter[str] = Counter()
    indexed = []
    for token in tokens:
        indexed.append((token, seen[token]))
        seen[token] += 1
    return indexed


def _prefix(tokens: list[str], frequency: Counter[tuple[str, int]]) -> list[tuple[str, int]]:
    """The rarest words of a text, enough that any text similar enough shares one of them: two
    texts overlapping in at least ``t`` words share a word among the first ``len - t + 1`` of
    each (in one global order), and ``t >= _LEAST_SHARE * len`` for any partner."""
    words = sorted(_indexed(tokens), key=lambda token: (frequency[token], token))
    least_overlap = math.ceil(_LEAST_SHARE * len(words))
    return words[: len(words) - max(least_overlap, 1) + 1]


def _repealed_by_number(old: list[TextKey], new: list[TextKey], free_old: list[int], free_new: list[int]) -> dict[int, list[int]]:
    """A repealed article against a kept one is similar only when they have the same number."""
    new_at: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for j in free_new:
        if new[j].number:
            new_at[new[j].number, new[j].repealed].append(j)
    return {i: new_at[old[i].number, not old[i].repealed] for i in free_old if (old[i].number, not old[i].repealed) in new_at}
