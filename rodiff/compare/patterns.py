"""The regular expressions of the compare stage, compiled once, each with examples."""

from __future__ import annotations

import re

# A year of a version's name or date: "ROD in vigore (1991)" -> 1991, "MM No. 29/2023" -> 2023,
# "2019-12-18" -> 2019; not inside a longer number ("12345", "CHF 17'600").
YEAR = re.compile(r"(?<![\d'’])(?:19|20)\d\d(?![\d'’])")

# A capoverso key of an osservazioni file, before its number (read with ``Number.try_parse``):
#   "cpv 2", "cpv. 2", "Cpv.2", "capoverso 2", "cpv 2bis", "2bis", "2 bis", "2"
# Not capoverso keys: "art. 2", "lett. a", "articolo" (the whole article's note, read apart).
CAPOVERSO_KEY = re.compile(r"\s*(?:cpv\.?|capoverso)?\s*(?P<number>\d.*)", re.IGNORECASE)
