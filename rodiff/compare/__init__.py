"""The tabella di confronto as data (rows of cells of styled runs) and its osservazioni.

The styles and their column labels live here, apart from the table builder, so that the
command line can offer them without loading the alignment and the diff.
"""

from __future__ import annotations

from typing import Literal

Style = Literal["completo", "articoli", "frammenti"]
STYLES: tuple[Style, ...] = ("completo", "articoli", "frammenti")

DEFAULT_LABELS: dict[Style, tuple[str, ...]] = {
    "completo": ("Testo in vigore", "Testo proposto", "Osservazioni"),
    "articoli": ("Versione attuale", "Proposta di modifica"),
    "frammenti": ("Attuale", "Proposto"),
}
