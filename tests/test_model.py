"""Article numbers: parsing, normal form, order (27 < 27a < 27b < 28; bis < ter)."""

from __future__ import annotations

import pytest

from rodiff.model import Number


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [("12", "12"), ("27a", "27a"), ("27 a", "27a"), ("5bis", "5bis"), ("5 ter", "5ter"), ("64abis", "64abis"), ("10A", "10a")],
)
def test_parse_normalises(raw: str, normalised: str) -> None:
    number = Number.parse(raw)
    assert number.normalised == normalised
    assert number.raw == raw


@pytest.mark.parametrize("raw", ["", "a", "12-3", "5 pippo", "1.2"])
def test_parse_rejects(raw: str) -> None:
    with pytest.raises(ValueError):
        Number.parse(raw)


def test_order() -> None:
    ordered = ["1", "2", "5", "5bis", "5ter", "5quater", "10", "27", "27a", "27b", "28", "64", "64a", "64abis", "64b", "100"]
    numbers = [Number.parse(n) for n in ordered]
    assert sorted(reversed(numbers)) == numbers
    assert Number.parse("27 a") == Number.parse("27a")
    assert len({Number.parse("27 a"), Number.parse("27a")}) == 1
    assert Number.parse("9") < Number.parse("10")
