"""Make the page images of the README (``docs/*.png``, the web page's aside) from the corpus.

    .venv/bin/python tools/pagine_docs.py

Each document is written as rodiff writes it by default (``make esempio``), printed to PDF by
LibreOffice (``rodiff.render.pdf``, the same path as ``--formato pdf``), and the page that
holds a given text is drawn as PNG (pypdfium2, 100 dpi): what a council member would see on
paper. Needs LibreOffice; prints one line per image.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2

from rodiff.messaggio import render_messaggio
from rodiff.render.confronto_docx import render_confronto_docx
from rodiff.render.pdf import docx_to_pdf
from rodiff.session import Revisione

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DOCS = ROOT / "docs"
DPI = 100


@dataclass(frozen=True)
class Image:
    name: str  # docs/<name>.png
    document: str  # key of DOCUMENTS
    text: str  # the page shown is the first that holds this text ("" : page 1)


def _vacallo() -> Revisione:
    folder = CORPUS / "vacallo"
    return Revisione.from_files(
        folder / "rod-1991.txt",
        folder / "rod-nuovo.txt",
        osservazioni=folder / "osservazioni.yaml",
        dati=folder / "messaggio.yaml",
    )


def _confronto(old: str, new: str, style: str) -> Callable[[], bytes]:
    def make() -> bytes:
        revisione = Revisione.from_files(CORPUS / old, CORPUS / new)
        return render_confronto_docx(revisione.confronto(style))  # type: ignore[arg-type]

    return make


def _messaggio() -> bytes:
    document = render_messaggio(_vacallo().messaggio)
    assert isinstance(document, bytes)
    return document


DOCUMENTS: dict[str, Callable[[], bytes]] = {
    "vacallo": lambda: render_confronto_docx(_vacallo().confronto("completo")),
    "mendrisio": _confronto("mendrisio/rod-2006-estratto.txt", "mendrisio/rod-2018-estratto.txt", "articoli"),
    "stabio": _confronto("stabio/rod-attuale-frammenti.txt", "stabio/rod-proposto-frammenti.txt", "frammenti"),
    "messaggio": _messaggio,
}
IMAGES = (
    Image("confronto-vacallo-tabella-stipendi", "vacallo", "Vicesegretario III"),
    Image("confronto-vacallo-art4-5", "vacallo", "condotta morale irreprensibile"),
    Image("confronto-vacallo-art15", "vacallo", "Se l’assenza"),
    Image("confronto-mendrisio", "mendrisio", ""),
    Image("confronto-stabio", "stabio", ""),
    Image("messaggio-vacallo-pagina-1", "messaggio", ""),
    Image("messaggio-vacallo-dispositivo", "messaggio", "r i s o l v e r e"),
    Image("messaggio-vacallo-allegato", "messaggio", "Allegato – Tabella di confronto"),
)


def _page_with(pdf: Path, text: str) -> int:
    if not text:
        return 0
    with pdfplumber.open(pdf) as document:
        for index, page in enumerate(document.pages):
            if text in (page.extract_text() or ""):
                return index
    raise SystemExit(f"«{text}» non è in {pdf.name}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="rodiff-docs-") as work:
        pdfs: dict[str, Path] = {}
        for image in IMAGES:
            if image.document not in pdfs:
                pdfs[image.document] = Path(work) / f"{image.document}.pdf"
                pdfs[image.document].write_bytes(docx_to_pdf(DOCUMENTS[image.document](), image.document))
            index = _page_with(pdfs[image.document], image.text)
            page = pypdfium2.PdfDocument(pdfs[image.document])[index]
            target = DOCS / f"{image.name}.png"
            page.render(scale=DPI / 72).to_pil().save(target, optimize=True)
            print(f"scritto {target.relative_to(ROOT)} (pagina {index + 1})")


if __name__ == "__main__":
    main()
