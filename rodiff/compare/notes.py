"""Osservazioni (the third column of the confronto): rodiff's automatic proposals, the
secretary's YAML file read and checked against the alignment, and a skeleton to complete.

The file maps the *new* article number to the text of the osservazione; a repealed
article, which has no new number, is written ``vecchio N``::

    "12": "Adattamento alla situazione in vigore da tempo."
    "13": "Introduzione del telelavoro."
    "vecchio 9": "Abrogato perché superato dalla LOC."
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import yaml

from ..align import Alignment, ArticlePair
from ..diff import Diffs, changed_tokens, is_formal_only, new_text, old_text
from ..errors import InputError
from ..italiano import STATUS_LABELS
from ..parse.yaml_safe import load_yaml

# ------------------------------------------------------------------ automatic proposals


def automatic_notes(alignment: Alignment, diffs: Diffs | None = None) -> dict[str, str]:
    """Pair key -> the osservazione rodiff proposes ("" where it has none), once per pair."""
    diffs = diffs or Diffs()
    return {pair.key: automatic_note(pair, diffs) for pair in alignment.pairs}


def automatic_note(pair: ArticlePair, diffs: Diffs | None = None) -> str:
    """The osservazione rodiff proposes where the change is mechanical; "" otherwise."""
    diffs = diffs or Diffs()
    status = pair.status
    old, new = pair.old_article, pair.new_article
    if status == "new":
        return "Nuovo articolo."
    if status == "repealed":
        return "Articolo abrogato."
    if status == "renumbered":
        return "Adattamento numerazione."
    if status == "modified" and old is not None and new is not None and _only_numbers_changed(pair, diffs):
        return "Adattamento numerazione."  # only cited article numbers changed: "all'art. 23 26"
    if status == "moved" and old is not None:
        return f"Articolo spostato (era l'art. {old.number})."
    if status == "split" and old is not None:
        return f"Articolo suddiviso (dall'art. {old.number})."
    if status == "merged":
        return "Articoli uniti (artt. " + " e ".join(str(a.number) for a in pair.old) + ")."
    changed = status in ("modified", "renumbered_modified") and old is not None and new is not None
    if changed and is_formal_only(diffs.article(pair)):
        return "Adattamento numerazione e modifica di forma." if status == "renumbered_modified" else "Modifica di forma."
    return ""


def _only_numbers_changed(pair: ArticlePair, diffs: Diffs) -> bool:
    """True when every change is a number inside a reference ("all'art. 23 26", "cpv. 5 4").

    A changed deadline ("30 giorni" -> "15 giorni") is a real modification, not renumbering.
    """
    if pair.old[0].title != pair.new[0].title:
        return False
    ops = diffs.article(pair)
    if not changed_tokens(ops):
        return False
    old_at = new_at = 0
    old_spans = _reference_number_spans(old_text(ops))
    new_spans = _reference_number_spans(new_text(ops))
    for op in ops:
        size = len(op.text)
        if op.kind == "delete" and not _inside_numbers(op.text, old_at, old_spans):
            return False
        if op.kind == "insert" and not _inside_numbers(op.text, new_at, new_spans):
            return False
        old_at += size if op.kind != "insert" else 0
        new_at += size if op.kind != "delete" else 0
    return True


def _reference_number_spans(text: str) -> list[tuple[int, int]]:
    """Where the numbers of internal references stand ("art. 23", "cpv. 5"), found by rodiff.xref."""
    from ..xref import scan

    return [part.span for reference in scan(text) if reference.kind != "external" for part in reference.parts]


def _inside_numbers(text: str, start: int, spans: list[tuple[int, int]]) -> bool:
    """A changed run is only digits (and spaces) lying on a reference number."""
    if not text.strip() or not all(c.isdigit() or c.isspace() for c in text.strip()):
        return not text.strip()
    start += len(text) - len(text.lstrip())
    end = start + len(text.strip())
    return any(a <= start and end <= b for a, b in spans)


# ------------------------------------------------------------------ the secretary's file


def read_notes(path: Path) -> dict[str, str]:
    """Read an osservazioni file; a clear Italian error names the line and the field."""
    if not path.is_file():
        raise InputError(
            f"Il file delle osservazioni «{path}» non esiste. Controlli il nome, o lo crei con «rodiff osservazioni»."
        )
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), path.name)  # no aliases, bounded size and depth
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


def notes_skeleton(alignment: Alignment, proposals: Mapping[str, str] | None = None) -> str:
    """A YAML file with one entry per article, rodiff's proposal filled in where it has one.

    ``proposals`` are the automatic notes already computed (``automatic_notes``), if any.
    """
    proposals = automatic_notes(alignment) if proposals is None else proposals
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
        lines.append(f"{json.dumps(pair.key, ensure_ascii=False)}: {json.dumps(proposals[pair.key], ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
