"""Checks on a parsed document's numbering, reported as diagnostics (never raised)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ..model import Article, Diagnostic, Document, Number
from .patterns import ARTICLE_HEADING, ELISION

# After the signatures, this many article headings make the back matter another regulation.
_HEADINGS_OF_ANOTHER_TEXT = 2


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
    return found + check_outside(document)


@dataclass(frozen=True)
class Outside:
    """Lines of text kept outside every article: not compared article by article.

    ``front``: before the first heading (title, preamble); ``notes``: under a division heading,
    before its first article; ``back``: from the signatures on.
    """

    front: int
    notes: int
    back: int

    @property
    def total(self) -> int:
        return self.front + self.notes + self.back


def outside_articles(document: Document) -> Outside:
    """How many lines of ``document`` lie outside every article, and where."""
    notes = sum(len(division.notes) for division in document.divisions())
    return Outside(len(document.front), notes, len(document.back))


def check_outside(document: Document) -> list[Diagnostic]:
    """Say how much text lies outside the articles, and warn when the back matter reads like
    another regulation (article headings after the signatures)."""
    found = []
    headings = [line for line in document.back if ARTICLE_HEADING.match(line.strip())]
    if len(headings) >= _HEADINGS_OF_ANOTHER_TEXT:
        found.append(
            Diagnostic(
                "back_matter_articles",
                f"Dopo le firme («{_short(document.back[0])}») il file continua per {len(document.back)} righe "
                f"con {len(headings)} intestazioni di articolo, a partire da «{_short(headings[0])}»: sembra un "
                "altro regolamento (o un allegato) incollato dopo il primo. Queste righe non entrano nel "
                "confronto articolo per articolo: se fanno parte del regolamento, tolga le firme che le "
                "precedono; se sono un altro documento, lo confronti a parte.",
                None,
                "avviso",
            )
        )
    outside = outside_articles(document)
    if outside.notes:  # a title before and signatures after are normal; text amid the divisions is not
        parts = [
            f"{count} in {where}"
            for count, where in (
                (outside.front, "testa al documento (titolo, premessa)"),
                (outside.notes, "divisioni, prima del loro primo articolo"),
                (outside.back, "coda (firme, approvazione)"),
            )
            if count
        ]
        found.append(
            Diagnostic(
                "outside_articles",
                f"Righe di testo fuori dagli articoli: {outside.total} ({', '.join(parts)}). Sono conservate, "
                "ma non sono confrontate articolo per articolo.",
                None,
                "avviso",
            )
        )
    return found


def _short(text: str, limit: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def _elides(text: str) -> bool:
    """Does "[…]" stand in a capoverso's text or as a lettera's marker?"""
    return "[…]" in text or bool(ELISION.match(text))


def _paragraph_gaps(article: Article) -> list[Diagnostic]:
    """Capoverso numbers that skip, unless a fragment's "[…]" stands for the missing ones."""
    numbered: list[tuple[Number, bool]] = []  # (number, an elision stands before it)
    elided = False
    for paragraph in article.paragraphs:
        if paragraph.number is not None:
            numbered.append((paragraph.number, elided))
            elided = False
        elided = elided or _elides(paragraph.text) or any(_elides(item.marker) for item in paragraph.items)
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
