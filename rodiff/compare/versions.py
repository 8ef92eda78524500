"""Which of two versions is the more recent, from what they say of themselves.

A regulation names its version and date in its metadata (``rod-1991.yaml``: ``versione``,
``data``) or in its front matter ("Regolamento ... del 25 marzo 1991"). When VECCHIO says it
is more recent than NUOVO, the two files were most likely given in the wrong order: the
confronto would show the proposal as the text in force. ``swapped_versions`` says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..italiano import italian_date
from ..model import Document
from .patterns import YEAR


@dataclass(frozen=True)
class VersionTime:
    """When a version dates from: its metadata date if any, and the latest year it names."""

    date: dt.date | None
    year: int | None


def version_time(document: Document) -> VersionTime:
    """The date (``data`` of the metadata, ISO) and the latest year of the metadata and front matter.

    >>> from rodiff.model import Document, Metadata
    >>> version_time(Document(Metadata(version="ROD in vigore (1991)"), ("Regolamento del 2 maggio 1990",), ()))
    VersionTime(date=None, year=1991)
    """
    meta = document.metadata
    try:
        date = dt.date.fromisoformat(meta.date) if meta.date else None
    except ValueError:
        date = None
    years = [int(found) for text in (meta.version, meta.date, *document.front) for found in YEAR.findall(text)]
    return VersionTime(date, max(years) if years else None)


def swapped_versions(old: Document, new: Document) -> str | None:
    """A warning in Italian when VECCHIO dates from after NUOVO; None when the order looks right or is unknown."""
    before, after = version_time(old), version_time(new)
    if before.date and after.date:
        if before.date <= after.date:
            return None
        when_old, when_new = italian_date(before.date), italian_date(after.date)
    elif before.year and after.year and before.year > after.year:
        when_old, when_new = str(before.year), str(after.year)
    else:
        return None
    old_name = f"«{old.source_name}», " if old.source_name else ""
    new_name = f"«{new.source_name}», " if new.source_name else ""
    return (
        f"Attenzione: il testo indicato come in vigore (VECCHIO, {old_name}{when_old}) sembra più recente della proposta "
        f"(NUOVO, {new_name}{when_new}). Se ha scambiato i due file, li indichi nell'ordine: prima il testo in vigore, "
        "poi la proposta."
    )


def version_name(document: Document, fallback: str) -> str:
    """The version's name from its metadata ("in vigore (1991)"), its date, or ``fallback``."""
    meta = document.metadata
    if meta.version:
        return meta.version
    if meta.date:
        return f"{fallback} ({meta.date})"
    return fallback
