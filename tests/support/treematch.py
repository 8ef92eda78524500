"""Compare two parses of the same regulation article by article (a raw OCR text against its
hand-cleaned version): numbers, capoverso counts, and text similarity with OCR noise aside.

    >>> from rodiff.parse import parse_text
    >>> clean = parse_text("Art. 1\\nScopo\\nIl Municipio può nominare.")
    >>> raw = parse_text("Art. 1\\nScopo\\n| Municipio pud nominare.")
    >>> [(m.number, m.paragraphs, round(m.similarity)) for m in match_articles(raw, clean)]
    [('1', (1, 1), 98)]
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from rodiff.model import Article, Document, Item, Paragraph, block_lines

# OCR letter confusions of the seed text, mapped to what the cleaned text prints.
_OCR_WORDS = {"pud": "puo", "pué": "puo", "ci6": "cio"}
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lowercase letters and digits only, accents and OCR letter noise aside ("|" is "I")."""
    text = text.replace("|", "I").replace("&", "e").replace("€", "e")
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = [_OCR_WORDS.get(word, word) for word in text.split()]
    return " ".join(_NOT_WORD.sub(" ", " ".join(words)).split())


def body_text(article: Article) -> str:
    """The article's body without capoverso markers (OCR mangles them) but with its lettere."""
    texts: list[str] = []
    for block in article.paragraphs:
        texts.append(block.text)
        texts.extend(_item_texts(block.items))
    texts.extend(line.text for block in article.blocks if not isinstance(block, Paragraph) for line in block_lines(block))
    return normalise(" ".join(texts))


def _item_texts(items: tuple[Item, ...]) -> list[str]:
    found = []
    for item in items:
        found.append(f"{item.label} {item.text}" if item.is_letter else item.text)
        found.extend(_item_texts(item.items))
    return found


@dataclass(frozen=True)
class ArticleMatch:
    number: str
    paragraphs: tuple[int, int]  # (raw, clean)
    similarity: float  # rapidfuzz ratio of the normalised bodies, 0-100


def match_articles(raw: Document, clean: Document) -> list[ArticleMatch]:
    """One row per article of ``clean``, matched by number in ``raw`` (-1 paragraphs when missing)."""
    by_number = {a.number.normalised: a for a in raw.articles()}
    rows = []
    for article in clean.articles():
        other = by_number.get(article.number.normalised)
        if other is None:
            rows.append(ArticleMatch(article.number.normalised, (-1, len(article.paragraphs)), 0.0))
            continue
        similarity = fuzz.ratio(body_text(other), body_text(article))
        rows.append(ArticleMatch(article.number.normalised, (len(other.paragraphs), len(article.paragraphs)), similarity))
    return rows


def summary(raw: Document, clean: Document) -> dict[str, float]:
    """The figures of the report: matched numbers, equal capoverso counts, similarity min/median."""
    rows = match_articles(raw, clean)
    similarities = [row.similarity for row in rows]
    return {
        "articles_raw": len(raw.articles()),
        "articles_clean": len(clean.articles()),
        "same_number": sum(1 for row in rows if row.paragraphs[0] >= 0),
        "same_paragraphs": sum(1 for row in rows if row.paragraphs[0] == row.paragraphs[1]),
        "similar_95": sum(1 for s in similarities if s >= 95),
        "similarity_min": min(similarities),
        "similarity_median": statistics.median(similarities),
        "empty_articles": sum(1 for a in raw.articles() if not a.blocks),
    }
