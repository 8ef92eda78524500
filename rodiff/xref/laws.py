"""The acts a ROD cites, read once from ``laws.toml`` (packaged with rodiff).

``ABBREVIATIONS`` maps "LOC" to "Legge organica comunale"; ``NAME_WORDS`` are the words that
open the name of another act ("Legge", "Codice", "Regolamento cantonale"); ``INTERNAL`` the
phrases that make a reference point at this regulation ("presente Regolamento", "ROD");
``FORMER`` the phrases that point at its previous version ("ex ROD"). To teach rodiff a new
act, add a line to ``laws.toml``.
"""

from __future__ import annotations

import pkgutil
import tomllib

from ..errors import RodiffError


def _load() -> dict[str, object]:
    # TOML (the standard library's tomllib) rather than YAML: PyYAML's import is a tenth of the
    # start-up of «rodiff confronto»; pkgutil rather than importlib.resources, which imports
    # tempfile (and through it random and hashlib) for files this read never needs
    packaged = pkgutil.get_data(__package__ or "rodiff.xref", "laws.toml")
    if packaged is None:  # pragma: no cover - a loader that cannot read package data
        raise RodiffError("Il file laws.toml di rodiff manca: reinstalli rodiff.")
    text = packaged.decode("utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:  # pragma: no cover - packaged data
        raise RodiffError("Il file laws.toml di rodiff è danneggiato: reinstalli rodiff.") from error


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):  # pragma: no cover - packaged data
        raise RodiffError("Il file laws.toml di rodiff è danneggiato: reinstalli rodiff.")
    return tuple(str(item) for item in value)


_DATA = _load()
_ABBREVIATIONS = _DATA.get("abbreviations")
if not isinstance(_ABBREVIATIONS, dict):  # pragma: no cover - packaged data
    raise RodiffError("Il file laws.toml di rodiff è danneggiato: reinstalli rodiff.")

ABBREVIATIONS: dict[str, str] = {str(key): str(value) for key, value in _ABBREVIATIONS.items()}
NAME_WORDS: tuple[str, ...] = _strings(_DATA.get("names"))
INTERNAL: tuple[str, ...] = _strings(_DATA.get("internal"))
FORMER: tuple[str, ...] = _strings(_DATA.get("former"))
