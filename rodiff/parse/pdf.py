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

import logging
import multiprocessing
import os
import re
import statistics
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from ..errors import InputError
from . import patterns as p
from .inputs import current_limits
from .lines import SourceLine

LINE_TOLERANCE = 3.0  # points: a margin block goes before body lines this close below it
MARGIN_MIN_INDENT = 40.0  # points between the margin column and the body column
COLUMN_GAP = 18.0  # points: a wider gap between two words on a row separates columns
WIDE_LINE = 0.5  # a line at least this fraction of the widest line is body text, never a margin title
TITLE_GAP = 1.5  # line heights: a margin line further below its block starts another (a footer, a note)
PARALLEL_MIN_PAGES = 100  # shorter files are read here: starting workers would cost more than it saves
PAGES_PER_TASK = 10  # pages a worker reads at a time: the counter moves every few tenths of a second
MAX_WORKERS = 4  # each holds its own copy of the parsed file
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# pdfminer logs every oddity of a damaged file as a warning on stderr; rodiff reports
# failures itself, in Italian, so the user sees no English noise.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass
class _Line:
    top: float
    x0: float
    x1: float
    text: str
    bottom: float = 0.0


_Row = list[_Line]  # the segments of one printed row, left to right
_T = TypeVar("_T")


def read_pdf_lines(path: Path, progress: Callable[[int, int], None] | None = None) -> list[SourceLine]:
    pages = _read_pages(path, progress)
    gutter = _margin_gutter(pages)
    lines: list[SourceLine] = []
    for number, rows in enumerate(pages, start=1):
        page_lines = _join_segments(rows, gutter)
        ordered = _with_margin(page_lines, gutter) if gutter else [(line.text, None) for line in page_lines]
        for text, hint in ordered:
            lines.append(SourceLine(text, len(lines) + 1, number, hint))
        lines.append(SourceLine("", len(lines) + 1, number))  # page break
    return _mark_running_lines(lines, len(pages))


def _mark_running_lines(lines: list[SourceLine], page_count: int) -> list[SourceLine]:
    """Hint as "furniture" the lines printed at the top or bottom of most pages.

    Running headers and footers ("Regolamento organico dei dipendenti", "Pagina 3 di 12")
    repeat at the page edges; numbers are ignored when comparing them.
    """
    if page_count < 2:
        return lines
    by_page: dict[int | None, list[SourceLine]] = {}
    for line in lines:  # one pass: the lines of each page
        if line.text.strip():
            by_page.setdefault(line.page, []).append(line)
    edges: dict[str, set[int]] = {}
    for page in range(1, page_count + 1):
        texts = by_page.get(page, [])
        for line in texts[:2] + texts[-2:]:
            edges.setdefault(_shape(line.text), set()).add(page)
    running = {shape for shape, pages in edges.items() if len(pages) >= max(2, page_count // 2)}
    marked, previous = [], ""
    for line in lines:
        text = line.text.strip()
        structural = line.hint == "article_title" or p.ARTICLE_HEADING.match(text) or p.ARTICLE_HEADING.match(previous)
        if text and _shape(text) in running and not structural:  # titles repeat too: "Scopo", "Definizione"
            line = SourceLine(line.text, line.position, line.page, "furniture")
        marked.append(line)
        previous = text or previous
    return marked


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _read_pages(path: Path, progress: Callable[[int, int], None] | None) -> list[list[_Row]]:
    """The rows of every page, in page order; a broken or locked file is an ``InputError``.

    A file with more pages than the limit (``--limite-pagine``) is refused before any is read.
    A long file is read by worker processes, a range of pages each (``_read_in_workers``).
    """
    with ExitStack() as stack:
        pdf = _open(path, stack)
        total = _unless_broken(path, lambda: len(pdf.pages))
        _check_pages(path, total)
        if progress and total:
            progress(0, total)  # the count shows before the first page (and ends the CLI's seconds ticker thread)
        workers = _worker_count(total)
        if workers > 1:
            stack.close()  # each worker opens the file itself
            return _read_in_workers(path, total, workers, progress)
        extract = _word_extractor()
        pages: list[list[_Row]] = []
        for number, page in enumerate(pdf.pages, start=1):
            pages.append(_group_rows(_page_words(path, page, extract)))
            if progress:
                progress(number, total)
        return pages


def _worker_count(total: int) -> int:
    """How many worker processes read a file of ``total`` pages: 1 reads it in this process.

    Workers are forked from this process (a fresh interpreter would import rodiff and pdfminer
    again, and the main module of whatever script called rodiff), which is safe only while it
    runs one thread: the web server reads its files in threads, and reads them here. Each
    worker holds its own copy of the parsed file.
    """
    if total < PARALLEL_MIN_PAGES or threading.active_count() > 1 or sys.platform == "darwin":
        return 1  # macOS: a forked process may crash in the system's libraries
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cpus, MAX_WORKERS)


def _read_in_workers(path: Path, total: int, workers: int, progress: Callable[[int, int], None] | None) -> list[list[_Row]]:
    """The rows of every page, read by ``workers`` processes a few pages at a time (each opens
    the file once), gathered in page order as they come."""
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        tasks = [
            executor.submit(_read_range, path, first, min(first + PAGES_PER_TASK, total))
            for first in range(0, total, PAGES_PER_TASK)
        ]
        pages: list[list[_Row]] = []
        for task in tasks:
            for rows in task.result():  # a worker's InputError is raised here
                pages.append(rows)
                if progress:
                    progress(len(pages), total)
        return pages
    finally:
        executor.shutdown(cancel_futures=True)


def _read_range(path: Path, first: int, last: int) -> list[list[_Row]]:
    """In a worker process: the rows of pages ``first`` to ``last`` - 1 (from 0)."""
    pdf = _worker_pdf(path)
    extract = _word_extractor()
    return [_group_rows(_page_words(path, pdf.pages[index], extract)) for index in range(first, last)]


@cache
def _worker_pdf(path: Path) -> Any:
    """The file opened once in a worker process, for every range it reads; left open until the
    process ends (with the pool, after the last page)."""
    return _open(path, ExitStack())


def _open(path: Path, stack: ExitStack) -> Any:
    """The file opened with pdfplumber, closed by ``stack``. The file is opened here, not by
    pdfplumber, so that it is closed whatever fails; closing reads the page tree again, and
    fails as reading it does."""
    import pdfplumber

    stream = stack.enter_context(path.open("rb"))
    pdf = _unless_broken(path, lambda: pdfplumber.open(stream))
    stack.callback(_unless_broken, path, pdf.close)
    return pdf


def _unless_broken(path: Path, read: Callable[[], _T]) -> _T:
    """``read()``, with pdfminer's failures on a damaged file (of any type: PSEOF, struct.error,
    KeyError...) turned into an ``InputError``; only these calls, not the caller's code."""
    try:
        return read()
    except InputError:
        raise
    except Exception as error:
        raise _unreadable(path, error) from error


def _word_extractor() -> Any:
    from pdfplumber.utils.text import WordExtractor

    return WordExtractor(use_text_flow=False, keep_blank_chars=False, extra_attrs=["size"])


def _page_words(path: Path, page: Any, extract: Any) -> list[dict[str, Any]]:
    """The words of a page, as ``page.extract_words(...)`` gives them. Only the characters of
    the page are built (``pdf_chars``), and dropped with the page: memory stays that of one
    page, whatever the length of the file."""
    from .pdf_chars import page_chars

    words: list[dict[str, Any]] = _unless_broken(path, lambda: extract.extract_words(page_chars(page)))
    page.close()
    return words


def _check_pages(path: Path, total: int) -> None:
    limit = current_limits().pdf_pages
    if total > limit:
        raise InputError(
            f"Il PDF «{path.name}» ha {total} pagine, più del limite di {limit} (un regolamento ne ha di solito "
            f"20-80): verifichi di aver scelto il file giusto. Se è davvero questo, rilanci il comando con "
            f"--limite-pagine {total}."
        )


def _unreadable(path: Path, error: Exception) -> InputError:
    if any("password" in f"{type(cause).__name__} {cause}".lower() for cause in _causes(error)):
        return InputError(
            f"Il PDF «{path.name}» è protetto da password. Lo apra con la password e lo salvi senza protezione, "
            "oppure usi il documento Word originale."
        )
    return InputError(
        f"Il PDF «{path.name}» è danneggiato e non si può leggere (il file è incompleto o rovinato). "
        "Ne chieda una nuova copia o usi il documento Word originale."
    )


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error and those inside it: pdfplumber wraps pdfminer's PDFPasswordIncorrect as an argument."""
    pending, seen = [error], set()
    while pending:
        cause = pending.pop()
        if id(cause) in seen:
            continue
        seen.add(id(cause))
        yield cause
        pending.extend(arg for arg in cause.args if isinstance(arg, BaseException))
        pending.extend(c for c in (cause.__cause__, cause.__context__) if c is not None)


def _group_rows(words: list[dict[str, Any]]) -> list[_Row]:
    """Words to rows: a word joins a row when their vertical extents overlap.

    A row is cut into segments where a wide horizontal gap could separate two columns
    (the margin column and the body); ``_join_segments`` keeps only the cut at the gutter.
    """
    rows: list[list[dict[str, Any]]] = []
    extents: list[list[float]] = []  # [top, bottom] of each row, kept as words join it
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        for row, extent in zip(reversed(rows[-3:]), reversed(extents[-3:]), strict=True):
            if word["top"] < extent[1] - 1 and word["bottom"] > extent[0] + 1:
                row.append(word)
                extent[0], extent[1] = min(extent[0], word["top"]), max(extent[1], word["bottom"])
                break
        else:
            rows.append([word])
            extents.append([word["top"], word["bottom"]])
    segmented: list[_Row] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        segments: _Row = []
        segment = [row[0]]
        for word in row[1:]:
            if word["x0"] - segment[-1]["x1"] > COLUMN_GAP:
                segments.append(_make_line(segment))
                segment = []
            segment.append(word)
        segments.append(_make_line(segment))
        segmented.append(segments)
    return segmented


def _join_segments(rows: list[_Row], gutter: float | None) -> list[_Line]:
    """Rows to lines, cut only at the margin gutter.

    A wide gap elsewhere is not a column edge: "a)" and its text at a tab stop, or "1."
    before an indented capoverso, stay one line that the classifier can read.
    """
    lines: list[_Line] = []
    for row in rows:
        margin = [segment for segment in row if gutter is not None and segment.x1 <= gutter]
        body = [segment for segment in row if gutter is None or segment.x1 > gutter]
        lines.extend(_joined(side) for side in (margin, body) if side)
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def _joined(segments: list[_Line]) -> _Line:
    return _Line(
        min(s.top for s in segments),
        segments[0].x0,
        segments[-1].x1,
        " ".join(s.text for s in segments),
        max(s.bottom for s in segments),
    )


def _make_line(words: list[dict[str, Any]]) -> _Line:
    """Join words; a small raised number (a superscript capoverso number) becomes "¹"."""
    size = max(w.get("size", 0) for w in words)
    texts = []
    for word in words:
        text = word["text"]
        if text.isdigit() and word.get("size", size) < 0.8 * size:
            text = text.translate(_SUPERSCRIPT)
        texts.append(text)
    top, bottom = min(w["top"] for w in words), max(w["bottom"] for w in words)
    return _Line(top, words[0]["x0"], words[-1]["x1"], " ".join(texts), bottom)


def _margin_gutter(pages: list[list[_Row]]) -> float | None:
    """The x between a left margin column of article headings and the body column, if any.

    It exists when article headings start well left of the usual start of body lines and
    mostly share their row with body text (in a one-column layout "Art. 5" stands alone).
    Only wide segments tell where body lines start: title lines in a narrow margin column
    may outnumber the body lines of short articles ("Competenza per / le assunzioni" beside
    a one-line body), and must not pass for the body column.
    """
    heading_rows = [row for page in pages for row in page if p.ARTICLE_HEADING.match(row[0].text)]
    others = [segment for page in pages for row in page for segment in row if not p.ARTICLE_HEADING.match(segment.text)]
    if len(heading_rows) < 2 or not others:
        return None
    if 2 * sum(1 for row in heading_rows if len(row) > 1) < len(heading_rows):
        return None
    heading_x = [row[0].x0 for row in heading_rows]
    widest = max(line.x1 - line.x0 for line in others)
    body_x = [line.x0 for line in others if line.x1 - line.x0 >= WIDE_LINE * widest]
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
        if p.ARTICLE_HEADING.match(line.text) or not blocks or _detached(blocks[-1][1][-1], line):
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


def _detached(previous: _Line, line: _Line) -> bool:
    """A margin line well below the one before: not the title going on (a footer, a note)."""
    height = max(previous.bottom - previous.top, 1.0)
    return line.top - previous.bottom > TITLE_GAP * height


def _margin_block(block: list[_Line]) -> list[tuple[str, str | None]]:
    first, rest = block[0], block[1:]
    if not p.ARTICLE_HEADING.match(first.text):
        return [(line.text, None) for line in block]
    out: list[tuple[str, str | None]] = [(first.text, None)]
    out.extend((line.text, "article_title") for line in rest)
    return out
