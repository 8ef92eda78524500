"""Document metadata from a sidecar file: ``rod.txt`` is described by ``rod.yaml``.

Keys (Italian, since secretaries write them): ``comune``, ``titolo``, ``versione``,
``data``, ``fonte``. A missing or unreadable sidecar simply gives empty metadata.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Metadata


def read_sidecar_metadata(path: Path) -> Metadata:
    for suffix in (".yaml", ".yml"):
        sidecar = path.with_suffix(suffix)
        if sidecar.is_file() and sidecar != path:
            import yaml  # only when there is a sidecar: the import costs a tenth of a second

            try:
                data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError, OSError):
                return Metadata()
            if isinstance(data, dict):
                return Metadata(
                    commune=str(data.get("comune", "") or ""),
                    title=str(data.get("titolo", "") or ""),
                    version=str(data.get("versione", "") or ""),
                    date=str(data.get("data", "") or ""),
                    source=str(data.get("fonte", "") or ""),
                )
    return Metadata()
