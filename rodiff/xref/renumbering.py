"""What became of an old article, capoverso or lettera: the alignment read as a renumbering."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from rapidfuzz import fuzz

from ..align import Alignment, align_in_order
from ..model import Article, Item, Paragraph
from .extract import Target
from .resolve import DocumentIndex, letters, resolve_target

LETTER_MATCH = 0.5  # similarity over which two lettere of a capoverso pair are the same lettera
LABEL_BONUS = 0.1  # two lettere with the same label are preferred, all else equal
CONTAINED = 0.9  # a lettera that starts with the whole other one ("l'ammonimento;" grown)

Status = Literal["ok", "repealed", "ambiguous", "unknown"]


@dataclass(frozen=True)
class Translation:
    """What an old target became in the new text."""

    status: Status
    old: Target
    new: Target | None = None  # status "ok": the target in the new numbering (article always given)
    old_article: Article | None = None
    new_article: Article | None = None
    level: str = ""  # "repealed"/"ambiguous": "article", "paragraph" or "letter"; ``moved``: "article" when it was repealed
    candidates: tuple[str, ...] = ()  # "ambiguous": the possible new targets
    old_paragraph: Paragraph | None = None
    new_paragraph: Paragraph | None = None
    paragraph_similarity: float = 1.0
    rewritten: bool = False  # its number and place now hold another text: reworded, not repealed
    moved: bool = False  # followed by its text to another article (its capoverso left, or its article was repealed)


class Renumbering:
    """Old targets read through an ``Alignment`` (its indexes for articles and capoversi; the
    lettere of a capoverso pair aligned here, on demand)."""

    def __init__(self, alignment: Alignment, partial: bool = False) -> None:
        self.alignment = alignment
        self.old = DocumentIndex(alignment.old)
        self.new = DocumentIndex(alignment.new)
        self._letters: dict[tuple[str, str], dict[str, str | None]] = {}
        self.partial = partial  # extracts: a missing article is not a finding

    def translate(self, target: Target, citing_old: Article | None = None, where_old: str = "") -> Translation:
        """What ``target`` of a reference of the old text (standing in ``citing_old``) became."""
        old_article = citing_old if target.article is None else self.old.article(target.article)
        if old_article is None:
            return Translation("unknown", target)
        pair = self.alignment.pair_of_old(old_article.eid)
        new_articles = tuple(a for a in pair.new if not a.is_repealed) if pair is not None else ()
        if pair is None or pair.status == "repealed" or not new_articles:
            followed = self._followed(target, old_article, citing_old, where_old)
            if followed is not None:
                return replace(followed, level="article")  # the article was repealed, its text lives on
            rewritten = self._rewritten_article(target, old_article)
            return rewritten or Translation("repealed", target, old_article=old_article, level="article")
        if target.paragraph is None and target.letter is None:
            if len(new_articles) > 1:
                names = tuple(f"art. {a.number.normalised}" for a in new_articles)
                return Translation("ambiguous", target, old_article=old_article, level="article", candidates=names)
            new_article = new_articles[0]
            return Translation("ok", target, Target(new_article.number.normalised), old_article, new_article)
        old_paragraph = self._old_paragraph(target, old_article, citing_old, where_old)
        if old_paragraph is None:
            return self._article_only(target, old_article, new_articles)
        paragraph_pair = self.alignment.paragraph_pair_of_old(old_paragraph.eid)
        news = tuple(b for b in paragraph_pair.new if isinstance(b, Paragraph)) if paragraph_pair is not None else ()
        if not news:
            moved = self.alignment.moved_paragraph(old_paragraph.eid)
            if moved is not None:  # the capoverso went to another article: follow its text
                return self._in_paragraph(target, old_article, old_paragraph, moved, 1.0, True)
            in_place = self.alignment.rewritten(old_paragraph.eid)
            if isinstance(in_place, Paragraph):  # same number, same place, other words: reworded, not repealed
                return self._in_paragraph(target, old_article, old_paragraph, in_place, 0.0, False, True)
            kept = new_articles[0] if len(new_articles) == 1 else None
            return Translation("repealed", target, None, old_article, kept, level="paragraph", old_paragraph=old_paragraph)
        assert paragraph_pair is not None
        if len(news) > 1 and target.letter is None:
            names = tuple(f"art. {self._holder(b).number.normalised} cpv. {self.new.label(b)}" for b in news)
            return Translation("ambiguous", target, old_article=old_article, level="paragraph", candidates=names)
        similar = paragraph_pair.similarity if len(paragraph_pair.old) == 1 else 1.0
        return self._in_paragraph(target, old_article, old_paragraph, news, similar, False)

    def _old_paragraph(
        self, target: Target, old_article: Article, citing_old: Article | None, where_old: str
    ) -> Paragraph | None:
        """The old capoverso a target names, or holds its lettera ("art. 9 lett. d"); None when it has none."""
        if target.paragraph is not None:
            return self.old.paragraph(old_article, target.paragraph)
        resolution = resolve_target(target, self.old, citing_old, where_old)
        return resolution.paragraph if resolution.ok else None

    def _in_paragraph(
        self,
        target: Target,
        old_article: Article,
        old_paragraph: Paragraph,
        news: Paragraph | tuple[Paragraph, ...],
        similar: float,
        moved: bool,
        rewritten: bool = False,
    ) -> Translation:
        """The target in the new capoverso(s) that took ``old_paragraph``; its lettera followed too
        (in a ``rewritten`` capoverso, by its label)."""
        news = news if isinstance(news, tuple) else (news,)
        new_paragraph = news[0]
        new_letter: str | None = None
        if target.letter is not None:
            if rewritten:  # the words changed: only the label can say which lettera it is
                found = (new_paragraph, target.letter) if target.letter in letters(new_paragraph) else None
            else:
                found = self._letter(old_paragraph, news, target.letter)
            if found is None:
                return Translation(
                    "repealed",
                    target,
                    None,
                    old_article,
                    self._holder(news[0]),
                    level="letter",
                    old_paragraph=old_paragraph,
                    new_paragraph=news[0],
                )
            new_paragraph, new_letter = found
        new_article = self._holder(new_paragraph)
        # a capoverso followed to another article is named, even when the reference named only the lettera
        label = self.new.label(new_paragraph) if target.paragraph is not None or moved else None
        new_target = Target(new_article.number.normalised, label, new_letter)
        return Translation(
            "ok",
            target,
            new_target,
            old_article,
            new_article,
            old_paragraph=old_paragraph,
            new_paragraph=new_paragraph,
            paragraph_similarity=similar,
            moved=moved,
            rewritten=rewritten,
        )

    def _rewritten_article(self, target: Target, old_article: Article) -> Translation | None:
        """An old article left without counterpart whose number and place a new article holds:
        reworded or retitled beyond recognition, not repealed. The target keeps its capoverso and
        lettera when the new article has them; else it stays repealed."""
        new_article = self.alignment.rewritten(old_article.eid)
        if not isinstance(new_article, Article):
            return None
        new_target = Target(new_article.number.normalised, target.paragraph, target.letter)
        if not resolve_target(new_target, self.new).ok:
            return None
        return Translation("ok", target, new_target, old_article, new_article, rewritten=True)

    def _followed(self, target: Target, old_article: Article, citing_old: Article | None, where_old: str) -> Translation | None:
        """A repealed article whose text lives on elsewhere: the new place of the cited capoverso,
        or of the whole article when all its capoversi went to one new article."""
        if target.paragraph is not None or target.letter is not None:
            old_paragraph = self._old_paragraph(target, old_article, citing_old, where_old)
            moved = self.alignment.moved_paragraph(old_paragraph.eid) if old_paragraph is not None else None
            if old_paragraph is None or moved is None:
                return None
            return self._in_paragraph(target, old_article, old_paragraph, moved, 1.0, True)
        olds = [b for b in old_article.blocks if isinstance(b, Paragraph)]
        moved_all = [self.alignment.moved_paragraph(b.eid) for b in olds]
        places = [m for m in moved_all if m is not None]
        if not olds or len(places) != len(olds) or len({self._holder(m).eid for m in places}) != 1:
            return None
        article = self._holder(places[0])
        label = self.new.label(places[0]) if len(places) == 1 else None
        return Translation(
            "ok",
            target,
            Target(article.number.normalised, label),
            old_article,
            article,
            old_paragraph=olds[0] if len(olds) == 1 else None,
            new_paragraph=places[0] if len(places) == 1 else None,
            moved=True,
        )

    def _holder(self, paragraph: Paragraph) -> Article:
        """The new article of a capoverso of a new capoverso pair."""
        article = self.alignment.new_article_holding(paragraph.eid)
        assert article is not None, paragraph.eid
        return article

    @staticmethod
    def _article_only(target: Target, old_article: Article, new_articles: tuple[Article, ...]) -> Translation:
        """The capoverso or lettera did not exist in the old text: only the article can be followed."""
        if len(new_articles) != 1:
            return Translation("unknown", target, old_article=old_article)
        article = new_articles[0]
        return Translation("unknown", target, Target(article.number.normalised), old_article, article, level="paragraph")

    def _letter(self, old_paragraph: Paragraph, news: tuple[Paragraph, ...], letter: str) -> tuple[Paragraph, str] | None:
        """The new capoverso and label of lettera ``letter`` of ``old_paragraph``, or None if repealed."""
        old_items = letters(old_paragraph)
        if letter not in old_items:
            return (news[0], letter)  # the old reference did not resolve: keep the letter
        for new_paragraph in news:
            mapping = self._letters.get((old_paragraph.eid, new_paragraph.eid))
            if mapping is None:
                mapping = _align_letters(old_items, letters(new_paragraph))
                self._letters[(old_paragraph.eid, new_paragraph.eid)] = mapping
            if mapping.get(letter) is not None:
                return (new_paragraph, str(mapping[letter]))
        return None


def _align_letters(old: dict[str, Item], new: dict[str, Item]) -> dict[str, str | None]:
    """Old lettera -> new lettera (None when it has no counterpart), in order.

    By order and label first: the same labels on both sides keep their lettere, unless a
    lettera's text is found word for word under another label (a lettera inserted before it).
    Then by content, where containment counts as much as similarity: "a) l'ammonimento;" that
    gained a sentence is still lettera a. A lettera is repealed only when it is gone.
    """
    old_labels, new_labels = list(old), list(new)
    texts_old, texts_new = [_bare(old[k].text) for k in old_labels], [_bare(new[k].text) for k in new_labels]
    if texts_old == texts_new or (old_labels == new_labels and not _relabelled(texts_old, texts_new)):
        return dict(zip(old_labels, new_labels, strict=True))
    sims = [[_letter_similarity(a, b) for b in texts_new] for a in texts_old]
    mapping: dict[str, str | None] = dict.fromkeys(old_labels)

    def gain(i: int, j: int) -> float | None:
        bonus = LABEL_BONUS if old_labels[i] == new_labels[j] else 0.0
        return sims[i][j] + bonus if sims[i][j] >= LETTER_MATCH else None

    pairs = align_in_order(len(old_labels), len(new_labels), gain)
    mapping.update((old_labels[i], new_labels[j]) for i, j in pairs)
    return mapping


def _bare(text: str) -> str:
    """A lettera's words for comparison: lower case, without the closing ";", "." or ", e"."""
    return " ".join(text.lower().split()).rstrip(" ;.,").removesuffix(" e").removesuffix(" o").rstrip(" ;.,")


def _relabelled(old: list[str], new: list[str]) -> bool:
    """Is an old lettera's text printed, unchanged, under another label of the new list?"""
    return any(text and text != new[i] and text in new for i, text in enumerate(old))


def _letter_similarity(a: str, b: str) -> float:
    """Similarity of two lettere; the shorter one contained at the start of the other counts as
    the same lettera (it grew, or lost its tail)."""
    short, long = sorted((a, b), key=len)
    if short and long.startswith(short):
        return max(CONTAINED, fuzz.ratio(a, b) / 100)
    return fuzz.ratio(a, b) / 100
