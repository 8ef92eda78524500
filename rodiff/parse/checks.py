"""Checks on a parsed document's numbering, reported as diagnostics (never raised)."""

from __future__ import annotations

from itertools import pairwise

from ..model import Article, Diagnostic, Document, Number
from .patterns import ELISION


def check_numbering(document: Document) -> list[Diagnostic]:
    """Gaps, duplicates and disorder in article numbers; empty articles; paragraph gaps."""
    found: list[Diagnostic] = []
    articles = document.articles()
    if not articles:
        return found
    seen: dict[Number, Article] = {}
    previous: Article | None = None
    extract = _is_extract(document)
    for article in articles:
        number = article.number
        if number in seen:
            found.append(
                Diagnostic(
                    "duplicate_article",
                    f"L'articolo {number} compare due volte (righe {seen[number].span.start} e {article.span.start}).",
                    article.span.start,
                    "errore",
                )
            )
        else:
            seen[number] = article
        if previous is not None:
            gaps = _sequence(previous, article)
            if extract:  # an extract leaves out articles on purpose: say so quietly
                gaps = [Diagnostic(d.code, d.message, d.position, "info") for d in gaps]
            found.extend(gaps)
        if not article.blocks and not article.is_repealed:
            found.append(Diagnostic("empty_article", f"L'articolo {number} non ha testo.", article.span.start))
        found.extend(_paragraph_gaps(article))
        previous = article
    return found


def _is_extract(document: Document) -> bool:
    """An extract or the fragments of a revision ("(estratto)", "(frammenti)" in the title)."""
    title = " ".join(document.front) + " " + document.metadata.title + " " + document.metadata.version
    return any(word in title.lower() for word in ("estratto", "frammenti", "stralcio"))


def _sequence(previous: Article, article: Article) -> list[Diagnostic]:
    before, now = previous.number, article.number
    if now < before or now == before:
        if now == before:
            return []  # reported as a duplicate
        return [
            Diagnostic(
                "numbering_order",
                f"L'articolo {now} segue l'articolo {before}: la numerazione non è in ordine.",
                article.span.start,
            )
        ]
    if not now.suffix and now.value > before.value + 1:
        missing = list(range(before.value + 1, now.value))
        names = ", ".join(str(n) for n in missing[:10]) + ("…" if len(missing) > 10 else "")
        word = "manca l'articolo" if len(missing) == 1 else "mancano gli articoli"
        return [
            Diagnostic(
                "numbering_gap",
                f"Numerazione interrotta: dopo l'art. {before} viene l'art. {now} ({word} {names}).",
                article.span.start,
            )
        ]
    return []


def _paragraph_gaps(article: Article) -> list[Diagnostic]:
    """Capoverso numbers that skip, unless a fragment's "[…]" stands for the missing ones."""
    numbered: list[tuple[Number, bool]] = []  # (number, an elision stands before it)
    elided = False
    for paragraph in article.paragraphs:
        marks = [paragraph.text, *(item.marker for item in paragraph.items)]
        ends_elided = any("[…]" in text or ELISION.match(text) for text in marks)
        if paragraph.number is not None:
            numbered.append((paragraph.number, elided))
            elided = False
        elided = elided or ends_elided
    found = []
    for (before, _), (now, skipped) in pairwise(numbered):
        if not skipped and not now.suffix and now.value != before.value + 1:
            found.append(
                Diagnostic(
                    "paragraph_gap",
                    f"Art. {article.number}: dopo il cpv. {before} viene il cpv. {now}.",
                    article.span.start,
                )
            )
    return found
