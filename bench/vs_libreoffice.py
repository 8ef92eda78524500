"""rodiff against LibreOffice "Confronta documento" on the same DOCX pairs, and rodiff alone on inputs that once hung.

    .venv/bin/python -m bench.vs_libreoffice             # S, 500, 2000, 5000 articles; 5 interleaved runs
    .venv/bin/python -m bench.vs_libreoffice --quick     # S and 500 articles, 1 run; smaller pathological inputs
    .venv/bin/python -m bench.vs_libreoffice --runs 3 --sizes 500,2000

Pairs (DOCX, one Word paragraph per line of the text, ``synth.make_docx``):
- S: ``corpus/alto-malcantone/rod-2019.txt`` (97 articles) against ``synth.revise`` of it;
- N articles: one long regulation ``synth.make_rod(N)`` (continuous numbering) against its revision.

Each round runs every tool once on the pair, in turn (so machine load weighs on all alike): ``rodiff
confronto`` (DOCX table), ``rodiff confronto --formato html``, ``rodiff revisioni`` (tracked
changes), two floors (``bench/floor.py``: Python importing the libraries only; python-docx's public
API reading both files and writing a table of the same size), and LibreOffice headless comparing the
two documents and saving a DOCX (a new soffice and a fresh profile per run,
``tests/support/libreoffice.py``). Time is the wall time of the whole process; peak RSS is the
largest resident size of the process and the children it waited for (GNU ``time``). rodiff runs as
an installed package does, with its bytecode cached (``PYTHONPYCACHEPREFIX`` in the temporary
folder, filled by one untimed run first); the LibreOffice column needs ``soffice`` and a Python with
``uno``, and is left out when missing. The ratio LibreOffice / tool is given twice: the ratio of the
medians, and the median of the ratios within each round (the tools of a round run back to back, so
a drift of the machine's speed during the bench moves it less).

Per article: the in-process time of each stage (parse of both files, alignment, confronto table
and its DOCX, tracked-changes DOCX) divided by the articles (best of 3, with the garbage
collector set as the command sets it), and the ratio of the largest size to the smallest
(1.00 = linear growth; the goal is <= 1.3); then the same for the whole processes.

Pathological inputs (``analizza``, built here): a 20,000-article text, one article of 10,000
wrapped lines, a DOCX of 100,000 paragraphs, a PDF of 2,000 pages (fpdf2).

Temporary files only, in a ``tempfile`` directory removed at the end.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rodiff.align import align
from rodiff.cli import GC_THRESHOLDS
from rodiff.parse import parse_file
from rodiff.render.confronto_docx import render_confronto_docx
from rodiff.render.revisioni_docx import render_revisions_docx
from rodiff.session import Revisione
from tests.support import builders, synth
from tests.support.libreoffice import UnoJob, find_soffice, find_uno_python, uno_command

ROOT = Path(__file__).resolve().parent.parent
S_TEXT = ROOT / "corpus" / "alto-malcantone" / "rod-2019.txt"
RODIFF = [sys.executable, "-m", "rodiff"]
# analizza with the PDF page limit raised (the 2,000-page PDF is over the default limit on purpose)
ANALIZZA_PDF = (
    "import sys; from rodiff.cli import run; from rodiff.parse.inputs import limits\n"
    "with limits(pdf_pages=10**6): sys.exit(run(sys.argv[1:]))"
)


@dataclass(frozen=True)
class Pair:
    name: str
    articles: int
    old: Path
    new: Path


@dataclass
class Timings:
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)


def run_measured(command: list[str], env: dict[str, str], timeout: float = 1800) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, from GNU time: a child forked from this process would
    report this process's size as its own floor) of one process; an error stops the bench."""
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", rss.name, *command], capture_output=True, env=env, cwd=ROOT, timeout=timeout
        )
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr.decode(errors='replace')[-2000:]}")
        kilobytes = Path(rss.name).read_text().strip().splitlines()[-1]
    return elapsed, int(kilobytes) / 1024


def rodiff_env(cache: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def build_pairs(folder: Path, sizes: list[int]) -> list[Pair]:
    pairs = []
    s_text = S_TEXT.read_text(encoding="utf-8")
    texts = [("S", 97, s_text)] + [(f"{n} articoli", n, synth.make_rod(n, seed=1)) for n in sizes]
    for name, articles, old in texts:
        stem = name.split()[0]
        old_path, new_path = folder / f"{stem}-vecchio.docx", folder / f"{stem}-nuovo.docx"
        synth.make_docx(old, old_path)
        synth.make_docx(synth.revise(old, seed=1), new_path)
        pairs.append(Pair(name, articles, old_path, new_path))
    return pairs


def tools(pair: Pair, out: Path, profile_root: Path) -> dict[str, Callable[[], list[str]]]:
    found: dict[str, Callable[[], list[str]]] = {
        "rodiff confronto (docx)": lambda: [
            *RODIFF,
            "confronto",
            str(pair.old),
            str(pair.new),
            "-o",
            str(out / "c.docx"),
            "--sovrascrivi",
            "-q",
        ],
        "rodiff confronto (html)": lambda: [
            *RODIFF,
            "confronto",
            str(pair.old),
            str(pair.new),
            "--formato",
            "html",
            "-o",
            str(out / "c.html"),
            "--sovrascrivi",
            "-q",
        ],
        "rodiff revisioni": lambda: [
            *RODIFF,
            "revisioni",
            str(pair.old),
            str(pair.new),
            "-o",
            str(out / "r.docx"),
            "--sovrascrivi",
            "-q",
        ],
    }
    # what any Python tool on the same libraries pays (bench/floor.py): not rodiff, a reference
    found["floor: Python + the libraries' imports"] = lambda: [sys.executable, "-m", "bench.floor", "imports"]
    found["floor: python-docx reads both, writes the table"] = lambda: [
        sys.executable,
        "-m",
        "bench.floor",
        "table",
        str(pair.old),
        str(pair.new),
        str(out / "floor.docx"),
    ]
    soffice, python = find_soffice(), find_uno_python()
    if soffice and python:

        def libreoffice() -> list[str]:
            profile = Path(tempfile.mkdtemp(prefix="profile-", dir=profile_root))  # fresh for every run
            job = UnoJob("compare", pair.new, out / "lo.docx", pair.old)
            return uno_command([job], profile, soffice=soffice, python=python)

        found["LibreOffice Confronta documento"] = libreoffice
    return found


STAGES = ("parse (both files)", "align", "confronto (table + DOCX)", "revisioni (DOCX)")


def per_article(pair: Pair, rounds: int = 3) -> list[float]:
    """In-process time of each stage of ``STAGES``, in µs per article: the best of ``rounds``
    (one run on a shared machine moves by 20%, more than the growth being measured)."""
    best = [float("inf")] * len(STAGES)
    gc.set_threshold(*GC_THRESHOLDS)  # as «rodiff» sets them for a command
    for _ in range(rounds):
        times = []
        start = time.perf_counter()
        old, new = parse_file(pair.old), parse_file(pair.new)
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        alignment = align(old, new)
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        session = Revisione(old, new)
        session.__dict__["alignment"] = alignment  # the alignment just timed, not a second one
        render_confronto_docx(session.confronto())
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        render_revisions_docx(alignment, template=pair.new, diffs=session.diffs)
        times.append(time.perf_counter() - start)
        best = [min(a, b) for a, b in zip(best, times, strict=True)]
        del old, new, alignment, session  # the next round starts with the heap it started with
    return [seconds / pair.articles * 1e6 for seconds in best]


def compare(pairs: list[Pair], runs: int, work: Path) -> None:
    env = rodiff_env(work / "pycache")
    results: dict[tuple[str, str], Timings] = {}
    for pair in pairs:
        table = tools(pair, work, work)
        run_measured(table["rodiff confronto (docx)"](), env)  # bytecode cached, files in the page cache
        for _ in range(runs):
            for name, command in table.items():
                seconds, rss = run_measured(command(), env)
                timings = results.setdefault((pair.name, name), Timings())
                timings.seconds.append(seconds)
                timings.rss_mb.append(rss)
    print(
        f"Whole process, median of {runs} interleaved runs (min-max), peak RSS; LibreOffice / tool: the ratio of the "
        "medians, then the median (min-max) of the ratios within each round (the tools of one round run back to "
        "back, so a drift of the machine's speed weighs on both sides of a round's ratio)\n"
    )
    print("| pair | articles | tool | median s | min-max s | peak RSS MB | ms/article | LibreOffice / tool | per round |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for pair in pairs:
        office = results.get((pair.name, "LibreOffice Confronta documento"))
        office_median = statistics.median(office.seconds) if office else None
        for (name, tool), timings in results.items():
            if name != pair.name:
                continue
            median = statistics.median(timings.seconds)
            ratio = f"{office_median / median:.1f}x" if office_median else "-"
            spread = f"{min(timings.seconds):.2f}-{max(timings.seconds):.2f}"
            print(
                f"| {pair.name} | {pair.articles} | {tool} | {median:.2f} | {spread} "
                f"| {max(timings.rss_mb):.0f} | {median / pair.articles * 1000:.2f} | {ratio} "
                f"| {_round_ratios(office, timings)} |"
            )
    synthetic = [pair for pair in pairs if pair.name != "S"]
    if len(synthetic) < 2:
        return
    first, last = synthetic[0], synthetic[-1]
    print(f"\nTime per article, {last.articles} articles / {first.articles} articles (1.00 = linear; goal <= 1.3)\n")
    print("| stage | per article (small) | per article (large) | ratio |")
    print("|---|---:|---:|---:|")
    small, large = per_article(first), per_article(last)
    for index, stage in enumerate(STAGES):
        print(f"| {stage}, in process | {small[index]:.0f} µs | {large[index]:.0f} µs | {large[index] / small[index]:.2f} |")
    for tool in ("rodiff confronto (docx)", "rodiff revisioni"):
        a = statistics.median(results[first.name, tool].seconds) / first.articles
        b = statistics.median(results[last.name, tool].seconds) / last.articles
        print(f"| {tool} (whole process) | {a * 1000:.2f} ms | {b * 1000:.2f} ms | {b / a:.2f} |")


def _round_ratios(office: Timings | None, tool: Timings) -> str:
    """LibreOffice's time over the tool's within each round: their median (min-max)."""
    if office is None:
        return "-"
    ratios = [a / b for a, b in zip(office.seconds, tool.seconds, strict=True)]
    return f"{statistics.median(ratios):.1f}x ({min(ratios):.1f}-{max(ratios):.1f})"


def pathological(work: Path, quick: bool) -> None:
    scale = 10 if quick else 1
    inputs: list[tuple[str, list[str]]] = []
    text = work / "articoli.txt"
    # 20,000 articles; lines cut at 100 characters (as a text extracted from a PDF), which keeps
    # the file under rodiff's 10 MB limit for texts
    rod = synth.make_rod(20_000 // scale, seed=3)
    text.write_text("\n".join(line[:100] for line in rod.split("\n")), encoding="utf-8")
    inputs.append((f"testo di {20_000 // scale} articoli ({text.stat().st_size // 1024} KB)", [*RODIFF, "analizza", str(text)]))
    long = work / "articolo-lungo.txt"
    words = ["il", "dipendente", "ha", "diritto", "alle", "indennità", "previste", "dal", "presente", "regolamento", "secondo"]
    body = [" ".join(words[(k + n) % len(words)] for n in range(12)) for k in range(10_000 // scale)]
    long.write_text("Art. 1\nDisposizioni generali\n" + "\n".join(body) + "\n", encoding="utf-8")
    inputs.append((f"un articolo di {10_000 // scale} righe", [*RODIFF, "analizza", str(long)]))
    hyphens = work / "articolo-sillabato.txt"
    # every line ends in a hyphenated word: each line is joined onto the one before it
    hyphenated = [f"{' '.join(words[(k + n) % len(words)] for n in range(11))} ammini-" for k in range(10_000 // scale)]
    hyphens.write_text("Art. 1\nDisposizioni generali\n" + "\nstrazione ".join(hyphenated) + "\n", encoding="utf-8")
    inputs.append((f"un articolo di {10_000 // scale} righe sillabate", [*RODIFF, "analizza", str(hyphens)]))
    paragraphs = work / "paragrafi.docx"
    lines = synth.make_rod(15_000 // scale, seed=5).split("\n")[: 100_000 // scale]
    synth.make_docx("\n".join(lines), paragraphs)
    inputs.append((f"DOCX di {len(lines)} paragrafi", [*RODIFF, "analizza", str(paragraphs)]))
    pdf = work / "pagine.pdf"
    pdf_lines = [line[:95] for line in synth.make_rod(2000 // scale * 4, seed=6).split("\n")]
    pages = [pdf_lines[k : k + 50] for k in range(0, 2000 // scale * 50, 50)][: 2000 // scale]
    builders.column_pdf(pdf, pages, header="Regolamento organico dei dipendenti")
    inputs.append((f"PDF di {len(pages)} pagine", [sys.executable, "-c", ANALIZZA_PDF, "analizza", str(pdf)]))
    env = rodiff_env(work / "pycache")
    print("\n`rodiff analizza` on inputs that once hung (one run each; goal: < 60 s and < 1 GB, the text < 10 s)\n")
    print("| input | seconds | peak RSS MB |")
    print("|---|---:|---:|")
    for name, command in inputs:
        seconds, rss = run_measured([*command, "--formato", "json", "-o", str(work / "out.json"), "--sovrascrivi", "-q"], env)
        print(f"| {name} | {seconds:.1f} | {rss:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=None, help="timed runs per tool and pair (default 5, 1 with --quick)")
    parser.add_argument("--sizes", default=None, help="synthetic sizes, comma separated (default 500,2000,5000)")
    parser.add_argument("--quick", action="store_true", help="S and 500 articles, 1 run, pathological inputs a tenth")
    parser.add_argument("--no-pathological", action="store_true", help="only the comparison with LibreOffice")
    args = parser.parse_args()
    sizes = [int(s) for s in (args.sizes or ("500" if args.quick else "500,2000,5000")).split(",")]
    runs = args.runs or (1 if args.quick else 5)
    with tempfile.TemporaryDirectory(prefix="rodiff-vs-lo-") as folder:
        work = Path(folder)
        compare(build_pairs(work, sizes), runs, work)
        if not args.no_pathological:
            pathological(work, args.quick)


if __name__ == "__main__":
    main()
