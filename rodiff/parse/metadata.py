"""Document metadata from a sidecar file: ``rod.txt`` is described by ``rod.yaml``.

Keys (Italian, since secretaries write them): ``comune``, ``titolo``, ``versione``,
``data``, ``fonte``. The sidecar is read automatically, so it is read with limits (no YAML
aliases, bounded size and depth: ``yaml_safe``); a missing or unusable sidecar simply gives
empty metadata, and a value that is not a single word or number (a list, a group) is left out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import InputError
from ..model import Metadata

_SCALARS = (str, int, float, dt.date)


def read_sidecar_metadata(path: Path) -> Metadata:
    for suffix in (".yaml", ".yml"):
        sidecar = path.with_suffix(suffix)
        if sidecar.is_file() and sidecar != path:
            import yaml  # only when there is a sidecar: the import costs a tenth of a second

            from .yaml_safe import load_yaml

            try:
                data = load_yaml(sidecar.read_text(encoding="utf-8"), sidecar.name)
            except (InputError, yaml.YAMLError, UnicodeDecodeError, OSError):
                return Metadata()
            if isinstance(data, dict):
                return Metadata(
                    commune=_text(data.get("comune")),
                    title=_text(data.get("titolo")),
                    version=_text(data.get("versione")),
                    date=_text(data.get("data")),
                    source=_text(data.get("fonte")),
                )
    return Metadata()


def _text(value: object) -> str:
    """A scalar value as text; anything else (a list, a group of fields, empty) as ""."""
    return str(value) if isinstance(value, _SCALARS) and not isinstance(value, bool) and value != "" else ""
