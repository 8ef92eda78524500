"""Read a PDF with a text layer into source lines, with pdfplumber.

pdfplumber (on pdfminer.six) gives every word with its coordinates, which is what the
margin layout needs: many RODs print "Art. 12" and the article title in a left margin
column beside the body. A plain text extraction interleaves the two columns (the titles
of a whole page first, then the bodies); here the margin block of each article is put
back right before the body line at the same height, and its title lines are marked as
the article title.

Scanned PDFs without a text layer give no words: the caller reports "no articles".
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import patterns as p
from ..errors import InputError
from .lines import SourceLine

LINE_TOLERANCE = 3.0  # points: a margin block goes before body lines this close below it
MARGIN_MIN_INDENT = 40.0  # points between the margin column and the body column
COLUMN_GAP = 18.0  # points: a wider gap between two words on a row separates columns
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass
class _Line:
    top: float
    x0: float
    x1: float
    text: str


def read_pdf_lines(path: Path, progress: Callable[[int, int], None] | None = None) -> list[SourceLine]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(str(path))
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect, ValueError, KeyError, TypeError) as error:
        raise _unreadable(path, error) from error
    pages: list[list[_Line]] = []
    try:
        with pdf:
            total = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                words = page.extract_words(use_text_flow=False, keep_blank_chars=False, extra_attrs=["size"])
                pages.append(_group_lines(words))
                if progress:
                    progress(number, total)
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect, ValueError, KeyError, TypeError) as error:
        raise _unreadable(path, error) from error
    gutter = _margin_gutter(pages)
    lines: list[SourceLine] = []
    for number, page_lines in enumerate(pages, start=1):
        ordered = _with_margin(page_lines, gutter) if gutter else [(line.text, None) for line in page_lines]
        for text, hint in ordered:
            lines.append(SourceLine(text, len(lines) + 1, number, hint))
        lines.append(SourceLine("", len(lines) + 1, number))  # page break
    return lines


def _unreadable(path: Path, error: Exception) -> InputError:
    if "password" in str(error).lower() or type(error).__name__ == "PDFPasswordIncorrect":
        return InputError(
            f"Il PDF «{path.name}» è protetto da password. Lo apra con la password e lo salvi senza protezione, "
            "oppure usi il documento Word originale."
        )
    return InputError(
        f"Il PDF «{path.name}» è danneggiato e non si può leggere ({type(error).__name__}). "
        "Ne chieda una nuova copia o usi il documento Word originale."
    )


def _group_lines(words: list[dict[str, Any]]) -> list[_Line]:
    """Words to lines: a word joins a row when their vertical extents overlap.

    A row is then cut where a wide horizontal gap separates two columns (the margin
    column and the body), so each column segment is a line of its own.
    """
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        for row in reversed(rows[-3:]):
            top = min(w["top"] for w in row)
            bottom = max(w["bottom"] for w in row)
            if word["top"] < bottom - 1 and word["bottom"] > top + 1:
                row.append(word)
                break
        else:
            rows.append([word])
    lines: list[_Line] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        segment = [row[0]]
        for word in row[1:]:
            if word["x0"] - segment[-1]["x1"] > COLUMN_GAP:
                lines.append(_make_line(segment))
                segment = []
            segment.append(word)
        lines.append(_make_line(segment))
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def _make_line(words: list[dict[str, Any]]) -> _Line:
    """Join words; a small raised number (a superscript capoverso number) becomes "¹"."""
    size = max(w.get("size", 0) for w in words)
    texts = []
    for word in words:
        text = word["text"]
        if text.isdigit() and word.get("size", size) < 0.8 * size:
            text = text.translate(_SUPERSCRIPT)
        texts.append(text)
    return _Line(min(w["top"] for w in words), words[0]["x0"], words[-1]["x1"], " ".join(texts))


def _margin_gutter(pages: list[list[_Line]]) -> float | None:
    """The x between a left margin column of article headings and the body column, if any.

    It exists when article headings start well left of the usual start of body lines.
    """
    heading_x = [line.x0 for page in pages for line in page if p.ARTICLE_HEADING.match(line.text)]
    body_x = [line.x0 for page in pages for line in page if not p.ARTICLE_HEADING.match(line.text)]
    if len(heading_x) < 2 or not body_x:
        return None
    margin = statistics.median(heading_x)
    body = statistics.mode(round(x) for x in body_x)
    if body - margin < MARGIN_MIN_INDENT:
        return None
    return body - 2.0


def _with_margin(lines: list[_Line], gutter: float) -> list[tuple[str, str | None]]:
    """Interleave margin blocks (heading + title lines) with body lines by height."""
    margin: list[_Line] = []
    body: list[_Line] = []
    for line in lines:
        (margin if line.x1 <= gutter else body).append(line)
    blocks: list[tuple[float, list[_Line]]] = []
    for line in margin:
        if p.ARTICLE_HEADING.match(line.text) or not blocks:
            blocks.append((line.top, [line]))
        else:
            blocks[-1][1].append(line)
    ordered: list[tuple[str, str | None]] = []
    pending = list(blocks)
    for line in body:
        while pending and pending[0][0] <= line.top + LINE_TOLERANCE:
            ordered.extend(_margin_block(pending.pop(0)[1]))
        ordered.append((line.text, None))
    for _, block in pending:
        ordered.extend(_margin_block(block))
    return ordered


def _margin_block(block: list[_Line]) -> list[tuple[str, str | None]]:
    first, rest = block[0], block[1:]
    if not p.ARTICLE_HEADING.match(first.text):
        return [(line.text, None) for line in block]
    out: list[tuple[str, str | None]] = [(first.text, None)]
    out.extend((line.text, "article_title") for line in rest)
    return out
