"""A revision folder for a secretary: ``rodiff nuovo CARTELLA``.

It holds what the secretary fills in, with every field explained in Italian:

- ``messaggio.yaml``: the data of the messaggio municipale (see ``rodiff.messaggio``);
- ``osservazioni.yaml``: the osservazioni per article (see ``rodiff.compare.notes``), to be
  filled by ``rodiff osservazioni`` once the two texts are in the folder;
- ``LEGGIMI.md``: what to put where, and the commands to run.

The three files are package data (``templates/cartella/`` of ``rodiff.templates``),
copied as they are, all three or none (``render.output.write_all``). Existing files are never
overwritten: the folder may already hold the secretary's work.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from ..errors import OutputError
from ..render.output import Output, write_all

NOTES_FILE = "osservazioni.yaml"
README_FILE = "LEGGIMI.md"


def folder_files() -> tuple[str, ...]:
    """The files of a revision folder: messaggio.yaml, osservazioni.yaml and LEGGIMI.md."""
    from ..messaggio.data import DATA_FILE  # imported here: «rodiff confronto» needs no messaggio

    return (DATA_FILE, NOTES_FILE, README_FILE)


def skeleton(name: str) -> str:
    """The text of one of the ``folder_files()`` as rodiff writes it."""
    from importlib.resources import files  # imported here: the session imports this module for NOTES_FILE only

    return (files("rodiff.templates") / "cartella" / name).read_text(encoding="utf-8")


def create_revision_folder(path: Path) -> list[Path]:
    """Create ``path`` (if needed) with messaggio.yaml, osservazioni.yaml and LEGGIMI.md.

    Raises ``OutputError`` (Italian) when any of the three files already exists: nothing
    is written then, so a half-done folder is never mixed with fresh skeletons.
    """
    if path.exists() and not path.is_dir():
        raise OutputError(f"«{path}» esiste già ed è un file, non una cartella. Scelga un altro nome.")
    existing = [name for name in folder_files() if (path / name).exists()]
    if existing:
        names = ", ".join(f"«{name}»" for name in existing)
        raise OutputError(
            f"Nella cartella «{path}» c'è già {names}: rodiff non sovrascrive il lavoro esistente. "
            "Scelga un'altra cartella, oppure sposti o rinomini quei file."
        )
    if not path.parent.is_dir():
        raise OutputError(f"La cartella «{path.parent}» non esiste: la crei prima, oppure scelga un altro percorso.")
    created = not path.exists()
    try:
        path.mkdir(exist_ok=True)
    except OSError as error:
        from ..parse.inputs import os_advice, os_reason

        raise OutputError(f"Non riesco a creare la cartella «{path}» ({os_reason(error)}). {os_advice(error)}") from error
    outputs = [Output(path / name, skeleton(name)) for name in folder_files()]
    try:
        return write_all(outputs)  # all three or none, never over a file made meanwhile
    except OutputError:
        if created:
            with contextlib.suppress(OSError):
                path.rmdir()  # the folder made here, left empty: nothing stays of a failed run
        raise
