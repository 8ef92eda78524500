"""Benchmarks: timing and accuracy scripts, run as modules from the repository root (not collected by pytest).

    .venv/bin/python -m bench.parse_bench --quick

Running them with ``-m`` from the root puts the root on ``sys.path``, so they import rodiff
and the test support (``from tests.support import synth``) with plain imports and no path
manipulation. See bench/README.md.
"""
