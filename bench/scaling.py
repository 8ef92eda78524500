"""Scaling: does 10x the input cost about 10x the time? The wall-clock ratios that used to sit in unit tests.

    .venv/bin/python -m bench.scaling            # best of 3 timings per size
    .venv/bin/python -m bench.scaling --quick    # best of 2

Each case is timed in process at a small and a 10x larger size (best of N, so that a burst
of machine load does not count); the table gives both times, the ratio and the limit a
quadratic cost would break. Exit status 1 when a ratio is over its limit. Cases:

- ``confronto DOCX``: ``render_confronto_docx`` of 100 and 1,000 identical rows (python-docx's
  cell API would make it quadratic; ``tests/test_confronto_docx.py`` checks that it is not used);
- ``revisioni DOCX``: ``render_revisions_docx`` of the Vacallo pair and of the pair with its
  body repeated 10 times;
- ``schemi di riga``: the line patterns of ``rodiff.parse.patterns`` on hostile lines of 20 and
  200 KB (``tests/test_patterns.py`` matches the long ones, without a clock);
- ``rinvii, <unit>``: ``rodiff.xref.scan`` of each hostile unit of
  ``tests/support/hostile.py`` repeated 300 and 3,000 times (a backtracking blow-up shows here;
  ``tests/test_xref.py`` scans the long texts and checks the spans, without a clock).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from rodiff.align import Alignment, align
from rodiff.compare.table import Confronto, Line, Row, Run
from rodiff.parse import parse_text
from rodiff.parse import patterns as p
from rodiff.render.confronto_docx import render_confronto_docx
from rodiff.render.revisioni_docx import render_revisions_docx
from rodiff.xref import scan
from tests.support.hostile import HOSTILE_UNITS

VACALLO = Path(__file__).resolve().parent.parent / "corpus" / "vacallo"
WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
FACTOR = 10


@dataclass(frozen=True)
class Case:
    name: str
    small: Callable[[], object]
    large: Callable[[], object]
    limit: float  # the largest acceptable time(large) / time(small) for FACTOR times the input


def best(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _confronto(rows: int) -> Confronto:
    text = "Il Municipio può obbligare i dipendenti a prestare la loro attività anche fuori orario. " * 3
    cell = (Line((Run("Art. 1", bold=True),)), Line((Run(text),)), Line((Run("a) lettera"),), 1))
    new = (*cell[:2], Line((Run("b) vecchia", "deleted"), Run("b) nuova", "inserted")), 1))
    table = tuple(Row("article", (cell, new, (Line((Run("Precisazione."),)),))) for _ in range(rows))
    return Confronto("completo", "T", "S", ("A", "B", "C"), table, {"modified": rows}, False)


def _vacallo(times: int) -> Alignment:
    """The Vacallo pair, its body (all but the first line) repeated ``times`` times."""
    old, new = ((VACALLO / name).read_text(encoding="utf-8").split("\n", 1) for name in ("rod-1991.txt", "rod-nuovo.txt"))
    return align(parse_text(old[0] + ("\n" + old[1]) * times), parse_text(new[0] + ("\n" + new[1]) * times))


def _match_hostile_lines(units: int) -> None:
    for pattern in (p.ARTICLE_HEADING, p.DIVISION_HEADING, p.ITEM_LETTER, p.PARAGRAPH_BARE, p.TITLE_LIKE):
        pattern.match("Art. 1" + " a" * units + "!")
        pattern.match("TITOLO " + "I" * units)


def cases() -> list[Case]:
    small_confronto, large_confronto = _confronto(100), _confronto(100 * FACTOR)
    small_pair, large_pair = _vacallo(1), _vacallo(FACTOR)
    found = [
        Case(
            "confronto DOCX, 100 righe",
            lambda: render_confronto_docx(small_confronto),
            lambda: render_confronto_docx(large_confronto),
            25,
        ),
        Case(
            "revisioni DOCX, Vacallo",
            lambda: render_revisions_docx(small_pair, date=WHEN),
            lambda: render_revisions_docx(large_pair, date=WHEN),
            30,
        ),
        Case("schemi di riga, 20 KB", lambda: _match_hostile_lines(10_000), lambda: _match_hostile_lines(10_000 * FACTOR), 25),
    ]
    for unit in HOSTILE_UNITS:
        found.append(Case(f"rinvii, {unit.strip()!r} x300", partial(scan, unit * 300), partial(scan, unit * 300 * FACTOR), 25))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timings per size, the best counts")
    parser.add_argument("--quick", action="store_true", help="2 timings per size")
    options = parser.parse_args()
    runs = 2 if options.quick else options.runs
    print(f"| case | small ms | {FACTOR}x ms | ratio | limit |\n|---|---:|---:|---:|---:|")
    over = 0
    for case in cases():
        small, large = best(case.small, runs), best(case.large, runs)
        ratio = large / max(small, 1e-4)  # below 0.1 ms the small time is mostly noise
        over += ratio > case.limit
        mark = "" if ratio <= case.limit else " OLTRE"
        print(f"| {case.name} | {small * 1e3:.2f} | {large * 1e3:.2f} | {ratio:.1f}x{mark} | {case.limit:.0f}x |")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
