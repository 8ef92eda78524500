"""One Word document with tracked changes, read as two versions of the regulation.

A secretary drafts the revision in Word with "Revisioni" on: the file holds both texts.
``read_revision_pair`` gives the old one (every revision rejected) and the new one (every
revision accepted), parsed like any other input, so that ``confronto`` and the other
commands that take VECCHIO NUOVO work on a single file::

    old, new = read_revision_pair("ROD-revisioni.docx")
    alignment = align(old, new)

Insertions and deletions of text, moves (``w:moveFrom`` / ``w:moveTo``), inserted and
deleted paragraph marks (paragraphs split or joined), table rows and cells, and old
paragraph properties (numbering) are all followed as Word does (``rodiff.parse.docx``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..model import Diagnostic, Document
from .build import build_document
from .docx import View, read_docx_views
from .inputs import input_kind
from .metadata import read_sidecar

VIEW_NAMES: dict[View, str] = {"reject": "revisioni rifiutate", "accept": "revisioni accettate"}


def read_revision_pair(path: str | Path, require_articles: bool = True) -> tuple[Document, Document]:
    """(old, new): the regulation with every revision rejected, and with every one accepted.

    Raises ``InputError`` (Italian message) when the file is not a Word document or, with
    ``require_articles``, when neither version has an article. A document without revisions
    gives two equal versions and a diagnostic saying so.
    """
    path = Path(path)
    if input_kind(path) != "docx":
        raise InputError(
            f"Il file «{path.name}» non è un documento Word (.docx): le revisioni (modifiche "
            "registrate) si leggono solo da un .docx. Indichi il testo in vigore e quello proposto."
        )
    sidecar = read_sidecar(path)  # an unusable rod.yaml is said in the diagnostics
    metadata = sidecar.metadata
    views = read_docx_views(path)
    marks = sum(views.revisions.values())
    documents: dict[View, Document] = {}
    for view in ("reject", "accept"):
        diagnostics: list[Diagnostic] = list(sidecar.diagnostics)
        if not marks:
            diagnostics.append(
                Diagnostic(
                    "no_revisions",
                    f"Il documento «{path.name}» non contiene revisioni: il testo in vigore e quello "
                    "proposto sono uguali. Le revisioni si registrano in Word con Revisione > Revisioni.",
                    None,
                    "avviso",
                )
            )
        version = f"{metadata.version or path.name}, {VIEW_NAMES[view]}"
        lines = views.accept if view == "accept" else views.reject
        documents[view] = build_document(lines, path.name, "docx", replace(metadata, version=version), diagnostics)
    old, new = documents["reject"], documents["accept"]
    if require_articles and not old.articles() and not new.articles():
        raise InputError(
            f"Nel file «{path.name}» non ho trovato nessun articolo, né accettando né rifiutando le revisioni. "
            "rodiff riconosce gli articoli da righe che iniziano con «Art. 1», «Art. 2»…"
        )
    return old, new


def has_revisions(path: str | Path) -> bool:
    """True when the main text of the DOCX holds at least one tracked change."""
    path = Path(path)
    return input_kind(path) == "docx" and any(read_docx_views(path).revisions.values())
