"""Hostile inputs for the reference patterns: units that, repeated, would expose backtracking blow-ups.

``tests/test_xref.py`` scans them repeated and checks the spans; ``bench/scaling.py`` times
them at two lengths and prints the ratio (10x the text should cost about 10x the time).
"""

from __future__ import annotations

HOSTILE_UNITS = (
    "art. 1, ",
    "art. 1 e 2 cpv. 3 lett. a) o ",
    "cpv. 1 e ",
    "lettere a), b) e ",
    "(art. ",
    "dall'art. 1 all'",
    "Legge sugli stipendi xxx ",
    "art. 5 LOC cpv. ",
    "precedenti cpv. cpv. ",
    "art.art.art.1",
)
