"""Alignment accuracy and confronto speed.

    .venv/bin/python -m bench.align_bench            # accuracy + timings (median of 5)
    .venv/bin/python -m bench.align_bench --quick    # 3 runs, no 20x

Part 1, accuracy: every corpus pair with a ground truth (Vacallo: the old -> new numbers
printed in the confronto headings) and synthetic revisions with a known mapping (corpus
articles, 3 inserted, 2 removed, 15% of sentences edited, references renumbered; fixed
seeds). Precision and recall of the article pairs.

Part 2, speed: the whole ``rodiff confronto`` command as a user runs it (a new process,
DOCX in, DOCX out), on the same kind of inputs as ``../shared/BENCH.md``: S = a 97-article
ROD (Alto Malcantone's text from corpus/) against a revised copy, M = 5x, L = 20x, each as
DOCX with one paragraph per line. Plus the alignment alone (in process) for 2,000 articles.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import rodiff
from rodiff.align import align
from rodiff.parse import parse_text
from tests.support import synth

ROOT = Path(__file__).resolve().parent.parent

CORPUS = ROOT / "corpus"
# What LibreOffice "Confronta documento" took on the same kind of pair (../shared/BENCH.md).
LIBREOFFICE_SECONDS = {"S": 1.30, "M": 2.86, "L": 34.5}


def _pairs(alignment: rodiff.align.Alignment) -> set[tuple[str, str]]:  # type: ignore[name-defined]
    return {(p.old[0].number.normalised, p.new[0].number.normalised) for p in alignment.pairs if p.old and p.new}


def _score(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float]:
    right = len(found & truth)
    return right / max(1, len(found)), right / max(1, len(truth))


def accuracy_rows() -> list[tuple[str, int, float, float]]:
    rows = []
    with (CORPUS / "vacallo" / "allineamento.csv").open(encoding="utf-8") as handle:
        truth = {(r["old"], r["new"]) for r in csv.DictReader(handle) if r["old"] and r["new"]}
    alignment = align(
        rodiff.parse_file(CORPUS / "vacallo" / "rod-1991.txt"), rodiff.parse_file(CORPUS / "vacallo" / "rod-nuovo.txt")
    )
    rows.append(("Vacallo 1991 -> nuovo (intestazioni stampate)", len(truth), *_score(_pairs(alignment), truth)))
    base = (CORPUS / "alto-malcantone" / "rod-2019.txt").read_text(encoding="utf-8")
    for seed in range(1, 6):
        revision = synth.revise_with_truth(base, seed=seed)
        truth = {(str(o), str(n)) for o, n in revision.mapping.items()}
        found = _pairs(align(parse_text(base), parse_text(revision.text)))
        rows.append((f"Alto Malcantone, revisione sintetica seme {seed}", len(truth), *_score(found, truth)))
    for size, seed in ((500, 7), (2000, 8)):
        text = synth.make_rod(size, seed=seed)
        revision = synth.revise_with_truth(text, seed=seed, inserted=3 * size // 100, removed=2 * size // 100)
        truth = {(str(o), str(n)) for o, n in revision.mapping.items()}
        found = _pairs(align(parse_text(text), parse_text(revision.text)))
        rows.append((f"sintetico {size} articoli, seme {seed}", len(truth), *_score(found, truth)))
    return rows


def _median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def speed_rows(runs: int, quick: bool) -> list[tuple[str, int, float, float]]:
    base = (CORPUS / "alto-malcantone" / "rod-2019.txt").read_text(encoding="utf-8")
    sizes = {"S": 1, "M": 5} if quick else {"S": 1, "M": 5, "L": 20}
    rows = []
    rodiff_command = str(Path(sys.executable).parent / "rodiff")
    with tempfile.TemporaryDirectory() as folder:
        for name, factor in sizes.items():
            old_text = base if factor == 1 else synth.make_rod(97 * factor, seed=factor)
            new_text = synth.revise(old_text, seed=factor, inserted=3 * factor, removed=2 * factor)
            old_path, new_path = Path(folder, f"{name}-old.docx"), Path(folder, f"{name}-new.docx")
            synth.make_docx(old_text, old_path)
            synth.make_docx(new_text, new_path)
            out = Path(folder, f"{name}-confronto.docx")
            command = [rodiff_command, "confronto", str(old_path), str(new_path), "-o", str(out), "--sovrascrivi", "--silenzioso"]
            seconds = _median_seconds(command, runs)
            articles = len(rodiff.parse_file(old_path).articles())
            rows.append((name, articles, seconds, LIBREOFFICE_SECONDS[name] / seconds))
    return rows


def align_only(runs: int) -> tuple[int, float]:
    text = synth.make_rod(2000, seed=3)
    revised = synth.revise(text, seed=3, inserted=60, removed=40)
    old, new = parse_text(text), parse_text(revised)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        align(old, new)
        times.append(time.perf_counter() - start)
    return len(old.articles()), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs

    print("Accuracy of article pairs")
    print(f"{'pair':<52}{'truth':>7}{'precision':>11}{'recall':>8}")
    for name, truth, precision, recall in accuracy_rows():
        print(f"{name:<52}{truth:>7}{precision:>11.1%}{recall:>8.1%}")
    articles, seconds = align_only(runs)
    print(f"\nAlignment alone, {articles} articles (in process, median of {runs}): {seconds * 1000:.0f} ms")
    print(f"\nWhole `rodiff confronto` (new process, DOCX in, DOCX out, median of {runs})")
    print(f"{'size':<6}{'articles':>9}{'seconds':>9}{'vs LibreOffice':>16}")
    for name, count, secs, ratio in speed_rows(runs, args.quick):
        print(f"{name:<6}{count:>9}{secs:>9.2f}{ratio:>15.1f}x")
    print("LibreOffice figures from ../shared/BENCH.md (S 1.30 s, M 2.86 s, L 34.5 s); goal: at least 5x faster.")


if __name__ == "__main__":
    main()
