"""The alignment as data: article pairs, capoverso pairs, and the indexes consumers ask."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from ..model import Article, Document, Item, Paragraph, Table
from .moved import moved_paragraphs, rewritten_in_place

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
    old: tuple[Article, ...]  # empty for a new article or a repealed slot ("Art. 12 (abrogato)"); two or more for a merge
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
    _blocks_of_old: dict[str, ParagraphPair] = field(init=False, repr=False, compare=False)
    _holder_of_new: dict[str, Article] = field(init=False, repr=False, compare=False)
    _moved: dict[str, Paragraph] | None = field(init=False, repr=False, compare=False, default=None)
    _rewritten: dict[str, Article | Paragraph] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        by_old = {article.eid: pair for pair in self.pairs for article in pair.old}
        by_new = {article.eid: pair for pair in self.pairs for article in pair.new}
        blocks_of_old = {
            block.eid: paragraphs for pair in self.pairs for paragraphs in pair.paragraphs for block in paragraphs.old
        }
        holder_of_new = {block.eid: article for pair in self.pairs for article in pair.new for block in article.blocks}
        object.__setattr__(self, "_by_old", by_old)
        object.__setattr__(self, "_by_new", by_new)
        object.__setattr__(self, "_by_key", {pair.key: pair for pair in self.pairs})
        object.__setattr__(self, "_eids", _eid_map(self.pairs))
        object.__setattr__(self, "_blocks_of_old", blocks_of_old)
        object.__setattr__(self, "_holder_of_new", holder_of_new)

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

    def paragraph_pair_of_old(self, eid: str) -> ParagraphPair | None:
        """The capoverso pair holding the old capoverso (or table) with this id (``art_11__cpv_2``)."""
        return self._blocks_of_old.get(eid)

    def new_article_holding(self, eid: str) -> Article | None:
        """The new article a capoverso (or table) of the new text belongs to (``art_12__cpv_2`` -> Art. 12)."""
        return self._holder_of_new.get(eid)

    def moved_paragraph(self, old_eid: str) -> Paragraph | None:
        """The new capoverso that holds the text of an old one left without counterpart in its
        article pair, or whose article was repealed (old art. 55 cpv. 2 -> art. 60 cpv. 5),
        found by near-identical text (``moved_paragraphs``); None when there is none, or two.
        Computed on first use: only the reference check asks."""
        if self._moved is None:
            object.__setattr__(self, "_moved", moved_paragraphs(self.pairs))
        assert self._moved is not None
        return self._moved.get(old_eid)

    def rewritten(self, old_eid: str) -> Article | Paragraph | None:
        """The new article (or capoverso) that holds the place and the number of an old one left
        without counterpart: the old text reworded or retitled beyond recognition, not repealed
        (``rewritten_in_place``). Computed on first use."""
        if self._rewritten is None:
            object.__setattr__(self, "_rewritten", rewritten_in_place(self.pairs))
        assert self._rewritten is not None
        return self._rewritten.get(old_eid)

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
