"""Read a regulation (plain text, Markdown, DOCX, PDF) into a ``Document`` tree.

    >>> from rodiff.parse import parse_text
    >>> doc = parse_text("Art. 1\\nScopo\\nIl presente regolamento disciplina il rapporto d'impiego.")
    >>> [a.number.normalised for a in doc.articles()], doc.articles()[0].title
    (['1'], 'Scopo')

``parse_file`` picks the reader by the file's first bytes; ``read_revision_pair`` reads one
Word document with tracked changes as the old and the new version. Every reader produces
``SourceLine`` objects, and one builder (``build.py``) turns them into the tree.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import Diagnostic, Document, Metadata
from .build import build_document
from .inputs import input_kind, read_text
from .lines import SourceLine, split_lines
from .metadata import read_sidecar

if TYPE_CHECKING:  # the DOCX reader (lxml) loads only when a DOCX is read: faster start
    from .docx import View

Progress = Callable[[int, int], None]

__all__ = ["SourceLine", "has_revisions", "parse_file", "parse_lines", "parse_text", "read_revision_pair"]


def parse_text(text: str, name: str = "", metadata: Metadata | None = None) -> Document:
    """Parse plain text (the corpus format, or text extracted from a PDF)."""
    return build_document(split_lines(text), name, "testo", metadata)


def parse_lines(
    lines: list[SourceLine],
    name: str = "",
    kind: str = "testo",
    metadata: Metadata | None = None,
    diagnostics: list[Diagnostic] | None = None,
) -> Document:
    return build_document(lines, name, kind, metadata, diagnostics)


def parse_file(
    path: str | Path, progress: Progress | None = None, require_articles: bool = True, view: View = "accept"
) -> Document:
    """Read and parse one file; raises ``InputError`` (Italian message) on unusable input.

    A DOCX is read with its tracked changes accepted (``view="accept"``) or rejected
    (``view="reject"``); ``read_revision_pair`` gives both versions at once.
    """
    path = Path(path)
    kind = input_kind(path)
    sidecar = read_sidecar(path)  # an unusable rod.yaml is said in the diagnostics
    metadata = sidecar.metadata
    diagnostics: list[Diagnostic] = list(sidecar.diagnostics)
    if kind == "docx":
        from .docx import read_docx_lines

        lines = read_docx_lines(path, view)
    elif kind == "pdf":
        from .pdf import read_pdf_lines

        lines = read_pdf_lines(path, progress)
    else:
        decoded = read_text(path)
        lines = split_lines(decoded.text)
        for note in decoded.cleaned:  # "Art.\u200b12" would hide the article: cleaned, and said
            diagnostics.append(Diagnostic("cleaned_characters", f"Nel testo: {note}.", None, "info"))
        if decoded.encoding not in ("utf-8", "utf-8-sig"):
            diagnostics.append(
                Diagnostic(
                    "encoding",
                    f"Il file non è in UTF-8: è stato letto come {decoded.encoding}. "
                    "Controlli che le lettere accentate siano corrette.",
                    None,
                    "info",
                )
            )
    document = build_document(lines, path.name, kind, metadata, diagnostics)
    if require_articles and not document.articles():
        raise InputError(
            f"Nel file «{path.name}» non ho trovato nessun articolo. rodiff riconosce gli articoli "
            "da righe che iniziano con «Art. 1», «Art. 2»… Verifichi di aver scelto il regolamento "
            "e, se è un PDF scansionato, che contenga testo e non solo immagini."
        )
    return document


def read_revision_pair(path: str | Path, require_articles: bool = True) -> tuple[Document, Document]:
    """(old, new) from one DOCX with tracked changes: all rejected, all accepted (``parse.revisions``)."""
    from .revisions import read_revision_pair as read

    return read(path, require_articles)


def has_revisions(path: str | Path) -> bool:
    """True when the file is a DOCX whose main text holds tracked changes."""
    from .revisions import has_revisions as check

    return check(path)
