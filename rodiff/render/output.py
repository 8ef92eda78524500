"""Writing results safely: atomically, never over an input, never over a file by surprise."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError

DEFAULT_OUTPUT_DIR = Path("output")


def default_output(name: str) -> Path:
    """A path in ./output/ (created if needed): outputs never land beside the inputs."""
    DEFAULT_OUTPUT_DIR.mkdir(exist_ok=True)
    return DEFAULT_OUTPUT_DIR / name


def check_output(path: Path, inputs: Iterable[Path], overwrite: bool) -> None:
    """Refuse an output that is an input, that exists (unless ``overwrite``), or has no folder."""
    for source in inputs:
        if _same_file(path, source):
            raise OutputError(
                f"Il file di uscita «{path}» è uno dei file di partenza: rodiff non sovrascrive mai i documenti "
                "che legge. Indichi un altro nome con -o."
            )
    if path.is_dir():
        raise OutputError(f"«{path}» è una cartella: indichi con -o il nome del file da scrivere.")
    if not path.parent.is_dir():
        raise OutputError(f"La cartella «{path.parent}» non esiste. La crei oppure indichi un altro percorso con -o.")
    if path.exists() and not overwrite:
        raise OutputError(
            f"Il file «{path}» esiste già. Per sostituirlo aggiunga --sovrascrivi, oppure scelga un altro nome con -o."
        )


def write_atomic(path: Path, data: bytes | str, inputs: Iterable[Path] = (), overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A reader never sees a half-written file, and an interrupted run leaves the old file intact.
    """
    check_output(path, inputs, overwrite)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(
            f"Non riesco a scrivere «{path}» ({error.strerror}). Controlli lo spazio su disco e i permessi."
        ) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()
