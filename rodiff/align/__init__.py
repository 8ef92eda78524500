"""Alignment: which article (and capoverso) of the text in force is which of the proposal.

Articles are paired by content, not by number: old Art. 11 = new Art. 12 when an article
was inserted before it. The method, in order:

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

What is left without counterpart is read once more, on demand, for the reference check
(``Alignment.moved_paragraph``, ``Alignment.rewritten``; module ``moved``): a capoverso whose
near-identical text is now in another article (old art. 55 cpv. 2 -> art. 60 cpv. 5), and an
article or capoverso rewritten under its number in its place (reworded, not repealed).

Statuses (``PairStatus``): ``unchanged`` same number, same text; ``modified`` same number,
text changed; ``renumbered`` new number, text unchanged but for reference numbers;
``renumbered_modified`` new number and text changed; ``new``; ``repealed`` (removed, or
kept with the body "Abrogato."); ``moved`` (paired out of order); ``split`` (one old
article into two or more new); ``merged`` (two or more old into one new).

Modules: ``model`` (the pairs and the ``Alignment`` with its indexes), ``sequence`` (the
generic routines: anchors, longest increasing chain, the dynamic programme, splits and
merges; shared with the lettere of ``rodiff.xref``), ``similarity`` (text keys and scores),
``articles`` (``align``), ``moves`` (articles paired out of order), ``paragraphs``
(``align_paragraphs``), ``tables`` (rows of a table, for the confronto) and ``moved``
(leftovers followed).
"""

from .articles import align
from .model import STATUSES, Alignment, ArticlePair, PairStatus, ParagraphPair
from .paragraphs import align_paragraphs
from .sequence import align_in_order, longest_increasing_chain
from .similarity import article_body, similarity

__all__ = [
    "STATUSES",
    "Alignment",
    "ArticlePair",
    "PairStatus",
    "ParagraphPair",
    "align",
    "align_in_order",
    "align_paragraphs",
    "article_body",
    "longest_increasing_chain",
    "similarity",
]
