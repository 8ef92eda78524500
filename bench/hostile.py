"""The hostile set, timed and summarised: the table for the closing note of issue 11.

    .venv/bin/python -m bench.hostile

Builds the inputs of ``tests/support/hostile_inputs.py`` in a temporary folder, runs every
command on every input (in process; the zip bombs in a fresh process each, whose peak memory
is measured) and prints: inputs, commands, runs, the exit-code histogram, the maximum RSS and
the slowest run. Exit status 1 if any run ends with code 3 (an internal error) or a traceback.
"""

from __future__ import annotations

import contextlib
import io
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from rodiff.cli import run
from tests.support.hostile_inputs import ROOT, build_inputs, commands_for, prepare_sidecars

PROBE = (
    "import resource, sys\nfrom rodiff.cli import run\ncode = run(sys.argv[1:])\n"
    "sys.stderr.write(f'\\nRSS_KB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')\nsys.exit(code)\n"
)


def _in_process(args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run(args)
    return code, err.getvalue()


def _fresh_process(args: list[str]) -> tuple[int, str, int]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    err, _, rss = done.stderr.rpartition("\nRSS_KB=")
    return done.returncode, err, int(rss or 0) // 1024


def main() -> int:
    codes: Counter[int] = Counter()
    commands: set[str] = set()
    slowest = (0.0, "")
    bad: list[str] = []
    max_child_rss = 0
    with tempfile.TemporaryDirectory() as folder:
        items = build_inputs(Path(folder) / "ostili")
        prepare_sidecars(items)
        for item in items:
            for index, args in enumerate(commands_for(item, Path(folder) / "uscita")):
                out = Path(folder) / f"uscita-{item.name}-{index}"
                out.mkdir()
                args = [a.replace(str(Path(folder) / "uscita"), str(out)) for a in args]
                commands.add(args[0])
                start = time.perf_counter()
                if item.subprocess:
                    code, err, rss = _fresh_process(args)
                    max_child_rss = max(max_child_rss, rss)
                else:
                    code, err = _in_process(args)
                elapsed = time.perf_counter() - start
                codes[code] += 1
                if elapsed > slowest[0]:
                    slowest = (elapsed, f"{args[0]} {item.name}")
                if code not in (0, 1, 2) or "Traceback" in err or "Errore imprevisto" in err:
                    bad.append(f"{item.name}: {' '.join(args[:1])} -> {code}: {err.strip()[-200:]}")
    own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    rows = [
        ("inputs", str(len(items))),
        ("commands", f"{len(commands)} ({', '.join(sorted(commands))})"),
        ("runs", str(sum(codes.values()))),
        ("exit codes", ", ".join(f"{code}: {count}" for code, count in sorted(codes.items()))),
        ("max RSS, zip bombs (fresh process)", f"{max_child_rss} MB"),
        ("max RSS, all other runs (one process)", f"{own_rss} MB"),
        ("slowest run", f"{slowest[0]:.2f} s ({slowest[1]})"),
    ]
    width = max(len(name) for name, _ in rows)
    print("| what | value |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name:<{width}} | {value} |")
    for line in bad:
        print("PROBLEM:", line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
