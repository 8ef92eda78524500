"""Parse timing: ``rodiff.parse_file`` on the corpus and on synthetic RODs, to show linear cost.

    .venv/bin/python -m bench.parse_bench             # 7 timed runs per input
    .venv/bin/python -m bench.parse_bench --runs 15
    .venv/bin/python -m bench.parse_bench --quick     # 3 timed runs per input
    .venv/bin/python -m bench.parse_bench --folder /tmp/b --runs 5   # the DOCX files of a folder instead

Inputs: every .txt file under corpus/ in which rodiff finds articles; synthetic RODs of 100,
500 and 2,000 articles (``synth.make_rod``, seed 1) as text; DOCX copies (``synth.make_docx``)
of corpus/alto-malcantone/rod-2019.txt and of the 2,000-article ROD. Each input is parsed
once as a warm-up, then N times (round-robin over the inputs); the table gives the median wall
time (time.perf_counter).
Reads only files of this repository; synthetic files go to a temporary directory, removed at
the end.

``--folder DIR`` times every .docx of DIR instead (for instance the pairs that
``bench.vs_libreoffice`` builds), with the garbage-collector thresholds the CLI sets, and gives the
best time rather than the median: on a shared machine the best moves least.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import rodiff
from rodiff.cli import GC_THRESHOLDS
from rodiff.errors import InputError
from tests.support import synth

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SYNTHETIC_SIZES = (100, 500, 2000)  # the first and the last give the ratio
DOCX_CORPUS = CORPUS / "alto-malcantone" / "rod-2019.txt"


@dataclass(frozen=True)
class Row:
    name: str
    kind: str
    kilobytes: float
    articles: int
    diagnostics: int
    seconds: float  # median

    @property
    def micros_per_article(self) -> float:
        return self.seconds * 1e6 / self.articles

    @property
    def micros_per_kilobyte(self) -> float:
        return self.seconds * 1e6 / self.kilobytes


def time_parses(inputs: list[tuple[str, Path]], runs: int) -> list[Row]:
    """Median wall time of ``parse_file`` per input over ``runs`` timed calls, after one warm-up
    call each. The runs go round-robin over the inputs, so that a change in machine load during
    the benchmark weighs on every input alike instead of on a few."""
    documents = [rodiff.parse_file(path) for _, path in inputs]  # warm-up, excluded
    times: list[list[float]] = [[] for _ in inputs]
    for _ in range(runs):
        for index, (_, path) in enumerate(inputs):
            gc.collect()
            start = time.perf_counter()
            documents[index] = rodiff.parse_file(path)
            times[index].append(time.perf_counter() - start)
    return [
        Row(
            name,
            document.source_kind,
            path.stat().st_size / 1024,
            len(document.articles()),
            len(document.diagnostics),
            statistics.median(t),
        )
        for (name, path), document, t in zip(inputs, documents, times, strict=True)
    ]


def time_folder(folder: Path, runs: int) -> int:
    """Best in-process ``parse_file`` time of every .docx in ``folder``, round-robin, after a warm-up."""
    paths = sorted(folder.glob("*.docx"))
    if not paths:
        print(f"no .docx in {folder}")
        return 1
    gc.set_threshold(*GC_THRESHOLDS)  # as «rodiff» sets them for a command
    documents = [rodiff.parse_file(path) for path in paths]  # warm-up, excluded
    best = [float("inf")] * len(paths)
    for _ in range(runs):
        for index, path in enumerate(paths):
            start = time.perf_counter()
            rodiff.parse_file(path)
            best[index] = min(best[index], time.perf_counter() - start)
    print(f"best of {runs} runs, parse_file in process, GC thresholds {GC_THRESHOLDS}")
    print(f"{'file':30} {'articles':>8} {'best ms':>9} {'µs/article':>11}")
    for path, document, seconds in zip(paths, documents, best, strict=True):
        articles = len(document.articles())
        print(f"{path.name:30} {articles:8} {seconds * 1e3:9.1f} {seconds * 1e6 / max(articles, 1):11.0f}")
    return 0


def corpus_texts() -> list[Path]:
    """The .txt files under corpus/ that hold at least one article (not the _parts drafts)."""
    found = []
    for path in sorted(CORPUS.rglob("*.txt")):
        if "_parts" in path.parts:
            continue
        try:
            rodiff.parse_file(path)
        except InputError:
            continue  # e.g. stabio/dispositivo-pubblicato.txt: no articles
        found.append(path)
    return found


def print_table(rows: list[Row]) -> None:
    headers = ("input", "kind", "KB", "articles", "diagnostics", "median ms", "µs/article", "µs/KB")
    cells = [
        (
            r.name,
            r.kind,
            f"{r.kilobytes:.0f}",
            str(r.articles),
            str(r.diagnostics),
            f"{r.seconds * 1e3:.2f}",
            f"{r.micros_per_article:.0f}",
            f"{r.micros_per_kilobyte:.0f}",
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) if i < 2 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True))))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=None, help="timed runs per input (default 7; 3 with --quick)")
    parser.add_argument("--quick", action="store_true", help="3 timed runs per input instead of 7")
    parser.add_argument("--folder", type=Path, help="time the .docx files of this folder (best of the runs)")
    args = parser.parse_args(argv)
    runs = args.runs if args.runs is not None else (3 if args.quick else 7)
    if runs < 1:
        parser.error("--runs must be at least 1")
    if args.folder is not None:
        return time_folder(args.folder, runs)

    print(
        f"rodiff {rodiff.__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs; median of {runs} runs (round-robin over the inputs) after 1 warm-up run"
    )
    inputs = [(str(path.relative_to(ROOT)), path) for path in corpus_texts()]
    with tempfile.TemporaryDirectory(prefix="rodiff-bench-") as tmp:
        folder = Path(tmp)
        for size in SYNTHETIC_SIZES:
            path = folder / f"synth-{size}.txt"
            path.write_text(synth.make_rod(size), encoding="utf-8")
            inputs.append((f"synth make_rod({size})", path))
        docx_corpus = folder / f"{DOCX_CORPUS.stem}.docx"
        synth.make_docx(DOCX_CORPUS.read_text(encoding="utf-8"), docx_corpus)
        inputs.append((f"{DOCX_CORPUS.relative_to(ROOT)} as DOCX", docx_corpus))
        largest = max(SYNTHETIC_SIZES)
        docx_synth = folder / f"synth-{largest}.docx"
        synth.make_docx((folder / f"synth-{largest}.txt").read_text(encoding="utf-8"), docx_synth)
        inputs.append((f"synth make_rod({largest}) as DOCX", docx_synth))
        rows = time_parses(inputs, runs)
    print_table(rows)

    synthetic = {row.articles: row for row in rows if row.name.startswith("synth") and row.kind == "testo"}
    small, large = synthetic[min(synthetic)], synthetic[max(synthetic)]
    print()
    print(
        f"time({large.articles})/{large.articles} ÷ time({small.articles})/{small.articles} = "
        f"{large.micros_per_article / small.micros_per_article:.2f} per article, "
        f"{large.micros_per_kilobyte / small.micros_per_kilobyte:.2f} per KB (1.00 = linear); "
        f"raw time ratio {large.seconds / small.seconds:.1f}x for {large.articles / small.articles:.0f}x the articles"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
