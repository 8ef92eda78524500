"""Align two versions of a regulation article by article, by content (see ``rodiff.align``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..errors import InputError
from ..model import Article, Document
from .model import Alignment, ArticlePair, PairStatus
from .moves import moved_pairs
from .paragraphs import align_paragraphs
from .sequence import Match, align_in_order, splits_and_merges, unique_anchors
from .similarity import (
    MATCH_THRESHOLD,
    SAME_TITLE_THRESHOLD,
    TextKey,
    TextKeys,
    article_key,
    is_part,
    match_gain,
    similarity,
)

MOVED_TITLE_RATIO = 60  # a moved article keeps its title: same words under another title are a new article
SPLIT_SHARE = 0.15  # each part of a split adds at least this share of the old article's words
SPLIT_COVER = 0.7  # and the parts together at least this share
# A gap between anchors up to this many possible pairs is aligned exactly (every pair compared);
# a longer one (no anchor in a long run of articles: every article edited, or text repeated
# so often that no identical article is unique) only near its diagonal, GAP_BAND articles
# either side of the offsets it must travel: linear work instead of a full table.
FULL_GAP_PAIRS = 40_000
GAP_BAND = 30


def align(old: Document, new: Document, forced: Sequence[tuple[str, str]] = ()) -> Alignment:
    """Pair the articles of ``old`` and ``new`` by content (see the package docstring).

    ``forced`` are pairs the user decided (old number, new number: ("12", "10b")); they are
    kept as they are and the other articles are aligned around them.
    """
    old_articles, new_articles = old.articles(), new.articles()
    keys = TextKeys()  # an article unchanged in the proposal is read once
    old_keys = [article_key(a, keys) for a in old_articles]
    new_keys = [article_key(a, keys) for a in new_articles]
    chosen = _forced_indices(old_articles, new_articles, forced) if forced else []
    matches = _around_forced(old_keys, new_keys, chosen) if forced else _ordered_matches(old_keys, new_keys)
    matches, rehomed, slots = _content_beats_number(old_keys, new_keys, matches, set(chosen))
    matched_old = {i for i, _ in matches} | {i for i, _ in rehomed}
    matched_new = {j for _, j in matches} | {j for _, j in rehomed} | set(slots)
    moves = rehomed + _moves(old_keys, new_keys, matched_old, matched_new)
    matched_old |= {i for i, _ in moves}
    matched_new |= {j for _, j in moves}
    splits, merges = splits_and_merges(old_keys, new_keys, matches + moves, matched_old, matched_new, is_part)
    splits = _real_splits(old_keys, new_keys, dict(matches + moves), splits)
    pairs = _assemble(old_articles, new_articles, old_keys, new_keys, matches, moves, splits, merges, slots)
    return Alignment(old, new, tuple(pairs))


def _content_beats_number(
    old: list[TextKey], new: list[TextKey], matches: list[Match], forced: set[Match]
) -> tuple[list[Match], list[Match], list[int]]:
    """An old article paired only by its number with a repealed placeholder ("Art. 12
    (abrogato)") whose text lives on in an unpaired new article (old 12 -> new 10b): the content
    wins. Returns the matches left, the old articles re-paired with their content (shown as
    moved), and the placeholders, which become repealed slots. ``forced`` pairs stay as they are."""
    taken_new = {j for _, j in matches}
    free_new = [j for j in range(len(new)) if j not in taken_new]
    kept: list[Match] = []
    rehomed: list[Match] = []
    slots: list[int] = []
    for i, j in matches:
        if not new[j].repealed or old[i].repealed or (i, j) in forced:
            kept.append((i, j))
            continue
        scored = [(similarity(old[i], new[k]), k) for k in free_new if not new[k].repealed]
        best = max(scored, default=(0.0, -1), key=lambda s: (s[0], -s[1]))
        if best[0] < MATCH_THRESHOLD:
            kept.append((i, j))
            continue
        rehomed.append((i, best[1]))
        free_new.remove(best[1])
        slots.append(j)
    return kept, rehomed, slots


def _real_splits(
    old: list[TextKey], new: list[TextKey], new_of: dict[int, int], splits: dict[int, list[int]]
) -> dict[int, list[int]]:
    """Only the splits where every part carries a real share of the old article's words and the
    parts together cover most of them: a short unrelated article next to the one that took the
    old text is new, not half of a split."""
    real: dict[int, list[int]] = {}
    for i, parts in splits.items():
        whole = old[i].words
        group = [new_of[i], *parts]
        total = _covered(whole, [new[j] for j in group])
        # what each part adds that the others do not hold: nothing, when the partner already has it all
        kept = [j for j in parts if total - _covered(whole, [new[k] for k in group if k != j]) >= SPLIT_SHARE]
        main_adds = total - _covered(whole, [new[j] for j in kept])
        if kept and main_adds >= SPLIT_SHARE and total >= SPLIT_COVER:
            real[i] = kept
    return real


def _covered(whole: Counter[str], parts: list[TextKey]) -> float:
    """Share of the words of ``whole`` (with multiplicity) that ``parts`` hold together."""
    together: Counter[str] = Counter()
    for part in parts:
        together |= part.words
    return sum((together & whole).values()) / (sum(whole.values()) or 1)


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


def _forced_indices(old: list[Article], new: list[Article], forced: Sequence[tuple[str, str]]) -> list[Match]:
    """The (old index, new index) of each forced pair; an Italian ``InputError`` for a number not found."""
    old_at = {article.number.normalised: i for i, article in enumerate(old)}
    new_at = {article.number.normalised: j for j, article in enumerate(new)}
    found: list[Match] = []
    for old_number, new_number in forced:
        if old_number not in old_at:
            raise InputError(f"Abbinamento corretto a mano: il testo in vigore non ha un art. {old_number}. Lo tolga o corregga.")
        if new_number not in new_at:
            raise InputError(f"Abbinamento corretto a mano: la proposta non ha un art. {new_number}. Lo tolga o lo corregga.")
        if any(old_at[old_number] == i or new_at[new_number] == j for i, j in found):
            raise InputError(
                f"Abbinamento corretto a mano: l'art. {old_number} in vigore o l'art. {new_number} proposto è già abbinato "
                "a un altro articolo. Ne tenga un solo abbinamento."
            )
        found.append((old_at[old_number], new_at[new_number]))
    return found


def _around_forced(old: list[TextKey], new: list[TextKey], forced: list[Match]) -> list[Match]:
    """The forced pairs, and the other articles aligned in order without them."""
    taken_old, taken_new = {i for i, _ in forced}, {j for _, j in forced}
    free_old = [i for i in range(len(old)) if i not in taken_old]
    free_new = [j for j in range(len(new)) if j not in taken_new]
    rest = _ordered_matches([old[i] for i in free_old], [new[j] for j in free_new])
    return [*forced, *((free_old[i], free_new[j]) for i, j in rest)]


def _align_gap(old: list[TextKey], new: list[TextKey], i0: int, i1: int, j0: int, j1: int) -> list[Match]:
    """Order-preserving alignment of old[i0:i1] with new[j0:j1] maximising total similarity."""
    m, n = i1 - i0, j1 - j0
    band = None if m * n <= FULL_GAP_PAIRS else GAP_BAND
    found = align_in_order(m, n, lambda i, j: match_gain(old[i0 + i], new[j0 + j]), SAME_TITLE_THRESHOLD, band)
    return [(i0 + i, j0 + j) for i, j in found]


def _moves(old: list[TextKey], new: list[TextKey], used_old: set[int], used_new: set[int]) -> list[Match]:
    """Leftovers paired out of order when clearly the same text, best pairs first (``moves.py``)."""
    free_old = [i for i in range(len(old)) if i not in used_old]
    free_new = [j for j in range(len(new)) if j not in used_new]
    return moved_pairs(old, new, free_old, free_new, lambda a, b: similarity(a, b), _same_title)


def _same_title(old: TextKey, new: TextKey) -> bool:
    """A moved article keeps its title (when both have one)."""
    return not (old.title and new.title) or fuzz.ratio(old.title, new.title) >= MOVED_TITLE_RATIO


def _assemble(
    old_articles: list[Article],
    new_articles: list[Article],
    old_keys: list[TextKey],
    new_keys: list[TextKey],
    matches: list[Match],
    moves: list[Match],
    splits: dict[int, list[int]],
    merges: dict[int, list[int]],
    slots: Sequence[int] = (),
) -> list[ArticlePair]:
    """Pairs in new-document order; repealed old articles placed after their predecessor;
    ``slots``: repealed placeholders of the new text whose number now holds nothing."""
    by_new: dict[int, ArticlePair] = {}
    placed_old: dict[int, int] = {}  # old index -> new index it is shown with
    moved = {i for i, _ in moves}
    split_parts = {j for parts in splits.values() for j in parts}
    shown_new: set[int] = set()
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
        shown_new.update(new_group)
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
        elif j in slots:
            pairs.append(ArticlePair((), (article,), "repealed", 0.0))  # "Art. 12 (abrogato)", its text gone elsewhere
        elif j not in split_parts and j not in shown_new:
            alone: PairStatus = "repealed" if article.is_repealed else "new"  # a placeholder is a repealed slot
            pairs.append(ArticlePair((), (article,), alone, 0.0))
    pairs.extend(_repealed(old_articles[k]) for k in pending_old)
    return pairs


def _repealed(article: Article) -> ArticlePair:
    return ArticlePair((article,), (), "repealed", 0.0)


def _status(old: Article, new: Article, old_key: TextKey, new_key: TextKey) -> PairStatus:
    if new.is_repealed and not old.is_repealed:
        return "repealed"
    same_number = old.number == new.number
    if old_key.same_text(new_key):
        return "unchanged" if same_number else "renumbered"
    if same_number:
        return "modified"
    only_numbers = old_key.body == new_key.body and old_key.title == new_key.title
    return "renumbered" if only_numbers else "renumbered_modified"
