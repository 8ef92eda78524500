"""The corpus pairs several test modules align, each read and aligned once per test run."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rodiff.align import Alignment, align
from rodiff.parse import parse_file

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@cache
def stabio_alignment() -> Alignment:
    """The Stabio fragments: current ROD against the proposal."""
    return align(
        parse_file(CORPUS / "stabio" / "rod-attuale-frammenti.txt"),
        parse_file(CORPUS / "stabio" / "rod-proposto-frammenti.txt"),
    )


@cache
def vacallo_alignment() -> Alignment:
    """Vacallo: the 1991 ROD against the new one."""
    return align(parse_file(CORPUS / "vacallo" / "rod-1991.txt"), parse_file(CORPUS / "vacallo" / "rod-nuovo.txt"))
