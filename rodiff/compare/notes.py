"""Osservazioni (the third column of the confronto): read the secretary's YAML file, check
it against the alignment, and write a skeleton with rodiff's proposals to complete.

The file maps the *new* article number to the text of the osservazione; a repealed
article, which has no new number, is written ``vecchio N``::

    "12": "Adattamento alla situazione in vigore da tempo."
    "13": "Introduzione del telelavoro."
    "vecchio 9": "Abrogato perché superato dalla LOC."
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ..align import Alignment
from ..errors import InputError
from ..italiano import STATUS_LABELS
from .table import automatic_note


def read_notes(path: Path) -> dict[str, str]:
    """Read an osservazioni file; a clear Italian error names the line and the field."""
    if not path.is_file():
        raise InputError(
            f"Il file delle osservazioni «{path}» non esiste. Controlli il nome, o lo crei con «rodiff osservazioni»."
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise InputError(f"Il file delle osservazioni «{path.name}» non è in UTF-8. Lo salvi come testo UTF-8.") from error
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else "?"
        raise InputError(
            f"Il file delle osservazioni «{path.name}» non è scritto correttamente alla riga {line} "
            f"({error.problem}). Controlli virgolette e due punti su quella riga."
        ) from error
    except yaml.YAMLError as error:
        raise InputError(f"Il file delle osservazioni «{path.name}» non è leggibile: {error}.") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(
            f"Il file delle osservazioni «{path.name}» deve contenere righe «numero: testo», "
            'per esempio: "12": "Adattamento numerazione."'
        )
    notes: dict[str, str] = {}
    for key, value in data.items():
        name = " ".join(str(key).split()).lower()
        if value is None:
            continue
        if not isinstance(value, str | int | float):
            raise InputError(f"Nel file «{path.name}» l'osservazione dell'articolo «{key}» deve essere un testo tra virgolette.")
        if str(value).strip():
            notes[name] = str(value).strip()
    return notes


def check_notes(notes: dict[str, str], alignment: Alignment, source: Path) -> None:
    """Every key must name an article of the alignment (new number, or "vecchio N")."""
    known = {pair.key for pair in alignment.pairs}
    unknown = sorted(key for key in notes if key not in known)
    if unknown:
        key = unknown[0]
        where = (
            f"l'articolo {key.split()[-1]} del testo in vigore non è abrogato o non esiste"
            if key.startswith("vecchio")
            else f"il nuovo testo non ha un art. {key}"
        )
        others = f" (e altre {len(unknown) - 1})" if len(unknown) > 1 else ""
        raise InputError(
            f"Il file delle osservazioni «{source.name}» cita «{key}»{others}, ma {where}. "
            "Le chiavi sono i numeri dei nuovi articoli; per un articolo abrogato: «vecchio N»."
        )


def notes_skeleton(alignment: Alignment) -> str:
    """A YAML file with one entry per article, rodiff's proposal filled in where it has one."""
    lines = [
        "# Osservazioni per la tabella di confronto (terza colonna).",
        "# Chiave: numero del NUOVO articolo; per un articolo abrogato: «vecchio N».",
        "# Scriva il testo tra virgolette. Le proposte di rodiff si possono cambiare o cancellare;",
        '# un\'osservazione vuota ("") non viene stampata.',
        "",
    ]
    for pair in alignment.pairs:
        old = ", ".join(str(a.number) for a in pair.old) or "–"
        new = ", ".join(str(a.number) for a in pair.new) or "–"
        lines.append(f"# art. {old} -> {new}: {STATUS_LABELS[pair.status]}")
        lines.append(f"{json.dumps(pair.key, ensure_ascii=False)}: {json.dumps(automatic_note(pair), ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
