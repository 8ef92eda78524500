"""Alignment: which article (and capoverso) of the text in force is which of the proposal."""

from .articles import (
    Alignment,
    ArticlePair,
    PairStatus,
    ParagraphPair,
    align,
    align_paragraphs,
    article_body,
    longest_increasing_chain,
    similarity,
)

__all__ = [
    "Alignment",
    "ArticlePair",
    "PairStatus",
    "ParagraphPair",
    "align",
    "align_paragraphs",
    "article_body",
    "longest_increasing_chain",
    "similarity",
]
