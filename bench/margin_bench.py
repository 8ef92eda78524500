"""Margin-title reader: does it generalise beyond the one OCR file it was tuned on?

    .venv/bin/python -m bench.margin_bench            # every corpus regulation, every layout
    .venv/bin/python -m bench.margin_bench --seeds 3  # three seeds per layout (sums)
    .venv/bin/python -m bench.margin_bench --misses   # also list the articles missed

Each clean corpus regulation is parsed, then laid out as OCR gives a page with the article
titles in the margin (``tests.support.margin_layout``: per page, the headings of the articles
starting on it, then their bodies; capoverso numbers kept, lost or mangled to ``'``/``!``/``l``;
a blank line after each capoverso or none; page breaks anywhere or only between articles).
The layout is parsed again and matched article by article against the clean parse
(``tests.support.treematch``): a cell counts the articles meeting the issue-14 bar (same
capoverso count and at least 95% similar); "whole" is the share over the three whole
regulations, "total" also counts the Mendrisio and Stabio fragments (runs of "Invariato." and
"[…]" that no reader can split without their numbers); "silent" counts the missed articles of the
row for which the reader reported no doubt (``margin_uncertain``/``margin_short``) on the article
or on the one after it (a wrong start of the next body moves text out of this one). The last row
is the raw OCR file of Alto Malcantone against its cleaned text. Reads only files of this repository.
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import replace
from pathlib import Path

from rodiff import parse_file
from rodiff.model import Diagnostic, Document
from rodiff.parse import parse_text
from tests.support.margin_layout import LAYOUTS, Layout, margin_text
from tests.support.treematch import ArticleMatch, match_articles

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
TEXTS = (
    CORPUS / "vacallo" / "rod-1991.txt",
    CORPUS / "vacallo" / "rod-nuovo.txt",
    CORPUS / "alto-malcantone" / "rod-2019.txt",
    CORPUS / "mendrisio" / "rod-2006-estratto.txt",
    CORPUS / "mendrisio" / "rod-2018-estratto.txt",
    CORPUS / "stabio" / "rod-attuale-frammenti.txt",
    CORPUS / "stabio" / "rod-proposto-frammenti.txt",
)
RAW_OCR = CORPUS / "alto-malcantone" / "rod-2019-ocr.txt"
WHOLE = 3  # the first TEXTS are whole regulations; the others are fragments of revisions ("Invariato.", "[…]")
# "… l'inizio del testo dell'art. 12 («Durata») è incerto …", "… elenca 3 articoli (art. 1, art. 2, art. 3) …"
DOUBTED_ARTICLE = re.compile(r"\bart\. (\w+)")


def meets_bar(match: ArticleMatch) -> bool:
    return match.paragraphs[0] == match.paragraphs[1] and match.similarity >= 95


def read_layout(clean: Document, layout: Layout) -> tuple[list[ArticleMatch], int]:
    """The article matches of the layout read back, and how many missed articles went unreported."""
    read = parse_text(margin_text(clean, layout))
    matches = match_articles(read, clean)
    return matches, silent_misses(matches, read.diagnostics)


def silent_misses(matches: list[ArticleMatch], diagnostics: tuple[Diagnostic, ...]) -> int:
    doubted = {
        number
        for d in diagnostics
        if d.code in ("margin_uncertain", "margin_short")
        for number in DOUBTED_ARTICLE.findall(d.message)
    }
    following = [m.number for m in matches[1:]] + [""]
    return sum(1 for m, after in zip(matches, following, strict=True) if not meets_bar(m) and not {m.number, after} & doubted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=1, help="seeds per layout (counts are summed)")
    parser.add_argument("--misses", action="store_true", help="list the articles missed in each cell")
    args = parser.parse_args()
    cleans = {path: parse_file(path) for path in TEXTS}
    names = [f"{path.parent.name}/{path.stem}"[:22] for path in TEXTS]
    print(f"{'layout':<28}" + "".join(f"{name:>24}" for name in names) + f"{'whole':>8}{'total':>8}{'silent':>8}")
    grand = [0, 0, 0]
    started = time.perf_counter()
    misses: list[str] = []
    for layout in LAYOUTS:
        cells, total, whole, silent = [], [0, 0], [0, 0], 0
        for rank, path in enumerate(TEXTS):
            good = count = 0
            for seed in range(args.seeds):
                matches, unreported = read_layout(cleans[path], replace(layout, seed=seed))
                silent += unreported
                good += sum(1 for m in matches if meets_bar(m))
                count += len(matches)
                missed = [m.number for m in matches if not meets_bar(m)]
                if args.misses and missed:
                    misses.append(f"{layout.name} seed {seed} {path.stem}: {' '.join(missed)}")
            cells.append(f"{good}/{count} {100 * good / count:5.1f}%")
            total[0] += good
            total[1] += count
            if rank < WHOLE:
                whole[0] += good
                whole[1] += count
        grand[0] += total[0]
        grand[1] += total[1]
        grand[2] += silent
        shares = f"{100 * whole[0] / whole[1]:7.1f}%{100 * total[0] / total[1]:7.1f}%{silent:>8}"
        print(f"{layout.name:<28}" + "".join(f"{cell:>24}" for cell in cells) + shares)
    print(
        f"{'all layouts':<28}{grand[0]}/{grand[1]} articles meet the bar ({100 * grand[0] / grand[1]:.1f}%), "
        f"{grand[2]} missed without a doubt reported"
    )
    document = parse_file(RAW_OCR)
    raw = match_articles(document, parse_file(TEXTS[2]))
    print(
        f"{'raw OCR alto-malcantone':<28}{sum(1 for m in raw if meets_bar(m))}/{len(raw)} articles meet the bar, "
        f"{silent_misses(raw, document.diagnostics)} missed without a doubt reported"
    )
    print(f"({time.perf_counter() - started:.1f} s)")
    for line in misses:
        print(line)


if __name__ == "__main__":
    main()
