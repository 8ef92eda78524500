"""Time and stage counts of ``rodiff messaggio`` and ``rodiff confronto`` on the Vacallo pair.

Two tables:
- the whole process (``python -m rodiff ...`` in a subprocess), median of N runs with min and max;
- how often the expensive stages run inside one command (counted by function name with a
  profile hook, so the figures do not depend on where a function lives in the package).

    .venv/bin/python -m bench.messaggio_bench            # 5 timed runs per command
    .venv/bin/python -m bench.messaggio_bench --runs 9
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OLD = ROOT / "corpus" / "vacallo" / "rod-1991.txt"
NEW = ROOT / "corpus" / "vacallo" / "rod-nuovo.txt"
DATA = ROOT / "corpus" / "vacallo" / "messaggio.yaml"
NOTES = ROOT / "corpus" / "vacallo" / "osservazioni.yaml"
COUNTED = ("build_confronto", "build_messaggio", "automatic_note", "diff_words", "align", "check_against", "find_renamings")


def commands(out: Path) -> dict[str, list[str]]:
    data = DATA if DATA.is_file() else ROOT / "tests" / "fixtures" / "messaggio-vacallo.yaml"
    common = [str(OLD), str(NEW), "--osservazioni", str(NOTES), "--sovrascrivi", "-q"]
    return {
        "messaggio (docx)": ["messaggio", *common, "--dati", str(data), "-o", str(out / "messaggio.docx")],
        "confronto (docx)": ["confronto", *common, "-o", str(out / "confronto.docx")],
    }


def time_runs(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "rodiff", *args], capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"rodiff {' '.join(args)} failed:\n{done.stderr}")
    return times


def count_calls(args: list[str]) -> Counter[str]:
    """Run the command in this process and count calls of the COUNTED functions of rodiff."""
    from rodiff.cli import run

    counts: Counter[str] = Counter()

    def hook(frame: FrameType, event: str, _arg: Any) -> None:
        if event == "call" and frame.f_code.co_name in COUNTED and "rodiff" in frame.f_code.co_filename:
            counts[frame.f_code.co_name] += 1

    sys.setprofile(hook)
    try:
        run(args)
    finally:
        sys.setprofile(None)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        todo = commands(out)
        print("| command (Vacallo pair) | median s | min s | max s | runs |\n|---|---|---|---|---|")
        for name, args in todo.items():
            times = time_runs(args, options.runs)
            print(f"| {name} | {statistics.median(times):.3f} | {min(times):.3f} | {max(times):.3f} | {len(times)} |")
        print()
        print("| command | " + " | ".join(COUNTED) + " |")
        print("|---|" + "---|" * len(COUNTED))
        for name, args in todo.items():
            counts = count_calls(args)
            print(f"| {name} | " + " | ".join(str(counts[f]) for f in COUNTED) + " |")


if __name__ == "__main__":
    main()
