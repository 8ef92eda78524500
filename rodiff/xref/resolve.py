"""Resolve references to the nodes they point at, or say why they do not resolve.

    >>> from rodiff.parse import parse_text
    >>> from rodiff.xref import find_references, resolve
    >>> doc = parse_text("Art. 1\\nScopo\\n1. Testo.\\n2. Come al cpv. 1 e all'art. 2 cpv. 3.\\n\\nArt. 2\\nAltro\\nTesto.")
    >>> [(str(r.target), r.reason) for ref in find_references(doc) for r in resolve(ref, doc)]
    [('cpv. 1', ''), ('art. 2 cpv. 3', 'paragraph_missing')]

Capoversi are found by their printed number; an unnumbered capoverso answers to its position
in the article when no numbered one has that number (a one-paragraph article answers to
"cpv. 1"). A lettera without capoverso ("art. 9 lett. d", "alle lettere a) e b)") is looked for
in the capoverso where the reference stands, then in the whole article.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..align.moved import is_placeholder
from ..model import Article, Document, Item, Number, Paragraph, capoverso_labels
from .extract import Reference, Target

Reason = Literal[
    "",  # resolves
    "external",  # another act: not resolved against the regulation
    "article_missing",
    "article_repealed",
    "paragraph_missing",
    "paragraph_repealed",  # "3 Abrogato", "2 …": the number is kept, the text is gone
    "letter_missing",
    "no_previous",  # "i precedenti cpv." in the first capoverso
    "no_next",
    "outside_article",  # a same-article reference outside any article
]

REASONS_IT: dict[str, str] = {
    "": "",
    "external": "rinvio a un altro atto",
    "article_missing": "l'articolo non esiste",
    "article_repealed": "l'articolo è abrogato",
    "paragraph_missing": "il capoverso non esiste",
    "paragraph_repealed": "il capoverso è abrogato",
    "letter_missing": "la lettera non esiste",
    "no_previous": "non ci sono capoversi precedenti",
    "no_next": "non ci sono capoversi seguenti",
    "outside_article": "il rinvio non si trova in un articolo",
}


@dataclass(frozen=True)
class Resolution:
    """Where one target of a reference leads: the nodes, or ``reason`` why it does not resolve."""

    target: Target
    reason: Reason
    article: Article | None = None
    paragraph: Paragraph | None = None
    item: Item | None = None

    @property
    def ok(self) -> bool:
        return self.reason == ""

    @property
    def eid(self) -> str:
        """The most precise node reached: ``art_6__cpv_1__lett_a``, or "" when none."""
        node = self.item or self.paragraph or self.article
        return node.eid if node is not None else ""

    @property
    def message(self) -> str:
        return REASONS_IT[self.reason]


class DocumentIndex:
    """Look-ups on one document: articles by number, nodes by eid, capoversi by label."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.articles: list[Article] = document.articles()
        self._by_number: dict[str, list[Article]] = {}
        self._by_eid: dict[str, Article] = {}
        self._labels: dict[str, dict[str, Paragraph]] = {}
        self._label_of: dict[str, str] = {}
        for article in self.articles:
            self._by_number.setdefault(article.number.normalised, []).append(article)
            self._by_eid[article.eid] = article
            labels = capoverso_labels(article)
            self._labels[article.eid] = labels
            for label, paragraph in labels.items():
                self._label_of[paragraph.eid] = label

    def article(self, number: str) -> Article | None:
        """The article with this number (the first one when the number is printed twice)."""
        found = self._by_number.get(_normal_number(number))
        return found[0] if found else None

    def article_by_eid(self, eid: str) -> Article | None:
        return self._by_eid.get(eid)

    def paragraph(self, article: Article, label: str) -> Paragraph | None:
        return self._labels[article.eid].get(_normal_label(label))

    def paragraphs(self, article: Article) -> dict[str, Paragraph]:
        return self._labels[article.eid]

    def label(self, paragraph: Paragraph) -> str:
        """The number a reference uses for this capoverso ("3"; the position when unnumbered)."""
        return self._label_of.get(paragraph.eid, "")


def _normal_number(number: str) -> str:
    try:
        return Number.parse(number).normalised
    except ValueError:
        return number


def _normal_label(label: str) -> str:
    return "".join(label.split()).lower()


def letters(paragraph: Paragraph) -> dict[str, Item]:
    """The lettere of a capoverso by label ("a", "dbis"), nested ones included."""
    found: dict[str, Item] = {}

    def walk(items: tuple[Item, ...]) -> None:
        for item in items:
            if item.is_letter:
                found.setdefault(item.label.lower(), item)
            walk(item.items)

    walk(paragraph.items)
    return found


def _index(document: Document | DocumentIndex) -> DocumentIndex:
    return document if isinstance(document, DocumentIndex) else DocumentIndex(document)


def resolve(reference: Reference, document: Document | DocumentIndex) -> tuple[Resolution, ...]:
    """One ``Resolution`` per target of ``reference`` (for "i precedenti cpv.": one per
    previous capoverso). External references resolve to ``reason == "external"``."""
    index = _index(document)
    if reference.kind == "external":
        return tuple(Resolution(target, "external") for target in reference.targets) or (Resolution(Target(), "external"),)
    citing = index.article_by_eid(reference.article_eid) if reference.article_eid else None
    if reference.relative:
        return tuple(_relative(reference, citing))
    return tuple(resolve_target(target, index, citing, reference.eid) for target in reference.targets)


def _relative(reference: Reference, citing: Article | None) -> Iterator[Resolution]:
    if citing is None:
        yield Resolution(Target(), "outside_article")
        return
    paragraphs = list(citing.paragraphs)
    here = next((i for i, b in enumerate(paragraphs) if _holds(b, reference.eid)), None)
    if here is None:  # in the title or a table: every capoverso
        chosen = paragraphs
    elif reference.relative == "previous":
        chosen = paragraphs[:here]
    else:
        chosen = paragraphs[here + 1 :]
    if not chosen:
        yield Resolution(Target(), "no_previous" if reference.relative == "previous" else "no_next", citing)
        return
    for paragraph in chosen:
        yield Resolution(Target(), "", citing, paragraph)


def _holds(paragraph: Paragraph, eid: str) -> bool:
    if paragraph.eid == eid:
        return True

    def walk(items: tuple[Item, ...]) -> bool:
        return any(item.eid == eid or walk(item.items) for item in items)

    return walk(paragraph.items)


def resolve_target(target: Target, index: DocumentIndex, citing: Article | None = None, where: str = "") -> Resolution:
    """Resolve one target; ``citing`` is the article where the reference stands (for
    same-article targets), ``where`` the eid of the node that holds it."""
    if target.article is None:
        if citing is None:
            return Resolution(target, "outside_article")
        article = citing
    else:
        found = index.article(target.article)
        if found is None:
            return Resolution(target, "article_missing")
        article = found
    if article.is_repealed:
        return Resolution(target, "article_repealed", article)
    if target.paragraph is None:
        if target.letter is None:
            return Resolution(target, "", article)
        return _letter_anywhere(target, article, where if target.article is None else "")
    paragraph = index.paragraph(article, target.paragraph)
    if paragraph is None:
        return Resolution(target, "paragraph_missing", article)
    if is_placeholder(paragraph):
        return Resolution(target, "paragraph_repealed", article, paragraph)
    if target.letter is None:
        return Resolution(target, "", article, paragraph)
    item = letters(paragraph).get(target.letter)
    if item is None:
        return Resolution(target, "letter_missing", article, paragraph)
    return Resolution(target, "", article, paragraph, item)


def _letter_anywhere(target: Target, article: Article, where: str) -> Resolution:
    assert target.letter is not None
    paragraphs = list(article.paragraphs)
    here = [b for b in paragraphs if where and _holds(b, where)]
    for paragraph in here + [b for b in paragraphs if not any(b is h for h in here)]:
        item = letters(paragraph).get(target.letter)
        if item is not None:
            return Resolution(target, "", article, paragraph, item)
    return Resolution(target, "letter_missing", article)
