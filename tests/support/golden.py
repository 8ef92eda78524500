"""Golden files: compare an output with its stored copy under tests/golden/, or rewrite it on request.

The one rule: with ``UPDATE_GOLDEN=1`` in the environment, ``assert_golden`` writes the actual
output to the golden file and the test passes (the test's other assertions still run); review
the diff with ``git diff tests/golden`` before committing. Without it, the output must equal the
stored file exactly (text: same characters, no newline translation; bytes: same bytes), and a
missing golden file is a failure, never written silently. Any other value of ``UPDATE_GOLDEN``
is a mistake and fails the test, so that ``UPDATE_GOLDEN=yes`` cannot pass without comparing.

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_confronto_docx.py

Outputs with volatile parts (XML with rsid or dates) are normalised by the caller to a
canonical text before they reach this helper.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
SHOWN_DIFF_LINES = 80


def assert_golden(name_or_path: str | Path, actual: str | bytes) -> None:
    """``actual`` equals the golden file (a name under tests/golden/, or a path); see the module rule."""
    path = GOLDEN / name_or_path
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if _updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    if not path.is_file():
        pytest.fail(f"{path} is missing: UPDATE_GOLDEN=1 writes it")
    expected = path.read_bytes()
    if data == expected:
        return
    if isinstance(actual, bytes):
        pytest.fail(f"{path.name}: {len(data)} bytes differ from the golden {len(expected)} (UPDATE_GOLDEN=1 rewrites it)")
    diff = difflib.unified_diff(
        expected.decode("utf-8", errors="replace").splitlines(), actual.splitlines(), "golden", "actual", lineterm="", n=2
    )
    shown = "\n".join(list(diff)[:SHOWN_DIFF_LINES]) or "(only line endings or the final newline differ)"
    pytest.fail(f"{path.name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it):\n{shown}")


def _updating() -> bool:
    value = os.environ.get("UPDATE_GOLDEN", "")
    if value not in ("", "1"):
        pytest.fail(f"UPDATE_GOLDEN={value!r}: set it to 1 to rewrite the golden files, or leave it unset")
    return value == "1"
