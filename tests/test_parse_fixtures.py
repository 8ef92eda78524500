"""Parser cases from fixture files (mistune style): tests/fixtures/parse/NAME.txt holds the
input, a line "=== atteso ===", then the expected tree dump (see conftest.dump)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rodiff.parse import parse_text

from .conftest import dump

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "parse").glob("*.txt"))
SEPARATOR = "=== atteso ==="


def _load(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    source, expected = text.split(f"\n{SEPARATOR}\n")
    source = "\n".join(line for line in source.splitlines() if not line.startswith("# "))
    return source, expected.rstrip("\n")


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture(path: Path) -> None:
    source, expected = _load(path)
    assert dump(parse_text(source, path.name)) == expected


def test_there_are_fixtures() -> None:
    assert len(FIXTURES) >= 5
