"""Test support shared by the tests and the bench scripts: golden files, LibreOffice, synthetic RODs, DOCX/PDF builders.

Tests import it relatively (``from .support.golden import assert_golden``). Bench scripts run
as modules from the repository root (``.venv/bin/python -m bench.parse_bench``), which puts the
root on ``sys.path``, and import it as ``from tests.support import synth``: no path hacks.
"""
