"""Document metadata from a sidecar file: ``rod.txt`` is described by ``rod.yaml``.

Keys (Italian, since secretaries write them): ``comune``, ``titolo``, ``versione``,
``data``, ``fonte``; other keys (notes on the source) are the secretary's and are left alone.
The sidecar is read automatically, so it is read with limits (no YAML aliases, bounded size
and depth: ``yaml_safe``). A sidecar that cannot be used (unreadable, not UTF-8, bad YAML,
not a list of fields) gives empty metadata and a diagnostic saying why; a known field whose
value is not a single word, number or date (a list, a group) is left out, and said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Diagnostic, Metadata

_SCALARS = (str, int, float, dt.date)
FIELDS = {"comune": "commune", "titolo": "title", "versione": "version", "data": "date", "fonte": "source"}


@dataclass(frozen=True)
class Sidecar:
    """What the sidecar gave: the metadata, and why a part of it could not be used."""

    metadata: Metadata = field(default_factory=Metadata)
    diagnostics: tuple[Diagnostic, ...] = ()


def read_sidecar(path: Path) -> Sidecar:
    """The sidecar ``.yaml`` / ``.yml`` of ``path``, if there is one."""
    for suffix in (".yaml", ".yml"):
        sidecar = path.with_suffix(suffix)
        if sidecar != path and sidecar.is_file():
            return _read(sidecar, path)
    return Sidecar()


def _read(sidecar: Path, described: Path) -> Sidecar:
    from .inputs import os_reason
    from .yaml_safe import load_yaml

    try:
        data = load_yaml(sidecar.read_text(encoding="utf-8"), sidecar.name)
    except InputError as error:  # "Il file «rod.yaml» non è scritto correttamente alla riga 3..."
        return _unusable(sidecar, described, error.message[:1].lower() + error.message[1:])
    except UnicodeDecodeError:
        return _unusable(sidecar, described, "non è un testo UTF-8: lo salvi come testo UTF-8.")
    except OSError as error:
        return _unusable(sidecar, described, f"non si può leggere ({os_reason(error)}).")
    if data is None:
        return Sidecar()
    if not isinstance(data, dict):
        return _unusable(sidecar, described, "non contiene righe «campo: valore» (per esempio «comune: Vacallo»).")
    values: dict[str, str] = {}
    left_out: list[str] = []
    for key, attribute in FIELDS.items():
        value = data.get(key)
        if _is_scalar(value):
            values[attribute] = str(value)
        elif value not in (None, "", [], {}):
            left_out.append(f"«{key}»")
    diagnostics: tuple[Diagnostic, ...] = ()
    if left_out:
        several = len(left_out) > 1
        what = f"i campi {', '.join(left_out)} sono" if several else f"il campo {left_out[0]} è"
        unused = "non sono stati usati" if several else "non è stato usato"
        message = (
            f"Nel file «{sidecar.name}» {what} un elenco o un gruppo di campi, non un testo semplice, e {unused}: "
            "scriva un solo valore dopo i due punti."
        )
        diagnostics = (Diagnostic("sidecar_field", message, None, "info"),)
    return Sidecar(Metadata(**values), diagnostics)


def _unusable(sidecar: Path, described: Path, reason: str) -> Sidecar:
    """Empty metadata, and a diagnostic naming the sidecar and the reason."""
    message = (
        f"Il file di descrizione «{sidecar.name}», accanto a «{described.name}», non è stato usato "
        f"(comune, titolo, versione e data restano vuoti): {reason}"
    )
    return Sidecar(Metadata(), (Diagnostic("sidecar_unusable", message, None, "avviso"),))


def _is_scalar(value: object) -> bool:
    """A single word, number or date ("" and booleans are not)."""
    return isinstance(value, _SCALARS) and not isinstance(value, bool) and value != ""
