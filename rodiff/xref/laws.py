"""The acts a ROD cites, read once from ``laws.yaml`` (packaged with rodiff).

``ABBREVIATIONS`` maps "LOC" to "Legge organica comunale"; ``NAME_WORDS`` are the words that
open the name of another act ("Legge", "Codice", "Regolamento cantonale"); ``INTERNAL`` the
phrases that make a reference point at this regulation ("presente Regolamento", "ROD");
``FORMER`` the phrases that point at its previous version ("ex ROD"). To teach rodiff a new
act, add a line to ``laws.yaml``.
"""

from __future__ import annotations

from importlib import resources

import yaml

from ..errors import RodiffError


def _load() -> dict[str, object]:
    text = resources.files(__package__).joinpath("laws.yaml").read_text(encoding="utf-8")
    # libyaml's loader when PyYAML was built with it: a tenth of the pure-Python loader's time
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):  # pragma: no cover - the packaged file is a mapping
        raise RodiffError("Il file laws.yaml di rodiff è danneggiato: reinstalli rodiff.")
    return data


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):  # pragma: no cover - packaged data
        raise RodiffError("Il file laws.yaml di rodiff è danneggiato: reinstalli rodiff.")
    return tuple(str(item) for item in value)


_DATA = _load()
_ABBREVIATIONS = _DATA.get("abbreviations")
if not isinstance(_ABBREVIATIONS, dict):  # pragma: no cover - packaged data
    raise RodiffError("Il file laws.yaml di rodiff è danneggiato: reinstalli rodiff.")

ABBREVIATIONS: dict[str, str] = {str(key): str(value) for key, value in _ABBREVIATIONS.items()}
NAME_WORDS: tuple[str, ...] = _strings(_DATA.get("names"))
INTERNAL: tuple[str, ...] = _strings(_DATA.get("internal"))
FORMER: tuple[str, ...] = _strings(_DATA.get("former"))
